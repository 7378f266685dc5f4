// For every lab, a learning rate that must diverge stops training with `diverged: true`, the
// step it happened at, a message saying what to change, and finite last-good metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// Per lab: a config whose optimizer step is far too large, the method it should name (if any).
const diverging = {
  localization: { config: { lr: 10 } },
  regression: { config: { 'vi.lr': 10 }, method: 'vi' }, // vi's exp(logvar) overflows at step 2
  logistic: { config: { 'map.lr': 1000 }, method: 'map.lr' }, // lr·2λ = 100: w grows ~99× a step
  moons: { config: { 'bnn.lr': 1000 }, method: 'bnn.lr' }, // softplus(ρ) underflows, log σ² = −∞
  vae: { config: { lr: 10 } },
  neural_process: { config: { lr: 10 } }, // seed 0 diverges at step 857 (N(0, 1) init)
};

// All numbers in a metrics tree, with their paths.
function* numbers(value, path) {
  if (typeof value === 'number') yield [path, value];
  else if (value instanceof Float32Array || Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* numbers(value[i], `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* numbers(v, `${path}.${k}`);
  }
}

test('every registered lab has a diverging configuration under test', () => {
  for (const name of vi.labs()) assert.ok(name in diverging, `no divergence case for ${name}`);
});

for (const [name, { config, method }] of Object.entries(diverging)) {
  test(`${name}: a huge learning rate stops training and keeps the last good state`, () => {
    const lab = new vi.Lab(name, config);
    for (let i = 0; i < 200 && !lab.metrics().diverged && !lab.metrics().done; i++) lab.step(100);
    const m = lab.metrics();
    assert.equal(m.diverged, true, `${name} did not diverge`);
    assert.ok(m.divergedAt >= 1, 'the step it happened at');
    assert.match(m.message, /diverged at step \d+/);
    assert.match(m.message, /learning rate/);
    if (method) assert.ok(m.message.includes(method), `names the method ${method}`);
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
