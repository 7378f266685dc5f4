// The "Run 8 seeds" mode: the current settings trained to the end on several seeds, one after
// another, in a worker of its own (seed_sweep_worker.js), so that the student's run is never
// touched. Plain functions over a sweep object, tested in Node with the real module; the
// worker calls advanceSweep() a slice at a time so that a cancel is read between slices.
//
// Messages, page → worker:
//   {type: 'sweep-start', id, lab, config, seeds}  a sweep of `config` on each seed (replaces
//                                                   one in progress)
//   {type: 'sweep-cancel'}                          stops the sweep between two slices
// worker → page, each with the sweep's `id` (messages of a sweep cancelled a moment ago may
// still arrive after the next one has started; the page drops them by their id):
//   {type: 'sweep-progress', index, seed, step}  seed `index` (0-based) has reached `step`
//   {type: 'sweep-seed', index, run}             seed `index` finished (see finishSeed)
//   {type: 'sweep-done'} · {type: 'sweep-cancelled', index} · {type: 'sweep-error', message}

export const sweepSize = 8;
export const sliceMs = 12; // a slice of steps; a cancel waits at most this long (plus one call)
const maxStepsPerCall = 5000;

export const sweepMessage = Object.freeze({
  start: 'sweep-start',
  cancel: 'sweep-cancel',
  progress: 'sweep-progress',
  seed: 'sweep-seed',
  done: 'sweep-done',
  cancelled: 'sweep-cancelled',
  error: 'sweep-error',
});

/** Seeds s, s + 1, …, s + count − 1, wrapping past the schema's largest seed to 0. */
export function sweepSeeds(seed, maxSeed, count = sweepSize) {
  return Array.from({ length: count }, (_, i) => (seed + i) % (maxSeed + 1));
}

/**
 * The loss histories of a lab's views: every `history*` typed array, at the top level and in
 * a method's section (views.vi.historyLoss), which is all a view's lossCurve() reads. The maps,
 * grids and samples the page's own run draws stay in the worker.
 */
export function historyViews(views) {
  const out = {};
  for (const [key, value] of Object.entries(views)) {
    if (key.startsWith('history') && ArrayBuffer.isView(value)) out[key] = value;
    else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      const section = historyViews(value);
      if (Object.keys(section).length > 0) out[key] = section;
    }
  }
  return out;
}

/** A sweep of `config` (complete: the lab's defaults and the page's changes) on `seeds`. */
export function createSweep(vi, { lab, config, seeds, id = 0 }) {
  return {
    id,
    vi,
    lab,
    config,
    seeds,
    index: 0,
    instance: null,
    step: 0,
    msPerStep: 0,
    state: 'running',
  };
}

// The end of one seed's run (its budget spent, or diverged): what the page shows of it.
function finishSeed(sweep) {
  const { instance } = sweep;
  const metrics = instance.metrics();
  const history = historyViews(instance.views());
  instance.delete();
  sweep.instance = null;
  const run = {
    seed: sweep.seeds[sweep.index],
    steps: metrics.step,
    diverged: metrics.diverged === true,
    divergedAt: metrics.diverged ? metrics.divergedAt : null,
    message: metrics.diverged ? (metrics.message ?? '') : '',
    metrics,
    history,
  };
  const msg = { type: sweepMessage.seed, id: sweep.id, index: sweep.index, run };
  sweep.index += 1;
  sweep.step = 0;
  sweep.msPerStep = 0;
  return msg;
}

/**
 * Trains for about `budgetMs` (at least one engine call), moving on to the next seed when one
 * ends; returns the messages to post: a finished seed's result, then where the sweep stands.
 */
export function advanceSweep(sweep, budgetMs = sliceMs, clock = () => performance.now()) {
  if (sweep.state !== 'running') return [];
  const out = [];
  const start = clock();
  do {
    if (!sweep.instance)
      sweep.instance = new sweep.vi.Lab(sweep.lab, {
        ...sweep.config,
        seed: sweep.seeds[sweep.index],
      });
    const remaining = budgetMs - (clock() - start);
    const fit = sweep.msPerStep > 0 ? Math.floor(remaining / sweep.msPerStep) : 1;
    const n = Math.max(1, Math.min(maxStepsPerCall, fit));
    const t0 = clock();
    const done = sweep.instance.step(n);
    const measured = Math.max(clock() - t0, 1e-3) / Math.max(done, 1);
    sweep.msPerStep = sweep.msPerStep > 0 ? 0.7 * sweep.msPerStep + 0.3 * measured : measured;
    sweep.step += done;
    // A call that takes fewer steps than asked ends the run: its budget is spent or it diverged.
    if (done < n) {
      out.push(finishSeed(sweep));
      if (sweep.index === sweep.seeds.length) {
        sweep.state = 'done';
        out.push({ type: sweepMessage.done, id: sweep.id });
        return out;
      }
    }
  } while (clock() - start < budgetMs);
  out.push({
    type: sweepMessage.progress,
    id: sweep.id,
    index: sweep.index,
    seed: sweep.seeds[sweep.index],
    step: sweep.step,
  });
  return out;
}

/** Stops a sweep: the lab it was training is freed, and nothing more is trained. */
export function cancelSweep(sweep) {
  if (sweep.state !== 'running') return [];
  sweep.instance?.delete();
  sweep.instance = null;
  sweep.state = 'cancelled';
  return [{ type: sweepMessage.cancelled, id: sweep.id, index: sweep.index }];
}

/** The typed arrays' buffers in a finished seed's histories, to move rather than copy. */
export function historyBuffers(history, list = new Set()) {
  for (const value of Object.values(history)) {
    if (ArrayBuffer.isView(value)) list.add(value.buffer);
    else historyBuffers(value, list);
  }
  return [...list];
}
