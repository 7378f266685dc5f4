// Accessibility: axe-core (from node_modules, injected into the page from this process; nothing
// is fetched) finds no violations on the gallery or any lab; the live region announces the
// run and its headline result; the plots' text alternatives follow what they show; display
// toggles live in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { sharedEnvironment, assertClean, waitForInteractive, registeredLabs } from './helpers.mjs';

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const labs = await registeredLabs();
const env = sharedEnvironment();

async function violations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  });
}

test('axe finds no violations on the gallery', async () => {
  const { page, record } = await env.open('index.html');
  await page.waitForSelector('a[href*="lab.html?lab="]');
  assert.deepEqual(await violations(page), []);
  await assertClean(assert, page, record, env.origin);
});

for (const lab of labs) {
  test(`axe finds no violations on ${lab}, before and after training`, async () => {
    const { page, record } = await env.open(`lab.html?lab=${lab}`);
    await waitForInteractive(page);
    await page.waitForSelector('.explanation .katex');
    assert.deepEqual(await violations(page), [], 'at load');
    await page.click('[data-testid="step"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-count"]').textContent === '1',
    );
    assert.deepEqual(await violations(page), [], 'after a step');
    await assertClean(assert, page, record, env.origin);
  });
}

test('headings go in order: one h1, then h2s, h3s only under an h2', async () => {
  const { page } = await env.open('lab.html?lab=moons');
  await waitForInteractive(page);
  await page.waitForSelector('.explanation .katex');
  const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (list) =>
    list.filter((h) => h.offsetParent !== null).map((h) => Number(h.tagName[1])),
  );
  assert.equal(levels[0], 1);
  assert.equal(levels.filter((l) => l === 1).length, 1);
  for (let i = 1; i < levels.length; i++)
    assert.ok(levels[i] <= levels[i - 1] + 1, `h${levels[i - 1]} then h${levels[i]}`);
});

test('the live region announces start and finish with the headline result; canvases say what they show', async () => {
  const { page, record } = await env.open('lab.html?lab=localization');
  await waitForInteractive(page);
  const main = '#plot-grid .panel canvas';
  assert.match(await page.getAttribute(main, 'aria-label'), /Nothing trained yet/);
  await page.selectOption('[data-testid="speed"]', 'Infinity');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() =>
    /Training (started|finished)/.test(document.querySelector('#announcer').textContent),
  );
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Finished',
    null,
    { timeout: 60000 },
  );
  const said = await page.textContent('#announcer');
  // The headline is the lab's first metric (localization: the ELBO).
  assert.match(said, /^Training finished at step 10,000\. ELBO −?[\d.]+ nats\.$/);
  assert.equal(await page.getAttribute('#announcer', 'aria-live'), 'polite');
  const label = await page.getAttribute(main, 'aria-label');
  assert.match(
    label,
    /^The plane with sensors.*\. Finished at step 10,000\. ELBO −?[\d.]+ nats, .+ −?[\d.]+ nats\.$/,
  );
  await assertClean(assert, page, record, env.origin);
});

test('display toggles and the speed live in the URL and come back from it', async () => {
  const { page, record } = await env.open('lab.html?lab=regression');
  await waitForInteractive(page);
  const logBox = '#numbers .panel-tools input[type="checkbox"]';
  assert.equal(await page.isChecked(logBox), true);
  await page.uncheck(logBox);
  await page.selectOption('[data-testid="speed"]', '10000');
  await page.waitForFunction(() => location.search.includes('view.speed=10000'));
  const url = await page.evaluate(() => location.href);
  assert.match(url, /view\.log-scale=0/);
  const { page: again } = await env.open(url.replace(env.origin + '/', ''));
  await waitForInteractive(again);
  assert.equal(await again.isChecked(logBox), false);
  assert.equal(await again.inputValue('[data-testid="speed"]'), '10000');
  assert.equal(await again.$$eval('.notice', (list) => list.length), 0, 'no warnings');
  await assertClean(assert, page, record, env.origin);
});
