// Lab 6 in the browser: trains, draws every plot, toggles the context, and offers the longer run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startEnvironment,
  assertClean,
  canvasColours,
  stepCount,
  screenshot,
  openLab as openHelper,
  runToEnd,
  painted,
} from './helpers.mjs';

let env;
before(async () => {
  env = await startEnvironment();
});
after(async () => {
  await env?.close();
});

const openLab = (query = '') => openHelper(env, 'neural_process', query);

const mainPixels = (page) => page.$eval('.main-plot canvas', (c) => c.toDataURL());

test('runs the original 9 001 steps, draws every panel, and toggles the context', async () => {
  const { page, record } = await openLab();
  assert.equal(await page.textContent('#lab-title'), 'Neural processes and their collapse');
  await runToEnd(page, { timeout: 60000 });
  assert.equal(await stepCount(page), 9001);
  await painted(page);
  assert.equal(await page.$$eval('#plot-grid .panel canvas', (list) => list.length), 4);
  for (let i = 1; i <= 4; i++) {
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `panel ${i}`,
    );
  }
  assert.doesNotMatch(await page.textContent('[data-metric="spreadFar"] .metric-value'), /—|NaN/);
  // Removing a point from the context redraws the samples at once, without a new run.
  const before = await mainPixels(page);
  assert.equal(await page.getAttribute('[data-point="0"]', 'aria-pressed'), 'true');
  await page.click('[data-point="0"]');
  assert.equal(await page.getAttribute('[data-point="0"]', 'aria-pressed'), 'false');
  await painted(page);
  assert.notEqual(await mainPixels(page), before, 'the samples changed with the context');
  assert.equal(await stepCount(page), 9001, 'training state kept');
  await screenshot(page, 'neural_process.png');
  await assertClean(assert, page, record, env.origin);
});

test('"Continue" asks for the original 25 001-step run and goes into the URL', async () => {
  const { page, record } = await openLab('&init=default');
  await page.click('[data-testid="continue-training"]');
  await page.waitForFunction(() => location.search.includes('steps=25001'));
  // The next frame carries the new budget; the button then has nothing left to offer.
  await page.waitForSelector('[data-testid="continue-training"]', { state: 'hidden' });
  assert.match(await page.textContent('.step-total'), /25,001/);
  await assertClean(assert, page, record, env.origin);
});
