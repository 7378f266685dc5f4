// Lab 5 in the browser: trains a few epochs, draws every plot (the gap panel also with the
// importance-weighted bound), and switches to a 2-D latent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
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

const openLab = (query = '') => openHelper(env, 'vae', query);

test('trains a few epochs and draws every panel', async () => {
  const { page, record } = await openLab();
  assert.equal(await page.textContent('#lab-title'), 'Variational autoencoder on a circle');
  await trainSteps(page, 150, { timeout: 30000 }); // 10 epochs of 15 minibatches
  assert.ok((await stepCount(page)) >= 150);
  const panels = await page.$$eval('#plot-grid .panel canvas', (list) => list.length);
  assert.equal(panels, 5);
  assert.ok(
    (await canvasColours(page, '.main-plot canvas')) > 50,
    'decoded prior samples in many colours',
  );
  for (let i = 2; i <= panels; i++) {
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `panel ${i}`,
    );
  }
  assert.ok((await canvasColours(page, '#numbers canvas')) > 20, 'loss curve');
  for (const key of ['testElbo', 'testLogLik', 'epoch']) {
    assert.doesNotMatch(
      await page.textContent(`[data-metric="${key}"] .metric-value`),
      /—|NaN|null/,
      key,
    );
  }
  await page.check('.main-plot .toggle input'); // draw the decoder noise, as the original's .sample()
  await painted(page);
  assert.ok((await canvasColours(page, '.main-plot canvas')) > 50);
  await screenshot(page, 'vae.png');
  await assertClean(assert, page, record, env.origin);
});

test('the gap panel draws the gap to L_k with k > 1', async () => {
  const { page, record } = await openLab('&iwaeK=64');
  await trainSteps(page, 150, { timeout: 30000 });
  const recon = page.locator('#plot-grid .panel', { hasText: 'Test reconstructions' });
  await recon.scrollIntoViewIfNeeded();
  const before = await recon.locator('canvas').screenshot();
  await recon.locator('.toggle input').check();
  await painted(page);
  const after = await recon.locator('canvas').screenshot();
  assert.ok(!before.equals(after), 'the colours change with the gap shown');
  assert.ok((await canvasColours(page, '#plot-grid .panel:nth-of-type(3) canvas')) > 20);
  assert.doesNotMatch(
    await page.textContent('[data-metric="testIwae"] .metric-value'),
    /—|NaN|null/,
  );
  await screenshot(page, 'vae_iwae_gap.png');
  await assertClean(assert, page, record, env.origin);
});

test('a 2-D latent trains, and the exact log-likelihood is shown as unavailable', async () => {
  const { page, record } = await openLab('&latentDim=2');
  await trainSteps(page, 30, { timeout: 30000 });
  assert.match(await page.textContent('[data-metric="testLogLik"] .metric-value'), /—/);
  assert.doesNotMatch(await page.textContent('[data-metric="testElbo"] .metric-value'), /—|NaN/);
  assert.ok((await canvasColours(page, '.main-plot canvas')) > 50);
  await assertClean(assert, page, record, env.origin);
});
