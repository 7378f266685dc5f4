// Every lab's metrics are pinned bit for bit, natively and in WebAssembly: the default runs to the
// end and two other configs per lab (tests/js/golden_runs.mjs). A refactor must keep them; a change
// that means to move numbers re-records them with scripts/update_golden.mjs and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadVilab } from './load_vilab.mjs';
import { goldenRuns, runKey, nativeMetrics, wasmMetrics } from './golden_runs.mjs';

const golden = JSON.parse(readFileSync(new URL('../golden/lab_metrics.json', import.meta.url)));
const vi = await loadVilab(process.env.VILAB_WASM_DIR);

for (const run of goldenRuns) {
  const key = runKey(run);
  test(`golden metrics, native: ${key}`, () => {
    assert.deepEqual(nativeMetrics(run), golden.native[key]);
  });
  test(`golden metrics, WebAssembly: ${key}`, () => {
    assert.deepEqual(wasmMetrics(vi, run), golden.wasm[key]);
  });
}
