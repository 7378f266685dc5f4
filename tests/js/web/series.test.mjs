// Bounded page-side histories, and a ten-minute run of the runner and the page's frame
// handling on a fake clock: nothing the page or the worker keeps may grow with time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSeries, createMetricTrace } from '../../../web/js/series.js';
import { createSession, handleMessage, tick } from '../../../web/js/runner.js';
import { createPace, recordCost, targetFps } from '../../../web/js/pacing.js';

test('a series stays within its capacity and spans the whole run evenly', () => {
  const series = createSeries(100);
  for (let i = 0; i <= 100000; i++) {
    series.add(i, -i);
    assert.ok(series.length <= 100);
  }
  const { x, y } = series.arrays();
  assert.equal(x[0], 0);
  assert.equal(x.at(-1), 100000, 'the latest point is always there');
  assert.equal(y.at(-1), -100000);
  assert.ok(series.length > 50, 'compaction halves, never empties');
  const gaps = new Set();
  for (let i = 1; i < x.length - 1; i++) gaps.add(x[i] - x[i - 1]);
  assert.equal(gaps.size, 1, 'evenly spaced');
  assert.equal([...gaps][0], series.stride);
});

test('a metric trace picks the loss (or −ELBO) and starts again after a reset', () => {
  const trace = createMetricTrace(50);
  assert.equal(trace.curve(), null);
  for (let step = 0; step <= 500; step += 5)
    trace.add({ metrics: { step, elbo: -100 / (step + 1), done: false } });
  const curve = trace.curve();
  assert.equal(curve.series[0].label, '−elbo');
  assert.ok(curve.series[0].y.every((v) => v > 0));
  assert.ok(trace.length <= 50);
  trace.add({ metrics: { step: 500, elbo: -1 } });
  assert.equal(trace.curve().x.at(-1), 500, 'a repeated step is not added twice');
  trace.add({ metrics: { step: 0, loss: 3 } });
  assert.equal(trace.length, 1, 'an earlier step means a new run');
  assert.equal(trace.curve().series[0].label, 'loss');
  trace.add({ metrics: { step: 1, nested: { loss: 1 } } });
  assert.equal(trace.length, 1, 'no scalar loss: nothing to add');
});

// A lab whose steps cost `msPerStep` on the fake clock and whose views (like the engine's)
// carry a history of at most ~1000 points, its stride doubling; building a frame costs 2 ms.
function fakeVi(clock, { msPerStep = 0.05, frameMs = 2 } = {}) {
  const lab = {
    stepCount: 0,
    history: createSeries(1000),
    step(n) {
      for (let i = 0; i < n; i++) {
        lab.stepCount += 1;
        lab.history.add(lab.stepCount, 1 / lab.stepCount);
      }
      clock.now += n * msPerStep;
      return n;
    },
    metrics: () => ({
      step: lab.stepCount,
      loss: 1 / (lab.stepCount + 1),
      done: false,
      diverged: false,
    }),
    views() {
      clock.now += frameMs;
      const { x, y } = lab.history.arrays();
      return {
        historyStep: Float32Array.from(x),
        historyLoss: Float32Array.from(y),
        grid: new Float32Array(4096),
      };
    },
    delete() {},
  };
  return {
    lab,
    labs: () => ['toy'],
    info: () => ({}),
    defaults: () => ({ steps: 1e9 }),
    schema: () => ({}),
    Lab: class {
      constructor() {
        return lab;
      }
    },
  };
}

test('ten minutes of training at full speed: every history stays bounded', () => {
  const clock = { now: 0 };
  const vi = fakeVi(clock);
  const session = createSession(vi, () => clock.now);
  handleMessage(session, { type: 'open', lab: 'toy', config: {} });
  handleMessage(session, { type: 'settings', maxFps: 30, speed: Infinity });
  handleMessage(session, { type: 'play' });
  const sessionKeys = Object.keys(session).sort();

  // The page's side, as main.js and numbers.js keep it: the latest frame only, a trace of the
  // loss for labs without history views, and the frame pacing.
  const page = {
    frame: null,
    trace: createMetricTrace(),
    pace: createPace(),
    frames: 0,
    maxTrace: 0,
    maxHistory: 0,
  };
  const tenMinutes = 10 * 60 * 1000;
  while (clock.now < tenMinutes) {
    for (const { msg } of tick(session)) {
      if (msg.type !== 'frame') continue;
      page.frame = msg;
      page.frames += 1;
      page.trace.add(msg);
      page.maxTrace = Math.max(page.maxTrace, page.trace.length);
      page.maxHistory = Math.max(page.maxHistory, msg.views.historyStep.length);
      // Drawing costs 40 ms here: the page asks for fewer frames.
      if (recordCost(page.pace, 40))
        handleMessage(session, { type: 'settings', maxFps: targetFps(page.pace, {}) });
    }
    clock.now += 0.05; // the worker's hop between ticks
  }
  const steps = vi.lab.stepCount;
  assert.ok(steps > 5e6, `steps ${steps}`);
  assert.ok(
    page.frames > 3000 && page.frames < 6500,
    `frames ${page.frames} (10 a second once paced)`,
  );
  assert.ok(page.maxHistory <= 1001, `engine history ${page.maxHistory}`);
  assert.ok(page.maxTrace <= 1000, `page trace ${page.maxTrace}`);
  const curve = page.trace.curve();
  assert.ok(
    curve.x[0] < 1000 && curve.x.at(-1) === page.frame.metrics.step,
    'the trace spans the whole run',
  );
  assert.deepEqual(
    Object.keys(session).sort(),
    sessionKeys,
    'the worker session keeps no extra state',
  );
  assert.ok(JSON.stringify({ ...session, vi: null, lab: null, clock: null }).length < 1000);
  assert.equal(session.maxFps, 10);
  assert.ok(session.stepsPerSec > 10000, `rate ${session.stepsPerSec}`);
});
