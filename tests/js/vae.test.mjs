// Lab 5 through the WebAssembly module: the same numbers as the native CLI, and complete views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { runNative } from './native_cli.mjs';
import { assertMetricsAgree } from './compare.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

function runWasm(config) {
  const lab = new vi.Lab('vae', config);
  while (!lab.metrics().done) assert.ok(lab.step(100) > 0);
  return lab;
}

for (const latentDim of [1, 2]) {
  test(`vae: 8 epochs with a ${latentDim}-D latent agree natively and in WebAssembly`, () => {
    const config = { seed: 3, epochs: 8, latentDim };
    const native = runNative('vae', config);
    const lab = runWasm(config);
    // Both builds run the same float operations in the same order (and the exact log-likelihood
    // in double): the only slack is the CLI's 9 printed digits.
    assertMetricsAgree(lab.metrics(), native, 1e-7);
    lab.delete();
  });
}

test('vae: 8 epochs on the importance-weighted bound agree natively and in WebAssembly', () => {
  const config = { seed: 3, epochs: 8, objective: 'iwae', trainK: 4, iwaeK: 64 };
  const native = runNative('vae', config);
  const lab = runWasm(config);
  assertMetricsAgree(lab.metrics(), native, 1e-7);
  lab.delete();
});

test('vae: views hold every plot array, sized by the config and finite', () => {
  const lab = runWasm({ epochs: 2, priorSamples: 500, displayPoints: 200 });
  const v = lab.views();
  const sizes = {
    dataX: 400,
    dataZ: 200,
    priorZ: 500,
    priorMean: 1000,
    priorSample: 1000,
    testX: 400,
    testZ: 200,
    testRecon: 400,
    testLogLik: 200,
    testElboExact: 200,
    testGap: 200,
    testIwaeGap: 200,
    curve: 482,
    encoderMean: 64 * 64,
    encoderStd: 64 * 64,
    historyStep: 3,
    logLikHistoryStep: 2,
    logLikHistoryTestLogLik: 2, // epoch 0 and the last (every 10 epochs otherwise)
  };
  for (const [key, n] of Object.entries(sizes)) {
    assert.ok(v[key] instanceof Float32Array, `${key} is a Float32Array`);
    assert.equal(v[key].length, n, key);
    assert.ok(v[key].every(Number.isFinite), `${key} is finite`);
  }
  assert.ok(
    v.testGap.every((g) => g >= -1e-5),
    'log p(x) ≥ ELBO at every test point',
  );
  lab.delete();
});
