// Parallel workers give the page the frames one worker gives, bit for bit: each lab that trains
// several methods is run by the worker's own logic (runner.js, no Worker) once in one session
// and once split over sessions as the parallel client splits it (web/js/frame_merge.js), and the
// merged frames' metrics and views must equal the single session's at every step compared, at
// done, after a finished method's budget is raised (the page's Continue), and while paused
// until moons' maps are refined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { createSession, handleMessage } from '../../web/js/runner.js';
import {
  groupMethods,
  mergeConfigs,
  mergeFrames,
  parallelMethods,
  workerChanges,
  workerConfig,
} from '../../web/js/frame_merge.js';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// Short runs: budgets that end at different steps, so done and finished methods are compared.
const runs = {
  regression: {
    config: { 'mle.steps': 45, 'vi.steps': 12, 'bnn.steps': 30, gridPoints: 41, scatterPoints: 50 },
    more: { 'vi.steps': 20 },
  },
  logistic: { config: { 'map.steps': 20, 'vi.steps': 40 }, more: { 'map.steps': 30 } },
  moons: { config: { 'bnn.steps': 40, 'dropout.steps': 25 }, more: { 'dropout.steps': 35 } },
};
const stride = 7; // steps between comparisons

/** Float32Arrays as plain arrays, so deepEqual compares every element (NaN equal to NaN). */
function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const clock = () => 0;
const frameOf = (replies) => replies.map((r) => r.msg).find((m) => m.type === 'frame');
const send = (session, message) => handleMessage(session, message).map((r) => r.msg);

function compare(label, single, parts, split) {
  const merged = mergeFrames(parts, split);
  assert.deepEqual(plain(merged.metrics), plain(single.metrics), `${label}: metrics`);
  assert.deepEqual(plain(merged.views), plain(single.views), `${label}: views`);
  assert.equal(merged.flops, single.flops, `${label}: flops`);
}

test('the labs that train several methods declare them, with keys their frames have', () => {
  const declared = vi.labs().filter((name) => parallelMethods(vi.info(name)).length > 0);
  // The labs the benchmark times per method ("lab/method") are those that train several.
  const several = new Set(
    vi
      .benchRuns()
      .filter((run) => run.label.includes('/'))
      .map((run) => run.lab),
  );
  assert.deepEqual(declared.sort(), [...several].sort());
  assert.deepEqual(declared.sort(), Object.keys(runs).sort());
  for (const name of declared) {
    const lab = new vi.Lab(name, {});
    const [metrics, views, schema] = [lab.metrics(), lab.views(), vi.schema(name)];
    lab.delete();
    for (const method of parallelMethods(vi.info(name))) {
      assert.ok(`${method.name}.steps` in schema, `${name}: ${method.name}.steps is a field`);
      assert.ok(method.stepMs > 0, `${name}/${method.name}: stepMs`);
      for (const key of method.keys)
        assert.ok(key in metrics && key in views, `${name}/${method.name}: ${key}`);
    }
  }
});

for (const [name, { config, more }] of Object.entries(runs)) {
  const info = vi.info(name);
  const methods = parallelMethods(info);
  const anyKeys = info.parallel.anyKeys;
  const full = { ...vi.defaults(name), ...config };
  // Two workers (grouped by work) and one worker per method.
  for (const workers of new Set([2, methods.length])) {
    const groups = groupMethods(methods, full, workers, { minMs: 0 });
    test(`${name} split as ${JSON.stringify(groups)} gives one worker's frames, bit for bit`, () => {
      const single = createSession(vi, clock);
      const parts = groups.map(() => createSession(vi, clock));
      const split = { groups, methods, anyKeys };
      try {
        const opened = send(single, { type: 'open', lab: name, config: full });
        const partOpened = parts.map((s, w) =>
          send(s, { type: 'open', lab: name, config: workerConfig(full, groups[w], methods) }),
        );
        assert.deepEqual(
          mergeConfigs(
            partOpened.map((replies) => replies[0].config),
            groups,
          ),
          opened[0].config,
        );
        const step = () => {
          const one = frameOf(handleMessage(single, { type: 'step', n: stride }));
          const each = parts.map((s) => frameOf(handleMessage(s, { type: 'step', n: stride })));
          return [one, each];
        };
        let compared = 0;
        for (;;) {
          const [one, each] = step();
          compare(`${name} at step ${one.metrics.step}`, one, each, split);
          compared += 1;
          if (one.metrics.done) break;
        }
        assert.ok(compared >= 3, `${name}: compared ${compared} times`);
        // Continue: a raised budget reaches only the worker that owns it.
        const steered = send(single, { type: 'steer', changes: more });
        assert.equal(steered[0].type, 'steered');
        parts.forEach((s, w) => {
          const reply = send(s, {
            type: 'steer',
            changes: workerChanges(more, groups[w], methods),
          });
          assert.equal(reply[0].type, 'steered');
        });
        for (let i = 0; i < 3; i += 1) {
          const [one, each] = step();
          compare(`${name} continued, step ${one.metrics.step}`, one, each, split);
        }
        // Paused: frames while the maps refine (moons), until the picture is final.
        for (let i = 0; i < 1000; i += 1) {
          const one = frameOf(handleMessage(single, { type: 'pause' }));
          const each = parts.map((s) => frameOf(handleMessage(s, { type: 'pause' })));
          compare(`${name} paused, frame ${i}`, one, each, split);
          if (one.views.refining !== true) break;
        }
      } finally {
        for (const s of [single, ...parts]) s.lab?.delete();
      }
    });
  }
}
