// What the "Run 8 seeds" card shows of the finished runs, as plain functions tested in Node:
// the spread of each loss series across seeds (every seed's curve and their median), the
// final metrics' mean, standard deviation, minimum and maximum, and the runs as CSV.
import { formatCount, formatNumber, getPath } from './format.js';

/**
 * The loss curves of the runs, series by series. curves: one lossCurve() result per run (or
 * null), as {x, yLabel, series: [{label, y, color, trend}]}, in the runs' order; diverged: per
 * run, whether it stopped early. Returns {yLabel, series: [{label, color, trend, runs: [{x, y,
 * diverged}], median: {x, y}}]}, or null when no run has a curve. The median at a step is over
 * the runs that reached it (a diverged run's curve ends where it stopped).
 */
export function curveSpread(curves, diverged = []) {
  const present = curves.map((curve, i) => ({ curve, diverged: diverged[i] === true }));
  const withCurve = present.filter(({ curve }) => curve && curve.x.length > 0);
  if (withCurve.length === 0) return null;
  const labels = withCurve[0].curve.series.map((s) => s.label);
  const series = labels.map((label, k) => {
    const runs = withCurve.map(({ curve, diverged: stopped }) => ({
      x: curve.x,
      y: curve.series.find((s) => s.label === label)?.y ?? new Float32Array(0),
      diverged: stopped,
    }));
    const { color, trend = false } = withCurve[0].curve.series[k];
    return { label, color, trend, runs, median: medianCurve(runs) };
  });
  return { yLabel: withCurve[0].curve.yLabel, series };
}

/** The median over runs at each x of the longest run, of the runs whose x there is the same. */
export function medianCurve(runs) {
  const longest = runs.reduce((a, b) => (b.x.length > a.x.length ? b : a), runs[0]);
  const x = Float64Array.from(longest.x);
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const values = [];
    for (const run of runs)
      if (i < run.x.length && run.x[i] === x[i] && Number.isFinite(run.y[i])) values.push(run.y[i]);
    y[i] = median(values);
  }
  return { x, y };
}

/**
 * The values a spread's y axis is fitted to: at every step, each series' values across the
 * runs without the lowest and the highest quarter (none of three runs, one of four to seven,
 * two of eight), and the medians. A seed or two that blow up then leave the plot instead of
 * flattening the others' curves to a line.
 */
export function spreadFit(spread) {
  const fit = [];
  for (const { runs, median: middle } of spread?.series ?? []) {
    for (let i = 0; i < middle.x.length; i++) {
      const values = [];
      for (const run of runs)
        if (i < run.y.length && Number.isFinite(run.y[i])) values.push(run.y[i]);
      values.sort((a, b) => a - b);
      const cut = Math.floor(values.length / 4);
      const kept = values.slice(cut, values.length - cut);
      if (kept.length > 0) fit.push(kept[0], kept.at(-1));
      if (Number.isFinite(middle.y[i])) fit.push(middle.y[i]);
    }
  }
  return fit;
}

/**
 * Whether the spread reads better on a logarithmic axis (symmetric-log when the values change
 * sign): when its fitted values change sign or span more than a factor of ten. A narrow range
 * (localization's −ELBO, 25 to 40 nats) gets a linear axis with ticks to read it by.
 */
export function spreadLogScale(fit) {
  const magnitudes = fit.filter((v) => v !== 0 && Number.isFinite(v)).map(Math.abs);
  if (magnitudes.length === 0) return false;
  const signs = fit.some((v) => v < 0) && fit.some((v) => v > 0);
  return signs || Math.max(...magnitudes) > 10 * Math.min(...magnitudes);
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Mean, sample standard deviation, minimum and maximum of metric `key` over the runs that
 * finished (a diverged run's metrics are its last good state, not a result): {key, n, mean,
 * sd, min, max}; sd is NaN for fewer than two values, everything NaN for none.
 */
export function metricSummary(runs, key) {
  const values = runs
    .filter((run) => !run.diverged)
    .map((run) => getPath(run.metrics, key))
    .filter((v) => typeof v === 'number' && Number.isFinite(v));
  const n = values.length;
  if (n === 0) return { key, n, mean: NaN, sd: NaN, min: NaN, max: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : NaN;
  return { key, n, mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

/** "seed 5 at step 812, seed 6 at step 90": the runs that diverged, or '' for none. */
export function divergedText(runs) {
  return runs
    .filter((run) => run.diverged)
    .map((run) => `seed ${run.seed} at step ${formatCount(run.divergedAt)}`)
    .join(', ');
}

/**
 * The runs as CSV: one row per seed (its steps, whether it diverged and where, and each metric
 * in `keys`), then the rows mean, sd, min and max over the finished seeds.
 */
export function seedCsv(runs, keys) {
  const lines = [['seed', 'steps', 'diverged', 'divergedAt', ...keys].join(',')];
  for (const run of runs) {
    const values = keys.map((key) => {
      const v = getPath(run.metrics, key);
      return typeof v === 'number' ? String(v) : '';
    });
    lines.push([run.seed, run.steps, run.diverged, run.divergedAt ?? '', ...values].join(','));
  }
  const summaries = keys.map((key) => metricSummary(runs, key));
  for (const stat of ['mean', 'sd', 'min', 'max'])
    lines.push([stat, '', '', '', ...summaries.map((s) => String(s[stat]))].join(','));
  return `${lines.join('\n')}\n`;
}

/** A summary value for the table: three significant digits, '—' when there is none. */
export function summaryText(value) {
  return Number.isFinite(value) ? formatNumber(value, 3) : '—';
}
