import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useVendor } from './vendor_hooks.mjs';

useVendor();
const { makeScale, fitTicks, labelsFit, formatLogTick, keepWithin } =
  await import('../../../web/js/plots/ticks.js');
const { createAxes, axisTicks } = await import('../../../web/js/plots/axes.js');

// About the width of the canvases' 11 px tick font: 6.5 px a character.
const width = (label) => 6.5 * label.length;
const parse = (label) => Number(label.replace(/,/g, '').replace('−', '-'));

function xTicks(domain, length) {
  const scale = makeScale('linear', domain, [0, length]);
  return { scale, ...fitTicks(scale, 'linear', { length, size: width, gap: 10 }) };
}

test('a 25 000-step axis labels 15 000 and 20 000 distinctly, on a desktop and on a phone', () => {
  const wide = xTicks([0, 25000], 600);
  assert.ok(wide.labels.includes('15,000'), wide.labels.join(' '));
  assert.ok(wide.labels.includes('20,000'), wide.labels.join(' '));
  const narrow = xTicks([0, 25000], 230);
  assert.ok(narrow.labels.length >= 2, narrow.labels.join(' '));
  assert.equal(new Set(narrow.labels).size, narrow.labels.length);
  for (let i = 0; i < narrow.labels.length; i++)
    assert.equal(parse(narrow.labels[i]), narrow.values[i], 'a label reads as its value');
});

test('labels thin out until they fit: fewer on a short axis, never overlapping', () => {
  for (const [domain, length] of [
    [[0, 10000], 700],
    [[0, 10000], 300],
    [[0, 10000], 140],
    [[-3.7, 912.4], 180],
    [[0, 0.0031], 160],
  ]) {
    const { scale, values, labels } = xTicks(domain, length);
    assert.ok(values.length >= 1);
    assert.ok(
      labelsFit(values.map(scale), labels.map(width), labels, 10),
      `${domain} on ${length}px: ${labels.join(' ')}`,
    );
  }
  assert.ok(xTicks([0, 10000], 700).values.length > xTicks([0, 10000], 140).values.length);
});

test('labelsFit rejects overlapping and repeated labels', () => {
  assert.equal(labelsFit([0, 100], [40, 40], ['a', 'b'], 10), true);
  assert.equal(labelsFit([0, 45], [40, 40], ['a', 'b'], 10), false);
  assert.equal(labelsFit([0, 100], [40, 40], ['2e4', '2e4'], 10), false);
});

test('big ranges use SI prefixes; negatives carry a real minus sign', () => {
  const { labels } = xTicks([0, 2.5e6], 400);
  assert.ok(labels.includes('1M') || labels.includes('1.0M') || labels.includes('2M'), labels);
  const signed = xTicks([-2, 2], 400).labels;
  assert.ok(signed.includes('−1') || signed.includes('−1.0'), signed.join(' '));
  assert.equal(formatLogTick(-0.01), '−0.01');
  assert.equal(formatLogTick(20000), '20k');
});

test('a log axis labels decades; a short one keeps fewer of them', () => {
  const scale = makeScale('log', [0.01, 100], [300, 0]);
  const tall = fitTicks(scale, 'log', { length: 300, size: () => 12, gap: 8 });
  for (const label of ['0.01', '0.1', '1', '10', '100']) assert.ok(tall.labels.includes(label));
  const short = fitTicks(makeScale('log', [0.01, 100], [60, 0]), 'log', {
    length: 60,
    size: () => 12,
    gap: 8,
  });
  assert.ok(short.values.length < tall.values.length && short.values.length >= 1);
});

test('a symmetric-log axis spans negative and positive values through 0', () => {
  const axes = createAxes({
    x: [0, 1],
    y: [-50, 3000],
    box: { left: 0, top: 0, width: 100, height: 300 },
    yScale: 'symlog',
  });
  assert.equal(axes.yScale, 'symlog');
  assert.ok(axes.py(-50) > axes.py(0) && axes.py(0) > axes.py(10) && axes.py(10) > axes.py(3000));
  assert.ok(Math.abs(axes.invY(axes.py(-7)) + 7) < 1e-9);
  assert.ok(axes.drawableY(-3));
  // A log scale would put 10 halfway (in log space) to 3000 from 1; symlog compresses large
  // magnitudes the same way: 100 is nearer 3000 than to 0 on screen.
  assert.ok(axes.py(0) - axes.py(100) > axes.py(100) - axes.py(3000));
  const scale = makeScale('symlog', [-50, 3000], [300, 0], axes.sy.constant());
  const { values, labels } = fitTicks(scale, 'symlog', { length: 300, size: () => 12, gap: 8 });
  assert.ok(values.includes(0) && values.some((v) => v < 0) && values.some((v) => v >= 1000));
  assert.ok(labels.some((l) => l.startsWith('−')));
});

test('a log axis does not draw values ≤ 0', () => {
  const axes = createAxes({
    x: [0, 1],
    y: [1, 100],
    box: { left: 0, top: 0, width: 10, height: 10 },
    yLog: true,
  });
  assert.equal(axes.drawableY(0), false);
  assert.equal(axes.drawableY(5), true);
});

test('an end label moved inside the canvas still keeps clear of its neighbour', () => {
  // A 10 000-step axis whose right end is 4 px from the canvas's edge (the plot's right margin).
  const scale = makeScale('linear', [0, 10000], [40, 296]);
  const bounds = [0, 300];
  const ticks = fitTicks(scale, 'linear', { length: 256, size: width, gap: 10, bounds });
  assert.ok(ticks.labels.includes('10,000'), ticks.labels.join(' '));
  const placed = ticks.values.map((v, i) => keepWithin(scale(v), width(ticks.labels[i]), bounds));
  const ends = placed.map((p, i) => [
    p - width(ticks.labels[i]) / 2,
    p + width(ticks.labels[i]) / 2,
  ]);
  assert.ok(ends.at(-1)[1] <= 300, `the last label ends at ${ends.at(-1)[1]}`);
  for (let i = 1; i < ends.length; i++)
    assert.ok(ends[i][0] - ends[i - 1][1] >= 10, `${ticks.labels[i - 1]} and ${ticks.labels[i]}`);
  // Without the bounds the same label would hang over the edge.
  assert.ok(scale(10000) + width('10,000') / 2 > 300);
});

test('x tick labels are fitted as drawn: measured in the small font, the canvas font restored', () => {
  // A canvas whose text is 4 px a character in the small font and 40 in its own large one.
  const g = {
    font: 'large',
    saved: [],
    save() {
      this.saved.push(this.font);
    },
    restore() {
      this.font = this.saved.pop();
    },
    measureText(text) {
      return { width: text.length * (this.font === 'small' ? 4 : 40) };
    },
  };
  const axes = createAxes({
    x: [0, 10000],
    y: [0, 1],
    box: { left: 0, top: 0, width: 400, height: 200 },
  });
  const { xLabels } = axisTicks(g, axes, { smallFont: 'small', font: 'large' });
  // In the large font not even two 6-character labels fit 400 px; in the small one several do.
  assert.ok(xLabels.length >= 4, xLabels.join(' '));
  assert.equal(g.font, 'large');
});
