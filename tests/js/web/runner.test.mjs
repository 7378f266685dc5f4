import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  createSession,
  describeAll,
  handleMessage,
  openLab,
  runChunk,
  tick,
  transferables,
} from '../../../web/js/runner.js';
import createFakeVilab from './fake_vilab.mjs';

// A lab whose every step costs `msPerStep` on a manual clock, so chunking is deterministic.
function timedLab(clock, { msPerStep = 0.05, total = 100000, divergeAt = Infinity } = {}) {
  const lab = {
    stepCount: 0,
    calls: [],
    deleted: false,
    step(n) {
      lab.calls.push(n);
      const limit = Math.min(total, divergeAt);
      const done = Math.max(0, Math.min(n, limit - lab.stepCount));
      lab.stepCount += done;
      clock.now += done * msPerStep;
      return done;
    },
    metrics: () => ({
      step: lab.stepCount,
      done: lab.stepCount >= total,
      diverged: lab.stepCount >= divergeAt,
      message: lab.stepCount >= divergeAt ? 'loss is NaN' : '',
    }),
    views: () => ({ curve: new Float32Array([1, 2, 3]), n: 3 }),
    delete() {
      lab.deleted = true;
    },
  };
  return lab;
}

function timedVi(clock, options) {
  const made = [];
  return {
    made,
    labs: () => ['toy'],
    info: (name) => ({ name, title: 'Toy' }),
    defaults: () => ({ lr: 0.1, seed: 1 }),
    schema: () => ({ lr: { type: 'number', min: 0, max: 1 } }),
    Lab: class {
      constructor(name, config) {
        if (config.lr > 1) throw new Error(`lr = ${config.lr} is outside [0, 1]`);
        const lab = timedLab(clock, options);
        made.push({ name, config, lab });
        return lab;
      }
    },
  };
}

function setup(options) {
  const clock = { now: 0 };
  const vi = timedVi(clock, options);
  const session = createSession(vi, () => clock.now);
  return { clock, vi, session };
}

test('describeAll lists every lab with info, defaults and schema', () => {
  const { vi } = setup();
  const described = describeAll(vi);
  assert.deepEqual(described.labs, ['toy']);
  assert.deepEqual(described.catalog.toy.defaults, { lr: 0.1, seed: 1 });
});

test('open merges the config over the defaults and answers with opened + frame', () => {
  const { session, vi } = setup();
  const replies = handleMessage(session, { type: 'open', lab: 'toy', config: { lr: 0.5 } });
  assert.deepEqual(
    replies.map((r) => r.msg.type),
    ['opened', 'frame'],
  );
  assert.deepEqual(replies[0].msg.config, { lr: 0.5, seed: 1 });
  assert.deepEqual(vi.made[0].config, { lr: 0.5, seed: 1 });
});

test('a bad config answers with an error and keeps the previous lab alive', () => {
  const { session, vi } = setup();
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  const replies = handleMessage(session, { type: 'configure', config: { lr: 5 } });
  assert.equal(replies.length, 1);
  assert.equal(replies[0].msg.type, 'error');
  assert.match(replies[0].msg.message, /lr = 5/);
  assert.equal(session.lab, vi.made[0].lab);
  assert.equal(vi.made[0].lab.deleted, false);
});

test('reconfiguring deletes the old lab exactly once', () => {
  const { session, vi } = setup();
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'configure', config: { lr: 0.2 } });
  assert.equal(vi.made[0].lab.deleted, true);
  assert.equal(vi.made[1].lab.deleted, false);
});

test('runChunk stays within its time budget and batches cheap steps', () => {
  const { session } = setup({ msPerStep: 0.01 });
  openLab(session, 'toy', {});
  const { steps, stopped } = runChunk(session, 12);
  assert.equal(stopped, null);
  // 12 ms at 0.01 ms a step is 1 200 steps; the first call probes with one step.
  assert.ok(steps >= 1100 && steps <= 1200, `steps ${steps}`);
  assert.ok(session.lab.calls.length <= 5, `calls ${session.lab.calls.length}`);
});

test('frames are throttled to maxFps while playing', () => {
  const { session, clock } = setup({ msPerStep: 0.01 });
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'settings', maxFps: 20 });
  handleMessage(session, { type: 'play' });
  let frames = 0;
  const start = clock.now;
  while (clock.now - start < 1000)
    frames += tick(session).filter((r) => r.msg.type === 'frame').length;
  // 50 ms per frame, sent up to half a 12 ms chunk early and only between chunks:
  // intervals of 48 ms, so 20–21 frames in one second.
  assert.ok(frames >= 19 && frames <= 22, `frames ${frames}`);
  assert.ok(session.stepsPerSec > 90000, `rate ${session.stepsPerSec}`);
});

test('divergence stops play and reports it with a final frame', () => {
  const { session } = setup({ msPerStep: 0.01, divergeAt: 500 });
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'play' });
  const replies = tick(session);
  assert.deepEqual(
    replies.map((r) => r.msg.type),
    ['frame', 'status'],
  );
  assert.equal(replies[1].msg.reason, 'diverged');
  assert.equal(replies[0].msg.metrics.message, 'loss is NaN');
  assert.equal(session.playing, false);
  assert.deepEqual(
    handleMessage(session, { type: 'play' }).map((r) => r.msg.reason),
    ['diverged'],
  );
});

test('finishing the step budget stops play with reason done', () => {
  const { session } = setup({ msPerStep: 0.01, total: 300 });
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'play' });
  const replies = tick(session);
  assert.equal(replies.at(-1).msg.reason, 'done');
  assert.equal(session.lab.stepCount, 300);
});

test('step, pause and reset', () => {
  const { session, vi } = setup();
  handleMessage(session, { type: 'open', lab: 'toy', config: { lr: 0.3 } });
  const stepped = handleMessage(session, { type: 'step', n: 10 });
  assert.equal(stepped[0].msg.type, 'frame');
  assert.equal(stepped[0].msg.metrics.step, 10);
  assert.deepEqual(
    handleMessage(session, { type: 'pause' }).map((r) => r.msg.type),
    ['status', 'frame'],
  );
  handleMessage(session, { type: 'reset' });
  assert.equal(session.lab.stepCount, 0);
  assert.deepEqual(vi.made[1].config, { lr: 0.3, seed: 1 });
});

test('transferables lists the typed arrays buffers only', () => {
  const views = { a: new Float32Array(2), b: 3, c: new Float32Array(1) };
  assert.deepEqual(transferables(views), [views.a.buffer, views.c.buffer]);
});

test('an unknown message type answers with an error', () => {
  const { session } = setup();
  assert.equal(handleMessage(session, { type: 'explode' })[0].msg.type, 'error');
});

test('the fake engine trains through the runner and its frames carry the views', async () => {
  const vi = await createFakeVilab();
  const session = createSession(vi);
  handleMessage(session, { type: 'open', lab: 'localization', config: { steps: 400 } });
  handleMessage(session, { type: 'play' });
  let last = null;
  for (let i = 0; i < 1000 && session.playing; i++) last = tick(session).at(-1) ?? last;
  assert.equal(last.msg.reason, 'done');
  const frame = handleMessage(session, { type: 'step', n: 1 })[0].msg;
  assert.equal(frame.metrics.step, 400);
  assert.ok(frame.views.density instanceof Float32Array);
});

const loaderUrl = new URL('../load_vilab.mjs', import.meta.url);
const moduleBuilt = fs.existsSync(new URL('../../../build/wasm/vilab.mjs', import.meta.url));
test(
  'the real module trains localization through the runner',
  { skip: !(moduleBuilt && fs.existsSync(loaderUrl)) && 'module not built' },
  async () => {
    const { loadVilab } = await import(loaderUrl);
    const vi = await loadVilab();
    const session = createSession(vi);
    const { labs, catalog } = describeAll(vi);
    assert.ok(labs.includes('localization'));
    assert.ok('seed' in catalog.localization.defaults);
    const opened = handleMessage(session, { type: 'open', lab: 'localization', config: {} });
    assert.equal(opened[0].msg.type, 'opened');
    handleMessage(session, { type: 'play' });
    let steps = 0;
    for (let i = 0; i < 20; i++) steps += runChunk(session, 10).steps;
    assert.ok(steps > 0);
    const frame = handleMessage(session, { type: 'pause' })[1].msg;
    assert.equal(frame.metrics.step, steps);
    for (const key of [
      'sensors',
      'target',
      'readings',
      'mean',
      'samples',
      'density',
      'historyElbo',
    ]) {
      assert.ok(frame.views[key] instanceof Float32Array, key);
    }
    const bad = handleMessage(session, { type: 'configure', config: { lr: -1 } });
    assert.equal(bad[0].msg.type, 'error');
    assert.match(bad[0].msg.message, /lr/);
    session.lab.delete();
  },
);

test('a speed limit paces steps at about `speed` per second and asks the worker to sleep', () => {
  const { session, clock } = setup({ msPerStep: 0.001 });
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'settings', speed: 600 });
  handleMessage(session, { type: 'play' });
  const start = clock.now;
  let ticks = 0;
  while (clock.now - start < 2000) {
    tick(session);
    ticks += 1;
    clock.now += Math.max(session.nextTickMs, 1); // the worker's sleep between ticks
  }
  const steps = session.lab.stepCount;
  // 2 s at 600 steps/s = 1 200 steps, plus the initial allowance of one frame (10 steps).
  assert.ok(steps >= 1180 && steps <= 1230, `steps ${steps}`);
  assert.ok(ticks < 250, `ticks ${ticks}: the worker should sleep, not spin`);
});

test('while paused, frames keep coming as long as the views say they are refining', () => {
  const { session, clock } = setup();
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  // A lab whose views need three more calls to finish (a Monte Carlo map refined per call).
  let calls = 0;
  session.lab.views = () => ({ passesDone: ++calls, refining: calls < 4 });
  handleMessage(session, { type: 'step', n: 1 });
  assert.equal(session.refining, true);
  let frames = 0;
  for (let i = 0; i < 10; i++) {
    const replies = tick(session);
    frames += replies.length;
    assert.ok(replies.every((r) => r.msg.type === 'frame' && r.msg.playing === false));
    clock.now += session.nextTickMs;
  }
  assert.equal(frames, 3, 'frames until the views were complete, then none');
  assert.equal(calls, 4);
  assert.equal(session.refining, false);
  assert.equal(session.lab.stepCount, 1, 'refinement never steps the lab');
});

// Plays for 10 s of fake time at `speed` with frames that take 40 ms to build (a lab with big
// Monte Carlo maps); returns the frames sent and the share of the time they took.
function playCostlyFrames(speed) {
  const { session, clock } = setup({ msPerStep: 0.01, total: 1e9 });
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'settings', speed });
  const views = session.lab.views;
  session.lab.views = () => {
    clock.now += 40;
    return views();
  };
  handleMessage(session, { type: 'play' });
  let frames = 0;
  const start = clock.now;
  while (clock.now - start < 10000 && session.playing) {
    frames += tick(session).filter((r) => r.msg.type === 'frame').length;
    clock.now += session.nextTickMs;
  }
  assert.ok(session.msPerFrame > 35 && session.msPerFrame < 45);
  return { frames, framing: (frames * 40) / (clock.now - start) };
}

test('costly frames are spaced out so that training keeps most of the time', () => {
  // At a chosen speed, frames take at most about a quarter of the time.
  const chosen = playCostlyFrames(1e9);
  assert.ok(chosen.framing <= 0.27, `frames take ${(100 * chosen.framing).toFixed(0)} %`);
  assert.ok(chosen.frames >= 50, `still ${chosen.frames} frames in 10 s`);
  // "As fast as possible": about a tenth, and still a couple of frames a second.
  const fast = playCostlyFrames(Infinity);
  assert.ok(fast.framing <= 0.11, `frames take ${(100 * fast.framing).toFixed(0)} %`);
  assert.ok(fast.frames >= 20, `still ${fast.frames} frames in 10 s`);
});

test('transferables reach into per-method objects, each buffer once', () => {
  const shared = new Float32Array(4);
  const views = {
    a: shared,
    b: shared,
    vi: { mean: new Float32Array(2), std: new Float64Array(2), label: 'x' },
    list: [1, 2],
  };
  const list = transferables(views);
  assert.equal(list.length, 3);
  assert.ok(list.includes(views.vi.mean.buffer) && list.includes(views.vi.std.buffer));
});

test('engine calls that may be long are announced before they run, short ones are not', () => {
  const clock = { now: 0 };
  const vi = timedVi(clock, { msPerStep: 400 });
  const notices = [];
  const order = [];
  const session = createSession(
    vi,
    () => clock.now,
    (msg) => {
      notices.push(msg);
      order.push(`busy ${msg.call}`);
    },
  );
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  // Building (cost unknown for a new config) and the first frame (cost unknown) are announced.
  assert.deepEqual(
    notices.map((n) => [n.type, n.call, n.expectedMs]),
    [
      ['busy', 'build toy', null],
      ['busy', 'frame', null],
    ],
  );
  notices.length = 0;
  // The first step's cost is unknown; after it, a step is known to take 400 ms: still announced.
  handleMessage(session, { type: 'step', n: 1 });
  handleMessage(session, { type: 'step', n: 1 });
  assert.deepEqual(
    notices.filter((n) => n.call.startsWith('step')).map((n) => n.expectedMs),
    [null, 400],
  );
  // Frames are now known to be cheap (the fake's views cost nothing): not announced.
  assert.equal(notices.filter((n) => n.call === 'frame').length, 0);
  // The notice goes out before the call: the lab's step runs after it.
  const lab = session.lab;
  const step = lab.step;
  lab.step = (n) => {
    order.push('step');
    return step(n);
  };
  handleMessage(session, { type: 'step', n: 2 });
  assert.deepEqual(order.slice(-2), ['busy step 2', 'step']);
});

test('cheap steps during play are not announced', () => {
  const clock = { now: 0 };
  const vi = timedVi(clock, { msPerStep: 0.01 });
  const notices = [];
  const session = createSession(
    vi,
    () => clock.now,
    (msg) => notices.push(msg),
  );
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'play' });
  notices.length = 0;
  for (let i = 0; i < 50; i++) tick(session);
  // Only the first step call of the config (cost still unknown) is announced.
  assert.deepEqual(
    notices.map((n) => n.call),
    ['step 1'],
  );
});

test('steer changes the running lab in place: same lab, same step, config merged', async () => {
  const vi = await createFakeVilab();
  const session = createSession(vi, () => 0);
  handleMessage(session, { type: 'open', lab: 'localization', config: {} });
  const lab = session.lab;
  handleMessage(session, { type: 'step', n: 7 });
  const replies = handleMessage(session, { type: 'steer', changes: { lr: 0.001 } });
  assert.deepEqual(
    replies.map((r) => r.msg.type),
    ['steered', 'frame'],
  );
  assert.equal(replies[0].msg.step, 7);
  assert.deepEqual(replies[0].msg.changes, { lr: 0.001 });
  assert.equal(replies[0].msg.config.lr, 0.001);
  assert.equal(replies[1].msg.metrics.step, 7);
  assert.equal(session.lab, lab, 'the same lab');
  assert.equal(lab.deleted, undefined);
  const bad = handleMessage(session, { type: 'steer', changes: { hidden: 3 } });
  assert.equal(bad[0].msg.type, 'error');
  assert.equal(bad[0].msg.during, 'steer');
  assert.match(bad[0].msg.message, /'hidden' = 3 needs a new run/);
  assert.equal(session.config.hidden, 50, 'nothing of a refused change is kept');
});

test('raising the budget of a finished run continues it', async () => {
  const vi = await createFakeVilab();
  const session = createSession(vi, () => 0);
  handleMessage(session, { type: 'open', lab: 'localization', config: { steps: 5 } });
  handleMessage(session, { type: 'step', n: 10 });
  assert.equal(session.lab.metrics().done, true);
  const replies = handleMessage(session, { type: 'steer', changes: { steps: 8 } });
  assert.deepEqual(
    replies.map((r) => r.msg.type),
    ['steered', 'frame', 'status'],
  );
  assert.equal(replies[2].msg.playing, true);
  assert.equal(session.lab.metrics().step, 5);
});
