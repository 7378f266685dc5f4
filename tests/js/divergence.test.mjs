// For every registered lab, every learning rate at the top of its range makes training diverge:
// it stops with `diverged: true`, the step it happened at, a message saying what to change
// (naming the method's learning rate in labs that train several), and finite last-good metrics.
// The ranges are meant to reach divergence, so that a student can see it happen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

const learningRates = (schema) =>
  Object.keys(schema).filter((key) => key === 'lr' || key.endsWith('.lr'));

// All numbers in a metrics tree, with their paths.
function* numbers(value, path) {
  if (typeof value === 'number') yield [path, value];
  else if (value instanceof Float32Array || Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* numbers(value[i], `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* numbers(v, `${path}.${k}`);
  }
}

for (const name of vi.labs()) {
  test(`${name}: every learning rate at its maximum stops training and keeps the last good state`, () => {
    const schema = vi.schema(name);
    const keys = learningRates(schema);
    assert.ok(keys.length > 0, `${name} has a learning-rate field`);
    const config = Object.fromEntries(keys.map((key) => [key, schema[key].max]));
    const lab = new vi.Lab(name, config);
    for (let i = 0; i < 200 && !lab.metrics().diverged && !lab.metrics().done; i++) lab.step(100);
    const m = lab.metrics();
    assert.equal(m.diverged, true, `${name} did not diverge`);
    assert.ok(m.divergedAt >= 1, 'the step it happened at');
    assert.match(m.message, /diverged at step \d+/);
    assert.match(m.message, /learning rate/);
    const perMethod = keys.filter((key) => key.includes('.'));
    if (perMethod.length > 0)
      assert.ok(
        perMethod.some((key) => m.message.includes(key)),
        `names the method's learning rate, one of ${perMethod.join(', ')}`,
      );
    for (const [path, x] of numbers(m, 'metrics')) {
      if (path === 'metrics.divergedAt') continue;
      assert.ok(Number.isFinite(x), `${path} = ${x}`);
    }
    for (const [path, x] of numbers(lab.views(), 'views'))
      assert.ok(!Number.isNaN(x), `${path} is NaN`);
    assert.equal(lab.step(10), 0, 'stays stopped');
    lab.delete();
  });
}
