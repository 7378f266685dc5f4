// Runs shared by the claim checks: each (lab, config, steps) trains once per test process, so
// claims about the same setting reuse one run. A run keeps the metrics before the first step,
// the metrics and views at its end, and nothing else (the lab is deleted).
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
    cache.set(key, { first, metrics: instance.metrics(), views: instance.views() });
    instance.delete();
  }
  return cache.get(key);
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
