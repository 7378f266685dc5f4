// The parallel client (web/js/parallel_client.js) over fake engine clients: it starts a worker
// per group of methods, opens each with the others' budgets at 0, answers the page once per
// request, merges frames, stops every worker when one diverges, and counts any worker's crash
// as the lab's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createParallelClient, workerCount } from '../../web/js/parallel_client.js';

const parallel = {
  methods: [
    { name: 'a', keys: ['a'], stepMs: 1000 },
    { name: 'b', keys: ['b'], stepMs: 1000 },
  ],
  anyKeys: [],
};
const catalog = {
  two: { info: { parallel }, defaults: { 'a.steps': 10, 'b.steps': 10, seed: 1 }, schema: {} },
  one: { info: { parallel: { methods: [], anyKeys: [] } }, defaults: { seed: 1 }, schema: {} },
};
const ready = { type: 'ready', labs: ['two', 'one'], catalog };

// Fake time: `now` moves only when a test moves it; setTimeout callbacks wait in `pending`.
function fakeTime(step = 1000) {
  const time = { now: 0, pending: [] };
  time.clock = () => (time.now += step);
  time.timers = {
    setTimeout: (fn, ms) => time.pending.push({ fn, ms }),
    clearTimeout: () => (time.pending = []),
  };
  return time;
}

function setup(workers = 2, lab = null, time = fakeTime(), built = null) {
  const subs = [];
  const messages = [];
  const crashes = [];
  const client = createParallelClient({
    workers,
    lab,
    catalog: built,
    clock: time.clock,
    timers: time.timers,
    onMessage: (msg) => messages.push(msg),
    onCrash: (reason, willRestart) => crashes.push({ reason, willRestart }),
    createClient: ({ onMessage, onCrash }) => {
      const calls = [];
      const record =
        (type) =>
        (...args) =>
          calls.push([type, ...args]);
      const sub = {
        calls,
        onMessage,
        onCrash,
        disposed: false,
        open: record('open'),
        configure: record('configure'),
        steer: record('steer'),
        play: record('play'),
        pause: record('pause'),
        step: record('step'),
        reset: record('reset'),
        settings: record('settings'),
        send: (type) => calls.push([type]),
        dispose: () => (sub.disposed = true),
      };
      subs.push(sub);
      return sub;
    },
  });
  return { client, subs, messages, crashes, time };
}

function frame(step, { a = 0, b = 0, done = false, diverged = false, playing = true } = {}) {
  const metrics = { step, done, diverged, divergedAt: diverged ? step : -1, message: '', a, b };
  return { type: 'frame', metrics, views: { a, b }, playing, flops: 1 };
}

// Opens lab `two` in two workers and answers as they would.
function opened(time) {
  const t = setup(2, null, time);
  t.subs[0].onMessage(ready);
  t.client.open('two', { 'a.steps': 10, 'b.steps': 10, seed: 1 });
  t.subs[1].onMessage(ready);
  t.subs.forEach((sub, w) => {
    const config = sub.calls.find((c) => c[0] === 'open')[2];
    sub.onMessage({ type: 'opened', during: 'open', lab: 'two', config });
    sub.onMessage(frame(0, { playing: false }));
    assert.ok(w < 2);
  });
  return t;
}

test('one worker starts; a lab with two methods opens in two, each with the other budget 0', () => {
  const t = setup();
  assert.equal(t.subs.length, 1);
  t.subs[0].onMessage(ready);
  assert.deepEqual(t.messages, [ready]);
  t.client.open('two', { 'a.steps': 10, 'b.steps': 10, seed: 1 });
  assert.equal(t.subs.length, 2);
  assert.equal(t.subs[0].calls.length, 0, 'held until the new worker is ready');
  t.subs[1].onMessage(ready);
  assert.equal(t.messages.length, 1, 'the page hears ready once');
  assert.deepEqual(t.subs[0].calls.at(-1), [
    'open',
    'two',
    { 'a.steps': 10, 'b.steps': 0, seed: 1 },
  ]);
  assert.deepEqual(t.subs[1].calls.at(-1), [
    'open',
    'two',
    { 'a.steps': 0, 'b.steps': 10, seed: 1 },
  ]);
});

test('the workers of the lab the page will open start with the first one’s ready', () => {
  const t = setup(2, 'two');
  t.subs[0].onMessage(ready);
  assert.equal(t.subs.length, 2);
  t.client.open('two', { 'a.steps': 10, 'b.steps': 10, seed: 1 });
  assert.equal(t.subs[0].calls.length, 0);
  t.subs[1].onMessage(ready);
  assert.equal(t.subs[0].calls.at(-1)[0], 'open');
});

test('the build-time catalog starts the lab’s workers together; the page hears ready once', async () => {
  const built = Promise.resolve({ labs: ready.labs, catalog });
  const t = setup(2, 'two', fakeTime(), built);
  assert.equal(t.subs.length, 1);
  await built;
  assert.equal(t.subs.length, 2, 'the second worker starts before the first is ready');
  t.subs[0].onMessage(ready);
  assert.deepEqual(t.messages, [], 'ready waits for both workers');
  t.subs[1].onMessage(ready);
  assert.deepEqual(t.messages, [ready]);
  t.client.open('two', { 'a.steps': 10, 'b.steps': 10, seed: 1 });
  assert.deepEqual(
    t.subs.map((sub) => sub.calls.at(-1)),
    [
      ['open', 'two', { 'a.steps': 10, 'b.steps': 0, seed: 1 }],
      ['open', 'two', { 'a.steps': 0, 'b.steps': 10, seed: 1 }],
    ],
  );
});

test('a build-time catalog without the lab, or none, starts no worker early', async () => {
  for (const built of [Promise.resolve(null), Promise.resolve({ labs: ['one'], catalog: {} })]) {
    const t = setup(2, 'two', fakeTime(), built);
    await built;
    assert.equal(t.subs.length, 1);
    t.subs[0].onMessage(ready);
    assert.equal(t.subs.length, 2, 'started with the first one’s ready');
  }
});

test('a lab with one method keeps one worker', () => {
  const t = setup();
  t.subs[0].onMessage(ready);
  t.client.open('one', { seed: 1 });
  assert.equal(t.subs.length, 1);
  assert.deepEqual(t.subs[0].calls, [['open', 'one', { seed: 1 }]]);
});

test('the page hears one opened, with every budget, then merged frames', () => {
  const t = opened();
  const page = t.messages.slice(1);
  assert.deepEqual(page[0], {
    type: 'opened',
    during: 'open',
    lab: 'two',
    config: { 'a.steps': 10, 'b.steps': 10, seed: 1 },
  });
  assert.equal(page.filter((m) => m.type === 'opened').length, 1);
  assert.equal(page.filter((m) => m.type === 'frame').length, 1, 'a frame once both have one');
  t.subs[0].onMessage(frame(4, { a: 4 }));
  t.subs[1].onMessage(frame(6, { b: 6 }));
  const last = t.messages.at(-1);
  assert.deepEqual([last.metrics.step, last.metrics.a, last.metrics.b], [6, 4, 6]);
  assert.equal(last.flops, 2);
});

test('merged frames keep to the page’s rate; the latest goes out when the interval is over', () => {
  const t = opened(fakeTime(0)); // a clock that stands still: every frame is within the interval
  t.client.settings({ maxFps: 20, speed: Infinity });
  assert.deepEqual(t.subs[0].calls.at(-1), ['settings', { maxFps: 20, speed: Infinity }]);
  const heard = t.messages.length;
  t.subs[0].onMessage(frame(1, { a: 1 }));
  t.subs[1].onMessage(frame(2, { b: 2 }));
  assert.equal(t.messages.length, heard, 'held back');
  assert.equal(t.time.pending.length, 1);
  assert.equal(t.time.pending[0].ms, 50);
  t.time.pending[0].fn();
  assert.equal(t.messages.length, heard + 1);
  assert.deepEqual([t.messages.at(-1).metrics.a, t.messages.at(-1).metrics.b], [1, 2]);
  // A status follows the frame its worker sent before it.
  t.subs[0].onMessage(frame(3, { a: 3, playing: false, done: true }));
  t.subs[0].onMessage({ type: 'status', playing: false, reason: 'done' });
  assert.equal(t.messages.at(-2).metrics.a, 3);
  assert.equal(t.messages.at(-1).type, 'status');
});

test('a steered budget goes to its owner only; one steered answer with the largest step', () => {
  const t = opened();
  t.client.steer({ 'b.steps': 20, seed: 1 });
  assert.deepEqual(t.subs[0].calls.at(-1), ['steer', { seed: 1 }]);
  assert.deepEqual(t.subs[1].calls.at(-1), ['steer', { 'b.steps': 20, seed: 1 }]);
  t.subs[0].onMessage({
    type: 'steered',
    step: 10,
    changes: {},
    config: { 'a.steps': 10, 'b.steps': 0 },
  });
  assert.notEqual(t.messages.at(-1).type, 'steered', 'waits for every worker');
  t.subs[1].onMessage({
    type: 'steered',
    step: 8,
    changes: {},
    config: { 'a.steps': 0, 'b.steps': 20 },
  });
  assert.deepEqual(t.messages.at(-1), {
    type: 'steered',
    step: 10,
    changes: { 'b.steps': 20, seed: 1 },
    config: { 'a.steps': 10, 'b.steps': 20 },
  });
});

test('an error from the workers reaches the page once', () => {
  const t = opened();
  t.client.configure({ 'a.steps': -1, 'b.steps': 10, seed: 1 });
  const error = { type: 'error', message: 'a.steps = -1 out of range', during: 'configure' };
  t.subs.forEach((sub) => sub.onMessage(error));
  assert.equal(t.messages.filter((m) => m.type === 'error').length, 1);
});

test('play and done: the lab plays while any worker does, and is done when all are', () => {
  const t = opened();
  t.client.play();
  t.subs.forEach((sub) => assert.deepEqual(sub.calls.at(-1), ['play']));
  t.subs.forEach((sub) => sub.onMessage({ type: 'status', playing: true, reason: 'play' }));
  assert.deepEqual(t.messages.at(-1), { type: 'status', playing: true, reason: 'play' });
  t.subs[0].onMessage(frame(10, { done: true, playing: false }));
  t.subs[0].onMessage({ type: 'status', playing: false, reason: 'done' });
  assert.equal(t.messages.at(-1).playing, true);
  t.subs[1].onMessage(frame(10, { done: true, playing: false }));
  t.subs[1].onMessage({ type: 'status', playing: false, reason: 'done' });
  assert.deepEqual(t.messages.at(-1), { type: 'status', playing: false, reason: 'done' });
});

test('a pause reaches the page with every worker’s last frame, so a paused step stays put', () => {
  const t = opened(fakeTime(0)); // the clock stands still: frames wait for the page's rate
  t.client.settings({ maxFps: 20, speed: Infinity });
  t.client.play();
  t.subs.forEach((sub) => sub.onMessage({ type: 'status', playing: true, reason: 'play' }));
  t.subs[0].onMessage(frame(4, { a: 4 }));
  t.subs[1].onMessage(frame(5, { b: 5 }));
  t.client.pause();
  // Each worker answers its pause with a status and then its last frame.
  t.subs[0].onMessage({ type: 'status', playing: false, reason: 'pause' });
  t.subs[0].onMessage(frame(7, { a: 7, playing: false }));
  t.subs[1].onMessage({ type: 'status', playing: false, reason: 'pause' });
  const heard = t.messages.length;
  assert.ok(
    t.messages.every((m) => m.type !== 'status' || m.playing),
    'not paused while a last frame is on its way',
  );
  t.subs[1].onMessage(frame(9, { b: 9, playing: false }));
  const [status, last] = t.messages.slice(heard);
  assert.deepEqual(status, { type: 'status', playing: false, reason: 'pause' });
  assert.equal(last.type, 'frame', 'the last frame follows the pause at once, not at the rate');
  assert.deepEqual([last.metrics.step, last.metrics.a, last.metrics.b], [9, 7, 9]);
  assert.equal(t.messages.length, heard + 2);
});

test('a diverging method stops the other workers', () => {
  const t = opened();
  t.client.play();
  t.subs.forEach((sub) => sub.onMessage({ type: 'status', playing: true, reason: 'play' }));
  t.subs[1].onMessage(frame(3, { diverged: true, playing: false }));
  t.subs[1].onMessage({ type: 'status', playing: false, reason: 'diverged' });
  assert.deepEqual(t.subs[0].calls.at(-1), ['pause']);
  assert.deepEqual(t.messages.at(-1), { type: 'status', playing: false, reason: 'diverged' });
  t.subs[0].onMessage(frame(5, { playing: true }));
  const last = t.messages.at(-1);
  assert.equal(last.metrics.diverged, true);
  assert.equal(last.playing, false);
});

test('a crash of any worker is the lab’s: reported once, the page reopens in all', () => {
  const t = opened();
  t.subs[1].onCrash('boom', true, {});
  assert.deepEqual(t.crashes, [{ reason: 'boom', willRestart: true }]);
  assert.deepEqual(t.subs[0].calls.at(-1), ['pause']);
  assert.equal(t.client.open('two', {}), false, 'nothing is sent until the worker is back');
  const heard = t.messages.length;
  t.subs[0].onMessage(frame(9));
  assert.equal(t.messages.length, heard, 'leftover frames are dropped');
  t.subs[1].onMessage(ready);
  assert.deepEqual(t.messages.at(-1), ready, 'the page hears ready again');
  t.subs[1].onCrash('again', false, {});
  assert.equal(t.crashes.at(-1).willRestart, false);
  assert.ok(
    t.subs.every((sub) => sub.disposed),
    'a worker that gives up stops them all',
  );
});

test('the workers URL parameter: an integer from 1 to 8, else the cores', () => {
  assert.deepEqual(workerCount(null, 4), { count: 4, forced: false, warning: null });
  assert.deepEqual(workerCount('1', 4), { count: 1, forced: true, warning: null });
  assert.deepEqual(workerCount('3', 2), { count: 3, forced: true, warning: null });
  assert.deepEqual(workerCount(null, 32), { count: 8, forced: false, warning: null });
  assert.deepEqual(workerCount(null, undefined), { count: 1, forced: false, warning: null });
  for (const bad of ['0', '9', '1.5', 'two', ''])
    assert.match(workerCount(bad, 2).warning, new RegExp(`workers = "${bad}".*1 to 8.*using 2`));
});
