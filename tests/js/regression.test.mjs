// Lab 2 through the WebAssembly module: the same numbers as the native CLI, nested per method,
// and views the page can draw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { runNative } from './native_cli.mjs';
import { assertMetricsAgree } from './compare.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

for (const dataset of ['cubic', 'sine']) {
  test(`regression: 200 steps on ${dataset} agree natively and in WebAssembly`, () => {
    const config = { dataset, seed: 3 };
    const native = runNative('regression', config, 200);
    const lab = new vi.Lab('regression', config);
    assert.equal(lab.step(200), 200);
    const m = lab.metrics();
    for (const method of ['mle', 'vi', 'bnn']) {
      assert.equal(m[method].step, 200, `${method} stepped`);
      for (const key of ['valMse', 'valNll', 'coverage90', 'bandWidth']) {
        assert.ok(Number.isFinite(m[method][key]), `${method}.${key} is finite`);
      }
    }
    // One engine, the same float operations in the same order in both builds (our GEMM,
    // -ffp-contract=off, our own normal sampler and logarithm); the CLI prints 9 digits.
    assertMetricsAgree(m, native, 1e-7);
    lab.delete();
  });
}

test('regression: a budget of 0 isolates a method, as the benchmark does', () => {
  const lab = new vi.Lab('regression', { 'mle.steps': 0, 'bnn.steps': 0, 'vi.steps': 5 });
  assert.equal(lab.step(10), 5);
  const m = lab.metrics();
  assert.equal(m.done, true);
  assert.equal(m.vi.step, 5);
  assert.equal(m.mle.step, 0);
  assert.equal(m.mle.loss, undefined, 'no training loss before a step');
  lab.delete();
});

test('regression: views carry both grids, the data and every method, finite', () => {
  const lab = new vi.Lab('regression', { dataset: 'sine', gridPoints: 101, scatterPoints: 500 });
  lab.step(20);
  const v = lab.views();
  assert.equal(v.x.length, 101);
  assert.equal(v.xWide.length, 101);
  assert.equal(v.dataX.length, 500);
  assert.deepEqual([...v.dataRange], [-4, 4]);
  for (const method of ['mle', 'vi', 'bnn']) {
    for (const key of [
      'point',
      'lower',
      'median',
      'upper',
      'pointWide',
      'lowerWide',
      'upperWide',
    ]) {
      assert.ok(v[method][key] instanceof Float32Array, `${method}.${key}`);
      assert.equal(v[method][key].length, 101);
      assert.ok(v[method][key].every(Number.isFinite), `${method}.${key} is finite`);
    }
    assert.equal(v[method].historyStep.length, 20);
  }
  assert.equal(v.bnn.fLowerWide.length, 101, 'the bnn also gives its function band');
  lab.delete();
});

test('regression: the coverage curves agree natively and in WebAssembly, rising with the level', () => {
  const config = { n: 1000, 'mle.steps': 100, 'vi.steps': 100, 'bnn.steps': 100 };
  const lab = new vi.Lab('regression', config);
  while (!lab.metrics().done) lab.step(100);
  const native = runNative('regression', config);
  const metrics = lab.metrics();
  const views = lab.views();
  assert.equal(views.coverageLevels.length, 19);
  for (const method of ['mle', 'vi', 'bnn']) {
    for (const key of ['coverage50', 'coverageError']) {
      assert.ok(Number.isFinite(native[method][key]), `${method}.${key} native`);
      assertMetricsAgree(metrics[method][key], native[method][key], 1e-5, `${method}.${key}`);
    }
    const curve = views[method].coverage;
    assert.equal(curve.length, 19);
    for (let k = 1; k < curve.length; k++) assert.ok(curve[k] >= curve[k - 1], `${method} ${k}`);
    assert.equal(curve[9], Math.fround(metrics[method].coverage50), 'the curve at 0.5');
  }
  lab.delete();
});
