// Every lab's metrics are pinned bit for bit, natively and in WebAssembly: the default runs to the
// end and two other configs per lab (tests/js/golden_runs.mjs). A refactor must keep them; a change
// that means to move numbers re-records them with scripts/update_golden.mjs and says why. Metrics
// added after a recording are not compared; every recorded key must still be there, unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadVilab } from './load_vilab.mjs';
import { goldenRuns, runKey, nativeMetrics, wasmMetrics } from './golden_runs.mjs';

const golden = JSON.parse(readFileSync(new URL('../golden/lab_metrics.json', import.meta.url)));
const vi = await loadVilab(process.env.VILAB_WASM_DIR);

const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `actual` restricted to the keys `recorded` has, at every depth (a missing key stays missing). */
function recordedKeys(actual, recorded) {
  if (!isRecord(recorded) || !isRecord(actual)) return actual;
  const out = {};
  for (const key of Object.keys(recorded))
    if (Object.hasOwn(actual, key)) out[key] = recordedKeys(actual[key], recorded[key]);
  return out;
}

test('the golden comparison drops only unrecorded keys', () => {
  const recorded = { a: 1, nested: { b: [1, 2] } };
  assert.deepEqual(
    recordedKeys({ a: 1, extra: 3, nested: { b: [1, 2], c: 0 } }, recorded),
    recorded,
  );
  assert.notDeepEqual(recordedKeys({ a: 2, nested: { b: [1, 2] } }, recorded), recorded);
  assert.notDeepEqual(recordedKeys({ nested: { b: [1, 2] } }, recorded), recorded);
  assert.notDeepEqual(recordedKeys({ a: 1, nested: { b: [1, 3] } }, recorded), recorded);
});

for (const run of goldenRuns) {
  const key = runKey(run);
  test(`golden metrics, native: ${key}`, () => {
    const expected = golden.native[key];
    assert.deepEqual(recordedKeys(nativeMetrics(run), expected), expected);
  });
  test(`golden metrics, WebAssembly: ${key}`, () => {
    const expected = golden.wasm[key];
    assert.deepEqual(recordedKeys(wasmMetrics(vi, run), expected), expected);
  });
}
