// Embeds on a course page of another origin, with the site served by a plain static server
// (not the project's): every lab in an 800 × 600 iframe lays out without overlapping text or
// sideways scrolling, shows a plot after Play and its run state, and logs nothing; web/embed.js
// creates a frame that follows the lab's height; the lab page listens to no messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildSite,
  launchBrowser,
  openPage,
  assertClean,
  screenshot,
  registeredLabs,
} from './helpers.mjs';
import { plainStaticServer } from './static_server.mjs';
import { layoutProblems, visiblePlotHeight, waitForSteps } from './layout.mjs';

const labs = await registeredLabs();
let site;
let hostDir;
let labServer;
let hostServer;
let browser;

// Runs in every frame before its scripts: counts listeners for messages from other windows.
function countMessageListeners() {
  window.__messageListeners = 0;
  const add = window.addEventListener;
  window.addEventListener = function (type, ...rest) {
    if (type === 'message') window.__messageListeners += 1;
    return add.call(this, type, ...rest);
  };
  Object.defineProperty(window, 'onmessage', {
    set() {
      window.__messageListeners += 1;
    },
    get() {
      return null;
    },
  });
}

before(async () => {
  site = buildSite();
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vilab-host-'));
  labServer = await plainStaticServer(site);
  hostServer = await plainStaticServer(hostDir);
  assert.notEqual(new URL(labServer.origin).origin, new URL(hostServer.origin).origin);
  browser = await launchBrowser({ viewport: { width: 1000, height: 800 } });
  await browser.context.addInitScript(countMessageListeners);
});

after(async () => {
  await browser?.close();
  await labServer?.stop();
  await hostServer?.stop();
  fs.rmSync(site, { recursive: true, force: true });
  fs.rmSync(hostDir, { recursive: true, force: true });
});

function hostPage(name, body) {
  fs.writeFileSync(
    path.join(hostDir, name),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title><link rel="icon" href="data:,"></head><body><h1>Week 5</h1>${body}</body></html>`,
  );
  return `${hostServer.origin}/${name}`;
}

/** The host page's console and errors, plus the lab's requests, stay clean. */
async function assertHostClean(page, record) {
  assert.deepEqual(record.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(record.consoleErrors, [], 'console errors (host page and frames)');
  const foreign = record.requests.filter(
    (url) =>
      !url.startsWith(`${labServer.origin}/`) &&
      !url.startsWith(`${hostServer.origin}/`) &&
      !url.startsWith('blob:') &&
      !url.startsWith('data:'),
  );
  assert.deepEqual(foreign, [], 'requests to other origins');
}

for (const lab of labs) {
  test(`${lab} in an 800 × 600 cross-origin iframe`, async () => {
    const url = hostPage(
      `fixed-${lab}.html`,
      `<iframe src="${labServer.origin}/lab.html?lab=${lab}&embed=1" width="800" height="600" title="VI Lab" style="border:0"></iframe>`,
    );
    const { page, record } = await openPage(browser.context, url);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForFunction(() => document.body.dataset.interactive === 'true', null, {
      timeout: 30000,
    });
    await frame.click('[data-testid="play"]');
    await waitForSteps(frame, 150);
    assert.ok((await visiblePlotHeight(frame)) >= 150, 'a plot in view after Play');
    if ((await frame.textContent('[data-testid="run-state"]')) === 'Training')
      await frame.click('[data-testid="play"]');
    await frame.waitForFunction(() =>
      ['Paused', 'Finished', 'Diverged'].includes(
        document.querySelector('[data-testid="run-state"]').textContent,
      ),
    );
    assert.ok(await frame.isVisible('[data-testid="run-state"]'), 'the run state shows');
    await frame.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const problems = await layoutProblems(frame);
    assert.deepEqual(problems.overlaps, [], 'overlapping text');
    assert.deepEqual(problems.outside, [], 'text outside its canvas');
    assert.deepEqual(problems.scrollX, [], 'horizontal scroll');
    // The column beside the main plot holds a panel: no empty half of the frame.
    const beside = await frame.evaluate(() => {
      const main = document.querySelector('#plot-grid .main-plot').getBoundingClientRect();
      return [...document.querySelectorAll('#plot-grid .panel:not(.main-plot)')].some((panel) => {
        const box = panel.getBoundingClientRect();
        return box.width > 0 && box.left >= main.right - 1 && box.top < main.bottom;
      });
    });
    assert.ok(beside, 'a panel beside the main plot');
    assert.equal(await frame.evaluate(() => window.__messageListeners), 0, 'message listeners');
    await screenshot(page, `embed-${lab}-800.png`);
    await assertHostClean(page, record);
    await page.close();
  });
}

test('embed.js creates the frame and keeps it as tall as the lab; forged messages do nothing', async () => {
  const url = hostPage(
    'auto.html',
    `<p>Before the lab.</p><div data-vilab-src="${labServer.origin}/lab.html?lab=moons&embed=1&autoheight=1" data-vilab-title="VI Lab — Two moons"></div><script src="${labServer.origin}/embed.js" defer></script><p id="after">After the lab.</p>`,
  );
  const { page, record } = await openPage(browser.context, url);
  const iframe = await page.waitForSelector('iframe[data-vilab]');
  assert.equal(await iframe.getAttribute('title'), 'VI Lab — Two moons');
  const frame = await iframe.contentFrame();
  await frame.waitForFunction(() => document.body.dataset.interactive === 'true', null, {
    timeout: 30000,
  });
  // The frame grows to the content: nothing scrolls inside it.
  await page.waitForFunction(() => {
    const element = document.querySelector('iframe[data-vilab]');
    return element.getBoundingClientRect().height !== 600;
  });
  await frame.waitForFunction(
    () => document.documentElement.scrollHeight <= window.innerHeight + 1,
    null,
    { timeout: 10000 },
  );
  const contentHeight = await frame.evaluate(() =>
    Math.ceil(document.body.getBoundingClientRect().height),
  );
  const frameHeight = await iframe.evaluate((node) => node.getBoundingClientRect().height);
  assert.ok(Math.abs(frameHeight - contentHeight) <= 1, `${frameHeight} vs ${contentHeight}`);
  // A message from another window (here the host page itself) does not resize the frame, and
  // a message to the lab page does not reach it.
  await page.evaluate(() => window.postMessage({ type: 'vilab:height', height: 50 }, '*'));
  await page.evaluate(() =>
    document.querySelector('iframe').contentWindow.postMessage({ type: 'play' }, '*'),
  );
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.equal(await iframe.evaluate((node) => node.getBoundingClientRect().height), frameHeight);
  assert.equal(await frame.textContent('[data-testid="step-count"]'), '0');
  assert.equal(await frame.evaluate(() => window.__messageListeners), 0);
  await page.waitForTimeout(100);
  await screenshot(page, 'embed-auto-moons.png');
  await assertHostClean(page, record);
  await page.close();
});

test('the Embed dialog offers the self-sizing snippet and the fixed frame', async () => {
  const { page, record } = await openPage(
    browser.context,
    `${labServer.origin}/lab.html?lab=localization`,
  );
  await page.waitForFunction(() => document.body.dataset.interactive === 'true');
  await page.click('#embed-button');
  const script = await page.inputValue('[data-testid="embed-script"]');
  assert.match(script, /data-vilab-src="http:\/\/127\.0\.0\.1:\d+\/lab\.html\?lab=localization/);
  assert.match(script, /autoheight=1/);
  assert.match(script, /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" defer><\/script>/);
  assert.match(await page.inputValue('[data-testid="embed-snippet"]'), /^<iframe /);
  await assertClean(assert, page, record, labServer.origin);
  await page.close();
});
