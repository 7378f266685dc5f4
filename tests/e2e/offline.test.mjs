// After a first visit the site works with no network at all: the service worker (web/sw.js)
// answers from its cache. The test cuts the browser's network and stops the server too, so
// nothing can come from anywhere but the cache, then reloads a lab and the gallery.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  buildSite,
  startServer,
  launchBrowser,
  openPage,
  waitForInteractive,
  stepCount,
} from './helpers.mjs';

const site = buildSite();
const server = await startServer(site);
const browser = await launchBrowser({ serviceWorkers: 'allow' });
after(async () => {
  await browser.close();
  server.stop();
  fs.rmSync(site, { recursive: true, force: true });
});

test('a lab and the gallery load and train offline after the first visit', async () => {
  const { page, record } = await openPage(
    browser.context,
    `${server.origin}/lab.html?lab=localization`,
  );
  await waitForInteractive(page);
  await page.waitForSelector('.explanation .katex'); // KaTeX and its fonts are fetched by now
  // The worker is installed (every file cached) and controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 30000,
  });
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('vilab-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const file of ['/lab.html', '/index.html', '/js/main.js', '/wasm/vilab.wasm'])
    assert.ok(cached.includes(file), `${file} cached`);
  // Every file the page and its workers fetched is in the service worker's list (itself aside),
  // so an install keeps it, whether or not the first visit's requests passed through the worker.
  const listed = JSON.parse(
    fs.readFileSync(`${site}/sw.js`, 'utf8').match(/const files = (\[.*\]);/)[1],
  ).map((file) => `/${file.replace(/^\.\//, '')}`);
  const fetched = new Set(
    record.requests
      .map((url) => new URL(url))
      .filter((url) => url.origin === server.origin && url.pathname !== '/sw.js')
      .map((url) => url.pathname),
  );
  assert.ok(fetched.size > 10, 'the page fetched its files');
  for (const file of fetched) assert.ok(listed.includes(file), `${file} in sw.js's list`);

  await browser.context.setOffline(true);
  server.stop();
  await page.reload();
  await waitForInteractive(page);
  assert.equal(await page.textContent('#lab-title'), 'Neural VI for target localization');
  await page.click('[data-testid="step"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="step-count"]').textContent === '1',
  );
  assert.equal(await stepCount(page), 1);
  // The explanation's mathematics (KaTeX and its fonts) came from the cache too.
  await page.waitForSelector('.explanation .katex');

  await page.goto(`${server.origin}/index.html`);
  await page.waitForSelector('.card, [data-lab], a[href*="lab.html"]');
  assert.ok((await page.$$('a[href*="lab.html?lab="]')).length >= 6);
});
