// Lab 1 through the WebAssembly module gives the same metrics as the native CLI.
import { test } from 'node:test';
import { loadVilab } from './load_vilab.mjs';
import { runNative } from './native_cli.mjs';
import { assertMetricsAgree } from './compare.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

test('localization: the default run agrees natively and in WebAssembly', () => {
  const native = runNative('localization', { seed: 3 });
  const lab = new vi.Lab('localization', { seed: 3 });
  while (!lab.metrics().done) lab.step(2000);
  // The CLI prints exact numbers; both builds do the same float operations in order.
  assertMetricsAgree(lab.metrics(), native, 1e-7);
  lab.delete();
});

test('localization: the full-covariance family agrees natively and in WebAssembly', () => {
  const config = { family: 'fullCov', steps: 3000 };
  const native = runNative('localization', config);
  const lab = new vi.Lab('localization', config);
  while (!lab.metrics().done) lab.step(1000);
  assertMetricsAgree(lab.metrics(), native, 1e-7);
  lab.delete();
});
