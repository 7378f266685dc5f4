// Every engine call is bounded (engine/config/work_budget.h): a config whose estimated work for
// one call is over the call budget is refused with a message naming the call and the fields
// behind its cost, and the module stays usable. Work units, never time: the refusal comes from
// the estimate, before anything runs. Degenerate inputs that would make numbers infinite are
// refused with a message naming their cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { allMaximum } from './all_maximum.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// The all-maximum configs that cost more than one call may take, the call named, and a field
// named in the message. Cheap to refuse: on code without the budget they would build (and then
// take tens of seconds to draw or to evaluate).
const overBudget = [
  { lab: 'moons', call: 'metrics', field: 'evalPasses' },
  { lab: 'regression', call: 'step', field: 'bnn.hidden' },
  { lab: 'vae', call: 'construction', field: 'dataSize' },
  { lab: 'logistic', call: 'construction', field: 'exactGrid' },
];

for (const { lab, call, field } of overBudget) {
  test(`${lab}: the all-maximum config is refused before it runs, naming ${call} and ${field}`, () => {
    assert.throws(
      () => new vi.Lab(lab, allMaximum(vi.schema(lab))),
      (error) => {
        assert.match(error.message, new RegExp(`^${lab}: ${call} would take \\S+ `));
        assert.match(error.message, /over the \S+ one call may take; lower /);
        assert.ok(error.message.includes(`${field} = `), error.message);
        return true;
      },
    );
    // The module stays usable: the defaults build and step.
    const ok = new vi.Lab(lab, {});
    assert.equal(ok.step(1), 1);
    ok.delete();
  });
}

test('moons: evalPasses just under the budget at the largest data and network builds and evaluates', () => {
  // 2 methods × evalPasses × (points + 64 ring points + 1 000 calibration points) × 3·hidden
  // products ≤ 4e9: evalPasses ≤ 549 (views add a map's 1.6e7 and 4e7 of refinement: still under).
  const config = { points: 5000, hidden: 200, evalPasses: 540 };
  const lab = new vi.Lab('moons', config);
  const m = lab.metrics();
  assert.ok(Number.isFinite(m.bnn.accuracy) && Number.isFinite(m.dropout.entropyFar));
  lab.delete();
  assert.throws(() => new vi.Lab('moons', { ...config, evalPasses: 560 }), /moons: metrics/);
});

test('localization: a sensor exactly on the target is refused, naming the sensor and its field', () => {
  for (const k of [1, 2, 3]) {
    const sensors = ['0.5,1', '3.5,1', '2,3'];
    sensors[k - 1] = '-1,2'; // the default target
    assert.throws(
      () => new vi.Lab('localization', { sensors: sensors.join('_') }),
      new RegExp(
        `localization: field 'sensors' sensor ${k} \\(x = -1, y = 2\\) is exactly on the target.*infinite`,
      ),
    );
  }
  // Near the target, not on it, the readings are finite and so are the metrics.
  const lab = new vi.Lab('localization', { sensors: '-1,2.01_3.5,1_2,3' });
  lab.step(5);
  const m = lab.metrics();
  for (const key of ['elbo', 'loglik', 'kl', 'klToExact']) assert.ok(Number.isFinite(m[key]), key);
  lab.delete();
});
