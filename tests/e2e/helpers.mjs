// Shared set-up for the browser tests: build the site, serve it on a free port, drive
// Debian's Chromium through playwright-core (never a downloaded browser), and record
// everything a page does that a test may want to forbid.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifactsDir = path.join(root, 'build', 'e2e');

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Builds the site from the current sources into a directory of this test process's own
 * (a copy: well under a second), so that test files running at the same time, or another
 * checkout's tests, never serve a half-rebuilt build/web. Returns the directory.
 */
export function buildSite(out = path.join(artifactsDir, `site-${process.pid}`)) {
  execFileSync(process.execPath, [path.join(root, 'scripts/build_web.mjs'), '--out', out], {
    cwd: root,
    stdio: 'pipe',
  });
  return out;
}

/** Starts scripts/serve.mjs for `dir` on a free port; resolves to {origin, stop}. */
export function startServer(dir = path.join(root, 'build/web')) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts/serve.mjs'), '--port', '0', '--dir', dir],
    { cwd: root },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 10000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ origin: `http://127.0.0.1:${match[1]}`, stop: () => child.kill() });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/**
 * Chromium with a fresh profile directory, removed again by close(). The site's service worker
 * is blocked unless {serviceWorkers: 'allow'}: requests it answers would bypass page.route().
 */
export async function launchBrowser({
  viewport = { width: 1280, height: 900 },
  serviceWorkers = 'block',
} = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vilab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport,
    serviceWorkers,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs in the page before its scripts (an init script): wraps the Worker constructor so the
 * test can see what the training worker sends without any hook in the page's own code.
 * window.__probe counts frames and keeps the latest step, the engine's memory, the matrix-product
 * operations so far (flops) and the longest history array seen; refining is the latest frame's
 * views.refining and refinedAt the time of the frame that ended the last refinement (null until
 * one did); workers holds the workers, statuses the other messages, catalog the engine's lab
 * catalog, maxFps the frame rates the page asked for, trainingWorkers how many workers send
 * frames (parallel workers: see below).
 */
function installWorkerProbe() {
  const Native = window.Worker;
  const probe = {
    workers: [],
    frames: 0,
    step: 0,
    engineBytes: 0,
    flops: 0,
    refining: false,
    refinedAt: null,
    maxHistory: 0,
    statuses: [],
    catalog: null,
    maxFps: [],
    trainingWorkers: 0,
  };
  Object.defineProperty(window, '__probe', { value: probe });
  // Parallel workers (web/js/parallel_client.js) each train some of a lab's methods: the step is
  // the largest of their latest frames', flops add up, the maps refine while any worker's do,
  // and a worker's `done` is the lab's once every worker's latest frame is done.
  const latest = new Map();
  const all = (fn) => [...latest.values()].every(fn);
  window.Worker = class ProbedWorker extends Native {
    constructor(...args) {
      super(...args);
      probe.workers.push(this);
      this.addEventListener('message', ({ data }) => {
        if (data.type === 'ready') probe.catalog = data.catalog;
        if (data.type === 'opened') latest.delete(this);
        if (data.type !== 'frame') {
          const labDone = data.reason !== 'done' || all((frame) => frame.metrics.done);
          probe.statuses.push({
            type: data.type,
            reason: labDone ? (data.reason ?? null) : 'worker done',
            playing: data.playing ?? null,
            at: performance.now(),
          });
          return;
        }
        probe.frames += 1;
        latest.set(this, data);
        probe.trainingWorkers = latest.size;
        const frames = [...latest.values()];
        probe.step = Math.max(...frames.map((frame) => frame.metrics.step));
        probe.engineBytes = data.engineBytes;
        probe.flops = frames.reduce((sum, frame) => sum + frame.flops, 0);
        const refining = frames.some((frame) => frame.views.refining === true);
        if (probe.refining && !refining) probe.refinedAt = performance.now();
        probe.refining = refining;
        // History series sit at the top of the views or in a method's section (views.mle).
        const sections = [
          data.views,
          ...Object.values(data.views).filter(
            (v) => v && typeof v === 'object' && !Array.isArray(v),
          ),
        ];
        for (const section of sections) {
          for (const [key, value] of Object.entries(section)) {
            if (key.startsWith('history') && value.length > probe.maxHistory)
              probe.maxHistory = value.length;
          }
        }
      });
    }

    terminate() {
      latest.delete(this);
      return super.terminate();
    }

    postMessage(message, ...rest) {
      if (message?.type === 'settings') probe.maxFps.push(message.maxFps);
      return super.postMessage(message, ...rest);
    }
  };
}

/**
 * A new page that records console errors, uncaught exceptions, CSP violations (from the
 * page's securitypolicyviolation events and Chromium's "Refused to ..." console reports),
 * alert/confirm dialogs and the URL of every request, including the worker's. With
 * {probe: true} the page's workers are watched (see installWorkerProbe); reducedMotion:
 * 'reduce' emulates that preference from the start; init, a function, runs in the page before
 * its scripts (to set a test hook such as window.__vilabStallMs).
 */
export async function openPage(
  context,
  url,
  { probe = false, reducedMotion = null, init = null } = {},
) {
  const page = await context.newPage();
  // Waits poll every 50 ms unless told otherwise. Playwright's default polls at every animation
  // frame, which keeps the page rendering 60 frames a second for as long as a test waits: on a
  // 2-core machine that takes a core's share from the lab's training workers.
  const waitForFunction = page.waitForFunction.bind(page);
  page.waitForFunction = (fn, arg, options = {}) =>
    waitForFunction(fn, arg, { polling: 50, ...options });
  const record = {
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    requests: [],
    dialogs: [],
  };
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') record.consoleErrors.push(text);
    if (/Content Security Policy|Refused to/i.test(text)) record.cspViolations.push(text);
  });
  page.on('pageerror', (error) => record.pageErrors.push(String(error)));
  page.on('dialog', async (dialog) => {
    record.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  context.on('request', (request) => record.requests.push(request.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  if (probe) await page.addInitScript(installWorkerProbe);
  if (init) await page.addInitScript(init);
  if (reducedMotion) await page.emulateMedia({ reducedMotion });
  await page.goto(url);
  return { page, record };
}

/** Fails unless the page stayed clean: no errors, no CSP violations, no request off `origin`. */
export async function assertClean(assert, page, record, origin) {
  const fromEvents = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual([...record.cspViolations, ...fromEvents], [], 'CSP violations');
  assert.deepEqual(record.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(record.consoleErrors, [], 'console errors');
  const offOrigin = record.requests.filter(
    (url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'),
  );
  assert.deepEqual(offOrigin, [], 'requests that left the origin');
  assert.deepEqual(record.dialogs, [], 'alert/confirm dialogs');
}

/**
 * How many distinct colours a canvas holds (sampled on a grid of about 4 000 points);
 * a blank canvas has 1.
 */
export function canvasColours(page, selector) {
  return page.$eval(selector, (canvas) => {
    const g = canvas.getContext('2d');
    const { width, height } = canvas;
    const data = g.getImageData(0, 0, width, height).data;
    const stride = Math.max(1, Math.floor(Math.sqrt((width * height) / 4000)));
    const seen = new Set();
    for (let y = 0; y < height; y += stride) {
      for (let x = 0; x < width; x += stride) {
        const o = 4 * (y * width + x);
        seen.add((data[o] << 24) | (data[o + 1] << 16) | (data[o + 2] << 8) | data[o + 3]);
      }
    }
    return seen.size;
  });
}

/** Resolves once the page has drawn its first frame (main.js marks it then). */
export async function waitForInteractive(page, timeout = 30000) {
  await page.waitForFunction(() => document.body.dataset.interactive === 'true', null, { timeout });
}

/** Forces a garbage collection in the page, then returns its JavaScript heap in use (bytes). */
export async function heapUsed(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** The number shown by the step counter. */
export async function stepCount(page) {
  const text = await page.textContent('[data-testid="step-count"]');
  return Number(text.replace(/[^\d]/g, ''));
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Everything a test file needs, started once: site built, server up, browser running.
 * Call `await env.close()` in an after() hook. site: a folder already built to serve instead
 * (the benchmark's --site; it is left in place).
 */
export async function startEnvironment({ viewport, serviceWorkers, site: prebuilt = null } = {}) {
  const site = prebuilt ?? buildSite();
  const server = await startServer(site);
  const browser = await launchBrowser({ viewport, serviceWorkers });
  return {
    origin: server.origin,
    context: browser.context,
    open: (pathAndQuery, options) =>
      openPage(browser.context, `${server.origin}/${pathAndQuery}`, options),
    async close() {
      await browser.close();
      server.stop();
      if (!prebuilt) fs.rmSync(site, { recursive: true, force: true });
    },
  };
}

/**
 * The environment of one test file, started before its first test and closed after its last:
 * registers the node:test hooks and returns an object with startEnvironment()'s origin, context
 * and open(), valid inside the tests.
 */
export function sharedEnvironment(options) {
  let env;
  before(async () => {
    env = await startEnvironment(options);
  });
  after(async () => {
    await env?.close();
  });
  return {
    get origin() {
      return env.origin;
    },
    get context() {
      return env.context;
    },
    open: (pathAndQuery, openOptions) => env.open(pathAndQuery, openOptions),
  };
}

/**
 * Opens lab `lab` (query: more URL parameters, "&lr=0.1") once its first frame is drawn (the
 * engine's `opened` has then been applied: the URL names the settings the lab runs) and its
 * metrics and run state show. The page is built before the engine answers (catalog.json).
 */
export async function openLab(env, lab, query = '') {
  const opened = await env.open(`lab.html?lab=${encodeURIComponent(lab)}${query}`);
  await waitForInteractive(opened.page);
  await opened.page.waitForSelector('.metric-value');
  await opened.page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent !== '',
  );
  return opened;
}

/** Plays at "As fast as possible". */
export async function playFast(page) {
  await page.selectOption('[data-testid="speed"]', 'Infinity');
  await page.click('[data-testid="play"]');
}

/** Plays fast until the step counter reaches `steps`, pauses, and lets the panels repaint. */
export async function trainSteps(page, steps, { timeout = 60000 } = {}) {
  await playFast(page);
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="step-count"]').textContent.replace(/\D/g, '')) >=
      n,
    steps,
    { timeout },
  );
  await page.click('[data-testid="play"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Paused',
  );
  await painted(page); // the last frame's panels repaint on the next animation frame
}

/** Plays fast until every step budget is spent. */
export async function runToEnd(page, { timeout = 30000 } = {}) {
  await playFast(page);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Finished',
    null,
    { timeout },
  );
}

/** The number a metric row shows (its first word, with the typographic minus read as '-'). */
export async function metricValue(page, key) {
  const text = await page.textContent(`[data-metric="${key}"] .metric-value`);
  return Number(text.split(' ')[0].replace('−', '-'));
}

/**
 * Resolves once the page has run two animation frames: panels repaint in the animation frame
 * after an update (plots/panel.js), so what was drawn before this call is on the canvases. A
 * condition, not a delay: it holds however slow the machine is.
 */
export async function painted(page) {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** The labs the engine registers, in the registry's order: tests that cover every lab use it. */
export async function registeredLabs() {
  const { loadVilab } = await import('../js/load_vilab.mjs');
  return Array.from((await loadVilab(process.env.VILAB_WASM_DIR)).labs());
}
