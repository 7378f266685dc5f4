// Your own data in the URL: a points field's text round-trips through the query string with its
// commas kept, and a malformed one is ignored with a warning naming the field, the point and
// what is allowed, keeping the exercise's data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readUrlState, writeUrlState } from '../../../web/js/state.js';
import { formatPoints, parsePoints } from '../../../web/js/points.js';

// The shape of regression's "data" field (the engine's schema; tests/js/own_data.test.mjs
// checks the real one).
const data = {
  type: 'points',
  label: 'Your points',
  coordinates: [
    { name: 'x', min: -8, max: 8, integer: false },
    { name: 'y', min: -50, max: 50, integer: false },
  ],
  minPoints: 0,
  maxPoints: 200,
  default: '',
};
const labeled = {
  ...data,
  coordinates: [...data.coordinates, { name: 'class', min: 0, max: 1, integer: true }],
};
const seed = { type: 'integer', min: 0, max: 2147483647, default: 0 };
const catalog = { regression: { defaults: { data: '', seed: 0 }, schema: { data, seed } } };

test('points written to a URL read back the same, with their commas kept', () => {
  const text = formatPoints(data, [
    [6, 10.25],
    [-0.1234, -3],
    [7.5, 0],
  ]);
  assert.equal(text, '6,10.25_-0.123,-3_7.5,0'); // three decimals
  const query = writeUrlState({
    lab: 'regression',
    config: { data: text, seed: 0 },
    defaults: catalog.regression.defaults,
    schema: catalog.regression.schema,
  });
  assert.equal(query, 'lab=regression&data=6,10.25_-0.123,-3_7.5,0&seed=0');
  const read = readUrlState(query, ['regression'], catalog);
  assert.deepEqual(read.warnings, []);
  assert.equal(read.config.data, text);
  // Percent-encoded commas (as URLSearchParams writes them) read the same.
  assert.equal(
    readUrlState(query.replaceAll(',', '%2C'), ['regression'], catalog).config.data,
    text,
  );
});

test('the exercise’s data (no points) leaves the URL alone', () => {
  const query = writeUrlState({
    lab: 'regression',
    config: { data: '', seed: 0 },
    defaults: catalog.regression.defaults,
    schema: catalog.regression.schema,
  });
  assert.equal(query, 'lab=regression&seed=0');
});

test('a malformed data parameter is named in a warning, and the exercise’s data is kept', () => {
  for (const [raw, why] of [
    ['6,NaN', /point 1 "6,NaN": y = NaN is not a finite number/],
    ['6,10_99,1', /point 2 "99,1": x = 99 is out of range \[-8, 8\]/],
    ['6,10,1', /point 1 "6,10,1" has 3 coordinates, not 2/],
    [Array(201).fill('0,0').join('_'), /201 points, more than 200 allowed/],
    ['6,1e999', /y = 1e999 is not a finite number/],
  ]) {
    const read = readUrlState(`lab=regression&data=${raw}`, ['regression'], catalog);
    assert.equal(read.config.data, '', raw);
    assert.equal(read.warnings.length, 1, raw);
    assert.match(read.warnings[0], /^Ignored data = "/);
    assert.match(read.warnings[0], why);
    assert.match(read.warnings[0], /expected 0 to 200 points "x,y" joined by "_"/);
    assert.match(read.warnings[0], /kept the exercise’s data\.$/);
  }
});

test('classes are integers in their range; coordinates are clamped and rounded on writing', () => {
  assert.deepEqual(parsePoints(labeled, '1,2,1_0,0,0'), {
    ok: true,
    points: [
      [1, 2, 1],
      [0, 0, 0],
    ],
  });
  assert.match(parsePoints(labeled, '1,2,0.5').reason, /class = 0.5 is not an integer/);
  assert.equal(formatPoints(labeled, [[9, -0.0001, 1.2]]), '8,0,1');
});
