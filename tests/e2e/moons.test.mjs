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
  metricValue,
  runToEnd,
  painted,
} from './helpers.mjs';

const env = sharedEnvironment();

const openLab = (query = '') => openHelper(env, 'moons', query);

test('the default 10 000-step run finishes, the maps refine to 500 passes, and the BNN is the unsure one far away; screenshot', async () => {
  const { page, record } = await openLab();
  assert.equal(
    await page.textContent('#lab-title'),
    'Two moons: Bayesian neural network vs MC dropout',
  );
  await runToEnd(page, { timeout: 90000 });
  assert.equal(await stepCount(page), 10000);
  // Training has stopped; the worker keeps refining the Monte Carlo maps until all passes are in.
  await page.waitForFunction(
    () => document.querySelector('[data-testid="mc-passes"]').textContent === '500 passes',
    null,
    { timeout: 30000 },
  );
  assert.ok((await canvasColours(page, '.main-plot canvas')) > 50);
  const panels = await page.$$eval('#plot-grid .panel', (list) => list.length);
  assert.equal(panels, 5); // the fifth: calibration
  for (let i = 1; i <= panels; i++)
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `panel ${i}`,
    );
  assert.ok((await metricValue(page, 'bnn.accuracy')) >= 0.97);
  assert.ok((await metricValue(page, 'dropout.accuracy')) >= 0.97);
  // docs/labs.md's expected shape: the BNN is much less sure far away than MC dropout.
  assert.ok(
    (await metricValue(page, 'bnn.entropyFar')) > (await metricValue(page, 'dropout.entropyFar')),
  );
  // The calibration panel's legend gives each network's ECE on both sets, as the metrics do.
  const figure =
    '#plot-grid figure.panel:has(h2:text-is("Calibration: predicted probability vs observed frequency"))';
  const legend = await page.$$eval(`${figure} .legend li`, (items) =>
    items.map((item) => item.textContent),
  );
  for (const [i, key] of ['bnn', 'dropout', 'plain'].entries()) {
    const [, held, far] = legend[i].match(/ECE (\S+) held out, (\S+) far$/) ?? [];
    // Both rounded: the legend to 3 decimals, the table to 3 significant digits.
    assert.ok(Math.abs(Number(held) - (await metricValue(page, `${key}.eceHeldOut`))) < 6e-4);
    assert.ok(Math.abs(Number(far) - (await metricValue(page, `${key}.eceFar`))) < 6e-4);
  }
  await painted(page);
  await page.locator(figure).screenshot({ path: path.join(artifactsDir, 'moons_calibration.png') });
  await screenshot(page, 'moons.png');
  await assertClean(assert, page, record, env.origin);
});

test('the uncertainty map switches between entropy and spread across passes', async () => {
  const { page, record } = await openLab('&bnn.steps=300&dropout.steps=300');
  await runToEnd(page, { timeout: 30000 });
  const panel = '#plot-grid .panel:nth-of-type(2)';
  assert.match(await page.textContent(`${panel} .legend`), /entropy/);
  await page.selectOption('[data-testid="uncertainty-measure"]', 'std');
  assert.match(await page.textContent(`${panel} .legend`), /standard deviation/);
  await painted(page);
  assert.ok((await canvasColours(page, `${panel} canvas`)) > 20);
  await assertClean(assert, page, record, env.origin);
});
