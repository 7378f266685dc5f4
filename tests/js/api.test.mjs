// The module's JavaScript API contract: labs, info, defaults, schema, Lab, and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

test('labs() lists the registered labs, localization first', () => {
  const labs = vi.labs();
  assert.ok(Array.isArray(labs));
  assert.equal(labs[0], 'localization');
});

test('every lab has info, defaults matching its schema, and a seed', () => {
  for (const name of vi.labs()) {
    const info = vi.info(name);
    assert.equal(info.name, name);
    assert.ok(info.title.length > 0 && info.question.length > 0);
    const defaults = vi.defaults(name);
    const schema = vi.schema(name);
    assert.deepEqual(Object.keys(defaults), Object.keys(schema));
    assert.ok('seed' in schema);
    for (const [field, spec] of Object.entries(schema)) {
      assert.deepEqual(defaults[field], spec.default, `${name}.${field}`);
      assert.ok(['number', 'integer', 'boolean', 'choice', 'points'].includes(spec.type));
      assert.ok(['Data', 'Model', 'Training', 'Display'].includes(spec.group), `${name}.${field}`);
      if (spec.type === 'number' || spec.type === 'integer') {
        assert.ok(spec.min <= spec.default && spec.default <= spec.max, `${name}.${field} range`);
      }
      if (spec.type === 'choice') assert.ok(spec.choices.includes(spec.default));
    }
  }
});

test('a Lab steps, reports metrics and views, and is deleted', () => {
  for (const name of vi.labs()) {
    const lab = new vi.Lab(name, {});
    assert.ok(lab.step(2) <= 2);
    const m = lab.metrics();
    assert.equal(typeof m.step, 'number');
    assert.equal(m.diverged, false);
    assert.equal(m.divergedAt, -1);
    const v = lab.views();
    assert.ok(
      Object.values(v).some((x) => x instanceof Float32Array),
      `${name} views`,
    );
    lab.delete();
  }
});

test('bad input raises an Error naming the field, value and range; the module stays usable', () => {
  assert.throws(
    () => new vi.Lab('nope', {}),
    (e) => e instanceof Error && /unknown lab 'nope'/.test(e.message),
  );
  assert.throws(
    () => new vi.Lab('localization', { lr: NaN }),
    (e) =>
      e instanceof Error &&
      /'lr'/.test(e.message) &&
      /NaN/.test(e.message) &&
      /\[1e-05, 10\]/.test(e.message),
  );
  assert.throws(() => new vi.Lab('localization', { lr: 'fast' }), /not a number/);
  assert.throws(() => new vi.Lab('localization', { steps: 1.5 }), /not an integer/);
  assert.throws(() => new vi.Lab('localization', { lrDecay: 'yes' }), /true or false/);
  assert.throws(() => new vi.Lab('localization', { bogus: 1 }), /unknown field 'bogus'/);
  assert.throws(() => new vi.Lab('localization', 42), /plain object/);
  assert.throws(() => vi.defaults(17), /must be a string/);
  const lab = new vi.Lab('localization', {});
  assert.throws(() => lab.step(-1), /n must be an integer/);
  assert.throws(() => lab.step(NaN), /n must be an integer/);
  assert.equal(lab.step(5), 5);
  lab.delete();
});
