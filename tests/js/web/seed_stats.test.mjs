// What the seeds card shows of finished runs (web/js/seed_stats.js): medians of loss curves,
// summaries of the final metrics over the seeds that finished, and the CSV export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  curveSpread,
  divergedText,
  median,
  medianCurve,
  metricSummary,
  seedCsv,
  spreadFit,
  spreadLogScale,
  summaryText,
} from '../../../web/js/seed_stats.js';

const curve = (x, y, label = 'loss') => ({
  x: Float32Array.from(x),
  yLabel: 'loss (nats)',
  series: [{ label, y: Float32Array.from(y), color: 'fg' }],
});

test('median of an odd and an even count, and of nothing', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('the median curve follows the longest run; a run that stopped early leaves the later steps', () => {
  const runs = [
    { x: [0, 10, 20], y: [5, 3, 1] },
    { x: [0, 10, 20], y: [7, 4, 2] },
    { x: [0, 10], y: [9, NaN] }, // stopped at step 10 with a non-finite loss
  ];
  const { x, y } = medianCurve(runs);
  assert.deepEqual([...x], [0, 10, 20]);
  assert.deepEqual([...y], [7, 3.5, 1.5]);
});

test('the spread keeps every run per series, with the series colour and whether it diverged', () => {
  const two = (a, b) => ({
    x: Float32Array.from([0, 1]),
    yLabel: 'loss',
    series: [
      { label: 'MAP', y: Float32Array.from(a), color: '#E69F00' },
      { label: 'VI', y: Float32Array.from(b), color: '#D55E00', trend: true },
    ],
  });
  const spread = curveSpread(
    [two([1, 2], [3, 4]), null, two([5, 6], [7, 8])],
    [false, false, true],
  );
  assert.equal(spread.yLabel, 'loss');
  assert.deepEqual(
    spread.series.map((s) => [s.label, s.color, s.trend, s.runs.length]),
    [
      ['MAP', '#E69F00', false, 2],
      ['VI', '#D55E00', true, 2],
    ],
  );
  assert.deepEqual(
    spread.series[1].runs.map((r) => r.diverged),
    [false, true],
  );
  assert.deepEqual([...spread.series[1].median.y], [5, 6]);
  assert.equal(curveSpread([null, curve([], [])]), null);
});

test('the y axis is fitted to the middle half of the seeds at each step, so a blow-up leaves the plot', () => {
  const x = [0, 1];
  const runs = [
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
    [1e14, 6],
  ].map((y) => ({ x, y, diverged: false }));
  const spread = { series: [{ runs, median: medianCurve(runs) }] };
  const fit = spreadFit(spread);
  assert.equal(Math.max(...fit), 5, 'the blow-up at step 0 and the top seed at step 1 are out');
  assert.equal(Math.min(...fit), 2);
  // With fewer than four seeds every value counts.
  const three = runs.slice(2);
  assert.equal(
    Math.max(...spreadFit({ series: [{ runs: three, median: medianCurve(three) }] })),
    1e14,
  );
  // Eight seeds: the two lowest and the two highest at each step are out.
  const eight = [1, 2, 3, 4, 5, 6, 1e9, 1e14].map((v) => ({ x: [0], y: [v], diverged: false }));
  const fitEight = spreadFit({ series: [{ runs: eight, median: medianCurve(eight) }] });
  assert.deepEqual(fitEight, [3, 6, 4.5]);
  assert.deepEqual(spreadFit(null), []);
});

test('a logarithmic axis for a spread over more than a factor of ten or both signs, else linear', () => {
  assert.equal(spreadLogScale([25, 31, 40]), false);
  assert.equal(spreadLogScale([0.15, 3]), true);
  assert.equal(spreadLogScale([-11, 100000]), true);
  assert.equal(spreadLogScale([-34, -26]), false);
  assert.equal(spreadLogScale([]), false);
});

test('a metric summary is over the seeds that finished: mean, sample sd, min, max', () => {
  const runs = [
    { seed: 0, diverged: false, metrics: { kl: 1, vi: { nll: 0.5 } } },
    { seed: 1, diverged: false, metrics: { kl: 3, vi: { nll: 0.7 } } },
    { seed: 2, diverged: true, divergedAt: 812, metrics: { kl: 1000, vi: { nll: 9 } } },
    { seed: 3, diverged: false, metrics: { kl: 5, vi: { nll: NaN } } },
  ];
  // 1, 3, 5: mean 3, sample variance (4 + 0 + 4) / 2 = 4.
  assert.deepEqual(metricSummary(runs, 'kl'), { key: 'kl', n: 3, mean: 3, sd: 2, min: 1, max: 5 });
  const nll = metricSummary(runs, 'vi.nll');
  assert.equal(nll.n, 2);
  assert.ok(Math.abs(nll.mean - 0.6) < 1e-15);
  const one = metricSummary([runs[0]], 'kl');
  assert.equal(one.mean, 1);
  assert.ok(Number.isNaN(one.sd), 'no spread from one seed');
  assert.ok(Number.isNaN(metricSummary([runs[2]], 'kl').mean), 'nothing finished');
  assert.equal(divergedText(runs), 'seed 2 at step 812');
  assert.equal(divergedText(runs.slice(0, 2)), '');
});

test('the CSV has a row per seed, the diverged one marked, then mean, sd, min and max', () => {
  const runs = [
    { seed: 7, steps: 100, diverged: false, divergedAt: null, metrics: { kl: 1, vi: { nll: 2 } } },
    { seed: 8, steps: 40, diverged: true, divergedAt: 40, metrics: { kl: 50, vi: { nll: 9 } } },
    { seed: 9, steps: 100, diverged: false, divergedAt: null, metrics: { kl: 3, vi: { nll: 4 } } },
  ];
  const lines = seedCsv(runs, ['kl', 'vi.nll']).trimEnd().split('\n');
  assert.deepEqual(lines, [
    'seed,steps,diverged,divergedAt,kl,vi.nll',
    '7,100,false,,1,2',
    '8,40,true,40,50,9',
    '9,100,false,,3,4',
    `mean,,,,2,3`,
    `sd,,,,${Math.SQRT2},${Math.SQRT2}`,
    'min,,,,1,2',
    'max,,,,3,4',
  ]);
});

test('table values have three significant digits, a dash when there is none', () => {
  assert.equal(summaryText(0.123456), '0.123');
  assert.equal(summaryText(-12.345), '−12.3');
  assert.equal(summaryText(NaN), '—');
});
