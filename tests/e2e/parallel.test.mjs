// Parallel workers on the page: regression's three methods trained in two workers finish with
// the metrics one worker gives (every row of the metrics table), without console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedEnvironment, assertClean, runToEnd, painted, playFast } from './helpers.mjs';

const env = sharedEnvironment();
// Short budgets that end at different steps; vi alone in one worker, mle and bnn in the other.
const short = '&mle.steps=300&vi.steps=40&bnn.steps=150';

async function finalMetrics(workers) {
  const { page, record } = await env.open(`lab.html?lab=regression${short}&workers=${workers}`, {
    probe: true,
  });
  await page.waitForSelector('.metric-value');
  await runToEnd(page, { timeout: 120000 });
  await painted(page);
  const metrics = await page.$$eval('[data-metric]', (rows) =>
    Object.fromEntries(
      rows.map((row) => [row.dataset.metric, row.querySelector('.metric-value').textContent]),
    ),
  );
  const trainingWorkers = await page.evaluate(() => window.__probe.trainingWorkers);
  const step = await page.textContent('[data-testid="step-count"]');
  await assertClean(assert, page, record, env.origin);
  await page.close();
  return { metrics, trainingWorkers, step };
}

test('regression in two workers finishes with the metrics of one worker', async () => {
  const parallel = await finalMetrics(2);
  const single = await finalMetrics(1);
  assert.equal(parallel.trainingWorkers, 2);
  assert.equal(single.trainingWorkers, 1);
  assert.ok(Object.keys(single.metrics).length >= 6, 'the metrics table has rows');
  for (const key of ['mle.valMse', 'vi.valNll', 'bnn.bandWidth'])
    assert.match(single.metrics[key], /\d/, `${key} shows a number`);
  assert.deepEqual(parallel.metrics, single.metrics);
  assert.equal(parallel.step, single.step);
});

test('a bad workers parameter is named in a warning and the lab still trains', async () => {
  const { page } = await env.open(`lab.html?lab=regression${short}&workers=zero`, {
    probe: true,
  });
  await page.waitForSelector('.notice-warning');
  assert.match(await page.textContent('.notice-warning'), /workers = "zero".*1 to 8/);
  await runToEnd(page, { timeout: 120000 });
  await page.close();
});

test('a crash of one of the two workers restarts the lab in both, and it trains again', async () => {
  const long = '&mle.steps=200000&vi.steps=2000&bnn.steps=0&workers=2';
  const { page, record } = await env.open(`lab.html?lab=regression${long}`, { probe: true });
  await page.waitForSelector('.metric-value');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => window.__probe.step > 50, null, { timeout: 0 });
  assert.equal(page.workers().length, 2);
  await page.workers()[1].evaluate(() => {
    setTimeout(() => {
      throw new Error('injected failure');
    });
  });
  await page.waitForFunction(() => document.querySelector('.notice-error[data-key="crash"]'));
  assert.match(
    await page.textContent('.notice-error[data-key="crash"] p'),
    /stopped unexpectedly \(.*injected failure\).*restarted/,
  );
  // Both workers reopen the lab at step 0; play trains again.
  await page.waitForSelector('[data-testid="play"]:not([disabled])');
  await page.waitForFunction(
    () => window.__probe.step === 0 && window.__probe.trainingWorkers === 2,
  );
  assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'false');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => window.__probe.step > 0, null, { timeout: 0 });
  record.consoleErrors = record.consoleErrors.filter((text) => !text.includes('injected failure'));
  await assertClean(assert, page, record, env.origin);
  await page.close();
});

test('a method diverging in its worker stops the lab: the banner names it, the other worker is paused', async () => {
  // Logistic's MAP diverges at once; VI, in the other worker, has budget for a long run.
  const query = '&map.lr=1000&vi.steps=200000&workers=2';
  const { page, record } = await env.open(`lab.html?lab=logistic${query}`, { probe: true });
  await page.waitForSelector('.metric-value');
  await playFast(page);
  await page.waitForSelector('#diverged-banner:not([hidden])', { timeout: 60000 });
  assert.match(await page.textContent('#diverged-banner'), /MAP.*diverged/i);
  assert.equal(await page.evaluate(() => window.__probe.trainingWorkers), 2);
  // The VI worker was paused by the client (the test never pressed pause): it says so.
  await page.waitForFunction(() =>
    window.__probe.statuses.some((s) => s.type === 'status' && s.reason === 'pause'),
  );
  await page.waitForSelector('[data-testid="play"][aria-pressed="false"]');
  await assertClean(assert, page, record, env.origin);
  await page.close();
});
