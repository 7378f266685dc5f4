// Compares a metrics tree from the CLI (JSON, exact numbers) with one from the module.
import assert from 'node:assert/strict';

// Every number in `expected` (CLI) matches `actual` (wasm) to `rel` relative tolerance; arrays
// from the CLI match Float32Arrays from the module entry by entry.
export function assertMetricsAgree(actual, expected, rel = 1e-6, where = 'metrics') {
  if (expected === null) {
    // The CLI prints non-finite numbers as null.
    assert.ok(actual === null || !Number.isFinite(actual), `${where}: expected non-finite`);
    return;
  }
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${where}: not a number`);
    const scale = Math.max(Math.abs(expected), 1e-30);
    assert.ok(
      Math.abs(actual - expected) <= rel * scale + 1e-12,
      `${where}: wasm ${actual} vs native ${expected}`,
    );
    return;
  }
  if (Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${where}: lengths differ`);
    expected.forEach((e, i) => assertMetricsAgree(actual[i], e, rel, `${where}[${i}]`));
    return;
  }
  if (typeof expected === 'object') {
    for (const key of Object.keys(expected)) {
      assertMetricsAgree(actual[key], expected[key], rel, `${where}.${key}`);
    }
    return;
  }
  assert.equal(actual, expected, where);
}
