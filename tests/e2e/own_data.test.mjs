// Your own data in the browser (regression): a click adds a point, a drag moves it, a right-click
// or Delete removes it, each edit a restart that keeps the last run faded; the URL holds the
// points and reloads to the same metrics; bad points are named and nothing is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedEnvironment,
  assertClean,
  stepCount,
  screenshot,
  openLab as openHelper,
  metricValue,
  trainSteps,
  runToEnd,
  painted,
} from './helpers.mjs';

const env = sharedEnvironment();

// A small, short regression run, so that a test can run it to the end.
const small = '&n=300&mle.steps=200&vi.steps=20&bnn.steps=200';
const openLab = (query = '') => openHelper(env, 'regression', `${small}${query}`);
// The same with budgets no test reaches: a run still going when the test pauses it.
const long = '&n=300&mle.steps=100000&vi.steps=20&bnn.steps=100000';
const openLong = (query = '') => openHelper(env, 'regression', `${long}${query}`);
const dataParam = (page) => new URL(page.url()).searchParams.get('data');
const pointCount = (page) => page.textContent('[data-field="data"] .points-count');

// A point of the bnn panel's canvas, as a fraction of its size, in page coordinates.
const bnnCanvas = '#plot-grid canvas[aria-label^="The Bayesian network"]';
async function bnnSpot(page, fx, fy) {
  await page.locator(bnnCanvas).scrollIntoViewIfNeeded(); // mouse events reach the viewport only
  const box = await page.locator(bnnCanvas).boundingBox();
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

// Resolves once `selector`'s canvas has drawn its axes (their labels are in its textBoxes).
async function axesDrawn(page, selector = '.main-plot canvas') {
  await page.waitForFunction((sel) => document.querySelector(sel).textBoxes?.length > 0, selector);
}

// The page position of the editable point nearest `near` (within 80 pixels), found as the
// editor shows it: the canvas takes the 'over-handle' class when the pointer is over a point.
async function findPoint(page, selector, near) {
  const found = await page.evaluate(
    ({ sel, x0, y0 }) => {
      const c = document.querySelector(sel);
      for (let r = 0; r <= 80; r += 2)
        for (let a = 0; a < 360; a += r === 0 ? 360 : 10) {
          const x = x0 + r * Math.cos((a * Math.PI) / 180);
          const y = y0 + r * Math.sin((a * Math.PI) / 180);
          c.dispatchEvent(
            new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }),
          );
          if (c.classList.contains('over-handle')) return { x, y };
        }
      return null;
    },
    { sel: selector, x0: near.x, y0: near.y },
  );
  if (!found) throw new Error(`no point near (${near.x}, ${near.y})`);
  return found;
}

// Waits, frame by frame, until the URL's data parameter satisfies `predicate` (run here, in Node:
// the page's CSP allows no code from strings).
async function waitForData(page, predicate, { param = 'data', timeout = 60000 } = {}) {
  const value = () => new URL(page.url()).searchParams.get(param);
  const deadline = Date.now() + timeout;
  while (!predicate(value())) {
    if (Date.now() > deadline) throw new Error(`${param} never matched; last: ${value()}`);
    await painted(page);
  }
}

test('a click adds a point, a drag moves it, right-click and Delete remove it', async () => {
  const { page, record } = await openLong();
  await trainSteps(page, 50);
  await axesDrawn(page, bnnCanvas);
  const spot = await bnnSpot(page, 0.85, 0.5); // far right: beyond the data on the wide range
  await page.mouse.click(spot.x, spot.y);
  await waitForData(page, (data) => data !== null && data.split('_').length === 1);
  const added = dataParam(page).split(',').map(Number);
  assert.ok(added[0] > 3, `the point lies beyond the data, at x = ${added[0]}`);
  assert.equal(await pointCount(page), '1');
  // A restart: the run starts over and the last one stays on the loss panel, faded.
  await page.waitForFunction(
    () => Number(document.querySelector('#numbers').dataset.fadedTrace) > 0,
  );
  assert.equal(await stepCount(page), 0);

  // Drag it 40 pixels to the left (the restarted run may have rescaled the axes: find it where
  // it is drawn now): one point still, at a smaller x.
  const at = await findPoint(page, bnnCanvas, spot);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x - 20, at.y, { steps: 4 });
  await page.mouse.move(at.x - 40, at.y, { steps: 4 });
  await page.mouse.up();
  await waitForData(page, (data) => data !== null && Number(data.split(',')[0]) < added[0]);
  assert.equal(dataParam(page).split('_').length, 1);

  // Right-click removes it: the exercise's data again, no data parameter.
  await painted(page);
  const moved = await findPoint(page, bnnCanvas, { x: at.x - 40, y: at.y });
  await page.mouse.click(moved.x, moved.y, { button: 'right' });
  await waitForData(page, (data) => data === null);
  assert.equal(await pointCount(page), 'none');

  // Add two, select the first with a click, Delete removes just that one.
  await page.mouse.click(spot.x, spot.y);
  await waitForData(page, (data) => data !== null && data.split('_').length === 1);
  const second = await bnnSpot(page, 0.35, 0.3); // inside the plot box, left of the first
  await page.mouse.click(second.x, second.y);
  await waitForData(page, (data) => data !== null && data.split('_').length === 2);
  const kept = dataParam(page).split('_')[1];
  await painted(page);
  const first = await findPoint(page, bnnCanvas, spot);
  await page.mouse.click(first.x, first.y); // a click on a point selects it (nothing added)
  await page.keyboard.press('Delete');
  await waitForData(page, (data) => data === kept);
  await screenshot(page, 'own-data-regression.png');

  // "Reset to the exercise's data" clears them.
  await page.click('[data-field="data"] .points-reset');
  await waitForData(page, (data) => data === null);
  await assertClean(assert, page, record, env.origin);
  await page.close();
});

test('a URL with your points reloads to the same metrics', async () => {
  const { page } = await openLab();
  await axesDrawn(page, bnnCanvas);
  const spot = await bnnSpot(page, 0.9, 0.4);
  await page.mouse.click(spot.x, spot.y);
  await waitForData(page, (data) => data !== null);
  await runToEnd(page, { timeout: 120000 });
  const keys = ['mle.valMse', 'vi.coverage90', 'bnn.valNll', 'bnn.bandWidthFar'];
  const first = await Promise.all(keys.map((key) => metricValue(page, key)));
  const link = page.url();
  assert.match(link, /data=-?[\d.]+,-?[\d.]+&/); // commas kept as they are

  const again = await env.open(link.slice(env.origin.length + 1));
  await again.page.waitForSelector('.metric-value');
  await runToEnd(again.page, { timeout: 120000 });
  const second = await Promise.all(keys.map((key) => metricValue(again.page, key)));
  assert.deepEqual(second, first);
  // And the point mattered: the exercise's data alone gives other numbers.
  const { page: plain } = await openLab();
  await runToEnd(plain, { timeout: 120000 });
  assert.notEqual(await metricValue(plain, 'bnn.bandWidthFar'), first[3]);
  await Promise.all([page.close(), again.page.close(), plain.close()]);
});

test('bad points are named, and nothing is lost', async () => {
  // In the link: a warning naming the field, the point and the range; the exercise's data runs.
  const { page, record } = await openLong('&data=6,NaN');
  const warning = await page.textContent('.notice');
  assert.match(warning, /Ignored data = "6,NaN": point 1 "6,NaN": y = NaN is not a finite number/);
  assert.equal(dataParam(page), null);

  // Typed into the field: its error names the point; the run and its step are kept.
  await trainSteps(page, 60);
  const step = await stepCount(page);
  const mse = await metricValue(page, 'mle.valMse');
  const input = page.locator('[data-field="data"] .points-text');
  await input.fill(Array(201).fill('1,1').join('_'));
  await input.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('[data-field="data"] .field-error').textContent.includes('201 points'),
  );
  await input.fill('1,1_7,99');
  await input.press('Enter');
  await page.waitForFunction(() =>
    document
      .querySelector('[data-field="data"] .field-error')
      .textContent.includes('point 2 "7,99": y = 99 is out of range [-50, 50]'),
  );
  assert.equal(await stepCount(page), step);
  assert.equal(await metricValue(page, 'mle.valMse'), mse);
  assert.equal(dataParam(page), null);
  // Still usable: a good edit starts a new run with it.
  await input.fill('7,1');
  await input.press('Enter');
  await waitForData(page, (data) => data === '7,1');
  await trainSteps(page, 20);
  assert.ok((await stepCount(page)) >= 20);
  await assertClean(assert, page, record, env.origin);
  await page.close();
});

test('logistic: a click adds a point of the toggled class, Shift-click one of the other', async () => {
  const { page, record } = await openHelper(env, 'logistic');
  await axesDrawn(page);
  const toggle = page.locator('[data-testid="class-toggle"]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true'); // adds class 1
  const box = await page.locator('.main-plot canvas').boundingBox();
  const spot = { x: box.x + 0.16 * box.width, y: box.y + 0.45 * box.height };
  await page.mouse.click(spot.x, spot.y);
  await waitForData(page, (data) => data !== null && data.endsWith(',1'));
  await page.keyboard.down('Shift');
  await page.mouse.click(spot.x + 30, spot.y + 20);
  await page.keyboard.up('Shift');
  await waitForData(
    page,
    (data) => data !== null && data.split('_').length === 2 && data.endsWith(',0'),
  );
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false'); // now adds class 0
  await screenshot(page, 'own-data-logistic.png');
  await assertClean(assert, page, record, env.origin);
  await page.close();
});

test('localization: a click adds a sensor, a right-click removes it', async () => {
  const { page, record } = await openHelper(env, 'localization');
  await axesDrawn(page);
  const box = await page.locator('.main-plot canvas').boundingBox();
  const spot = { x: box.x + 0.15 * box.width, y: box.y + 0.8 * box.height }; // low left: empty
  await page.mouse.click(spot.x, spot.y);
  await page.waitForFunction(
    () => new URL(location.href).searchParams.get('sensors')?.split('_').length === 4,
  );
  assert.match(new URL(page.url()).searchParams.get('sensors'), /^0\.5,1_3\.5,1_2,3_-/);
  await painted(page);
  await screenshot(page, 'own-data-localization.png');
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  // Back to the exercise's three sensors: the default, so the URL no longer carries them.
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('sensors'));
  await assertClean(assert, page, record, env.origin);
  await page.close();
});
