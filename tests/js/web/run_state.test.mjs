// The play bar's run state: a finished moons run whose maps still refine says how far they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runState } from '../../../web/js/run_state.js';

const done = { done: true, diverged: false, step: 10000 };

test('a finished run whose maps refine says "Refining maps n/total", then "Finished"', () => {
  const views = {
    refining: true,
    passesTarget: 500,
    bnn: { passesDone: 170 },
    dropout: { passesDone: 500 },
  };
  assert.deepEqual(runState(done, views, false), ['Refining maps 170/500', 'done']);
  assert.deepEqual(runState(done, { ...views, refining: false }, false), ['Finished', 'done']);
  assert.deepEqual(runState(done, {}, false), ['Finished', 'done']);
});

test('the other states', () => {
  assert.deepEqual(runState({ diverged: true }, {}, false), ['Diverged', 'diverged']);
  assert.deepEqual(runState({ step: 3 }, {}, true), ['Training', 'playing']);
  assert.deepEqual(runState({ step: 3 }, {}, false), ['Paused', 'paused']);
  assert.deepEqual(runState({ step: 0 }, {}, false), ['Ready', 'ready']);
});
