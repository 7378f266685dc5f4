import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseValue, readUrlState, writeUrlState } from '../../../web/js/state.js';
import createFakeVilab from './fake_vilab.mjs';

const vi = await createFakeVilab();
const labs = vi.labs();
const catalog = {
  localization: { defaults: vi.defaults('localization'), schema: vi.schema('localization') },
};
const { defaults, schema } = catalog.localization;
const optimizer = { type: 'choice', choices: ['adam', 'sgd'], default: 'adam' }; // no lab has one yet

test('parseValue accepts in-range values of each type', () => {
  assert.deepEqual(parseValue(schema.lr, '0.5'), { ok: true, value: 0.5 });
  assert.deepEqual(parseValue(schema.lr, '1e-3'), { ok: true, value: 0.001 });
  assert.deepEqual(parseValue(schema.mcSamples, '8'), { ok: true, value: 8 });
  assert.deepEqual(parseValue(schema.lrDecay, 'true'), { ok: true, value: true });
  assert.deepEqual(parseValue(schema.lrDecay, '0'), { ok: true, value: false });
  assert.deepEqual(parseValue(optimizer, 'sgd'), { ok: true, value: 'sgd' });
});

test('parseValue rejects out-of-range, malformed and non-finite values', () => {
  for (const [spec, raw] of [
    [schema.lr, '20'],
    [schema.lr, '-1'],
    [schema.lr, 'NaN'],
    [schema.lr, 'Infinity'],
    [schema.lr, ''],
    [schema.lr, '0x10'],
    [schema.lr, '1e400'],
    [schema.mcSamples, '1.5'],
    [schema.mcSamples, '0'],
    [schema.lrDecay, 'yes'],
    [optimizer, 'lbfgs'],
    [schema.lr, '<script>'],
  ]) {
    const parsed = parseValue(spec, raw);
    assert.equal(parsed.ok, false, `${raw} should be rejected`);
    assert.match(parsed.reason, /expected/);
  }
});

test('an empty query gives the first lab with its defaults and no warnings', () => {
  const state = readUrlState('', labs, catalog);
  assert.deepEqual(state, { lab: 'localization', config: defaults, embed: false, warnings: [] });
});

test('valid values override defaults; embed=1 is read', () => {
  const state = readUrlState(
    '?lab=localization&lr=0.001&lrDecay=true&seed=42&embed=1',
    labs,
    catalog,
  );
  assert.equal(state.config.lr, 0.001);
  assert.equal(state.config.lrDecay, true);
  assert.equal(state.config.seed, 42);
  assert.equal(state.embed, true);
  assert.deepEqual(state.warnings, []);
});

test('unknown lab, unknown field and bad value each warn and fall back to defaults', () => {
  const state = readUrlState('?lab=nope&bogus=1&lr=abc&mcSamples=1000', labs, catalog);
  assert.equal(state.lab, 'localization');
  assert.deepEqual(state.config, defaults);
  assert.equal(state.warnings.length, 4);
  assert.match(state.warnings[0], /no lab called "nope"/);
  assert.match(state.warnings[1], /unknown setting "bogus"/);
  assert.match(state.warnings[2], /lr = "abc"/);
  assert.match(state.warnings[3], /mcSamples = "1000".*from 1 to 100/);
});

test('a markup payload is carried only as text inside the warning, shortened', () => {
  const payload = '<img src=x onerror=alert(1)>'.repeat(5);
  const state = readUrlState(`?lab=${encodeURIComponent(payload)}`, labs, catalog);
  assert.equal(state.warnings.length, 1);
  assert.ok(state.warnings[0].includes('<img src=x onerror=alert(1)>'));
  assert.ok(state.warnings[0].length < 200, 'long payloads are cut to 60 characters');
});

test('writeUrlState keeps only changed fields plus the seed, and round-trips', () => {
  const sensors = '-2.25,1_3.5,1_2,3';
  const config = { ...defaults, lr: 0.003, sensors, lrDecay: true, seed: 7 };
  const query = writeUrlState({ lab: 'localization', config, defaults, schema, embed: true });
  assert.equal(query, `lab=localization&sensors=${sensors}&lr=0.003&lrDecay=true&seed=7&embed=1`);
  const back = readUrlState(`?${query}`, labs, catalog);
  assert.deepEqual(back.config, config);
  assert.equal(back.embed, true);
  assert.deepEqual(back.warnings, []);
});

test('__proto__, constructor and toString are unknown settings like any other', () => {
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const state = readUrlState(`?lab=localization&${key}=1`, labs, catalog);
    assert.deepEqual(state.warnings, [`Ignored unknown setting "${key}".`], key);
    assert.deepEqual(state.config, defaults);
    assert.equal(Object.getPrototypeOf(state.config), Object.prototype);
  }
});

test('a repeated parameter resolves the same way for lab, fields and embed: first wins, named', () => {
  const state = readUrlState(
    '?lab=localization&lab=nope&lr=0.001&lr=0.002&embed=1&embed=0',
    labs,
    catalog,
  );
  assert.equal(state.lab, 'localization');
  assert.equal(state.config.lr, 0.001);
  assert.equal(state.embed, true);
  assert.equal(state.warnings.length, 3);
  assert.match(state.warnings[0], /"lab" 2 times; used the first, "localization"/);
  assert.match(state.warnings[1], /"lr" 2 times; used the first, "0.001"/);
  assert.match(state.warnings[2], /"embed" 2 times/);
  // A bad first value is not replaced by a later good one: it is reported and the default kept.
  const bad = readUrlState('?lr=abc&lr=0.002', labs, catalog);
  assert.equal(bad.config.lr, defaults.lr);
  assert.equal(bad.warnings.length, 2);
});

test('numbers in a URL follow the one grammar: no "+", spaces, hex or trailing text', () => {
  for (const raw of ['%2B0.5', '%200.5', '0.5%20', '0x1p-1', '0.5abc', '%090.5']) {
    const state = readUrlState(`?lr=${raw}`, labs, catalog);
    assert.equal(state.config.lr, defaults.lr, raw);
    assert.match(state.warnings[0], /Ignored lr/, raw);
  }
});
