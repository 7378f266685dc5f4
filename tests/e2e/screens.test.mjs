// Every lab on a phone (390×844), a tablet (768×1024), at 200 % zoom (a 1280×900 window is
// 640×450 CSS pixels) and on a 1280×900 desktop: after Play a plot is in view, no plot text overlaps other text or
// leaves its canvas, nothing scrolls sideways, the console stays clean. Screenshots go to
// build/e2e/screens-<lab>-<width>.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite,
  startServer,
  launchBrowser,
  openPage,
  assertClean,
  waitForInteractive,
  screenshot,
  registeredLabs,
  runToEnd,
  painted,
} from './helpers.mjs';
import { layoutProblems, visiblePlotHeight, waitForSteps } from './layout.mjs';
import fs from 'node:fs';

const labs = await registeredLabs();
const screens = [
  { name: 'phone', viewport: { width: 390, height: 844 }, scale: 3 },
  { name: 'tablet', viewport: { width: 768, height: 1024 }, scale: 2 },
  { name: 'zoom200', viewport: { width: 640, height: 450 }, scale: 2 },
  { name: 'desktop', viewport: { width: 1280, height: 900 }, scale: 1 },
];

const site = buildSite();
const server = await startServer(site);
after(() => {
  server.stop();
  fs.rmSync(site, { recursive: true, force: true });
});

for (const screen of screens) {
  test(`every lab at ${screen.viewport.width}×${screen.viewport.height} (${screen.name})`, async () => {
    const browser = await launchBrowser({ viewport: screen.viewport });
    try {
      for (const lab of labs) {
        const { page, record } = await openPage(
          browser.context,
          `${server.origin}/lab.html?lab=${lab}`,
        );
        await waitForInteractive(page);
        const play = page.locator('[data-testid="play"]');
        await play.scrollIntoViewIfNeeded();
        await play.click();
        await waitForSteps(page, 150);
        // Scrolling (if Play scrolled) has settled when the plot stops moving.
        await page.waitForFunction(
          () => {
            const top = document.querySelector('#plot-grid canvas').getBoundingClientRect().top;
            const still = window.__lastTop === top;
            window.__lastTop = top;
            return still;
          },
          null,
          { polling: 100 },
        );
        const seen = await visiblePlotHeight(page);
        assert.ok(seen >= 150, `${lab}: only ${seen} px of a plot in view after Play`);
        assert.ok(await play.isVisible(), `${lab}: the play button left the window`);
        // Pause, then check the layout of the last frame's drawing.
        if ((await page.textContent('[data-testid="run-state"]')) === 'Training')
          await page.keyboard.press('Space');
        await page.waitForFunction(
          () => document.querySelector('[data-testid="run-state"]').textContent !== 'Training',
        );
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        );
        const problems = await layoutProblems(page);
        assert.deepEqual(problems.overlaps, [], `${lab}: overlapping text`);
        assert.deepEqual(problems.outside, [], `${lab}: text outside its canvas`);
        assert.deepEqual(problems.scrollX, [], `${lab}: horizontal scroll`);
        const stepLine = await page.$eval('[data-testid="step-line"]', (node) => {
          const rects = [...node.getClientRects()];
          return { lines: new Set(rects.map((r) => Math.round(r.top))).size };
        });
        assert.equal(stepLine.lines, 1, `${lab}: the step line wraps`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `screens-${lab}-${screen.viewport.width}.png`);
        await assertClean(assert, page, record, server.origin);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
}

// A finished run's step axes end at the budget (10,000): the last label sits at the plot's right
// edge, a few pixels from the canvas's, and must still be drawn inside it.
test('a finished localization run at 1280×900 keeps every step label on its canvas', async () => {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, record } = await openPage(
      browser.context,
      `${server.origin}/lab.html?lab=localization`,
    );
    await waitForInteractive(page);
    await runToEnd(page, { timeout: 120000 });
    await painted(page);
    const problems = await layoutProblems(page);
    assert.deepEqual(problems.outside, [], 'text outside its canvas');
    assert.deepEqual(problems.overlaps, [], 'overlapping text');
    await assertClean(assert, page, record, server.origin);
  } finally {
    await browser.close();
  }
});
