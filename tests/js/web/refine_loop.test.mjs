// The worker's refinement loop: while paused with Monte Carlo maps still refining, the runner
// refines back to back (lab.refine) and sends a frame only when one is due, on a manual clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, handleMessage, refineChunk, tick } from '../../../web/js/runner.js';

// A lab with a map refined by passes: each pass costs msPerPass, each views() msPerFrame and
// one chunk of viewChunk passes (as the engine's views() does); training is msPerStep a step.
function refiningVi(clock, { msPerPass = 0.5, msPerFrame = 20, viewChunk = 4, target = 500 } = {}) {
  const made = [];
  const lab = () => {
    const l = {
      passes: 0,
      target,
      stepCount: 0,
      total: 1000,
      refineCalls: [],
      addPasses(n) {
        const added = Math.max(0, Math.min(n, l.target - l.passes));
        l.passes += added;
        clock.now += added * msPerPass;
      },
      step(n) {
        const done = Math.min(n, l.total - l.stepCount);
        l.stepCount += done;
        l.passes = 0; // new weights: the map starts over
        clock.now += done * 0.01;
        return done;
      },
      refine(n) {
        l.refineCalls.push(n);
        l.addPasses(n);
        return l.passes < l.target;
      },
      metrics: () => ({
        step: l.stepCount,
        done: l.stepCount >= l.total,
        diverged: false,
        message: '',
      }),
      views() {
        l.addPasses(viewChunk);
        clock.now += msPerFrame;
        return {
          map: { passesDone: l.passes },
          passesTarget: l.target,
          refining: l.passes < l.target,
        };
      },
      delete() {},
    };
    return l;
  };
  return {
    made,
    labs: () => ['maps'],
    info: (name) => ({ name }),
    defaults: () => ({ seed: 1 }),
    schema: () => ({}),
    Lab: class {
      constructor() {
        const l = lab();
        made.push(l);
        return l;
      }
    },
  };
}

function setup(options) {
  const clock = { now: 0 };
  const session = createSession(refiningVi(clock, options), () => clock.now);
  handleMessage(session, { type: 'open', lab: 'maps', config: {} });
  return { clock, session };
}

// Ticks as the worker does (waiting nextTickMs between them) until `until` or maxTicks.
function run(session, clock, { maxTicks = 10000, until = () => false } = {}) {
  const frames = [];
  for (let i = 0; i < maxTicks && !until(); i++) {
    const replies = tick(session);
    frames.push(...replies.filter((r) => r.msg.type === 'frame').map((r) => r.msg));
    clock.now += session.nextTickMs;
  }
  return frames;
}

test('paused and refining, the maps are refined back to back until passesTarget', () => {
  const { session, clock } = setup();
  assert.equal(session.refining, true, 'the opening frame reports an unfinished map');
  const start = clock.now;
  const frames = run(session, clock, { until: () => !session.refining });
  const lab = session.lab;
  assert.equal(lab.passes, 500, 'stops exactly at the target');
  assert.equal(session.refining, false);
  assert.equal(frames.at(-1).views.map.passesDone, 500, 'the last frame shows the finished map');
  assert.equal(frames.at(-1).views.refining, false);
  // Refinement is not paced by frames: far fewer frames than chunks, no sleeping between ticks.
  assert.ok(lab.refineCalls.length > frames.length, `${lab.refineCalls.length} refine calls`);
  assert.ok(frames.length < 20, `${frames.length} frames`);
  // 500 passes at 0.5 ms plus the frames' cost; at one frame per 1/30 s it would take 4 s.
  const elapsed = clock.now - start;
  assert.ok(elapsed < 250 + 20 * frames.length + 50, `refined in ${elapsed} ms (clock)`);
  assert.equal(lab.stepCount, 0, 'refinement never steps the lab');
  assert.deepEqual(run(session, clock, { maxTicks: 5 }), [], 'nothing more once complete');
});

test('a refine call is sized to fit the chunk budget once a pass is measured', () => {
  const { session } = setup({ msPerPass: 0.5 });
  assert.equal(refineChunk(session, 12), true);
  const calls = session.lab.refineCalls;
  assert.equal(calls[0], 1, 'the first call, of unknown cost, refines one pass');
  assert.ok(
    calls.slice(1).every((n) => n <= 24),
    `calls ${calls} fit 12 ms at 0.5 ms a pass`,
  );
  assert.equal(session.lab.passes, 4 + calls.reduce((a, b) => a + b, 0));
});

test('while refining, a frame is sent when one is due and not before', () => {
  const { session, clock } = setup({ msPerPass: 0.5, msPerFrame: 2, target: 100000 });
  const frames = run(session, clock, { maxTicks: 300 });
  assert.ok(frames.every((f) => f.playing === false));
  // Ticks are ~12 ms of refining; cheap frames are due every 1/30 s, so every 2 to 3 ticks.
  assert.ok(frames.length >= 300 / 3 - 2 && frames.length <= 300 / 2 + 1, `${frames.length}`);
});

test('play during refinement trains, and the maps restart; pause resumes refining', () => {
  const { session, clock } = setup();
  run(session, clock, { maxTicks: 3 });
  assert.ok(session.lab.passes > 0);
  handleMessage(session, { type: 'play' });
  const calls = session.lab.refineCalls.length;
  tick(session);
  assert.ok(session.lab.stepCount > 0, 'playing steps the lab');
  assert.equal(session.lab.refineCalls.length, calls, 'and does not refine');
  const replies = handleMessage(session, { type: 'pause' });
  assert.equal(replies.at(-1).msg.type, 'frame');
  assert.equal(session.refining, true);
  run(session, clock, { until: () => !session.refining });
  assert.equal(session.lab.passes, 500);
});

test('training to the end hands over to refinement without waiting for a frame', () => {
  const { session, clock } = setup();
  handleMessage(session, { type: 'play' });
  const frames = run(session, clock, { until: () => !session.playing && !session.refining });
  assert.equal(session.lab.stepCount, 1000);
  assert.equal(session.lab.passes, 500);
  assert.equal(frames.at(-1).views.map.passesDone, 500);
});

test('a steer while refining (a higher target) keeps refining to the new target', () => {
  const { session, clock } = setup();
  run(session, clock, { until: () => !session.refining });
  session.lab.configure = () => {
    session.lab.target = 800;
    return 0;
  };
  handleMessage(session, { type: 'steer', changes: { passes: 800 } });
  assert.equal(session.refining, true);
  run(session, clock, { until: () => !session.refining });
  assert.equal(session.lab.passes, 800);
});
