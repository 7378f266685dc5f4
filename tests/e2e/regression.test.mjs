// Lab 2 in the browser: trains the three methods side by side, draws every plot, widens the range.
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
  trainSteps,
  painted,
} from './helpers.mjs';

const env = sharedEnvironment();

const openLab = (query = '') => openHelper(env, 'regression', query);

test('trains mle, vi and bnn side by side and draws every panel', async () => {
  const { page, record } = await openLab();
  assert.equal(await page.textContent('#lab-title'), 'Point estimate vs predictive uncertainty');
  await trainSteps(page, 40);
  assert.ok((await stepCount(page)) >= 40);
  const panels = await page.$$eval('#plot-grid .panel canvas', (list) => list.length);
  assert.equal(panels, 6); // with the coverage curves
  // Data, true curve, the mle curve and the vi band: many colours once trained.
  assert.ok((await canvasColours(page, '.main-plot canvas')) > 20, 'main plot');
  for (let i = 2; i <= panels; i++) {
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 10,
      `panel ${i}`,
    );
  }
  assert.ok((await canvasColours(page, '#numbers canvas')) > 10, 'held-out MSE curves');
  for (const key of ['mle.valMse', 'vi.coverage90', 'bnn.bandWidth', 'bnn.valNll']) {
    assert.doesNotMatch(
      await page.textContent(`[data-metric="${key}"] .metric-value`),
      /—|NaN|null/,
      key,
    );
  }
  // The coverage panel: each method's mean gap to the diagonal in its legend.
  const figure = '#plot-grid figure.panel:has(h2:text-is("Coverage: nominal vs observed"))';
  const legend = await page.$$eval(`${figure} .legend li`, (items) =>
    items.map((item) => item.textContent),
  );
  for (const [i, key] of ['mle', 'vi', 'bnn'].entries())
    assert.match(legend[i], new RegExp(`^${key}: mean gap \\d\\.\\d{3}$`));
  await page
    .locator(figure)
    .screenshot({ path: path.join(artifactsDir, 'regression_coverage.png') });
  await page.check('.main-plot .toggle input'); // the mle and vi curves over twice the range
  await painted(page);
  assert.ok((await canvasColours(page, '.main-plot canvas')) > 20);
  await screenshot(page, 'regression.png');
  await assertClean(assert, page, record, env.origin);
});

test('the sine data set trains and keeps its state in the URL', async () => {
  const { page, record } = await openLab('&dataset=sine&vi.steps=0');
  await trainSteps(page, 20);
  assert.match(page.url(), /dataset=sine/);
  assert.doesNotMatch(
    await page.textContent('[data-metric="bnn.coverage90"] .metric-value'),
    /—|NaN/,
  );
  assert.ok(
    (await canvasColours(page, '#plot-grid .panel:nth-of-type(2) canvas')) > 10,
    'bnn panel',
  );
  await assertClean(assert, page, record, env.origin);
});
