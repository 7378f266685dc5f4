import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedEnvironment, assertClean } from './helpers.mjs';

const env = sharedEnvironment();

test('markup in URL parameters is shown as text and never runs', async () => {
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const query = new URLSearchParams({ lab: payload, lr: payload, [payload]: '1' }).toString();
  const { page, record } = await env.open(`lab.html?${query}`);
  await page.waitForSelector('.metric-value');
  const notices = await page.$$eval('.notice p', (list) => list.map((p) => p.textContent));
  assert.equal(notices.length, 3);
  assert.ok(
    notices.every((text) => text.includes('<img src=x')),
    'the payload appears literally',
  );
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('img[src="x"], .notice script', (list) => list.length), 0);
  assert.equal(
    await page.textContent('#lab-title'),
    'Neural VI for target localization',
    'fell back to a real lab',
  );
  // Injected inline handlers or scripts would also be CSP violations, which assertClean forbids.
  await assertClean(assert, page, record, env.origin);
});

test('out-of-range and unknown settings warn and fall back to the defaults', async () => {
  const { page, record } = await env.open(
    'lab.html?lab=localization&lr=1e9&mcSamples=2.5&colour=red&lrDecay=maybe',
  );
  await page.waitForSelector('.metric-value');
  const notices = await page.$$eval('.notice p', (list) => list.map((p) => p.textContent));
  assert.equal(notices.length, 4);
  assert.ok(notices.some((text) => /lr = "1e9".*from 0\.00001 to 10|lr = "1e9"/.test(text)));
  assert.equal(await page.inputValue('[data-field="lr"] .field-input'), '0.01');
  assert.doesNotMatch(page.url(), /colour|1e9/, 'the URL is rewritten without the bad values');
  await assertClean(assert, page, record, env.origin);
});

test('a lab that is not built yet warns and shows the first lab', async () => {
  const { page, record } = await env.open('lab.html?lab=not_a_lab_yet');
  await page.waitForSelector('.metric-value');
  assert.match(await page.textContent('.notice p'), /no lab called "not_a_lab_yet" here yet/);
  await assertClean(assert, page, record, env.origin);
});

test('when the worker keeps dying the page says so instead of hanging', async () => {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route('**/js/worker.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("boom");' }),
  );
  await page.goto(`${env.origin}/lab.html?lab=localization`);
  // Three restarts, then the page gives up and says so.
  await page.waitForFunction(() =>
    document.querySelector('.notice-error')?.textContent.includes('keeps failing'),
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('the server refuses paths outside the site and serves wasm with its type', async () => {
  const traversal = await fetch(`${env.origin}/..%2f..%2fpackage.json`);
  assert.ok([403, 404].includes(traversal.status));
  const wasm = await fetch(`${env.origin}/wasm/vilab.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.match(wasm.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
});
