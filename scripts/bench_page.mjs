// The benchmark's page rows (build 'page'): each lab's default run on the lab page itself in
// headless Chromium, plots live, speed "As fast as possible", timed from play to done and to the
// last map refinement, as a student waits for it; `workers` is how many training workers sent
// frames (labs that train several methods train them in parallel workers: web/js/parallel_client.js).
import { startEnvironment, waitForInteractive } from '../tests/e2e/helpers.mjs';

const timeoutMs = 300000;

/** Times one lab on an opened page; resolves to its row. */
async function timeLab(page, lab) {
  await waitForInteractive(page);
  const interactiveMs = await page.evaluate(
    () => performance.getEntriesByName('vilab:interactive')[0].startTime,
  );
  await page.selectOption('[data-testid="speed"]', 'Infinity');
  const start = await page.evaluate(() => performance.now());
  await page.click('[data-testid="play"]');
  // Done (or diverged), and the maps refined to their target: the picture is final.
  await page.waitForFunction(
    () =>
      !window.__probe.refining &&
      window.__probe.statuses.some((s) => s.reason === 'done' || s.reason === 'diverged'),
    null,
    { timeout: timeoutMs, polling: 100 },
  );
  const probe = await page.evaluate(() => ({
    stoppedAt: window.__probe.statuses.find((s) => s.reason === 'done' || s.reason === 'diverged')
      .at,
    refinedAt: window.__probe.refinedAt,
    frames: window.__probe.frames,
    steps: window.__probe.step,
    flops: window.__probe.flops,
    workers: window.__probe.trainingWorkers,
  }));
  const seconds = (probe.stoppedAt - start) / 1000;
  const row = {
    lab,
    build: 'page',
    steps: probe.steps,
    seconds,
    stepsPerSecond: probe.steps / seconds,
    // The final picture: maps refined after training (moons), plots caught up (vae).
    refinedSeconds: (Math.max(probe.stoppedAt, probe.refinedAt ?? 0) - start) / 1000,
    interactiveSeconds: interactiveMs / 1000,
    frames: probe.frames,
    workers: probe.workers,
  };
  // Every method's products over the time to done, summed over the workers.
  if (probe.flops > 0) row.gflops = probe.flops / seconds / 1e9;
  return row;
}

/**
 * One 'page' row per lab in `labs`, in order; onRow(row) as each finishes. workers: the page's
 * ?workers= (null: the machine's cores); site: a built site folder to time (null: build one from
 * the current sources), such as an older commit's build/web for a before/after comparison.
 */
export async function benchPage(labs, onRow = () => {}, { workers = null, site = null } = {}) {
  const extra = workers === null ? '' : `&workers=${encodeURIComponent(workers)}`;
  const env = await startEnvironment({ site });
  const rows = [];
  try {
    for (const lab of labs) {
      const { page } = await env.open(`lab.html?lab=${encodeURIComponent(lab)}${extra}`, {
        probe: true,
      });
      const row = await timeLab(page, lab);
      if (site !== null) row.site = site;
      await page.close();
      rows.push(row);
      onRow(row);
    }
  } finally {
    await env.close();
  }
  return rows;
}
