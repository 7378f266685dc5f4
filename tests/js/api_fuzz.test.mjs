// Fuzzes the JavaScript API's entry points (labs, info, defaults, schema, normals, new Lab, step,
// configure, metrics, views, flops, delete) with arguments of every shape: valid names and
// fields with values at, inside and outside their ranges, wrong types, proxies and getters that
// throw, wrong `this`. Every call returns or throws an Error with a message (never a trap or a
// raw WebAssembly exception); afterwards the stack is where it was, every lab freed gives its
// memory back, and a lab trains to the same metrics as in a fresh module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const dir = process.env.VILAB_WASM_DIR;
const calls = 6000;

// A small seeded generator (xorshift32): the same calls on every run, so a failure reproduces.
function generator(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const oddValues = [
  undefined,
  null,
  NaN,
  Infinity,
  -Infinity,
  -0,
  1e308,
  -1e-320,
  2 ** 53,
  '',
  ' 1',
  '0x10',
  '1e999',
  'nan',
  'true',
  true,
  false,
  [],
  [1],
  {},
  { valueOf: () => 1 },
  Symbol('s'),
  10n,
  () => 1,
  'x'.repeat(5000),
  '\u0000',
  new Proxy(
    {},
    {
      get() {
        throw new Error('proxy get');
      },
    },
  ),
];

// A value for field f: at or next to its bounds, its default, or something odd.
function fieldValue(rng, f) {
  switch (rng.int(4)) {
    case 0:
      return f.default;
    case 1:
      if (f.type === 'choice') return rng.pick(f.choices);
      if (f.type === 'boolean') return rng.next() < 0.5;
      // Low end and just outside it: cheap to build, and a range error.
      return rng.pick([f.min, f.min - 1, f.max + 1, f.max * 10 + 1]);
    case 2:
      return rng.pick(oddValues);
    default:
      return typeof f.default === 'number' ? String(f.default) : rng.pick(oddValues);
  }
}

function config(rng, schema) {
  if (rng.next() < 0.1) return rng.pick(oddValues);
  const out = {};
  for (let i = rng.int(3); i > 0; i--) {
    const f = rng.pick(schema);
    out[rng.next() < 0.9 ? f.name : rng.pick(['bogus', '__proto__', 'constructor', ''])] =
      fieldValue(rng, f);
  }
  if (rng.next() < 0.05)
    Object.defineProperty(out, 'lr', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
  return out;
}

function isCleanError(error) {
  return (
    error instanceof Error &&
    error.name !== 'AssertionError' &&
    typeof error.message === 'string' &&
    error.message.length > 0 &&
    !(error instanceof WebAssembly.RuntimeError)
  );
}

function train(vi) {
  const lab = new vi.Lab('localization', { seed: 3 });
  lab.step(25);
  const metrics = lab.metrics();
  lab.delete();
  return metrics;
}

test('every API entry point, fuzzed, returns or throws an Error, and the module stays whole', async () => {
  const expected = train(await loadVilab(dir));
  const vi = await loadVilab(dir);
  const names = vi.labs();
  const schemas = Object.fromEntries(names.map((n) => [n, vi.schema(n)]));
  const rng = generator(20261202);
  // Warm-up: the allocator's first use of each lab's sizes is not a leak.
  for (const n of names) new vi.Lab(n, {}).delete();
  const stackBefore = vi.memory().stackFreeBytes;
  const inUseBefore = vi.memory().inUseBytes;

  const live = [];
  const outcomes = { returned: 0, threw: 0 };
  const labName = () => (rng.next() < 0.9 ? rng.pick(names) : rng.pick(oddValues));
  const someEntry = () => (live.length > 0 && rng.next() < 0.9 ? rng.pick(live) : null);
  const someLab = () => someEntry()?.lab;
  const entryPoints = [
    () => vi.labs(),
    () => vi.info(labName()),
    () => vi.defaults(labName()),
    () => vi.schema(labName()),
    () => vi.normals(rng.pick([0, 1, -1, NaN, 1.5, '3']), rng.pick([0, 2, -2, 1e9, null])),
    () => {
      const name = labName();
      const lab = new vi.Lab(name, config(rng, schemas[name] ?? schemas.localization));
      if (live.length < 4) live.push({ lab, name });
      else lab.delete();
    },
    () => someLab()?.step(rng.pick([0, 1, 2, -1, 1.5, NaN, '2', null, 1e8, Infinity])),
    () => {
      const entry = someEntry();
      if (entry) entry.lab.configure(config(rng, schemas[entry.name]));
    },
    () => someLab()?.metrics(),
    () => someLab()?.views(),
    () => someLab()?.flops(),
    () => {
      const method = rng.pick(['step', 'configure', 'metrics', 'views', 'flops', 'delete']);
      vi.Lab.prototype[method].call(rng.pick([null, {}, 3, Object.create(vi.Lab.prototype)]), 1);
    },
    () => {
      const entry = someEntry();
      if (!entry) return;
      entry.lab.delete();
      live.splice(live.indexOf(entry), 1);
      entry.lab.step(1); // a deleted lab: an Error
    },
  ];

  for (let i = 0; i < calls; i++) {
    const k = rng.int(entryPoints.length);
    try {
      entryPoints[k]();
      outcomes.returned++;
    } catch (error) {
      if (!isCleanError(error))
        throw new Error(`call ${i} (entry point ${k}) threw ${String(error)}`, { cause: error });
      outcomes.threw++;
    }
  }
  for (const { lab } of live) lab.delete();
  console.log(`# ${calls} fuzzed calls: ${outcomes.returned} returned, ${outcomes.threw} threw`);
  assert.ok(outcomes.returned > calls / 10 && outcomes.threw > calls / 10, 'both outcomes seen');
  assert.equal(vi.memory().stackFreeBytes, stackBefore, 'no call leaked stack');
  assert.equal(vi.memory().inUseBytes, inUseBefore, 'every freed lab gave its memory back');
  assert.deepEqual(train(vi), expected);
});
