// Your own data through the module and the CLI: the schema describes each points field, edited
// data gives the same numbers natively (--set, or the exported JSON's startConfig) and in
// WebAssembly, and bad points get an Error naming the field, the point and the range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadVilab } from './load_vilab.mjs';
import { runCli, runNative } from './native_cli.mjs';
import { wasmMetrics } from './golden_runs.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// A short regression run with a cluster of three points far out at x ≈ 6.
const run = {
  lab: 'regression',
  config: {
    n: 300,
    'mle.steps': 100,
    'vi.steps': 10,
    'bnn.steps': 100,
    data: '6,1_6.2,1.5_5.9,0.8',
  },
};

test("regression's data field is a points field of (x, y) with a count limit", () => {
  const spec = vi.schema('regression').data;
  assert.equal(spec.type, 'points');
  assert.equal(spec.kind, 'restart'); // new data needs a new run
  assert.equal(spec.default, ''); // the exercise's data alone
  assert.deepEqual(
    spec.coordinates.map((c) => c.name),
    ['x', 'y'],
  );
  assert.equal(spec.minPoints, 0);
  assert.ok(spec.maxPoints >= 100);
});

test('edited data gives the same metrics natively and in WebAssembly, and changes them', () => {
  const native = runNative(run.lab, run.config);
  assert.deepEqual(native, JSON.parse(JSON.stringify(wasmMetrics(vi, run))));
  const plain = runNative(run.lab, { ...run.config, data: '' });
  assert.notEqual(native.bnn.bandWidthFar, plain.bnn.bandWidthFar);
});

test("the page's JSON export replays the edited data natively", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'own-data-'));
  try {
    const file = path.join(dir, 'run.json');
    writeFileSync(
      file,
      JSON.stringify({ lab: 'regression', startConfig: run.config, schedule: [] }),
    );
    const replayed = JSON.parse(runCli(['run', 'regression', '--schedule', file, '--json']));
    assert.deepEqual(replayed, runNative(run.lab, run.config));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad points get an Error naming the field, the point and the range; the module goes on', () => {
  assert.throws(
    () => new vi.Lab('regression', { data: '6,1_6,NaN' }),
    /^Error: regression: field 'data' point 2 = "6,NaN": y = NaN is not a number; allowed: 0 to 200 points "x,y"/,
  );
  assert.throws(
    () => new vi.Lab('regression', { data: '60,1' }),
    /point 1 = "60,1": x = 60 is out of range \[-8, 8\]/,
  );
  const lab = new vi.Lab('regression', { ...run.config, 'bnn.steps': 1 });
  assert.throws(() => lab.configure({ data: '1,1' }), /'data' = "1,1" needs a new run/);
  assert.equal(lab.step(1), 1);
  lab.delete();
});
