// Lab 6 through the WebAssembly module: the same numbers as the native CLI for every init.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { runNative } from './native_cli.mjs';
import { assertMetricsAgree } from './compare.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

for (const init of ['normal', 'default', 'xavier']) {
  test(`neural_process: 2 000 steps with init = ${init} agree natively and in WebAssembly`, () => {
    const config = { seed: 5, init, steps: 2000 };
    const native = runNative('neural_process', config);
    const lab = new vi.Lab('neural_process', config);
    while (!lab.metrics().done) assert.ok(lab.step(500) > 0);
    // Same float operations in the same order in both builds; 9 printed digits.
    assertMetricsAgree(lab.metrics(), native, 1e-7);
    lab.delete();
  });
}

test('neural_process: samples, snapshots and histories are finite and sized', () => {
  const lab = new vi.Lab('neural_process', {
    steps: 1000,
    snapshotEvery: 400,
    functionSamples: 50,
  });
  lab.step(1000);
  const v = lab.views();
  assert.equal(v.samples.length, 50 * 80);
  assert.deepEqual([...v.snapshotSteps], [0, 400, 800]);
  assert.equal(v.snapshotSamples.length, 3 * v.snapshotSampleCount * 80);
  assert.equal(v.maskZMean.length, 31 * 2);
  assert.ok(v.stateStep.length > 100 && v.historyStep.length > 100);
  for (const [key, value] of Object.entries(v)) {
    if (value instanceof Float32Array) assert.ok(value.every(Number.isFinite), `${key} is finite`);
  }
  lab.delete();
});
