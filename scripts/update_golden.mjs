// Records the golden metrics (tests/golden/lab_metrics.json) of the runs in
// tests/js/golden_runs.mjs, natively and in WebAssembly. Run it only when a change of numbers is
// intended, and say why in the commit; tests/js/golden.test.mjs compares against this file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVilab } from '../tests/js/load_vilab.mjs';
import { goldenRuns, runKey, nativeMetrics, wasmMetrics } from '../tests/js/golden_runs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vi = await loadVilab();
const golden = { native: {}, wasm: {} };
for (const run of goldenRuns) {
  const key = runKey(run);
  golden.native[key] = nativeMetrics(run);
  golden.wasm[key] = wasmMetrics(vi, run);
  console.log(key);
}
writeFileSync(
  path.join(root, 'tests', 'golden', 'lab_metrics.json'),
  JSON.stringify(golden, null, 1) + '\n',
);
