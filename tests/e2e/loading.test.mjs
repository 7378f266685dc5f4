// How the lab page loads (scripts/build_web.mjs, web/js/main.js): its scripts come bundled, named
// by the page itself, before the engine starts; the page is built from the build-time catalog
// while the engine loads; the engine's replies that come before the plots exist are applied once
// they do; and KaTeX is not needed for the first frame. Order and content only: nothing is timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedEnvironment, waitForInteractive, assertClean, stepCount } from './helpers.mjs';
import { loadVilab } from '../js/load_vilab.mjs';
import { describeAll } from '../../web/js/runner.js';

const env = sharedEnvironment();

/** A request handler that holds matching requests until release() (then lets them through). */
function holdRequests() {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const held = [];
  return {
    held,
    release,
    async handler(route) {
      held.push(route.request().url());
      await released;
      await route.continue().catch(() => {}); // the page may have closed meanwhile
    },
  };
}

test('before the engine worker starts, the page fetches only the scripts lab.html names', async () => {
  const { page, record } = await env.open('lab.html?lab=localization');
  await waitForInteractive(page);
  const html = await (await fetch(`${env.origin}/lab.html`)).text();
  const named = new Set([...html.matchAll(/(?:src|href)="(js\/[^"]+\.js)"/g)].map((m) => m[1]));
  const scripts = record.requests
    .map((url) => new URL(url))
    .filter((url) => url.origin === env.origin && /\.m?js$/.test(url.pathname))
    .map((url) => url.pathname.slice(1));
  const workerAt = scripts.indexOf('js/worker.js');
  assert.ok(workerAt > 0, 'the engine worker started');
  const before = scripts.slice(0, workerAt);
  assert.ok(before.includes('js/main.js'));
  assert.deepEqual(
    before.filter((script) => !named.has(script)),
    [],
    'scripts found only by running or parsing another one (a module waterfall)',
  );
  await assertClean(assert, page, record, env.origin);
});

test('the build-time catalog is the engine’s own description of its labs', async () => {
  const built = await (await fetch(`${env.origin}/catalog.json`)).json();
  assert.deepEqual(built, describeAll(await loadVilab()));
});

test('the page builds its controls and plots while the engine is still loading', async () => {
  const page = await env.context.newPage();
  const wasm = holdRequests();
  await page.route('**/wasm/vilab.wasm', wasm.handler);
  await page.goto(`${env.origin}/lab.html?lab=logistic&seed=7`);
  await page.waitForSelector('#plot-grid .panel canvas');
  await page.waitForSelector('#settings .field-input', { state: 'attached' });
  assert.ok(wasm.held.length > 0, 'the engine is still waiting for its module');
  assert.equal(
    await page.textContent('#lab-title'),
    'Bayesian logistic regression: MAP, Laplace, VI',
  );
  assert.notEqual(await page.getAttribute('body', 'data-interactive'), 'true');
  wasm.release();
  await waitForInteractive(page);
  assert.equal(await page.inputValue('#seed input'), '7');
  await page.close();
});

test('Play pressed while the engine loads trains once it is ready, in one worker or two', async () => {
  for (const workers of [1, 2]) {
    const page = await env.context.newPage();
    const wasm = holdRequests();
    await page.route('**/wasm/vilab.wasm', wasm.handler);
    const short = '&mle.steps=300&vi.steps=40&bnn.steps=150';
    await page.goto(`${env.origin}/lab.html?lab=regression${short}&workers=${workers}`);
    await page.waitForSelector('#plot-grid .panel canvas');
    await page.click('[data-testid="play"]');
    assert.ok(wasm.held.length > 0, 'pressed before the engine had its module');
    wasm.release();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]').textContent === 'Finished',
      null,
      { timeout: 60000 },
    );
    assert.equal(await stepCount(page), 300, `workers=${workers}`);
    await page.close();
  }
});

test('replies that arrive before the plots exist are applied once they do', async () => {
  const page = await env.context.newPage();
  await page.addInitScript(() => {
    window.__frames = 0;
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', ({ data }) => {
          if (data.type === 'frame') window.__frames += 1;
        });
      }
    };
  });
  // The lab's view module (a chunk of its own) is held until the engine has sent its first frame.
  const view = holdRequests();
  await page.route(/\/js\/localization-\w+\.js$/, view.handler);
  await page.goto(`${env.origin}/lab.html?lab=localization&seed=5`);
  await page.waitForFunction(() => window.__frames > 0);
  assert.equal(view.held.length, 1, 'the view was still loading when the frame came');
  assert.equal(await page.$('#plot-grid .panel'), null, 'no plots yet');
  view.release();
  await waitForInteractive(page);
  assert.equal(await stepCount(page), 0);
  assert.equal(await page.textContent('[data-testid="run-state"]'), 'Ready');
  assert.ok((await page.$$('.metric-value')).length > 0, 'the frame’s metrics are shown');
  assert.match(page.url(), /seed=5/, 'the opened lab’s settings are in the URL');
  await page.close();
});

test('the first frame needs no KaTeX: the explanation shows its words and TeX, typeset later', async () => {
  const page = await env.context.newPage();
  const katex = holdRequests();
  await page.route('**/vendor/katex/katex.mjs', katex.handler);
  await page.goto(`${env.origin}/lab.html?lab=localization`);
  await waitForInteractive(page);
  assert.equal(await stepCount(page), 0);
  assert.doesNotMatch(await page.textContent('#explanation-body'), /^Loading/);
  assert.ok((await page.$$('#explanation-body .math-pending')).length > 0, 'TeX source shown');
  assert.equal((await page.$$('#explanation-body .katex')).length, 0);
  katex.release();
  await page.waitForSelector('#explanation-body .katex');
  await page.waitForFunction(() => document.querySelectorAll('.math-pending').length === 0);
  await page.close();
});
