// The "Run 8 seeds" mode's worker logic (web/js/seed_sweep.js) on the real module: a sweep is
// the same runs as the page's own run on each seed, reports a seed that diverged as such, and
// stops when cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import {
  advanceSweep,
  cancelSweep,
  createSweep,
  historyBuffers,
  historyViews,
  sweepMessage,
  sweepSeeds,
  sweepSize,
} from '../../web/js/seed_sweep.js';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

/** Advances a sweep slice by slice until it ends; returns every message it posted. */
function runSweep(sweep) {
  const messages = [];
  while (sweep.state === 'running') messages.push(...advanceSweep(sweep));
  return messages;
}

/** A single run of `config` to its end, the way the page's worker runs it (chunked steps). */
function singleRun(lab, config) {
  const instance = new vi.Lab(lab, config);
  while (instance.step(777) === 777);
  const metrics = instance.metrics();
  instance.delete();
  return metrics;
}

const finished = (messages) =>
  messages.filter((m) => m.type === sweepMessage.seed).map((m) => m.run);

test('the seeds are s, s + 1, …, s + 7, wrapping past the largest seed to 0', () => {
  assert.equal(sweepSize, 8);
  assert.deepEqual(sweepSeeds(5, 2147483647), [5, 6, 7, 8, 9, 10, 11, 12]);
  assert.deepEqual(
    sweepSeeds(2147483645, 2147483647),
    [2147483645, 2147483646, 2147483647, 0, 1, 2, 3, 4],
  );
  assert.deepEqual(sweepSeeds(9, 100, 3), [9, 10, 11]);
});

for (const lab of ['localization', 'logistic']) {
  test(`${lab}: 8 seeds give 8 distinct runs, each bit for bit the run of its seed alone`, () => {
    const config = { ...vi.defaults(lab), seed: 3 };
    const messages = runSweep(createSweep(vi, { lab, config, seeds: sweepSeeds(3, 2147483647) }));
    const runs = finished(messages);
    assert.deepEqual(
      runs.map((r) => r.seed),
      [3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.deepEqual(
      messages.filter((m) => m.type === sweepMessage.seed).map((m) => m.index),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(messages.at(-1).type, sweepMessage.done);
    for (const run of runs) {
      assert.equal(run.diverged, false);
      assert.equal(run.metrics.done, true, `seed ${run.seed} ran its whole budget`);
      assert.deepEqual(
        run.metrics,
        singleRun(lab, { ...config, seed: run.seed }),
        `seed ${run.seed}`,
      );
    }
    // Distinct runs: no two seeds end with the same metrics or the same loss history.
    const texts = runs.map((r) =>
      JSON.stringify(r.metrics, (k, v) => (ArrayBuffer.isView(v) ? [...v] : v)),
    );
    assert.equal(new Set(texts).size, 8);
    const histories = runs.map((r) =>
      JSON.stringify(r.history, (k, v) => (ArrayBuffer.isView(v) ? [...v] : v)),
    );
    assert.equal(new Set(histories).size, 8);
  });
}

test('every message names its sweep; progress names the seed in training and its step, and only grows', () => {
  const lab = 'localization';
  const sweep = createSweep(vi, { lab, config: vi.defaults(lab), seeds: [0, 1], id: 3 });
  const messages = runSweep(sweep);
  assert.ok(
    messages.every((m) => m.id === 3),
    'every message names its sweep',
  );
  const progress = messages.filter((m) => m.type === sweepMessage.progress);
  assert.ok(progress.length > 2, 'a default run takes more than one slice');
  for (let i = 1; i < progress.length; i++) {
    const [a, b] = [progress[i - 1], progress[i]];
    assert.ok(b.index > a.index || (b.index === a.index && b.step > a.step), `${i}`);
    assert.equal(b.seed, [0, 1][b.index]);
  }
});

test('a seed that diverges is reported as diverged, with its step, beside one that finishes', () => {
  // Moons with σ² computed literally (docs/labs.md): seed 2 overflows near step 9 000 and seed
  // 3 runs all 10 000 steps.
  const lab = 'moons';
  const config = { ...vi.defaults(lab), 'bnn.sigma': 'literal' };
  const runs = finished(runSweep(createSweep(vi, { lab, config, seeds: [2, 3] })));
  assert.equal(runs.length, 2, 'the diverged seed is not dropped');
  const [stopped, through] = runs;
  assert.equal(stopped.diverged, true);
  assert.ok(stopped.divergedAt > 0 && stopped.divergedAt < 10000, `${stopped.divergedAt}`);
  assert.match(stopped.message, /diverged at step/);
  assert.equal(stopped.steps, stopped.metrics.step);
  assert.equal(through.diverged, false);
  assert.equal(through.divergedAt, null);
  assert.equal(through.metrics.done, true);
});

test('every seed diverging at a learning rate at its top still gives a result per seed', () => {
  const lab = 'localization';
  const config = { ...vi.defaults(lab), lr: vi.schema(lab).lr.max };
  const messages = runSweep(createSweep(vi, { lab, config, seeds: [0, 1, 2] }));
  assert.deepEqual(
    finished(messages).map((r) => r.diverged),
    [true, true, true],
  );
  assert.equal(messages.at(-1).type, sweepMessage.done);
});

test('cancel stops the sweep: the lab in training is freed and nothing more runs', () => {
  const lab = 'localization';
  const sweep = createSweep(vi, {
    lab,
    config: vi.defaults(lab),
    seeds: sweepSeeds(0, 100),
    id: 5,
  });
  const [first] = advanceSweep(sweep);
  assert.equal(first.type, sweepMessage.progress);
  assert.ok(first.step > 0);
  const inUse = vi.memory().inUseBytes;
  assert.deepEqual(cancelSweep(sweep), [{ type: sweepMessage.cancelled, id: 5, index: 0 }]);
  assert.equal(sweep.instance, null);
  assert.ok(vi.memory().inUseBytes < inUse, 'the lab was deleted');
  assert.deepEqual(advanceSweep(sweep), []);
  assert.deepEqual(cancelSweep(sweep), [], 'a second cancel says nothing');
  assert.equal(sweep.state, 'cancelled');
});

test('only the loss histories leave the worker, each buffer listed once', () => {
  const views = {
    historyStep: new Float32Array([1, 2]),
    density: new Float32Array(100),
    vi: { historyLoss: new Float32Array([3, 4]), mean: [0, 1] },
    map: { w: new Float32Array(2) },
    refining: false,
  };
  const history = historyViews(views);
  assert.deepEqual(Object.keys(history).sort(), ['historyStep', 'vi']);
  assert.deepEqual(Object.keys(history.vi), ['historyLoss']);
  assert.equal(historyBuffers(history).length, 2);
  const lab = new vi.Lab('logistic', vi.defaults('logistic'));
  lab.step(5);
  const real = historyViews(lab.views());
  lab.delete();
  assert.ok(real.map.historyLoss.length > 0 && real.vi.historyLoss.length > 0);
});
