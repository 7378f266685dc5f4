// node scripts/soak.mjs [minutes=10]: a lab page left training at full speed in headless
// Chromium, sampled once a minute: the page's JavaScript heap (after a forced collection), the
// engine's WebAssembly memory, the longest history series in a frame, the DOM's element count.
// The run is regression's vi alone with its largest budget (100 000 steps, over ten minutes).
import { startEnvironment, waitForInteractive, heapUsed } from '../tests/e2e/helpers.mjs';

const minutes = Number(process.argv[2] ?? 10);
const env = await startEnvironment();
try {
  const { page, record } = await env.open(
    'lab.html?lab=regression&vi.steps=100000&mle.steps=0&bnn.steps=0',
    { probe: true },
  );
  await waitForInteractive(page);
  await page.selectOption('[data-testid="speed"]', 'Infinity');
  await page.click('[data-testid="play"]');
  console.log('minute  step     heap (MB)  engine (MB)  longest history  elements');
  for (let minute = 0; minute <= minutes; minute++) {
    if (minute > 0) await page.waitForTimeout(60000);
    const heap = await heapUsed(page);
    const p = await page.evaluate(() => ({
      step: window.__probe.step,
      engine: window.__probe.engineBytes,
      history: window.__probe.maxHistory,
      elements: document.getElementsByTagName('*').length,
    }));
    console.log(
      [
        String(minute).padStart(6),
        String(p.step).padStart(6),
        (heap / 1e6).toFixed(2).padStart(12),
        (p.engine / 1e6).toFixed(1).padStart(12),
        String(p.history).padStart(16),
        String(p.elements).padStart(9),
      ].join(' '),
    );
  }
  const problems = [...record.consoleErrors, ...record.pageErrors];
  console.log(problems.length ? `errors: ${problems.join('; ')}` : 'no console or page errors');
} finally {
  await env.close();
}
