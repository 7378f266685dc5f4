// The lab page asks the engine to open the lab before its plots exist: the replies that come
// meanwhile wait in the reply queue and are applied, in order, once the plots are built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReplyQueue } from '../../../web/js/reply_queue.js';

test('replies that arrive before the plots exist are applied in order once they do', () => {
  const applied = [];
  const replies = createReplyQueue((msg) => applied.push(msg.type));
  replies.push({ type: 'opened' });
  replies.push({ type: 'frame' });
  assert.deepEqual(applied, [], 'nothing is applied while the page is building');
  assert.equal(replies.holding, true);
  replies.release();
  assert.deepEqual(applied, ['opened', 'frame']);
  assert.equal(replies.holding, false);
});

test('after the release, each reply is applied as it comes', () => {
  const applied = [];
  const replies = createReplyQueue((msg) => applied.push(msg.type));
  replies.release();
  replies.push({ type: 'status' });
  assert.deepEqual(applied, ['status']);
  replies.release();
  assert.deepEqual(applied, ['status'], 'a second release applies nothing twice');
});

test('a dead worker’s held replies are dropped; the new worker’s are applied', () => {
  const applied = [];
  const replies = createReplyQueue((msg) => applied.push(msg.from));
  replies.push({ type: 'frame', from: 'dead' });
  replies.drop();
  replies.push({ type: 'frame', from: 'restarted' });
  replies.release();
  assert.deepEqual(applied, ['restarted']);
});

test('drop after the release changes nothing', () => {
  const applied = [];
  const replies = createReplyQueue((msg) => applied.push(msg.type));
  replies.release();
  replies.drop();
  replies.push({ type: 'frame' });
  assert.deepEqual(applied, ['frame']);
});
