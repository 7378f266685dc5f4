import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNumber,
  formatMetric,
  roundForUrl,
  formatRate,
  formatCount,
  getPath,
} from '../../../web/js/format.js';

test('formatNumber: four significant digits, exponents outside [1e-3, 1e5)', () => {
  assert.equal(formatNumber(3.14159265), '3.142');
  assert.equal(formatNumber(-37.91056), '−37.91');
  assert.equal(formatNumber(0.01), '0.01');
  assert.equal(formatNumber(0.0001234), '1.23e−4');
  assert.equal(formatNumber(123456), '1.23e5');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '−∞');
});

test('formatMetric handles vectors and booleans', () => {
  assert.equal(formatMetric([1, -0.5]), '(1, −0.5)');
  assert.equal(formatMetric(new Float32Array([0.25])), '(0.25)');
  assert.equal(formatMetric(true), 'yes');
});

test('roundForUrl removes float noise from slider arithmetic', () => {
  assert.equal(roundForUrl(0.1 + 0.2), 0.3);
  assert.equal(roundForUrl(10 ** -2.0000000001), 0.01);
});

test('formatRate and getPath', () => {
  assert.equal(formatRate(0), '—');
  assert.equal(formatRate(850.4), '850');
  assert.equal(formatRate(12345), '12k');
  assert.equal(getPath({ vi: { coverage90: 0.9 } }, 'vi.coverage90'), 0.9);
  assert.equal(getPath({}, 'vi.coverage90'), undefined);
});

test('formatCount groups thousands with commas, as en-US does, for any integer', () => {
  for (const n of [0, 7, 999, 1000, 12345, 1234567, 10000000, -4200, 9007199254740991])
    assert.equal(formatCount(n), n.toLocaleString('en-US'));
  assert.equal(formatCount('2500'), '2,500');
});
