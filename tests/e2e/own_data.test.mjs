// Your own data in the browser (regression): a click adds a point, a drag moves it, a right-click
// or Delete removes it, each edit a restart that keeps the last run faded; the URL holds the
// points and reloads to the same metrics; bad points are named and nothing is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startEnvironment,
  assertClean,
  stepCount,
  screenshot,
  openLab as openHelper,
  metricValue,
  trainSteps,
  runToEnd,
  painted,
} from './helpers.mjs';

let env;
before(async () => {
  env = await startEnvironment();
});
after(async () => {
  await env?.close();
});

// A small, short regression run, so that a test can run it to the end.
const small = '&n=300&mle.steps=200&vi.steps=20&bnn.steps=200';
const openLab = (query = '') => openHelper(env, 'regression', `${small}${query}`);
const dataParam = (page) => new URL(page.url()).searchParams.get('data');
const pointCount = (page) => page.textContent('[data-field="data"] .points-count');

// A point of the bnn panel's canvas, as a fraction of its size, in page coordinates.
async function bnnSpot(page, fx, fy) {
  const box = await page.locator('#plot-grid .panel:nth-child(2) canvas').boundingBox();
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

async function waitForData(page, predicate) {
  await page.waitForFunction(
    (source) =>
      new Function('data', `return ${source}`)(new URL(location.href).searchParams.get('data')),
    predicate,
  );
}

test('a click adds a point, a drag moves it, right-click and Delete remove it', async () => {
  const { page, record } = await openLab();
  await trainSteps(page, 50);
  const spot = await bnnSpot(page, 0.85, 0.5); // far right: beyond the data on the wide range
  await page.mouse.click(spot.x, spot.y);
  await waitForData(page, "data !== null && data.split('_').length === 1");
  const added = dataParam(page).split(',').map(Number);
  assert.ok(added[0] > 3, `the point lies beyond the data, at x = ${added[0]}`);
  assert.equal(await pointCount(page), '1');
  // A restart: the run starts over and the last one stays on the loss panel, faded.
  await page.waitForFunction(
    () => Number(document.querySelector('#numbers').dataset.fadedTrace) > 0,
  );
  assert.equal(await stepCount(page), 0);

  // Drag it 40 pixels to the left: one point still, at a smaller x.
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  await page.mouse.move(spot.x - 20, spot.y, { steps: 4 });
  await page.mouse.move(spot.x - 40, spot.y, { steps: 4 });
  await page.mouse.up();
  await waitForData(page, `data !== null && Number(data.split(',')[0]) < ${added[0]}`);
  assert.equal(dataParam(page).split('_').length, 1);
  const moved = { x: spot.x - 40, y: spot.y };

  // Right-click removes it: the exercise's data again, no data parameter.
  await painted(page);
  await page.mouse.click(moved.x, moved.y, { button: 'right' });
  await waitForData(page, 'data === null');
  assert.equal(await pointCount(page), 'none');

  // Add two, select the first with a click, Delete removes just that one.
  await page.mouse.click(spot.x, spot.y);
  await waitForData(page, "data !== null && data.split('_').length === 1");
  const second = await bnnSpot(page, 0.1, 0.3);
  await page.mouse.click(second.x, second.y);
  await waitForData(page, "data !== null && data.split('_').length === 2");
  const kept = dataParam(page).split('_')[1];
  await painted(page);
  await page.mouse.click(spot.x, spot.y); // a click on a point selects it (nothing added)
  await page.keyboard.press('Delete');
  await waitForData(page, `data === '${kept}'`);
  await screenshot(page, 'own-data-regression.png');

  // "Reset to the exercise's data" clears them.
  await page.click('[data-field="data"] .points-reset');
  await waitForData(page, 'data === null');
  await assertClean(assert, page, record, env.origin);
});

test('a URL with your points reloads to the same metrics', async () => {
  const { page } = await openLab();
  const spot = await bnnSpot(page, 0.9, 0.4);
  await painted(page);
  await page.mouse.click(spot.x, spot.y);
  await waitForData(page, 'data !== null');
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
});

test('bad points are named, and nothing is lost', async () => {
  // In the link: a warning naming the field, the point and the range; the exercise's data runs.
  const { page, record } = await openLab('&data=6,NaN');
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
  await waitForData(page, "data === '7,1'");
  await trainSteps(page, 20);
  assert.ok((await stepCount(page)) >= 20);
  await assertClean(assert, page, record, env.origin);
});
