// Lab 4 through the WebAssembly module: the same metrics as the native CLI on a short run, and
// predictive maps that refine a chunk of Monte Carlo passes per views() call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { runNative } from './native_cli.mjs';
import { assertMetricsAgree } from './compare.mjs';
import { createSession, handleMessage, tick } from '../../web/js/runner.js';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

test('moons: a short run agrees natively and in WebAssembly', () => {
  const config = { seed: 2, 'bnn.steps': 300, 'dropout.steps': 200 };
  const lab = new vi.Lab('moons', config);
  while (!lab.metrics().done) lab.step(100);
  // Same float operations in the same order in both builds; 1e-5 leaves room for last-bit
  // differences of exp/log1p between the two C libraries.
  assertMetricsAgree(lab.metrics(), runNative('moons', config), 1e-5);
  lab.delete();
});

test('moons: views refine the predictive maps progressively and report progress', () => {
  const lab = new vi.Lab('moons', { passes: 30, gridSize: 60, 'bnn.steps': 5, 'dropout.steps': 5 });
  lab.step(5);
  let v = lab.views();
  const cells = v.gridNx * v.gridNy;
  assert.equal(v.passesTarget, 30);
  assert.ok(v.bnn.passesDone >= 1 && v.bnn.passesDone <= 30);
  let calls = 1;
  while (v.refining) {
    v = lab.views();
    assert.ok(++calls < 100, 'refinement finishes');
  }
  for (const method of ['bnn', 'dropout', 'plain']) {
    assert.equal(v[method].mean.length, cells, `${method}.mean covers the grid`);
    assert.equal(v[method].entropy.length, cells, `${method}.entropy covers the grid`);
    assert.ok(v[method].entropy.every((h) => h >= 0 && h <= Math.LN2 + 1e-6));
  }
  assert.equal(v.bnn.passesDone, 30);
  assert.equal(v.dropout.passesDone, 30);
  assert.equal(v.ring.length, 2 * 64);
  lab.delete();
});

test('moons: each network’s ECE agrees natively and in WebAssembly, with its bins in the views', () => {
  const config = { seed: 3, 'bnn.steps': 200, 'dropout.steps': 100 };
  const lab = new vi.Lab('moons', config);
  while (!lab.metrics().done) lab.step(100);
  const native = runNative('moons', config);
  const metrics = lab.metrics();
  const views = lab.views();
  for (const method of ['bnn', 'dropout', 'plain']) {
    for (const key of ['eceHeldOut', 'eceFar']) {
      assert.ok(Number.isFinite(native[method][key]), `${method}.${key} native`);
      assertMetricsAgree(metrics[method][key], native[method][key], 1e-5, `${method}.${key}`);
    }
    for (const set of ['heldOut', 'far']) {
      const bins = views[method].reliability[set];
      assert.ok(bins.count instanceof Float32Array && bins.count.length === 10);
      assert.equal(
        bins.count.reduce((sum, c) => sum + c, 0),
        500,
      );
    }
  }
  lab.delete();
});

test('moons: refine(n) completes the maps, identical however the passes were chunked', () => {
  const config = { passes: 40, gridSize: 30, 'bnn.steps': 20, 'dropout.steps': 20 };
  const finished = (refineBy) => {
    const lab = new vi.Lab('moons', config);
    lab.step(20);
    let calls = 0;
    while (refineBy(lab)) assert.ok(++calls < 200, 'refinement finishes');
    const v = lab.views();
    lab.delete();
    return v;
  };
  const byViews = finished((lab) => lab.views().refining);
  const byOnes = finished((lab) => lab.refine(1));
  const bySevens = finished((lab) => lab.refine(7));
  const oneCall = finished((lab) => lab.refine(1000));
  for (const v of [byOnes, bySevens, oneCall]) {
    assert.equal(v.refining, false);
    for (const method of ['bnn', 'dropout']) {
      assert.equal(v[method].passesDone, 40, `${method} stops at passesTarget`);
      for (const field of ['mean', 'std', 'entropy'])
        assert.deepEqual(v[method][field], byViews[method][field], `${method}.${field}`);
    }
  }
});

test('moons: refine(n) refuses a bad n, naming the argument and the range', () => {
  const lab = new vi.Lab('moons', { 'bnn.steps': 1, 'dropout.steps': 1 });
  for (const bad of [-1, 1.5, NaN, 'a'])
    assert.throws(() => lab.refine(bad), /refine\(n\): n must be an integer in \[0, 10000000\]/);
  lab.delete();
});

test('moons: refine(n) is false for a lab without progressive maps', () => {
  const lab = new vi.Lab('logistic', {});
  assert.equal(lab.refine(10), false);
  lab.delete();
});

test('moons: the worker loop refines the paused maps to passesTarget, as views() alone would', () => {
  const config = { passes: 200, gridSize: 100, 'bnn.steps': 10, 'dropout.steps': 10 };
  // A clock that stands still: the loop's slices and frames then depend on nothing but the lab.
  const session = createSession(vi, () => 0);
  handleMessage(session, { type: 'open', lab: 'moons', config });
  handleMessage(session, { type: 'step', n: 10 });
  assert.equal(session.refining, true);
  let last = null;
  for (let i = 0; i < 100 && session.refining; i++) {
    const frames = tick(session).filter((r) => r.msg.type === 'frame');
    if (frames.length) last = frames.at(-1).msg;
  }
  assert.equal(session.refining, false);
  assert.equal(last.views.refining, false);
  const lab = new vi.Lab('moons', config);
  lab.step(10);
  let v = lab.views();
  while (v.refining) v = lab.views();
  for (const method of ['bnn', 'dropout']) {
    assert.equal(last.views[method].passesDone, 200);
    assert.deepEqual(last.views[method].mean, v[method].mean, `${method}.mean`);
    assert.deepEqual(last.views[method].std, v[method].std, `${method}.std`);
  }
  lab.delete();
  session.lab.delete();
});
