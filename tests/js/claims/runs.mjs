// Runs shared by the claim checks: each (lab, config, steps) trains once per test process, so
// claims about the same setting reuse one run. A run keeps the metrics before the first step,
// the metrics and views at its end, and the lab itself, for view settings that need no new
// training (viewed()).
import { loadVilab } from '../load_vilab.mjs';

export const vilab = await loadVilab(process.env.VILAB_WASM_DIR);

const cache = new Map();

/**
 * Trains `lab` with `config` (over its defaults) until done, or for `steps` steps when given
 * (claims that hold at any step need no full run); returns {first, metrics, views}.
 */
export function run(lab, config = {}, { steps } = {}) {
  const full = { ...vilab.defaults(lab), ...config }; // {} and {seed: 0} are one run
  const key = JSON.stringify([lab, Object.entries(full).sort(), steps ?? null]);
  if (!cache.has(key)) {
    const instance = new vilab.Lab(lab, full);
    const first = instance.metrics();
    let left = steps ?? Infinity;
    while (left > 0 && !instance.metrics().done) {
      const taken = instance.step(Math.min(left, 1000));
      if (taken === 0) break;
      left -= taken;
    }
    const finished = { first, metrics: instance.metrics(), views: instance.views() };
    cache.set(key, { ...finished, config: full, instance });
  }
  return cache.get(key);
}

/** The metrics of a finished run seen under other view settings (they change no weights). */
export function viewed(finished, settings) {
  const { instance, config } = finished;
  const before = Object.fromEntries(Object.keys(settings).map((key) => [key, config[key]]));
  instance.configure(settings);
  const metrics = instance.metrics();
  instance.configure(before);
  return metrics;
}

/** The same run on each seed: claims that the words say hold "on every seed" or "on most". */
export function seeds(lab, list, config = {}, options = {}) {
  return list.map((seed) => ({ seed, ...run(lab, { ...config, seed }, options) }));
}

export const defaults = (lab) => vilab.defaults(lab);

/** Accepts a config the way the page would: the engine validates it on creating a lab. */
export function accepts(lab, config) {
  new vilab.Lab(lab, config).delete();
}
