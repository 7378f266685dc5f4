import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  artifactsDir,
  sharedEnvironment,
  assertClean,
  canvasColours,
  stepCount,
  screenshot,
  openLab as openHelper,
  runToEnd,
  metricValue,
  playFast,
  painted,
} from './helpers.mjs';

const env = sharedEnvironment();

const openLab = (query = '') => openHelper(env, 'logistic', query);

test('trains MAP, Laplace and VI to the end and draws every plot; screenshot', async () => {
  const { page, record } = await openLab();
  assert.equal(
    await page.textContent('#lab-title'),
    'Bayesian logistic regression: MAP, Laplace, VI',
  );
  await runToEnd(page);
  assert.equal(await stepCount(page), 40, 'VI’s 40 steps, the longer budget');
  // A drawn map row has three heatmaps, axes and points; a blank canvas has one colour.
  assert.ok((await canvasColours(page, '.main-plot canvas')) > 50);
  const panels = await page.$$eval('#plot-grid .panel', (list) => list.length);
  assert.equal(panels, 7); // the fifth: the ELBO gap; the sixth: the gradient noise; the seventh: calibration
  for (let i = 1; i <= panels; i++)
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `panel ${i}`,
    );
  assert.ok((await canvasColours(page, '#numbers canvas')) > 20, 'loss curves');
  for (const key of [
    'map.testNll',
    'laplace.testNll',
    'vi.testNll',
    'laplace.klToExact',
    'vi.klToExact',
    'exact.logEvidence',
    'vi.elboEstimate',
    'vi.elboGap',
  ]) {
    assert.doesNotMatch(
      await page.textContent(`[data-metric="${key}"] .metric-value`),
      /—|NaN/,
      key,
    );
  }
  // Nearly separable blobs: every method classifies them (the lab's own bar is 98 %).
  for (const key of ['map.accuracy', 'laplace.accuracy', 'vi.accuracy'])
    assert.ok((await metricValue(page, key)) >= 0.98, key);
  await painted(page);
  await screenshot(page, 'logistic.png');
  await assertClean(assert, page, record, env.origin);
});

test('the calibration panel draws both reliability diagrams with each method’s ECE', async () => {
  const { page, record } = await openLab();
  await runToEnd(page);
  const figure =
    '#plot-grid figure.panel:has(h2:text-is("Calibration: predicted probability vs observed frequency"))';
  // The diagonal, three curves with their dots, axes and labels, twice.
  assert.ok((await canvasColours(page, `${figure} canvas`)) > 20);
  const legend = await page.$$eval(`${figure} .legend li`, (items) =>
    items.map((item) => item.textContent),
  );
  for (const [i, title] of ['MAP (plug-in)', 'Laplace', 'Mean-field VI'].entries()) {
    const [, held, far] = legend[i].match(/ECE (\S+) held out, (\S+) far$/) ?? [];
    assert.ok(legend[i].startsWith(title), legend[i]);
    // The legend's numbers are the metrics' (three decimals).
    for (const [text, key] of [
      [held, 'eceHeldOut'],
      [far, 'eceFar'],
    ]) {
      const metric = await metricValue(page, `${['map', 'laplace', 'vi'][i]}.${key}`);
      // Both rounded: the legend to 3 decimals, the table to 3 significant digits.
      assert.ok(Math.abs(Number(text) - metric) < 6e-4, `${title} ${key}: ${text} vs ${metric}`);
    }
  }
  // The panel's own description (with the final numbers) and the run's status, both kept.
  assert.match(
    await page.getAttribute(`${figure} canvas`, 'aria-label'),
    /MAP \(plug-in\): ECE 0\.\d{3} held out, 0\.\d{3} far;.* far\. Finished at step 40\.$/,
  );
  await page
    .locator(figure)
    .screenshot({ path: path.join(artifactsDir, 'logistic_calibration.png') });
  await assertClean(assert, page, record, env.origin);
});

test('the elbo objective goes into the URL and brings Laplace closer to the exact posterior', async () => {
  const { page, record } = await openLab();
  await runToEnd(page);
  const exercise = await metricValue(page, 'laplace.klToExact');
  await page.selectOption('[data-field="objective"] select', 'elbo');
  await page.waitForFunction(() => location.search.includes('objective=elbo'));
  await page.waitForFunction(
    () => document.querySelector('[data-testid="step-count"]').textContent === '0',
  );
  await runToEnd(page);
  const elbo = await metricValue(page, 'laplace.klToExact');
  // The exercise's Laplace covariance is N = 400 times too wide: hundreds of nats against a few.
  assert.ok(elbo < exercise, `KL(Laplace ‖ exact): elbo ${elbo} vs exercise ${exercise}`);
  await assertClean(assert, page, record, env.origin);
});

test('a huge MAP learning rate diverges and the banner names the method', async () => {
  const { page, record } = await openLab('&map.lr=1000');
  await playFast(page);
  await page.waitForSelector('#diverged-banner:not([hidden])', { timeout: 15000 });
  assert.match(await page.textContent('#diverged-banner'), /MAP.*diverged/i);
  await assertClean(assert, page, record, env.origin);
});

test('the full-covariance family tilts VI’s ellipse and draws its ELBO gap; screenshot', async () => {
  const { page, record } = await openLab('&family=fullCov&objective=elbo&vi.steps=400');
  await runToEnd(page);
  assert.equal(await stepCount(page), 400);
  // The weight panel (second) and the gap panel (fifth) are drawn.
  for (const i of [2, 5])
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `${i}`,
    );
  const gap = await metricValue(page, 'vi.elboGap');
  const kl = await metricValue(page, 'vi.klToExact');
  assert.ok(Number.isFinite(gap) && kl > 0, `gap ${gap}, KL ${kl}`);
  await painted(page);
  await screenshot(page, 'logistic_fullcov.png');
  await assertClean(assert, page, record, env.origin);
});
