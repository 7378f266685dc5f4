// The page's steering logic without the engine: which kind a change is, the loss panel's label
// for a live change, and the schedule the JSON export records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyChange, changeLabel, recordChange } from '../../../web/js/steering.js';
import createFakeVilab from './fake_vilab.mjs';

const vi = await createFakeVilab();
const schema = vi.schema('localization');
const config = vi.defaults('localization');

test('a change is split by kind, and unchanged values are no change', () => {
  const view = classifyChange(schema, config, { posteriorSamples: 10, lr: config.lr });
  assert.deepEqual(view.changes, { posteriorSamples: 10 });
  assert.deepEqual(view.kinds, { view: ['posteriorSamples'], live: [], restart: [] });
  assert.equal(view.restart, false);
  const live = classifyChange(schema, config, { lr: 0.001, steps: 20000 });
  assert.deepEqual(live.kinds.live, ['lr', 'steps']);
  assert.equal(live.restart, false);
  const restart = classifyChange(schema, config, { lr: 0.001, hidden: 20 });
  assert.equal(restart.restart, true);
  assert.deepEqual(restart.kinds.restart, ['hidden']);
  assert.equal(classifyChange(schema, config, { unknown: 1 }).restart, true);
});

test('a live change is labelled "field old → new"; view changes are not', () => {
  assert.equal(changeLabel(schema, config, { lr: 0.001 }), 'lr 0.01 → 0.001');
  assert.equal(
    changeLabel(schema, config, { lr: 0.001, steps: 25001, posteriorSamples: 5 }),
    'lr 0.01 → 0.001, steps 10000 → 25001',
  );
  assert.equal(changeLabel(schema, config, { posteriorSamples: 5 }), '');
});

test('the schedule keeps step order and merges changes made at one step', () => {
  let s = [];
  s = recordChange(s, 100, { lr: 0.001 });
  s = recordChange(s, 100, { posteriorSamples: 5, lr: 0.002 });
  s = recordChange(s, 250, { steps: 20000 });
  assert.deepEqual(s, [
    { step: 100, set: { lr: 0.002, posteriorSamples: 5 } },
    { step: 250, set: { steps: 20000 } },
  ]);
});

test('the fake lab steers like the engine: live and view apply, restart fields throw', () => {
  const lab = new vi.Lab('localization', {});
  lab.step(5);
  assert.equal(lab.configure({ lr: 0.001, posteriorSamples: 4 }), 5);
  assert.throws(() => lab.configure({ hidden: 20 }), /'hidden' = 20 needs a new run/);
  assert.equal(lab.views().samples.length, 8);
  assert.equal(lab.step(5), 5);
  assert.equal(lab.metrics().step, 10);
});
