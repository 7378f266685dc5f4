// The views' side of "Run 8 seeds": a view that offers it (seedSweep) names headline metrics
// from its own table that the engine reports as plain numbers, and its loss curve can be drawn
// from the histories alone, which is all the seeds' worker sends back (seed_sweep.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { useVendor } from './web/vendor_hooks.mjs';
import { historyViews } from '../../web/js/seed_sweep.js';
import { getPath } from '../../web/js/format.js';

useVendor();
const { defaultLossCurve } = await import('../../web/js/numbers.js');
const vi = await loadVilab(process.env.VILAB_WASM_DIR);
const views = Object.fromEntries(
  await Promise.all(
    vi.labs().map(async (lab) => [lab, (await import(`../../web/js/labs/${lab}.js`)).default]),
  ),
);

for (const lab of vi.labs().filter((name) => views[name].seedSweep)) {
  test(`${lab}: its seeds' table names metrics of its own, each a number the engine reports`, () => {
    const view = views[lab];
    const { metrics: keys } = view.seedSweep;
    assert.ok(keys.length > 0);
    const instance = new vi.Lab(lab, vi.defaults(lab));
    instance.step(20);
    const metrics = instance.metrics();
    const history = historyViews(instance.views());
    instance.delete();
    for (const key of keys) {
      assert.ok(
        view.metrics.some((m) => m.key === key),
        `${key} is in the metrics table`,
      );
      assert.equal(typeof getPath(metrics, key), 'number', key);
    }
    const curve = view.lossCurve ? view.lossCurve(history) : defaultLossCurve(history);
    assert.ok(curve && curve.x.length > 0, 'a loss curve from the histories alone');
    for (const series of curve.series) assert.equal(series.y.length, curve.x.length, series.label);
  });
}
