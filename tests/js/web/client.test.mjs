// The page's worker client with a fake Worker, clock and timers: restarts after a crash,
// messages held back while the engine is not ready, and the watchdog for a silent worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { busyBoundMs, busyMinMs, createEngineClient, stallMs } from '../../../web/js/client.js';

class FakeWorker {
  constructor() {
    this.listeners = {};
    this.posted = [];
    this.terminated = false;
  }

  addEventListener(type, listener) {
    (this.listeners[type] ??= []).push(listener);
  }

  postMessage(message) {
    this.posted.push(message);
  }

  terminate() {
    this.terminated = true;
  }

  emit(type, event) {
    for (const listener of this.listeners[type] ?? []) listener(event);
  }

  reply(data) {
    this.emit('message', { data });
  }
}

function setup() {
  const clock = { now: 0 };
  const intervals = [];
  const timers = {
    setInterval(fn, ms) {
      intervals.push({ fn, ms, next: clock.now + ms, live: true });
      return intervals.length - 1;
    },
    clearInterval(id) {
      intervals[id].live = false;
    },
  };
  const workers = [];
  const messages = [];
  const crashes = [];
  const client = createEngineClient({
    onMessage: (msg) => messages.push(msg),
    onCrash: (reason, willRestart, details) => crashes.push({ reason, willRestart, details }),
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    clock: () => clock.now,
    timers,
  });
  /** Moves the clock on, running the intervals that fall due on time. */
  function advance(ms) {
    const end = clock.now + ms;
    for (;;) {
      const due = intervals
        .filter((t) => t.live && t.next <= end)
        .sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      clock.now = due.next;
      due.next += due.ms;
      due.fn();
    }
    clock.now = end;
  }
  const current = () => workers.at(-1);
  const ready = () => current().reply({ type: 'ready', labs: ['toy'], catalog: {} });
  return { clock, client, workers, messages, crashes, advance, current, ready, intervals };
}

test('messages wait for the engine: dropped before ready, sent after', () => {
  const { client, current, ready } = setup();
  assert.deepEqual(current().posted, [{ type: 'init' }]);
  assert.equal(client.ready, false);
  assert.equal(client.play(), false);
  ready();
  assert.equal(client.ready, true);
  assert.equal(client.open('toy', { lr: 1 }), true);
  assert.deepEqual(current().posted.at(-1), { type: 'open', lab: 'toy', config: { lr: 1 } });
  client.dispose();
});

test('a worker error restarts the worker, which must answer ready again', () => {
  const { client, workers, crashes, current, ready, messages } = setup();
  ready();
  let prevented = false;
  current().emit('error', {
    message: 'boom',
    preventDefault: () => {
      prevented = true;
    },
  });
  assert.ok(prevented, 'the error is handled, not reported as uncaught');
  assert.deepEqual(crashes, [
    { reason: 'boom', willRestart: true, details: { hung: false, call: null, during: null } },
  ]);
  assert.equal(workers.length, 2);
  assert.equal(workers[0].terminated, true);
  assert.equal(client.ready, false);
  assert.deepEqual(current().posted, [{ type: 'init' }]);
  // Late messages from the dead worker are ignored.
  workers[0].reply({ type: 'frame', playing: true });
  workers[0].emit('error', { message: 'again' });
  assert.equal(crashes.length, 1);
  assert.equal(messages.filter((m) => m.type === 'frame').length, 0);
  ready();
  assert.equal(client.ready, true);
  client.dispose();
});

test('a fatal error message is a crash too; after a few in a row it gives up', () => {
  const { client, workers, crashes, current, advance } = setup();
  for (let i = 0; i < 4; i++) {
    current().reply({ type: 'error', fatal: true, message: `failure ${i}` });
    advance(100);
  }
  assert.deepEqual(
    crashes.map((c) => c.willRestart),
    [true, true, true, false],
  );
  assert.equal(workers.length, 4, 'no fifth worker');
  assert.equal(crashes[3].reason, 'failure 3');
  client.dispose();
});

test('crashes with a lab opened in between are each restarted', () => {
  const { client, crashes, current, advance, ready } = setup();
  for (let i = 0; i < 5; i++) {
    ready();
    current().reply({ type: 'opened', during: 'open', lab: 'toy', config: {} });
    current().emit('error', { message: 'rare' });
    advance(100);
  }
  assert.ok(crashes.every((c) => c.willRestart));
  client.dispose();
});

test('a worker that dies every time it opens is restarted a few times, then reported once', () => {
  const { client, crashes, current, advance, ready, workers } = setup();
  // Each death comes long after the previous one (a hang caught by the watchdog takes that
  // long): time alone must not reset the count, or the page restarts forever.
  for (let i = 0; i < 10 && crashes.at(-1)?.willRestart !== false; i++) {
    ready();
    client.open('toy', { size: 'huge' });
    current().reply({ type: 'busy', call: 'build toy', lab: 'toy', expectedMs: null });
    current().emit('error', { message: 'out of memory' });
    advance(10 * stallMs);
  }
  assert.deepEqual(
    crashes.map((c) => c.willRestart),
    [true, true, true, false],
  );
  assert.equal(workers.length, 4);
  assert.deepEqual(crashes[3].details, { hung: false, call: 'build toy', during: 'open' });
  advance(10 * stallMs);
  assert.equal(crashes.length, 4, 'reported once, no further restarts');
  client.dispose();
});

test('a busy worker is not taken for a dead one; past a generous bound it is, named', () => {
  const { client, crashes, current, ready, advance } = setup();
  ready();
  client.configure({ hidden: 512 });
  current().reply({ type: 'busy', call: 'build toy', lab: 'toy', expectedMs: null });
  advance(5 * stallMs);
  assert.equal(crashes.length, 0, 'announced: five stall periods of silence are fine');
  current().reply({ type: 'opened', during: 'configure', lab: 'toy', config: {} });
  current().reply({ type: 'frame', playing: false });
  // A long announced step with an expected cost gets 20 times that.
  client.step(1000);
  current().reply({ type: 'busy', call: 'step 1000', lab: 'toy', expectedMs: 60000 });
  assert.equal(busyBoundMs(60000), 20 * 60000);
  advance(busyBoundMs(60000) - stallMs);
  assert.equal(crashes.length, 0);
  advance(stallMs + stallMs / 2);
  assert.equal(crashes.length, 1);
  assert.match(crashes[0].reason, /still busy with "step 1000" after 1200 s/);
  assert.deepEqual(crashes[0].details, { hung: true, call: 'step 1000', during: 'step' });
  // Without an estimate the bound is busyMinMs.
  assert.equal(busyBoundMs(null), busyMinMs);
  client.dispose();
});

test('the watchdog replaces a worker that goes silent while training', () => {
  const { client, crashes, current, ready, advance, workers } = setup();
  ready();
  client.play();
  current().reply({ type: 'status', playing: true, reason: 'play' });
  for (let t = 0; t < 60000; t += 500) {
    current().reply({ type: 'frame', playing: true });
    advance(500);
  }
  assert.equal(crashes.length, 0, 'frames keep it alive');
  advance(stallMs + stallMs / 4 + 1);
  assert.equal(crashes.length, 1);
  assert.match(crashes[0].reason, /no answer for 20 s/);
  assert.equal(workers[0].terminated, true);
  client.dispose();
});

test('the watchdog leaves an idle worker alone and waits for answers to requests', () => {
  const { client, crashes, current, ready, advance } = setup();
  ready();
  current().reply({ type: 'status', playing: false, reason: 'pause' });
  advance(10 * stallMs);
  assert.equal(crashes.length, 0, 'nothing was asked: silence is fine');
  client.step(1);
  advance(stallMs / 2);
  current().reply({ type: 'frame', playing: false });
  advance(10 * stallMs);
  assert.equal(crashes.length, 0, 'the step was answered');
  client.configure({ lr: 2 });
  advance(stallMs * 1.5);
  assert.equal(crashes.length, 1, 'a request left unanswered');
  client.dispose();
});

test('a late watchdog check (a suspended or throttled page) is not taken for a dead worker', () => {
  const { client, crashes, current, ready, intervals, clock } = setup();
  ready();
  current().reply({ type: 'status', playing: true, reason: 'play' });
  // The page was frozen for a minute: the next check runs late, once.
  clock.now += 60000;
  intervals[0].fn();
  assert.equal(crashes.length, 0);
  client.dispose();
});

test('dispose stops the watchdog and the worker for good', () => {
  const { client, current, intervals, crashes } = setup();
  const worker = current();
  client.dispose();
  assert.equal(worker.terminated, true);
  assert.equal(intervals[0].live, false);
  assert.equal(client.play(), false);
  assert.equal(crashes.length, 0);
});
