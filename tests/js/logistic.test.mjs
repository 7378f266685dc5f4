// Lab 3 through the WebAssembly module: the same metrics as the native CLI, and views the page
// can draw (three predictive maps on one grid, the exact posterior's density in weight space).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { runNative } from './native_cli.mjs';
import { assertMetricsAgree } from './compare.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

function runWasm(config) {
  const lab = new vi.Lab('logistic', config);
  while (!lab.metrics().done) lab.step(1000);
  const metrics = lab.metrics();
  lab.delete();
  return metrics;
}

for (const objective of ['exercise', 'elbo']) {
  test(`logistic (${objective}): the default run agrees natively and in WebAssembly`, () => {
    const config = { seed: 5, objective };
    // Both builds do the same float operations in the same order; 1e-5 leaves room for the
    // last-bit differences of exp/log between the two C libraries.
    assertMetricsAgree(runWasm(config), runNative('logistic', config), 1e-5);
  });
}

test('logistic (fullCov): the full-covariance VI agrees natively and in WebAssembly', () => {
  const config = { seed: 5, objective: 'elbo', family: 'fullCov' };
  assertMetricsAgree(runWasm(config), runNative('logistic', config), 1e-5);
});

test('logistic: views hold the three predictive maps and the exact posterior', () => {
  const lab = new vi.Lab('logistic', {});
  lab.step(5);
  const v = lab.views();
  const cells = v.gridNx * v.gridNy;
  for (const method of ['map', 'laplace', 'vi']) {
    assert.ok(v[method].prob instanceof Float32Array);
    assert.equal(v[method].prob.length, cells, `${method}.prob covers the grid`);
    assert.ok(
      v[method].prob.every((p) => p >= 0 && p <= 1),
      `${method}.prob are probabilities`,
    );
  }
  assert.equal(v.x.length, 2 * v.y.length);
  assert.equal(v.exact.density.length, v.exact.nx * v.exact.ny);
  assert.equal(Math.max(...v.exact.density), 1, 'density scaled to a peak of 1');
  assert.equal(v.laplace.cov.length, 4);
  assert.equal(v.vi.var.length, 2);
  lab.delete();
});

test('logistic: each method’s ECE agrees natively and in WebAssembly, with its bins in the views', () => {
  const config = { seed: 4 };
  const lab = new vi.Lab('logistic', config);
  while (!lab.metrics().done) lab.step(1000);
  const native = runNative('logistic', config);
  const metrics = lab.metrics();
  const views = lab.views();
  for (const method of ['map', 'laplace', 'vi']) {
    for (const key of ['eceHeldOut', 'eceFar']) {
      assert.ok(Number.isFinite(native[method][key]), `${method}.${key} native`);
      assertMetricsAgree(metrics[method][key], native[method][key], 1e-5, `${method}.${key}`);
    }
    for (const set of ['heldOut', 'far']) {
      const bins = views[method].reliability[set];
      assert.ok(bins.observed instanceof Float32Array && bins.observed.length === 10);
      assert.equal(
        bins.count.reduce((sum, c) => sum + c, 0),
        2000,
      );
    }
  }
  lab.delete();
});
