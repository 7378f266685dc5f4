import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useVendor } from './vendor_hooks.mjs';
import { ellipsePoints } from '../../../web/js/plots/ellipse.js';
import { contourSegments } from '../../../web/js/plots/contour.js';
import { colorAt } from '../../../web/js/plots/colormaps.js';

useVendor();
const { fitEqual, createAxes } = await import('../../../web/js/plots/axes.js');
const { valueRange } = await import('../../../web/js/plots/lines.js');

test('fitEqual makes units per pixel equal on both axes', () => {
  const { x, y } = fitEqual([0, 10], [0, 2], 400, 200);
  assert.ok(Math.abs((x[1] - x[0]) / 400 - (y[1] - y[0]) / 200) < 1e-12);
  assert.deepEqual(x, [0, 10]);
});

test('axes map data to pixels and back, linear and log', () => {
  const box = { left: 10, top: 5, width: 100, height: 50 };
  const linear = createAxes({ x: [0, 1], y: [-1, 1], box });
  assert.equal(linear.px(0.5), 60);
  assert.equal(linear.py(1), 5);
  assert.ok(Math.abs(linear.invY(linear.py(0.3)) - 0.3) < 1e-12);
  const log = createAxes({ x: [0, 1], y: [1, 100], box, yLog: true });
  assert.equal(log.py(10), 30);
  assert.ok(Math.abs(log.invY(30) - 10) < 1e-9);
});

test('ellipse points satisfy (x − m)ᵀ Σ⁻¹ (x − m) = k²', () => {
  const mean = [1, -2];
  const cov = [2, 0.6, 0.6, 0.5];
  const det = cov[0] * cov[3] - cov[1] * cov[2];
  const points = ellipsePoints(mean, cov, 2, 36);
  for (let i = 0; i < points.length; i += 2) {
    const dx = points[i] - mean[0];
    const dy = points[i + 1] - mean[1];
    const q = (cov[3] * dx * dx - 2 * cov[1] * dx * dy + cov[0] * dy * dy) / det;
    assert.ok(Math.abs(q - 4) < 1e-9, `quadratic form ${q}`);
  }
});

test('contours of a radial function lie on the circle of that level', () => {
  const n = 41;
  const values = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) values[r * n + c] = Math.hypot(c - 20, r - 20);
  const segments = contourSegments(values, n, n, 10);
  assert.ok(segments.length > 40 * 4);
  for (let i = 0; i < segments.length; i += 2) {
    // Linear interpolation along a cell edge of a convex function errs by at most
    // about (edge length)² / (8·radius) = 1/80 inside the cell.
    assert.ok(Math.abs(Math.hypot(segments[i] - 20, segments[i + 1] - 20) - 10) < 0.02);
  }
  assert.deepEqual(contourSegments(values, n, n, 100), []);
});

test('colormaps hit their end colours', () => {
  assert.deepEqual(colorAt('viridis', 0), [0x44, 0x01, 0x54]);
  assert.deepEqual(colorAt('viridis', 1), [0xfd, 0xe7, 0x25]);
  // t = 0.5 lands on LUT entry 128 of 256, half an entry past the grey centre stop.
  for (const c of colorAt('diverging', 0.5)) assert.ok(Math.abs(c - 0xf2) <= 1);
  assert.deepEqual(colorAt('cividis', NaN), colorAt('cividis', 0));
});

test('valueRange pads, skips non-finite and non-positive on log', () => {
  assert.deepEqual(valueRange([[0, 1, NaN, 2]], {}), [-0.12, 2.12]);
  const log = valueRange([[0, -1, 1, 100]], { log: true });
  assert.ok(log[0] < 1 && log[0] > 0.7 && log[1] > 100 && log[1] < 130);
  assert.equal(valueRange([[NaN]]), null);
});

test('movingAverage is a centred mean that skips non-finite values', async () => {
  const { movingAverage } = await import('../../../web/js/plots/lines.js');
  assert.deepEqual(Array.from(movingAverage([1, 2, 3, 4, 5], 3)), [1.5, 2, 3, 4, 4.5]);
  assert.deepEqual(Array.from(movingAverage([1, NaN, 3], 3)), [1, 2, 3]);
  assert.deepEqual(Array.from(movingAverage([7, 8], 1)), [7, 8]);
});
