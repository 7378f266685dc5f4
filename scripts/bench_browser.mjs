// The benchmark's runs in headless Chromium: the WebAssembly module in a bare module worker on
// the served site (no page, runner or frames), one row per run with build 'chromium'.
import { startEnvironment } from '../tests/e2e/helpers.mjs';

// Runs in the worker: the same loop as the Node rows of scripts/bench.mjs.
const workerSource = `import createVilab from './wasm/vilab.mjs';
const vi = await createVilab({ locateFile: (file) => new URL('./wasm/' + file, import.meta.url).href });
const labFilter = new URL(import.meta.url).searchParams.get('lab');
for (const run of vi.benchRuns()) {
  if (labFilter && run.lab !== labFilter) continue;
  const lab = new vi.Lab(run.lab, run.config);
  const start = performance.now();
  while (lab.step(1000) > 0);
  const seconds = (performance.now() - start) / 1000;
  const steps = lab.metrics().step;
  const flops = lab.flops();
  lab.delete();
  const row = { lab: run.label, build: 'chromium', steps, seconds, stepsPerSecond: steps / seconds };
  if (flops > 0) row.gflops = flops / seconds / 1e9;
  postMessage({ row });
}
postMessage({ done: true });`;

/** Rows for every bench run (or those of `labFilter`) timed in Chromium. */
export async function benchChromium(labFilter) {
  const env = await startEnvironment();
  try {
    const { page } = await env.open('index.html');
    await page.route('**/bench-worker.js*', (route) => route.fulfill({ contentType: 'text/javascript', body: workerSource }));
    const query = labFilter ? `?lab=${encodeURIComponent(labFilter)}` : '';
    return await page.evaluate((url) => new Promise((resolve, reject) => {
      const rows = [];
      const worker = new Worker(url, { type: 'module' });
      worker.onmessage = ({ data }) => {
        if (data.row) rows.push(data.row);
        if (data.done) { worker.terminate(); resolve(rows); }
      };
      worker.onerror = (event) => reject(new Error(event.message));
    }), `/bench-worker.js${query}`);
  } finally {
    await env.close();
  }
}
