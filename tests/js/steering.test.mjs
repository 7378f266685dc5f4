// Steering through the JavaScript API: lab.configure() changes view and live settings mid-run
// (keeping the step), refuses restart fields and bad values with named Errors, and a schedule
// of changes replayed by the native CLI (`vilab run --schedule`) gives the module's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVilab } from './load_vilab.mjs';
import { runCli } from './native_cli.mjs';
import { assertMetricsAgree } from './compare.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// One live change of every learning rate at step 3, one view change (the first numeric view
// field, halved) at step 6, then up to step
// 32: past the first epoch of the vae, whose metrics change per epoch.
const total = 32;
function scheduleFor(name) {
  const schema = vi.schema(name);
  const fields = Object.entries(schema);
  const lrs = Object.fromEntries(
    fields
      .filter(([key, spec]) => spec.kind === 'live' && /(^|\.)lr$/.test(key))
      .map(([key, spec]) => [key, spec.default / 2]),
  );
  const [viewKey, viewSpec] = fields.find(
    ([, spec]) => spec.kind === 'view' && (spec.type === 'integer' || spec.type === 'number'),
  );
  const view = { [viewKey]: Math.max(viewSpec.min, Math.floor(viewSpec.default / 2)) };
  return [
    { step: 3, set: lrs },
    { step: 6, set: view },
  ];
}

for (const name of vi.labs()) {
  test(`${name}: a schedule replayed natively gives the module's numbers`, () => {
    const schedule = scheduleFor(name);
    assert.ok(Object.keys(schedule[0].set).length > 0, 'the lab has a live learning rate');
    const lab = new vi.Lab(name, {});
    let at = 0;
    for (const { step, set } of schedule) {
      lab.step(step - at);
      at = step;
      assert.equal(lab.configure(set), step, 'configure returns the step it applies at');
      assert.equal(lab.metrics().step, step, 'the step is kept');
    }
    lab.step(total - at);
    const steered = lab.metrics();
    lab.views();
    lab.delete();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vilab-schedule-'));
    const file = path.join(dir, 'schedule.json');
    fs.writeFileSync(file, JSON.stringify(schedule));
    const native = JSON.parse(
      runCli(['run', name, '--schedule', file, '--steps', String(total), '--json']),
    );
    fs.rmSync(dir, { recursive: true });
    assertMetricsAgree(steered, native, 0);

    // The same run unsteered differs: the schedule was applied, not ignored.
    const plain = JSON.parse(runCli(['run', name, '--steps', String(total), '--json']));
    assert.notDeepEqual(native, plain);
  });
}

test('configure refuses restart fields, unknown fields and bad values by name; the lab goes on', () => {
  const lab = new vi.Lab('localization', {});
  lab.step(5);
  assert.throws(() => lab.configure({ hidden: 20 }), /field 'hidden' = 20 needs a new run/);
  assert.throws(
    () => lab.configure({ lr: -1 }),
    /field 'lr' = -1 is out of range; allowed: a number in \[1e-05, 10\]/,
  );
  assert.throws(() => lab.configure({ lr: 'fast' }), /field 'lr'/);
  assert.throws(() => lab.configure({ nope: 1 }), /unknown field 'nope'/);
  assert.throws(() => lab.configure(42), /plain object/);
  assert.equal(
    lab.configure({ hidden: 50 }),
    5,
    'a restart field at its current value is no change',
  );
  assert.equal(lab.configure({ lr: 0.001, posteriorSamples: 10 }), 5);
  assert.equal(lab.step(5), 5);
  assert.equal(lab.metrics().step, 10);
  assert.equal(lab.views().samples.length, 20, 'the view change applies');
  lab.delete();
  assert.throws(() => lab.configure({ lr: 0.01 }), /deleted/);
});

test('the schema gives every field a kind', () => {
  for (const name of vi.labs())
    for (const [key, spec] of Object.entries(vi.schema(name)))
      assert.ok(['view', 'live', 'restart'].includes(spec.kind), `${name}.${key}: ${spec.kind}`);
});
