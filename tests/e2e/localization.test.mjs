import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  sharedEnvironment,
  assertClean,
  canvasColours,
  stepCount,
  screenshot,
  openLab as openHelper,
  playFast,
  painted,
  metricValue,
} from './helpers.mjs';

const env = sharedEnvironment();

const openLab = (query = '') => openHelper(env, 'localization', query);

test('trains when played: the step counter advances and every plot is drawn', async () => {
  const { page, record } = await openLab();
  assert.equal(await page.textContent('#lab-title'), 'Neural VI for target localization');
  assert.equal(await stepCount(page), 0);
  await page.click('[data-testid="play"]'); // default speed, 1 000 steps/s
  await page.waitForFunction(
    () =>
      Number(document.querySelector('[data-testid="step-count"]').textContent.replace(/\D/g, '')) >
      300,
  );
  await page.click('[data-testid="play"]'); // pause
  // Frames already on their way may still land; the Paused state arrives after them.
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Paused',
  );
  const paused = await stepCount(page);
  await painted(page);
  assert.equal(await stepCount(page), paused, 'pause stops training');
  const canvases = await page.$$eval('#plots canvas, #numbers canvas', (list) => list.length);
  assert.equal(canvases, 7);
  // A drawn plot has axes, text and data in many colours; a blank canvas has one.
  assert.ok((await canvasColours(page, '.main-plot canvas')) > 50);
  for (let i = 1; i <= 6; i++)
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `panel ${i}`,
    );
  assert.ok((await canvasColours(page, '#numbers canvas')) > 20);
  for (const key of ['klToExact', 'logEvidence', 'elboEstimate', 'elboGap'])
    assert.doesNotMatch(
      await page.textContent(`[data-metric="${key}"] .metric-value`),
      /—|NaN/,
      key,
    );
  await assertClean(assert, page, record, env.origin);
});

test('the full-covariance family draws its ELBO gap and gradient noise; screenshot', async () => {
  const { page, record } = await openLab('&family=fullCov');
  await playFast(page);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Finished',
    null,
    { timeout: 30000 },
  );
  // The gap panel (the fifth) and the gradient-noise panel (the sixth): curves, axes and text.
  for (const i of [5, 6])
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `${i}`,
    );
  const gap = await metricValue(page, 'elboGap');
  const kl = await metricValue(page, 'klToExact');
  assert.ok(Number.isFinite(gap) && Number.isFinite(kl), `gap ${gap}, KL ${kl}`);
  await painted(page);
  await screenshot(page, 'localization_fullcov.png');
  await assertClean(assert, page, record, env.origin);
});

test('trains with the score-function estimator from the URL, and q ends far off; screenshot', async () => {
  const { page, record } = await openLab('&estimator=score');
  await playFast(page);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Finished',
    null,
    { timeout: 30000 },
  );
  // docs/labs.md: 3 490 nats on seed 0 (reparameterization 5.4).
  const kl = await metricValue(page, 'klToExact');
  assert.ok(kl > 1000, `KL(q ‖ exact) = ${kl}`);
  // The distance panel's caption is the score estimator's (claim localization.caption-kl-score).
  const captions = await page.$$eval('#plot-grid figcaption', (nodes) =>
    nodes.map((n) => n.textContent),
  );
  assert.ok(captions.some((c) => c.startsWith('With the score-function gradient neither curve')));
  assert.ok(!captions.some((c) => c.includes('does much better')));
  for (const i of [1, 6])
    assert.ok(
      (await canvasColours(page, `#plot-grid .panel:nth-of-type(${i}) canvas`)) > 20,
      `${i}`,
    );
  await painted(page);
  await screenshot(page, 'localization_score.png');
  await assertClean(assert, page, record, env.origin);
});

test('runs to the end of its 10 000 steps and says so; screenshot', async () => {
  const { page, record } = await openLab();
  await playFast(page);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Finished',
    null,
    { timeout: 30000 },
  );
  assert.equal(await stepCount(page), 10000);
  const kl = Number(
    await page.$eval(
      '[data-metric="klToExactAvg"] .metric-value',
      (td) => td.textContent.split(' ')[0],
    ),
  );
  // docs/labs.md: the iterate average lands near the best diagonal Gaussian, KL about 0.27–0.34.
  assert.ok(kl > 0.1 && kl < 1, `KL(averaged q ‖ exact) = ${kl}`);
  await painted(page);
  await screenshot(page, 'localization.png');
  await assertClean(assert, page, record, env.origin);
});

test('a changed setting goes into the URL, and the URL restores it', async () => {
  const { page, record } = await openLab();
  const lr = page.locator('[data-field="lr"] .field-input');
  await lr.fill('0.003');
  await lr.press('Enter');
  await page.waitForFunction(() => location.search.includes('lr=0.003'));
  await page.check('[data-field="lrDecay"] input');
  await page.waitForFunction(() => location.search.includes('lrDecay=true'));
  const url = page.url();
  assert.match(url, /[?&]seed=0(&|$)/, 'the seed is always in the link');
  await assertClean(assert, page, record, env.origin);

  const again = await env.open(url.slice(env.origin.length + 1));
  await again.page.waitForSelector('.metric-value');
  await again.page.waitForFunction(
    () => document.querySelector('[data-field="lr"] .field-input').value === '0.003',
  );
  assert.equal(await again.page.isChecked('[data-field="lrDecay"] input'), true);
  assert.equal(
    await again.page.$$eval('.notice', (list) => list.length),
    0,
    'no warnings for a link we wrote',
  );
  await assertClean(assert, again.page, again.record, env.origin);
});

test('dragging a sensor moves it in the config and the URL', async () => {
  const { page, record } = await openLab();
  const canvas = page.locator('.main-plot canvas');
  const box = await canvas.boundingBox();
  // Where sensor 1 (0.5, 1) is drawn, read from the plot's own axes through a hover test.
  const at = await page.evaluate(() => {
    const c = document.querySelector('.main-plot canvas');
    const r = c.getBoundingClientRect();
    for (let y = 0; y < r.height; y += 2) {
      for (let x = 0; x < r.width; x += 2) {
        c.dispatchEvent(
          new PointerEvent('pointermove', {
            clientX: r.left + x,
            clientY: r.top + y,
            bubbles: true,
          }),
        );
        if (c.classList.contains('over-handle')) return { x: r.left + x + 6, y: r.top + y + 6 };
      }
    }
    return null;
  });
  assert.ok(at, 'found a draggable handle');
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 40, at.y + 30, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => /sensors=|targetX=/.test(location.search));
  assert.ok(box.width > 300);
  await assertClean(assert, page, record, env.origin);
});

test('keyboard: space plays and pauses, → steps, r resets', async () => {
  const { page, record } = await openLab();
  await page.focus('body');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="step-count"]').textContent === '1',
  );
  await page.keyboard.press('Space');
  await page.waitForFunction(
    () =>
      Number(document.querySelector('[data-testid="step-count"]').textContent.replace(/\D/g, '')) >
      20,
  );
  await page.keyboard.press('Space');
  await page.keyboard.press('r');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="step-count"]').textContent === '0',
  );
  assert.match(await page.getAttribute('[data-testid="play"]', 'title'), /Space/);
  await assertClean(assert, page, record, env.origin);
});

test('a huge learning rate diverges: play stops and the engine message is shown', async () => {
  const { page, record } = await openLab('&lr=10');
  await playFast(page);
  await page.waitForSelector('#diverged-banner:not([hidden])', { timeout: 15000 });
  assert.match(await page.textContent('#diverged-banner'), /diverged/i);
  assert.equal(await page.textContent('[data-testid="run-state"]'), 'Diverged');
  assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'false');
  await assertClean(assert, page, record, env.origin);
});

test('embed mode shows only plots, play controls and a link, inside 900 × 600', async () => {
  const { page, record } = await env.open('lab.html?lab=localization&embed=1');
  await page.setViewportSize({ width: 900, height: 600 });
  await page.waitForSelector('.metric-value', { state: 'attached' });
  await painted(page);
  for (const hidden of ['.site-header', '.controls-column', '.numbers-column', '.explanation']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} hidden`);
  }
  assert.equal(await page.isVisible('.main-plot canvas'), true);
  assert.equal(await page.isVisible('[data-testid="play"]'), true);
  const href = await page.getAttribute('#open-full', 'href');
  assert.ok(href.includes('lab=localization') && !href.includes('embed=1'));
  const size = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.scrollHeight,
  ]);
  assert.ok(size[0] <= 900 && size[1] <= 600, `page is ${size[0]} × ${size[1]}`);
  await screenshot(page, 'localization-embed.png');
  await assertClean(assert, page, record, env.origin);
});

test('Embed, Share and Export dialogs give a snippet, a link and files', async () => {
  const { page, record } = await openLab('&mcSamples=4');
  await page.click('#embed-button');
  const snippet = await page.inputValue('[data-testid="embed-snippet"]');
  assert.match(
    snippet,
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/lab\.html\?lab=localization&amp;mcSamples=4&amp;seed=0&amp;embed=1" width="900" height="600"/,
  );
  await page.keyboard.press('Escape');
  await page.click('#share-button');
  assert.match(
    await page.inputValue('[data-testid="share-url"]'),
    /lab=localization&mcSamples=4&seed=0$/,
  );
  await page.keyboard.press('Escape');
  await page.click('[data-testid="step"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="step-count"]').textContent === '1',
  );
  await page.click('#export-button');
  const buttons = await page.$$eval('.export-list button', (list) =>
    list.map((b) => b.textContent),
  );
  assert.equal(buttons.filter((text) => text.endsWith('(PNG)')).length, 7); // 6 panels, loss
  for (const [label, pattern, check] of [
    [
      'Metric history (CSV)',
      /history\.csv$/,
      (text) => assert.match(text, /^step,elbo,loglik,kl,klToExact,elboGap\n1,/),
    ],
    [
      'Settings and current metrics (JSON)',
      /run\.json$/,
      (text) => assert.equal(JSON.parse(text).config.mcSamples, 4),
    ],
    [
      'Plot: Where is the target? (PNG)',
      /where-is-the-target\.png$/,
      (text, bytes) => assert.equal(bytes.subarray(1, 4).toString(), 'PNG'),
    ],
  ]) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`.export-list button:has-text("${label}")`),
    ]);
    assert.match(download.suggestedFilename(), pattern);
    const bytes = fs.readFileSync(await download.path());
    check(bytes.toString('utf8'), bytes);
  }
  await assertClean(assert, page, record, env.origin);
});
