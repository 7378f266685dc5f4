// 1 000 random call sequences (create / step / metrics / views / delete) with random, partly
// invalid configs: no abort, only Errors with messages, and valid results otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// mulberry32: a small seeded generator, so the sequence is the same on every run.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Sizes that multiply the work per step are drawn near their minimum so 1 000 sequences stay
// quick; rates and other fields over their whole range (log-uniform for log-scaled ones).
function randomValue(rand, spec, name) {
  const costly = /hidden|units|samples|passes|size|readings|points|grid|batch|epochs|steps/i.test(
    name,
  );
  switch (spec.type) {
    case 'boolean':
      return rand() < 0.5;
    case 'choice':
      return spec.choices[Math.floor(rand() * spec.choices.length)];
    case 'points': // the exercise's own data (tests/js/own_data.test.mjs edits it)
      return spec.default;
    case 'integer': {
      const hi = costly ? Math.min(spec.max, spec.min + 8) : spec.max;
      return spec.min + Math.floor(rand() * (hi - spec.min + 1));
    }
    default: {
      if (spec.scale === 'log' && spec.min > 0) return spec.min * (spec.max / spec.min) ** rand();
      return spec.min + rand() * (spec.max - spec.min);
    }
  }
}

const invalidValues = [NaN, Infinity, -1e9, 1e9, 'x', null, {}, [], true, 0.5];

function randomConfig(rand, schema) {
  const config = {};
  for (const [name, spec] of Object.entries(schema)) {
    const r = rand();
    if (r < 0.5) continue;
    config[name] =
      r < 0.98
        ? randomValue(rand, spec, name)
        : invalidValues[Math.floor(rand() * invalidValues.length)];
  }
  if (rand() < 0.03) config.unknownField = 1;
  return config;
}

test('1 000 random call sequences never abort and fail only with Errors', () => {
  const rand = generator(20261122);
  const names = vi.labs();
  const schemas = Object.fromEntries(names.map((n) => [n, vi.schema(n)]));
  let created = 0;
  let rejected = 0;
  for (let i = 0; i < 1000; i++) {
    const name = rand() < 0.02 ? 'no_such_lab' : names[Math.floor(rand() * names.length)];
    const config = name in schemas ? randomConfig(rand, schemas[name]) : {};
    let lab;
    try {
      lab = new vi.Lab(name, config);
    } catch (e) {
      assert.ok(e instanceof Error && e.message.length > 0, `sequence ${i}: ${e}`);
      rejected++;
      continue;
    }
    created++;
    const calls = 1 + Math.floor(rand() * 4);
    for (let c = 0; c < calls; c++) {
      const op = rand();
      if (op < 0.4) {
        const n = Math.floor(rand() * 3);
        const done = lab.step(n);
        assert.ok(
          Number.isInteger(done) && done >= 0 && done <= n,
          `sequence ${i}: step(${n}) = ${done}`,
        );
      } else if (op < 0.7) {
        const m = lab.metrics();
        assert.equal(typeof m.step, 'number');
        assert.equal(typeof m.diverged, 'boolean');
        if (m.diverged) assert.ok(m.message.length > 0 && m.divergedAt >= 1, `sequence ${i}`);
      } else {
        const v = lab.views();
        const nan = Object.entries(v).find(([, value]) =>
          value instanceof Float32Array
            ? value.some(Number.isNaN)
            : typeof value === 'number' && Number.isNaN(value),
        );
        if (nan) {
          // A step's update is verified by the next step's loss: a state whose drawing overflows
          // (a huge learning rate's first step) must be the one that step rejects, with a message.
          const before = lab.metrics();
          lab.step(1);
          const m = lab.metrics();
          assert.ok(
            !before.diverged && m.diverged && m.divergedAt === before.step + 1 && m.message,
            `sequence ${i}: NaN in view ${nan[0]} (${name}) at step ${before.step}, not a divergence`,
          );
        }
      }
    }
    lab.delete();
  }
  console.log(`# sequences: ${created} labs created, ${rejected} configs rejected`);
  assert.ok(
    created > 500 && rejected > 20,
    `a mix of valid and invalid configs (${created}/${rejected})`,
  );
});
