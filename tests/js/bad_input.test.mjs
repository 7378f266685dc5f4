// A battery of bad inputs, generated from every lab's schema: each gets an Error naming the lab,
// the field, the value and what is allowed, and the module stays usable afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// [value, pattern the message must contain] for a field of the given spec.
function badValues(spec) {
  const wrongType = [
    [{}, /an object/],
    [null, /null/],
    [[1], /an array/],
    [undefined, /undefined/],
  ];
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const cases = [
        [NaN, /NaN/],
        [Infinity, /Infinity/],
        [-Infinity, /-Infinity/],
        [spec.max + Math.max(1, Math.abs(spec.max)), /out of range/],
        [spec.min - Math.max(1, Math.abs(spec.min)), /out of range/],
        ['1', /not a number/],
        [true, /not a number/],
        ...wrongType,
      ];
      if (spec.type === 'integer') cases.push([spec.min + 0.5, /not an integer/]);
      return cases;
    }
    case 'boolean':
      return [
        [1, /true or false/],
        ['true', /true or false/],
        [NaN, /true or false/],
        ...wrongType,
      ];
    case 'choice':
      return [
        ['<img src=x onerror=alert(1)>', /one of/],
        [3, /one of/],
        ['', /one of/],
        ...wrongType,
      ];
    case 'points': {
      const middle = spec.coordinates.map((c) => (c.min + c.max) / 2);
      const point = (values) => values.join(',');
      const outside = [spec.coordinates[0].max + 1, ...middle.slice(1)];
      return [
        [point(outside), /point 1 .* is out of range/],
        [point([...middle.slice(1), 'NaN']), /is not a number/],
        [point([...middle, 1]), /coordinates, not/],
        [
          Array(spec.maxPoints + 1)
            .fill(point(middle))
            .join('_'),
          /more than/,
        ],
        [3, /not text of points/],
        [true, /not text of points/],
        ...wrongType,
      ];
    }
    default:
      throw new Error(`unknown field type ${spec.type}`);
  }
}

// The message states the allowed values: the numeric range with the schema's bounds, the
// choices, or true/false.
function statesAllowed(message, spec) {
  if (spec.type === 'number' || spec.type === 'integer') {
    const m = /allowed: an? (?:number|integer) in \[([^,]+), ([^\]]+)\]/.exec(message);
    return m !== null && Number(m[1]) === spec.min && Number(m[2]) === spec.max;
  }
  if (spec.type === 'choice') return spec.choices.every((c) => message.includes(`'${c}'`));
  if (spec.type === 'points')
    return message.includes(`allowed: ${spec.minPoints} to ${spec.maxPoints} points`);
  return message.includes('allowed: true or false');
}

test('every field of every lab rejects bad values with a precise message', () => {
  let tried = 0;
  for (const lab of vi.labs()) {
    for (const [field, spec] of Object.entries(vi.schema(lab))) {
      for (const [value, pattern] of badValues(spec)) {
        tried++;
        assert.throws(
          () => new vi.Lab(lab, { [field]: value }),
          (e) => {
            assert.ok(e instanceof Error, 'an Error object');
            assert.ok(e.message.startsWith(`${lab}:`), `names the lab: ${e.message}`);
            assert.ok(e.message.includes(`'${field}'`), `names the field: ${e.message}`);
            assert.match(e.message, pattern);
            assert.ok(statesAllowed(e.message, spec), `says what is allowed: ${e.message}`);
            return true;
          },
          `${lab}.${field} = ${String(value)}`,
        );
      }
    }
    tried += 3;
    assert.throws(
      () => new vi.Lab(lab, { noSuchField: 1 }),
      new RegExp(`${lab}: unknown field 'noSuchField'`),
    );
    assert.throws(() => new vi.Lab(lab, 'lr=1'), /plain object/);
    assert.throws(() => new vi.Lab(lab, [1, 2]), /plain object/);
  }
  tried += 3;
  assert.throws(() => new vi.Lab('nope', {}), /unknown lab 'nope'; known labs: localization/);
  assert.throws(() => new vi.Lab(42, {}), /lab name must be a string/);
  assert.throws(() => vi.schema('<script>'), /unknown lab '<script>'/);
  assert.ok(tried >= 100, `tried ${tried} bad inputs`);
  console.log(`# bad inputs tried: ${tried}`);

  // Still usable: every lab builds and steps after the barrage.
  for (const lab of vi.labs()) {
    const l = new vi.Lab(lab, {});
    assert.ok(l.step(1) <= 1);
    l.delete();
  }
});

test('step() rejects counts that are not non-negative integers', () => {
  const lab = new vi.Lab('localization', {});
  for (const n of [-1, 1.5, NaN, Infinity, '3', null, undefined, {}, 1e8]) {
    assert.throws(() => lab.step(n), /step\(n\): n must be an integer/, String(n));
  }
  assert.equal(lab.step(0), 0);
  assert.equal(lab.step(2), 2);
  lab.delete();
});
