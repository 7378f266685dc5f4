// Layout checks shared by the screen and embed tests, run inside a page or a frame: text the
// plots drew (the boxes canvases record, see web/js/plots/textboxes.js) that overlaps other
// text or leaves its canvas, horizontal scrolling, and whether a plot is in view.

/** Problems in the current layout: {overlaps, outside, scrollX}, each a list of strings. */
export function layoutProblems(target) {
  return target.evaluate(() => {
    const overlaps = [];
    const outside = [];
    for (const canvas of document.querySelectorAll('#plot-grid canvas, #numbers canvas')) {
      if (!canvas.offsetParent) continue; // hidden (an optional panel in an embed)
      const where = canvas.closest('figure')?.querySelector('.panel-title')?.textContent ?? '?';
      const boxes = canvas.textBoxes ?? [];
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      for (let i = 0; i < boxes.length; i++) {
        const a = boxes[i];
        if (a.left < -1 || a.top < -1 || a.right > width + 1 || a.bottom > height + 1)
          outside.push(`${where}: "${a.text}" outside ${width}×${height}`);
        for (let j = i + 1; j < boxes.length; j++) {
          const b = boxes[j];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5) overlaps.push(`${where}: "${a.text}" overlaps "${b.text}"`);
        }
      }
    }
    const root = document.documentElement;
    const scrollX =
      root.scrollWidth > root.clientWidth + 1
        ? [`page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`]
        : [];
    return { overlaps, outside, scrollX };
  });
}

/** How many CSS pixels of the tallest-visible plot canvas are inside the window. */
export function visiblePlotHeight(target) {
  return target.evaluate(() => {
    let best = 0;
    for (const canvas of document.querySelectorAll('#plot-grid canvas')) {
      const r = canvas.getBoundingClientRect();
      const seen = Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0);
      const across = Math.min(r.right, window.innerWidth) - Math.max(r.left, 0);
      if (across > 50) best = Math.max(best, seen);
    }
    return best;
  });
}

/** Waits until the step counter shows at least `steps`, or the run has ended. */
export async function waitForSteps(target, steps, timeout = 60000) {
  await target.waitForFunction(
    (n) => {
      const count = Number(
        document.querySelector('[data-testid="step-count"]').textContent.replace(/[^\d]/g, ''),
      );
      const state = document.querySelector('[data-testid="run-state"]').textContent;
      return count >= n || state === 'Finished' || state === 'Diverged';
    },
    steps,
    { timeout },
  );
}
