import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPace,
  fpsForCost,
  fpsLevels,
  recordCost,
  targetFps,
} from '../../../web/js/pacing.js';

test('the frame rate keeps drawing to about half of the main thread', () => {
  assert.equal(fpsForCost(0), 30);
  assert.equal(fpsForCost(5), 30); // 15 % of the main thread at 30 frames/s
  assert.equal(fpsForCost(20), 20); // 40 %
  assert.equal(fpsForCost(45), 10); // 45 %
  assert.equal(fpsForCost(70), 6);
  assert.equal(fpsForCost(1000), 4, 'never below the reduced-motion rate');
  for (const cost of [1, 10, 30, 60, 90, 200]) {
    const fps = fpsForCost(cost);
    assert.ok(fps === fpsLevels.at(-1) || fps * cost <= 500, `${cost} ms at ${fps} frames/s`);
  }
});

test('the rate drops at once when frames get costly and rises back only with room to spare', () => {
  const pace = createPace();
  assert.equal(recordCost(pace, 8), false);
  assert.equal(pace.fps, 30);
  for (let i = 0; i < 20; i++) recordCost(pace, 45);
  assert.equal(pace.fps, 10);
  // At 31 ms a frame 15 frames/s would just fit (47 %), without a quarter to spare.
  for (let i = 0; i < 40; i++) recordCost(pace, 31);
  assert.equal(pace.fps, 10, '15 frames/s at 31 ms would leave less than a quarter spare');
  for (let i = 0; i < 40; i++) recordCost(pace, 18);
  assert.equal(pace.fps, 20);
  assert.equal(recordCost(pace, NaN), false);
  assert.equal(recordCost(pace, -1), false);
});

test('hidden tabs and reduced motion cap the rate', () => {
  const pace = createPace();
  assert.equal(targetFps(pace, { reduced: false, hidden: false }), 30);
  assert.equal(targetFps(pace, { reduced: true, hidden: false }), 4);
  assert.equal(targetFps(pace, { reduced: false, hidden: true }), 1);
  for (let i = 0; i < 20; i++) recordCost(pace, 70);
  assert.equal(targetFps(pace, { reduced: false, hidden: false }), 6);
});
