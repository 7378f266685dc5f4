// Errors leave the module as it was: a million rejected calls of several kinds (bad step
// arguments, bad configs, unknown labs, wrong `this`) leave the stack where it was, and a lab
// trained afterwards gives the same metrics as one trained in a fresh module. Before the fix each
// error thrown from inside WebAssembly leaked stack, and after a few hundred thousand the module
// could create no lab again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const dir = process.env.VILAB_WASM_DIR;
const reference = { lab: 'logistic', config: { seed: 5 }, steps: 40 };

function train(vi) {
  const lab = new vi.Lab(reference.lab, reference.config);
  lab.step(reference.steps);
  const metrics = lab.metrics();
  lab.delete();
  return metrics;
}

// Each kind of rejected call, each expected to throw an Error (never a trap or a raw exception).
function rejectedCalls(vi) {
  const lab = new vi.Lab('localization', {});
  return {
    lab,
    kinds: [
      ['step(-1)', () => lab.step(-1)],
      ['step("x")', () => lab.step('x')],
      ['step(1.5)', () => lab.step(1.5)],
      ['bad config value', () => new vi.Lab('localization', { lr: -1 })],
      ['unknown config field', () => new vi.Lab('localization', { bogus: 1 })],
      ['config not an object', () => new vi.Lab('localization', 42)],
      ['unknown lab', () => new vi.Lab('nope', {})],
      ['info of an unknown lab', () => vi.info('nope')],
      ['schema of a number', () => vi.schema(3)],
      ['defaults of an unknown lab', () => vi.defaults('nope')],
      ['normals out of range', () => vi.normals(-1, 1)],
    ],
  };
}

test('a rejected call leaves the stack pointer where it was', async () => {
  const vi = await loadVilab(dir);
  const { lab, kinds } = rejectedCalls(vi);
  const before = vi.memory().stackFreeBytes;
  assert.equal(typeof before, 'number');
  for (const [name, call] of kinds) {
    for (let i = 0; i < 100; i++) assert.throws(call, Error, name);
    assert.equal(vi.memory().stackFreeBytes, before, `${name} leaked stack`);
  }
  lab.delete();
});

test('a method called on a wrong `this` throws an Error', async () => {
  const vi = await loadVilab(dir);
  const lab = new vi.Lab('localization', {});
  for (const method of ['step', 'metrics', 'views', 'refine', 'flops', 'delete']) {
    for (const self of [null, undefined, {}, 3, 'lab', Object.create(vi.Lab.prototype)]) {
      assert.throws(
        () => vi.Lab.prototype[method].call(self, 1),
        (e) => e instanceof Error && new RegExp(`Lab\\.${method}`).test(e.message),
        `${method} on ${String(self)}`,
      );
    }
  }
  lab.delete();
  assert.throws(() => lab.step(1), /deleted/);
  assert.throws(() => lab.metrics(), /deleted/);
  assert.equal(train(vi).step, reference.steps);
});

test('a million rejected calls, then a lab trains to the same metrics as in a fresh module', async () => {
  const expected = train(await loadVilab(dir));
  const vi = await loadVilab(dir);
  const { lab, kinds } = rejectedCalls(vi);
  const total = 1_000_000;
  const counts = new Map();
  for (let i = 0; i < total; i++) {
    const [name, call] = kinds[i % kinds.length];
    try {
      call();
      assert.fail(`${name} did not throw`);
    } catch (error) {
      if (!(error instanceof Error) || error.name === 'AssertionError')
        throw new Error(`call ${i} (${name}) threw ${String(error)}`);
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  console.log(`# ${total} rejected calls: ${[...counts.values()].join(' + ')}`);
  assert.equal(lab.step(3), 3, 'a lab made before the errors still steps');
  lab.delete();
  assert.deepEqual(train(vi), expected);
});
