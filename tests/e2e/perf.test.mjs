// Performance figures for the localization lab in Chromium, written to build/e2e/perf.json
// and printed. Measurements, never timed assertions (speed depends on the machine's load): the
// checks are functional, that the page becomes interactive in order and that every run ends.
//   (a) navigation to interactive: from navigation start to the first frame on screen
//       (main.js's performance mark 'vilab:interactive'), with the engine's `ready` on the way;
//   (b) steps per second of the default run (10 000 steps) at "As fast as possible", from the
//       worker's `play` status to its `done` status, on a fresh page and again after a reset,
//       against lab.step(10 000) in one call in a bare module worker (the raw engine in
//       Chromium, first and second run) and in Node.
// With VILAB_UPDATE_DOCS=1 it also refreshes docs/screenshot.png and docs/gallery.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEnvironment, waitForInteractive, artifactsDir, root } from './helpers.mjs';
import { loadVilab } from '../js/load_vilab.mjs';

let env;
const results = {
  measuredAt: new Date().toISOString(),
  cpus: os.cpus().length,
  loadAverage: os.loadavg(),
};
before(async () => {
  env = await startEnvironment({ viewport: { width: 1280, height: 800 } });
});
after(async () => {
  await env?.close();
  if (!results.interactive && !results.stepsPerSecond) return; // only the screenshots ran
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, 'perf.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`# perf.json: ${JSON.stringify(results)}`);
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (v) => Math.round(v);

test('(a) navigation to interactive, localization lab', async () => {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const { page } = await env.open('lab.html?lab=localization', { probe: true });
    await waitForInteractive(page);
    runs.push(
      await page.evaluate(() => ({
        domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        engineReady: window.__probe.statuses.find((s) => s.type === 'ready').at,
        interactive: performance.getEntriesByName('vilab:interactive')[0].startTime,
      })),
    );
    await page.close();
  }
  results.interactive = {
    what: "ms from navigation start: DOMContentLoaded, the worker's ready (engine compiled), first frame painted",
    runs: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]))),
    medianMs: round(median(runs.map((r) => r.interactive))),
  };
  console.log(
    `# interactive after ${results.interactive.medianMs} ms (median of 3; target < 1000)`,
  );
  // In order: the document, then the engine, then the first frame on screen.
  for (const r of runs)
    assert.ok(r.domContentLoaded <= r.interactive && r.engineReady <= r.interactive);
});

// A bare module worker served at a test-only address (same origin, so the page's policy
// allows it): the engine's raw speed in Chromium, without the runner, frames or the page.
// Two runs: the first pays for compiling the hot code (WebAssembly tiers up while it runs).
const benchWorker = `import createVilab from './wasm/vilab.mjs';
const vi = await createVilab({ locateFile: (file) => new URL('./wasm/' + file, import.meta.url).href });
const runs = [];
for (let i = 0; i < 2; i++) {
  const lab = new vi.Lab('localization', vi.defaults('localization'));
  const start = performance.now();
  const steps = lab.step(10000);
  runs.push({ steps, ms: performance.now() - start });
  lab.delete();
}
postMessage(runs);`;

function rawWorkerRuns(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const worker = new Worker('/perf-bench-worker.js', { type: 'module' });
        worker.onmessage = ({ data }) => {
          worker.terminate();
          resolve(data);
        };
        worker.onerror = (event) => reject(new Error(event.message));
      }),
  );
}

/** Plays the default run to the end on `page` and returns {steps, ms, frames} from play to done. */
async function playToEnd(page) {
  const before = await page.evaluate(() => ({
    statuses: window.__probe.statuses.length,
    frames: window.__probe.frames,
  }));
  await page.click('[data-testid="play"]');
  await page.waitForFunction(
    (n) => window.__probe.statuses.slice(n).some((s) => s.reason === 'done'),
    before.statuses,
    { timeout: 120000 },
  );
  return page.evaluate(({ statuses, frames }) => {
    const list = window.__probe.statuses.slice(statuses);
    const at = (reason) => list.find((s) => s.reason === reason).at;
    return {
      steps: window.__probe.step,
      ms: at('done') - at('play'),
      frames: window.__probe.frames - frames,
    };
  }, before);
}

// In the page: a fresh load played at once (what a visitor gets first, with the page still
// typesetting its explanation and the engine's code still tiering up), then after a reset.
async function pageRuns() {
  const { page } = await env.open('lab.html?lab=localization', { probe: true });
  await waitForInteractive(page);
  await page.selectOption('[data-testid="speed"]', 'Infinity');
  const first = await playToEnd(page);
  await page.click('[data-testid="reset"]');
  await page.waitForFunction(() => window.__probe.step === 0);
  const second = await playToEnd(page);
  return { page, runs: [first, second] };
}

test('(b) steps per second of the default localization run at full speed', async () => {
  const { page: benchPage } = await env.open('index.html');
  await benchPage.route('**/perf-bench-worker.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: benchWorker }),
  );
  const raw = [];
  const runner = [];
  for (let i = 0; i < 2; i++) {
    raw.push(await rawWorkerRuns(benchPage));
    const { page, runs } = await pageRuns();
    runner.push(runs);
    if (i === 1 && process.env.VILAB_UPDATE_DOCS === '1') {
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(root, 'docs', 'screenshot.png') });
    }
    await page.close();
  }
  const vi = await loadVilab(
    process.env.VILAB_WASM_DIR ? path.resolve(root, process.env.VILAB_WASM_DIR) : undefined,
  );
  const node = [];
  for (let i = 0; i < 2; i++) {
    const lab = new vi.Lab('localization', vi.defaults('localization'));
    const start = performance.now();
    node.push({ steps: lab.step(10000), ms: performance.now() - start });
    lab.delete();
  }

  const rate = ({ steps, ms }) => round((1000 * steps) / ms);
  const table = (pairs) =>
    pairs.map((pair) => pair.map((r) => ({ ...r, ms: round(r.ms), stepsPerSec: rate(r) })));
  const best = (pairs, k) => Math.max(...pairs.map((pair) => rate(pair[k])));
  const summary = {
    firstRun: { page: best(runner, 0), rawWorker: best(raw, 0) },
    warm: { page: best(runner, 1), rawWorker: best(raw, 1), node: rate(node[1]) },
  };
  results.stepsPerSecond = {
    what: 'default localization run (10 000 steps). page: play -> done at "As fast as possible", on a fresh page then after a reset; rawWorker: lab.step(10000) in one call in a bare module worker, twice; node: the same in Node. Pairs are [first, second]; best of two repetitions in summary.',
    page: table(runner),
    rawWorker: table(raw),
    node: table([node])[0],
    summary,
    pageShareOfRawWarm: Number((summary.warm.page / summary.warm.rawWorker).toFixed(2)),
  };
  console.log(
    `# steps/s, first run: page ${summary.firstRun.page}, raw worker ${summary.firstRun.rawWorker}; warm: page ${summary.warm.page}, raw worker ${summary.warm.rawWorker}, Node ${summary.warm.node}`,
  );
  assert.ok(runner.flat().every((r) => r.steps === 10000));
  assert.ok(raw.flat().every((r) => r.steps === 10000));
  assert.ok(node.every((r) => r.steps === 10000));
  await benchPage.close();
});

test(
  'gallery screenshot',
  { skip: process.env.VILAB_UPDATE_DOCS !== '1' && 'set VILAB_UPDATE_DOCS=1 to refresh docs/' },
  async () => {
    const { page } = await env.open('index.html');
    await page.waitForFunction(() => {
      const cards = document.querySelectorAll('.card');
      return (
        cards.length > 0 &&
        document.querySelectorAll('.card[data-view-loaded]').length === cards.length
      );
    });
    // The cards, with the section's title: the intro's text is in the README already.
    const top = await page.$eval(
      '#labs-title',
      (el) => el.getBoundingClientRect().top + scrollY - 24,
    );
    const bottom = await page.$eval(
      '#labs',
      (el) => el.getBoundingClientRect().bottom + scrollY + 24,
    );
    await page.screenshot({
      path: path.join(root, 'docs', 'gallery.png'),
      fullPage: true,
      clip: { x: 0, y: top, width: 1280, height: bottom - top },
    });
  },
);
