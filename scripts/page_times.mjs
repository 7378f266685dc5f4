// node scripts/page_times.mjs [lab,lab,…]: how long each lab's default run takes on the page
// itself (headless Chromium, plots live, speed "As fast as possible"), from play to done.
// Without an argument, every lab the engine registers.
import { startEnvironment, waitForInteractive } from '../tests/e2e/helpers.mjs';
import { loadVilab } from '../tests/js/load_vilab.mjs';

const labs = process.argv[2]?.split(',') ?? Array.from((await loadVilab()).labs());
const env = await startEnvironment();
try {
  for (const lab of labs) {
    const { page } = await env.open(`lab.html?lab=${encodeURIComponent(lab)}`, { probe: true });
    await waitForInteractive(page);
    await page.selectOption('[data-testid="speed"]', 'Infinity');
    const start = Date.now();
    await page.click('[data-testid="play"]');
    await page.waitForFunction(
      () => window.__probe.statuses.some((s) => s.reason === 'done' || s.reason === 'diverged'),
      null,
      { timeout: 300000 },
    );
    const seconds = (Date.now() - start) / 1000;
    const frames = await page.evaluate(() => window.__probe.frames);
    console.log(`${lab.padEnd(16)} ${seconds.toFixed(2).padStart(7)} s  ${frames} frames`);
    await page.close();
  }
} finally {
  await env.close();
}
