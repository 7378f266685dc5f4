// The merger of parallel workers' frames (web/js/frame_merge.js) on hand-made frames: which
// worker's section is taken, the lab-level rules (step, done, diverged, flags, sums), the
// workers' configs and steering, and how methods are grouped over the workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  groupMethods,
  mergeConfigs,
  mergeFrames,
  workerChanges,
  workerConfig,
} from '../../web/js/frame_merge.js';

const methods = [
  { name: 'mle', keys: ['mle'], stepMs: 0.137 },
  { name: 'vi', keys: ['vi'], stepMs: 6.43 },
  { name: 'bnn', keys: ['bnn', 'bnnExtra'], stepMs: 0.37 },
];
const groups = [['vi'], ['mle', 'bnn']];

// A worker's frame: its own methods' sections carry `own`, the others' the untrained `idle`.
function frame(w, { step = 10, done = false, diverged = false, refining = false } = {}) {
  const section = (name) => ({ from: groups[w].includes(name) ? 'own' : 'idle', worker: w });
  return {
    type: 'frame',
    metrics: {
      step,
      done,
      diverged,
      divergedAt: diverged ? step : -1,
      message: diverged ? `worker ${w} diverged` : '',
      dataset: 'sine',
      mle: section('mle'),
      vi: section('vi'),
      bnn: section('bnn'),
    },
    views: {
      x: [w],
      refining,
      mle: section('mle'),
      vi: section('vi'),
      bnn: section('bnn'),
      bnnExtra: section('bnn'),
    },
    playing: !done && !diverged,
    stepsPerSec: 100 * (w + 1),
    engineBytes: 1000,
    flops: 10 * (w + 1),
  };
}

const merge = (frames, extra = {}) =>
  mergeFrames(frames, { groups, methods, anyKeys: ['refining'], ...extra });

test('each method section comes from the worker that trains it, every key it owns', () => {
  const out = merge([frame(0), frame(1)]);
  assert.deepEqual(out.metrics.vi, { from: 'own', worker: 0 });
  assert.deepEqual(out.metrics.mle, { from: 'own', worker: 1 });
  assert.deepEqual(out.metrics.bnn, { from: 'own', worker: 1 });
  assert.deepEqual(out.views.bnnExtra, { from: 'own', worker: 1 });
  assert.deepEqual(out.views.vi, { from: 'own', worker: 0 });
});

test('lab-level keys are taken from the first worker', () => {
  const out = merge([frame(0), frame(1)]);
  assert.deepEqual(out.views.x, [0]);
  assert.equal(out.metrics.dataset, 'sine');
});

test('step is the largest and done needs every worker done', () => {
  const out = merge([frame(0, { step: 7 }), frame(1, { step: 30, done: true })]);
  assert.equal(out.metrics.step, 30);
  assert.equal(out.metrics.done, false);
  assert.equal(out.playing, true);
  const both = merge([frame(0, { step: 7, done: true }), frame(1, { step: 30, done: true })]);
  assert.equal(both.metrics.done, true);
  assert.equal(both.playing, false);
});

test('a divergence in any worker is the lab’s, with the first reporter’s step and message', () => {
  const one = merge([frame(0), frame(1, { diverged: true, step: 12 })]);
  assert.equal(one.metrics.diverged, true);
  assert.equal(one.metrics.divergedAt, 12);
  assert.equal(one.metrics.message, 'worker 1 diverged');
  const frames = [frame(0, { diverged: true, step: 5 }), frame(1, { diverged: true, step: 12 })];
  assert.equal(merge(frames, { diverged: 1 }).metrics.message, 'worker 1 diverged');
  assert.equal(merge(frames).metrics.message, 'worker 0 diverged');
  const none = merge([frame(0), frame(1)]);
  assert.equal(none.metrics.diverged, false);
  assert.equal(none.metrics.divergedAt, -1);
});

test('flag views are true when true in any worker', () => {
  assert.equal(merge([frame(0), frame(1, { refining: true })]).views.refining, true);
  assert.equal(merge([frame(0), frame(1)]).views.refining, false);
});

test('flops and engine memory add up; the rate is the fastest worker’s', () => {
  const out = merge([frame(0), frame(1)]);
  assert.equal(out.flops, 30);
  assert.equal(out.engineBytes, 2000);
  assert.equal(out.stepsPerSec, 200);
});

test('each worker opens the lab with the other workers’ budgets at 0', () => {
  const config = { seed: 3, 'mle.steps': 100, 'vi.steps': 50, 'bnn.steps': 70, 'vi.lr': 0.1 };
  assert.deepEqual(workerConfig(config, ['vi'], methods), {
    ...config,
    'mle.steps': 0,
    'bnn.steps': 0,
  });
  assert.deepEqual(workerConfig(config, ['mle', 'bnn'], methods), { ...config, 'vi.steps': 0 });
  const configs = [workerConfig(config, ['vi'], methods), workerConfig(config, groups[1], methods)];
  assert.deepEqual(mergeConfigs(configs, groups), config);
});

test('steering leaves other workers’ budgets alone and passes every other field', () => {
  const changes = { 'vi.steps': 2000, 'mle.steps': 400, gridPoints: 51 };
  assert.deepEqual(workerChanges(changes, ['vi'], methods), { 'vi.steps': 2000, gridPoints: 51 });
  assert.deepEqual(workerChanges(changes, ['mle', 'bnn'], methods), {
    'mle.steps': 400,
    gridPoints: 51,
  });
});

test('methods are grouped by their work: regression’s vi alone on two workers', () => {
  const config = { 'mle.steps': 10000, 'vi.steps': 1000, 'bnn.steps': 3000 };
  assert.deepEqual(groupMethods(methods, config, 2), [['mle', 'bnn'], ['vi']]);
  assert.deepEqual(groupMethods(methods, config, 3), [['mle'], ['vi'], ['bnn']]);
  assert.deepEqual(groupMethods(methods, config, 8), [['mle'], ['vi'], ['bnn']]);
  assert.deepEqual(groupMethods(methods, config, 1), [['mle', 'vi', 'bnn']]);
  // With vi's budget cut, its work no longer outweighs the others'.
  const light = { ...config, 'vi.steps': 10 };
  assert.deepEqual(groupMethods(methods, light, 2), [['mle'], ['vi', 'bnn']]);
  assert.deepEqual(groupMethods([], config, 4), [[]]);
  // Little work stays in one worker, unless the page is told how many workers to use.
  const short = { 'mle.steps': 45, 'vi.steps': 12, 'bnn.steps': 30 };
  assert.deepEqual(groupMethods(methods, short, 2), [['mle', 'vi', 'bnn']]);
  assert.deepEqual(groupMethods(methods, short, 2, { minMs: 0 }), [['mle', 'bnn'], ['vi']]);
  // Methods without steps take no worker of their own.
  const mleOnly = { ...config, 'vi.steps': 0, 'bnn.steps': 0 };
  assert.deepEqual(groupMethods(methods, mleOnly, 2), [['mle', 'vi', 'bnn']]);
  const noBnn = { ...config, 'bnn.steps': 0 };
  assert.deepEqual(groupMethods(methods, noBnn, 3), [['mle', 'bnn'], ['vi']]);
});
