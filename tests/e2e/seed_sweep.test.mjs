// "Run 8 seeds" in the browser: in a cheap lab the button trains the current settings on eight
// seeds in a worker of its own, draws the loss curves' spread and the final metrics' table, and
// leaves the student's run (its step, metrics, plots and link) exactly as it was; it works from
// the keyboard, fits a phone, passes axe and exports its table as CSV. In the expensive labs the
// button is disabled and the card says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  sharedEnvironment,
  assertClean,
  canvasColours,
  stepCount,
  openLab as openHelper,
  painted,
  launchBrowser,
  openPage,
  waitForInteractive,
  artifactsDir,
} from './helpers.mjs';
import { layoutProblems } from './layout.mjs';

const env = sharedEnvironment();
const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const seedsDone = (page) =>
  page.$eval('.seeds-card', (card) => Number(card.dataset.seedsDone ?? 0));

async function waitForSeeds(page, count = 8) {
  await page.waitForFunction(
    (n) => document.querySelector('.seeds-card')?.dataset.seedsDone === String(n),
    count,
    { timeout: 120000 },
  );
  await page.waitForFunction(() =>
    /finished/.test(document.querySelector('[data-testid="seeds-status"]').textContent),
  );
  await painted(page);
}

// What the student's own run shows: step, state, every canvas and metric, and the URL.
function runSnapshot(page) {
  return page.evaluate(() => ({
    url: location.href,
    step: document.querySelector('[data-testid="step-count"]').textContent,
    state: document.querySelector('[data-testid="run-state"]').textContent,
    metrics: [...document.querySelectorAll('.metrics-card .metric-value')].map(
      (n) => n.textContent,
    ),
    canvases: [...document.querySelectorAll('#plot-grid canvas')].map((c) => c.toDataURL()),
  }));
}

async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`);
  });
}

test('localization: 8 seeds from the keyboard, drawn and tabled, the run itself untouched', async () => {
  const { page, record } = await openHelper(env, 'localization', '&seed=4');
  // Paused part-way: three single steps (the default run finishes too fast to pause at full speed).
  for (let i = 0; i < 3; i++) await page.click('[data-testid="step"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="step-count"]').textContent === '3',
  );
  await painted(page);
  const before = await runSnapshot(page);
  assert.equal(before.state, 'Paused');

  const button = page.locator('[data-testid="run-seeds"]');
  assert.equal(await button.textContent(), 'Run 8 seeds');
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    /^Seed \d of 8 \(seed \d+\) is training\.$/.test(
      document.querySelector('[data-testid="seeds-status"]').textContent,
    ),
  );
  await waitForSeeds(page);
  assert.equal(
    await page.textContent('[data-testid="seeds-status"]'),
    '8 of 8 seeds finished (seeds 4–11).',
  );
  assert.equal(await button.isEnabled(), true, 'ready for another sweep');
  assert.equal(await page.isVisible('[data-testid="cancel-seeds"]'), false);

  // The spread panel: drawn, and more than axes (eight curves and their median).
  assert.ok((await canvasColours(page, '[data-testid="seeds-spread"] canvas')) > 20);
  // The table: the lab's three headline metrics, each with mean, sd, min and max.
  const rows = await page.$$eval('.seeds-table tbody', (groups) =>
    groups.map((group) => ({
      key: group.dataset.seedMetric,
      values: [...group.querySelectorAll('td')].map((td) => td.textContent),
    })),
  );
  assert.deepEqual(
    rows.map((r) => r.key),
    ['klToExact', 'klToExactAvg', 'elboEstimate'],
  );
  for (const { key, values } of rows) {
    assert.equal(values.length, 4);
    const [mean, sd, min, max] = values.map((v) => Number(v.replace('−', '-')));
    assert.ok([mean, sd, min, max].every(Number.isFinite), `${key}: ${values}`);
    assert.ok(min <= mean && mean <= max && sd > 0, `${key}: ${values}`);
  }
  assert.match(await page.textContent('.seeds-table caption'), /8 finished of 8 seeds \(4–11\)/);
  assert.equal(await page.isVisible('.seeds-diverged'), false, 'no seed diverged');

  // The student's run is as it was: same step, state, metrics, plots and link.
  assert.deepEqual(await runSnapshot(page), before);

  // The table as CSV from the Export dialog: a row per seed, then the summary rows.
  await page.click('#export-button');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.export-list button:has-text("Final metrics per seed (CSV)")'),
  ]);
  assert.match(download.suggestedFilename(), /vilab-localization-seeds\.csv$/);
  const lines = fs
    .readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\n');
  assert.equal(lines[0], 'seed,steps,diverged,divergedAt,klToExact,klToExactAvg,elboEstimate');
  assert.deepEqual(
    lines.slice(1, 9).map((line) => line.split(',')[0]),
    ['4', '5', '6', '7', '8', '9', '10', '11'],
  );
  assert.deepEqual(
    lines.slice(9).map((line) => line.split(',')[0]),
    ['mean', 'sd', 'min', 'max'],
  );
  await page.keyboard.press('Escape');

  assert.deepEqual(await axeViolations(page), []);
  // A new seed for the run: the card says its runs were made with other settings.
  assert.equal(await page.isVisible('.seeds-note'), false);
  await page.locator('#seed input').fill('12');
  await page.locator('#seed input').press('Tab');
  await page.waitForSelector('.seeds-note', { state: 'visible' });
  await page
    .locator('.seeds-card')
    .screenshot({ path: path.join(artifactsDir, 'seed-sweep-localization.png') });
  await assertClean(assert, page, record, env.origin);
});

test('logistic: a diverging learning rate shows every seed as diverged, none dropped', async () => {
  const { page, record } = await openHelper(env, 'logistic', '&vi.lr=1000');
  await page.click('[data-testid="run-seeds"]');
  await waitForSeeds(page);
  const text = await page.textContent('.seeds-diverged');
  assert.equal((text.match(/seed \d+ at step \d+/g) ?? []).length, 8, text);
  // MAP's metrics are its own; VI's KL has no finished seed left to summarize.
  assert.match(await page.textContent('.seeds-table caption'), /0 finished of 8 seeds/);
  assert.equal(await page.textContent('[data-seed-metric="vi.klToExact"] td:first-of-type'), '—');
  await assertClean(assert, page, record, env.origin);
});

test('moons: Cancel stops the seeds and the button is ready again', async () => {
  const { page, record } = await openHelper(env, 'moons');
  await page.click('[data-testid="run-seeds"]');
  await page.waitForSelector('[data-testid="cancel-seeds"]:visible');
  await page.click('[data-testid="cancel-seeds"]');
  assert.match(await page.textContent('[data-testid="seeds-status"]'), /^Cancelled: \d of 8/);
  assert.equal(await page.isEnabled('[data-testid="run-seeds"]'), true);
  assert.equal(await page.isVisible('[data-testid="cancel-seeds"]'), false);
  assert.ok((await seedsDone(page)) < 8);
  assert.equal(await stepCount(page), 0, 'the run itself never started');
  await assertClean(assert, page, record, env.origin);
});

for (const lab of ['regression', 'vae']) {
  test(`${lab}: the button is disabled, and the card says why`, async () => {
    const { page, record } = await openHelper(env, lab);
    const button = page.locator('[data-testid="run-seeds"]');
    assert.equal(await button.isDisabled(), true);
    const reason = await page.$eval(
      '[data-testid="run-seeds"]',
      (node) => document.getElementById(node.getAttribute('aria-describedby')).textContent,
    );
    assert.match(reason, /^Not offered in this lab/);
    assert.ok(reason.includes(`vilab run ${lab} --seed S`));
    await assertClean(assert, page, record, env.origin);
  });
}

test('on a 390 px phone the card fits: no sideways scroll, no overlapping plot text', async () => {
  const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  try {
    const { page, record } = await openPage(browser.context, `${env.origin}/lab.html?lab=logistic`);
    await waitForInteractive(page);
    await page.locator('[data-testid="run-seeds"]').scrollIntoViewIfNeeded();
    await page.click('[data-testid="run-seeds"]');
    await waitForSeeds(page);
    const problems = await layoutProblems(page);
    assert.deepEqual(problems, { overlaps: [], outside: [], scrollX: [] });
    const card = await page.locator('.seeds-card').boundingBox();
    assert.ok(card.x >= 0 && card.x + card.width <= 390, JSON.stringify(card));
    const table = await page.locator('.seeds-table').boundingBox();
    assert.ok(table.x + table.width <= card.x + card.width + 0.5, 'the table fits the card');
    await page
      .locator('.seeds-card')
      .screenshot({ path: path.join(artifactsDir, 'seed-sweep-phone.png') });
    await assertClean(assert, page, record, env.origin);
  } finally {
    await browser.close();
  }
});
