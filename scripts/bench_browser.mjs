// The benchmark's runs in headless Chromium: the WebAssembly module in a bare module worker on
// the served site (no page, runner or frames), one row per run with build 'chromium'.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEnvironment } from '../tests/e2e/helpers.mjs';

const runsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench_runs.mjs');

// Runs in the worker: the same timing loop as the Node rows (scripts/bench_runs.mjs, served
// beside it).
const workerSource = `import createVilab from './wasm/vilab.mjs';
import { timeRuns } from './bench-runs.mjs';
const vi = await createVilab({ locateFile: (file) => new URL('./wasm/' + file, import.meta.url).href });
const labFilter = new URL(import.meta.url).searchParams.get('lab');
timeRuns(vi, 'chromium', labFilter, (row) => postMessage({ row }));
postMessage({ done: true });`;

/** Rows for every bench run (or those of `labFilter`) timed in Chromium. */
export async function benchChromium(labFilter) {
  const env = await startEnvironment();
  try {
    const { page } = await env.open('index.html');
    await page.route('**/bench-worker.js*', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: workerSource }),
    );
    await page.route('**/bench-runs.mjs', (route) =>
      route.fulfill({ contentType: 'text/javascript', path: runsPath }),
    );
    const query = labFilter ? `?lab=${encodeURIComponent(labFilter)}` : '';
    return await page.evaluate(
      (url) =>
        new Promise((resolve, reject) => {
          const rows = [];
          const worker = new Worker(url, { type: 'module' });
          worker.onmessage = ({ data }) => {
            if (data.row) rows.push(data.row);
            if (data.done) {
              worker.terminate();
              resolve(rows);
            }
          };
          worker.onerror = (event) => reject(new Error(event.message));
        }),
      `/bench-worker.js${query}`,
    );
  } finally {
    await env.close();
  }
}
