// Steering a run on the page, one test per kind of setting: a view change redraws and keeps the
// step and the trained state; a live change mid-run keeps the step, is marked on the loss panel
// and on the lab's own plots over steps, and training continues from there; a restart starts
// over with the last run's curve faded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedEnvironment,
  assertClean,
  stepCount,
  screenshot,
  openLab as openHelper,
  metricValue,
  trainSteps,
  playFast,
} from './helpers.mjs';

const env = sharedEnvironment();

// A long budget: at full speed the default 10 000 steps are over before a test steers.
const openLab = (query = '') => openHelper(env, 'localization', `&steps=200000${query}`);

async function setField(page, key, value) {
  const input = page.locator(`[data-field="${key}"] .field-input`);
  await input.fill(String(value));
  await input.press('Enter');
  await page.waitForFunction((k) => location.search.includes(k), `${key}=${value}`);
}

test('a view change redraws from the current state: the step and the trained q are kept', async () => {
  const { page, record } = await openLab();
  await trainSteps(page, 500);
  const step = await stepCount(page);
  const kl = await metricValue(page, 'klToExact');
  await setField(page, 'posteriorSamples', 400);
  assert.equal(await stepCount(page), step, 'the step is kept');
  assert.equal(await metricValue(page, 'klToExact'), kl, 'the trained state is kept');
  assert.equal(await page.textContent('[data-testid="run-state"]'), 'Paused');
  await assertClean(assert, page, record, env.origin);
});

test('a live change mid-run keeps the step, is marked on the loss panel and the lab’s plots, and training goes on', async () => {
  const { page, record } = await openLab();
  await trainSteps(page, 1000);
  const step = await stepCount(page);
  await setField(page, 'lr', 0.001);
  await page.waitForFunction(() =>
    document.querySelector('#numbers').dataset.lossMarks?.includes('lr 0.01 → 0.001'),
  );
  assert.match(
    await page.$eval('#numbers', (n) => n.dataset.lossMarks),
    new RegExp(`^${step}: lr 0.01 → 0.001$`),
  );
  assert.equal(await stepCount(page), step, 'not reset');
  await playFast(page);
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="step-count"]').textContent.replace(/\D/g, '')) >
      n + 200,
    step,
  );
  await page.click('[data-testid="play"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Paused',
  );
  // The lab's own plots over steps (its loss terms, the KL to the exact posterior, the ELBO gap)
  // mark the change too.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('#plot-grid canvas')].filter((c) =>
        c.dataset.marks?.includes('lr 0.01 → 0.001'),
      ).length >= 3,
  );
  await page.waitForTimeout(200); // the panels repaint on the next animation frame
  await screenshot(page, 'steering-live.png');
  await assertClean(assert, page, record, env.origin);
});

test('a restart starts over and keeps the last run as a faded trace', async () => {
  const { page, record } = await openLab();
  await trainSteps(page, 800);
  await setField(page, 'hidden', 20);
  await page.waitForFunction(
    () => Number(document.querySelector('#numbers').dataset.fadedTrace) > 0,
  );
  assert.equal(await stepCount(page), 0, 'a new run');
  await trainSteps(page, 200);
  assert.ok(Number(await page.$eval('#numbers', (n) => n.dataset.fadedTrace)) > 0);
  await screenshot(page, 'steering-restart.png');
  await assertClean(assert, page, record, env.origin);
});
