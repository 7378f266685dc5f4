// Histories the page keeps itself, bounded however long a tab trains. The engine keeps its
// own histories bounded (about a thousand points, its stride doubling as they fill); a series
// built here from frames does the same: it keeps every stride-th point and, when full, drops
// every other one and doubles the stride, so it always spans the whole run evenly.

export const defaultCapacity = 1000;

/** A bounded (x, y) series. add() in increasing x; arrays() includes the latest point. */
export function createSeries(capacity = defaultCapacity) {
  const state = { x: [], y: [], stride: 1, seen: 0, last: null };
  return {
    add(x, y) {
      state.last = [x, y];
      if (state.seen++ % state.stride !== 0) return;
      state.x.push(x);
      state.y.push(y);
      if (state.x.length > capacity) {
        state.x = state.x.filter((_, i) => i % 2 === 0);
        state.y = state.y.filter((_, i) => i % 2 === 0);
        state.stride *= 2;
      }
    },
    clear() {
      Object.assign(state, { x: [], y: [], stride: 1, seen: 0, last: null });
    },
    get length() {
      return state.x.length;
    },
    get stride() {
      return state.stride;
    },
    /** {x, y} as Float64Arrays, the latest point appended if it was not kept. */
    arrays() {
      const tail = state.last && state.x.at(-1) !== state.last[0] ? [state.last] : [];
      return {
        x: Float64Array.from([...state.x, ...tail.map((p) => p[0])]),
        y: Float64Array.from([...state.y, ...tail.map((p) => p[1])]),
      };
    },
  };
}

// Scalar metrics a loss curve can be drawn from, in order of preference, with their sign.
const lossMetrics = [
  ['loss', 1],
  ['elbo', -1],
  ['trainElbo', -1],
];

/**
 * A loss curve built from the frames' metrics, for labs whose views carry no history of
 * their own: add(frame) after every frame; curve() is {x, yLabel, series} or null.
 * A frame at an earlier step than the last (a reset or new settings) starts it again.
 */
export function createMetricTrace(capacity = defaultCapacity) {
  const series = createSeries(capacity);
  const state = { key: null, sign: 1, lastStep: -1 };
  return {
    add({ metrics }) {
      const step = metrics?.step;
      if (!Number.isFinite(step)) return;
      if (step < state.lastStep) series.clear();
      if (step === state.lastStep) return;
      state.lastStep = step;
      const found = lossMetrics.find(([key]) => Number.isFinite(metrics[key]));
      if (!found) return;
      [state.key, state.sign] = found;
      series.add(step, state.sign * metrics[state.key]);
    },
    get length() {
      return series.length;
    },
    curve() {
      if (series.length === 0) return null;
      const { x, y } = series.arrays();
      const label = state.sign < 0 ? `−${state.key}` : state.key;
      return {
        x,
        yLabel: `${label} (per frame)`,
        series: [{ label, y, color: 'fg', trend: true }],
      };
    },
  };
}
