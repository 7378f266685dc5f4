// A lab that trains several methods gives each its own random stream and its own budget
// (engine/training/training_method.h), so a method trained alone is the same method as inside
// the full lab, bit for bit. Parallel workers (one per method) rest on this: their merged
// frames must equal a single worker's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);
// Rounds of the comparison: every method of every lab still has budget left at most of them
// (regression's vi has 1 000, logistic's map 20: it finishes on the way).
const rounds = 300;

// The benchmark's runs name each method of a lab and set the others' budgets to 0.
const methodRuns = vi.benchRuns().filter((run) => run.label.includes('/'));

/** A method's own metrics and views after `rounds` rounds of the lab built from `config`. */
function methodResults(lab, config, method) {
  const running = new vi.Lab(lab, config);
  try {
    running.step(rounds);
    return { metrics: running.metrics()[method], views: running.views()[method] };
  } finally {
    running.delete();
  }
}

/** Float32Arrays as plain arrays, so deepEqual compares every element (NaN equal to NaN). */
function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

test('the benchmark names every method of the labs that train several', () => {
  const labs = new Set(methodRuns.map((run) => run.lab));
  assert.deepEqual([...labs].sort(), ['logistic', 'moons', 'regression']);
});

for (const run of methodRuns) {
  const method = run.label.split('/')[1];
  test(`${run.label} trained alone gives the metrics and views it has in the full lab`, () => {
    const alone = methodResults(run.lab, run.config, method);
    const together = methodResults(run.lab, {}, method);
    assert.ok(alone.metrics, `metrics().${method} exists`);
    assert.ok(alone.views, `views().${method} exists`);
    assert.deepEqual(plain(alone.metrics), plain(together.metrics));
    assert.deepEqual(plain(alone.views), plain(together.views));
  });
}
