// Lab 6 in the browser: trains, draws every plot, toggles the context and the prior panel's
// decoder, and offers the longer run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedEnvironment,
  assertClean,
  canvasColours,
  stepCount,
  screenshot,
  openLab as openHelper,
  runToEnd,
  painted,
} from './helpers.mjs';

const env = sharedEnvironment();

const openLab = (query = '') => openHelper(env, 'neural_process', query);

const mainPixels = (page) => page.$eval('.main-plot canvas', (c) => c.toDataURL());

test('runs the original 9 001 steps, draws every panel, and takes a context point anywhere', async () => {
  const { page, record } = await openLab();
  assert.equal(await page.textContent('#lab-title'), 'Neural processes and their collapse');
  await runToEnd(page, { timeout: 60000 });
  assert.equal(await stepCount(page), 9001);
  await painted(page);
  assert.equal(await page.$$eval('#plot-grid .panel canvas', (list) => list.length), 5);
  for (let i = 1; i <= 5; i++) {
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `panel ${i}`,
    );
  }
  assert.doesNotMatch(await page.textContent('[data-metric="spreadFar"] .metric-value'), /—|NaN/);
  for (const key of ['zMeanContext', 'zMeanAll'])
    assert.doesNotMatch(await page.textContent(`[data-metric="${key}"] .metric-value`), /—|NaN/);
  // The prior panel: the untrained decoder's samples, then the trained decoder's.
  const prior = (p) => p.$eval('[data-testid="prior-samples"] canvas', (c) => c.toDataURL());
  assert.equal(await page.getAttribute('[data-prior="untrained"]', 'aria-pressed'), 'true');
  const untrained = await prior(page);
  await page.click('[data-prior="now"]');
  await painted(page);
  assert.notEqual(await prior(page), untrained, 'the trained decoder draws other functions');
  // A context point far left (a view setting) redraws the samples at once, without a new run,
  // and goes into the URL.
  const before = await mainPixels(page);
  await page.locator('.main-plot canvas').scrollIntoViewIfNeeded(); // the prior panel is below
  const box = await page.locator('.main-plot canvas').boundingBox();
  await page.mouse.click(box.x + 0.12 * box.width, box.y + 0.5 * box.height);
  await page.waitForFunction(() => new URL(location.href).searchParams.has('context'));
  // The first edit starts from the five data points, the context so far, and adds one.
  const context = new URL(page.url()).searchParams.get('context').split('_').map(Number);
  assert.deepEqual(context.slice(0, 5), [-2, -1, 0, 1, 2]);
  assert.ok(context[5] < -2.5, `the new point is far left, at x = ${context[5]}`);
  await page.waitForFunction(
    (b) => document.querySelector('.main-plot canvas').toDataURL() !== b,
    before,
  );
  assert.equal(await stepCount(page), 9001, 'training state kept');
  assert.equal(await page.$eval('#numbers', (n) => n.dataset.fadedTrace ?? '0'), '0', 'no restart');
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
  // The settings column shows the new budget too: a change from a plot goes through the controls.
  assert.equal(await page.inputValue('[data-field="steps"] input.field-input'), '25001');
  await assertClean(assert, page, record, env.origin);
});
