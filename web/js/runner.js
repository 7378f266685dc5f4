// The training worker's logic as plain functions over a session object, so it
// can be tested in Node without a Worker. The worker file only wires messages
// to handleMessage() and schedules tick() while the session is playing.
//
// While the engine runs, the worker cannot post anything: before a call that may be long (its
// cost unknown, or expected above declareAboveMs) it posts `busy` through session.notify, so that
// the page can tell a busy worker from a dead one (client.js).
import { toWorker, fromWorker } from './protocol.js';

export const chunkBudgetMs = 12; // keeps each burst short enough that pause/step answer at once
const maxStepsPerCall = 5000; // caps one lab.step() call when steps are very cheap
const maxPassesPerCall = 1000; // caps one lab.refine() call likewise
const rateWindowMs = 500; // steps/s is measured over windows of this length
// Building a frame (views + metrics) costs from about a millisecond to tens of milliseconds
// depending on the lab; frames are spaced so that they take at most this share of the time:
// a quarter at a chosen speed, a tenth "As fast as possible", where the answer comes first
// (the plots still move several times a second: moons' 23 ms frames come 4 times a second).
const maxFrameShare = 0.25;
const fastFrameShare = 0.1;
export const declareAboveMs = 250; // engine calls expected to take longer are announced

export function createSession(vi, clock = () => performance.now(), notify = () => {}) {
  return {
    vi,
    clock,
    notify,
    lab: null,
    name: null,
    config: null,
    playing: false,
    refining: false,
    maxFps: 30,
    lastFrameAt: -Infinity,
    msPerFrame: 0,
    speed: Infinity,
    allowance: 0,
    lastTickAt: 0,
    nextTickMs: 0,
    msPerStep: 0,
    msPerPass: 0,
    frameMeasured: false,
    stepsPerSec: 0,
    rateStart: 0,
    rateSteps: 0,
  };
}

/**
 * Runs one engine call, announcing it first (a `busy` message naming the call and the expected
 * milliseconds, NaN when unknown) unless it is known to be short.
 */
export function engineCall(session, call, expectedMs, fn) {
  if (!(expectedMs <= declareAboveMs))
    session.notify({
      type: fromWorker.busy,
      call,
      lab: session.name,
      expectedMs: Number.isFinite(expectedMs) ? expectedMs : null,
    });
  return fn();
}

// The measured cost of a step, or NaN (unknown) before the first one for this config.
const known = (ms) => (ms > 0 ? ms : NaN);

/** Every registered lab with its info, defaults and schema, for the page's first paint. */
export function describeAll(vi) {
  const labs = Array.from(vi.labs());
  const catalog = {};
  for (const name of labs) {
    catalog[name] = { info: vi.info(name), defaults: vi.defaults(name), schema: vi.schema(name) };
  }
  return { labs, catalog };
}

/** Replaces the session's lab; on a config error the previous lab is kept and the Error thrown. */
export function openLab(session, name, config) {
  const merged = { ...session.vi.defaults(name), ...config };
  // Always announced: a build's cost depends on the config, which has just changed.
  const lab = engineCall(session, `build ${name}`, NaN, () => new session.vi.Lab(name, merged));
  if (session.lab) session.lab.delete();
  Object.assign(session, {
    lab,
    name,
    config: merged,
    msPerStep: 0,
    msPerPass: 0,
    msPerFrame: 0,
    frameMeasured: false,
  });
  resetRate(session);
  return { lab: name, config: merged };
}

function resetRate(session) {
  session.rateStart = session.clock();
  session.rateSteps = 0;
}

function countSteps(session, steps) {
  session.rateSteps += steps;
  const elapsed = session.clock() - session.rateStart;
  if (elapsed >= rateWindowMs) {
    session.stepsPerSec = (session.rateSteps * 1000) / elapsed;
    resetRate(session);
  }
}

function stopReason(metrics) {
  if (metrics.diverged) return 'diverged';
  return 'done';
}

// A running average of the cost of one unit of work (a step, a Monte Carlo pass).
const averaged = (previous, ms, units) => {
  const measured = Math.max(ms, 1e-3) / units;
  return previous > 0 ? 0.7 * previous + 0.3 * measured : measured;
};

function recordStepCost(session, ms, steps) {
  if (steps > 0) session.msPerStep = averaged(session.msPerStep, ms, steps);
}

/**
 * Steps the lab for about budgetMs (and at most maxSteps), in calls sized from the measured
 * cost of a step. Returns {steps, stopped} where stopped is null, 'done' or 'diverged'.
 */
export function runChunk(session, budgetMs = chunkBudgetMs, maxSteps = Infinity) {
  const { clock, lab } = session;
  const start = clock();
  let steps = 0;
  for (;;) {
    const remaining = budgetMs - (clock() - start);
    if (remaining <= 0 || steps >= maxSteps) break;
    const fit = session.msPerStep > 0 ? Math.floor(remaining / session.msPerStep) : 1;
    const n = Math.max(1, Math.min(maxStepsPerCall, fit, maxSteps - steps));
    const t0 = clock();
    const done = engineCall(session, `step ${n}`, n * known(session.msPerStep), () => lab.step(n));
    const dt = clock() - t0;
    steps += done;
    recordStepCost(session, dt, done);
    if (done < n) return { steps, stopped: stopReason(lab.metrics()) };
  }
  return { steps, stopped: null };
}

/**
 * Refines the lab's Monte Carlo maps back to back for about budgetMs (lab.refine(n), in calls
 * sized from the measured cost of a pass), building no views. Returns whether maps still refine.
 */
export function refineChunk(session, budgetMs = chunkBudgetMs) {
  const { clock, lab } = session;
  const start = clock();
  for (;;) {
    const remaining = budgetMs - (clock() - start);
    if (remaining <= 0) return true;
    const fit = session.msPerPass > 0 ? Math.floor(remaining / session.msPerPass) : 1;
    const n = Math.max(1, Math.min(maxPassesPerCall, fit));
    const t0 = clock();
    const more = engineCall(session, `refine ${n}`, n * known(session.msPerPass), () =>
      lab.refine(n),
    );
    session.msPerPass = averaged(session.msPerPass, clock() - t0, n);
    if (!more) return false;
  }
}

/**
 * The typed arrays' buffers, also inside nested per-method objects, so postMessage can
 * move them instead of copying (each buffer once: listing one twice is an error).
 */
export function transferables(views, list = new Set()) {
  for (const value of Object.values(views)) {
    if (ArrayBuffer.isView(value)) list.add(value.buffer);
    else if (value && typeof value === 'object' && !Array.isArray(value))
      transferables(value, list);
  }
  return [...list];
}

/** Milliseconds between frames while playing: 1/maxFps, longer when frames are costly. */
export function frameInterval(session) {
  const share = Number.isFinite(session.speed) ? maxFrameShare : fastFrameShare;
  return Math.max(1000 / session.maxFps, session.msPerFrame / share);
}

export function frameMessage(session) {
  const start = session.clock();
  const { views, metrics } = engineCall(
    session,
    'frame',
    session.frameMeasured ? session.msPerFrame : NaN,
    () => ({
      views: session.lab.views(),
      metrics: session.lab.metrics(),
    }),
  );
  session.lastFrameAt = session.clock();
  const cost = session.lastFrameAt - start;
  session.msPerFrame = session.msPerFrame > 0 ? 0.7 * session.msPerFrame + 0.3 * cost : cost;
  session.frameMeasured = true;
  // A lab that refines its views a chunk per call (Monte Carlo maps) says so; the worker then
  // keeps sending frames while paused until the views are complete.
  session.refining = views.refining === true;
  return {
    msg: {
      type: fromWorker.frame,
      metrics,
      views,
      playing: session.playing,
      stepsPerSec: session.playing ? session.stepsPerSec : 0,
      // The engine's WebAssembly memory (it only grows): lets a long-running page be checked for leaks.
      engineBytes: session.vi?.HEAP8?.length ?? 0,
      // Matrix-product operations of the run so far (lab.flops()): the benchmark's throughput.
      flops: session.lab.flops?.() ?? 0,
    },
    transfer: transferables(views),
  };
}

function status(session, reason) {
  return { msg: { type: fromWorker.status, playing: session.playing, reason } };
}

function errorMessage(error, during) {
  return {
    msg: { type: fromWorker.error, message: String(error?.message ?? error), during, fatal: false },
  };
}

// With a speed limit, steps are paid from an allowance that grows at `speed` per second;
// the worker sleeps until about one display frame's worth (1/60 s) has accumulated.
function allowanceTarget(session) {
  return Math.max(1, session.speed / 60);
}

function startPlay(session) {
  session.playing = true;
  session.lastTickAt = session.clock();
  session.allowance = allowanceTarget(session);
  session.nextTickMs = 0;
  resetRate(session);
}

// Frames can only leave between chunks; sending one when it is due within half a chunk
// keeps the rate near maxFps instead of rounding every interval up to a whole chunk.
function frameDue(session) {
  return session.clock() - session.lastFrameAt >= frameInterval(session) - chunkBudgetMs / 2;
}

/**
 * While paused with maps still refining: a chunk of refinement back to back with the last one,
 * then a frame if one is due or the maps are complete. A lab without refine() refines a chunk
 * per views() call: then a frame every 1/maxFps.
 */
function refineTick(session) {
  if (typeof session.lab.refine !== 'function') {
    session.nextTickMs = 1000 / session.maxFps;
    return [frameMessage(session)];
  }
  session.nextTickMs = 0;
  const more = refineChunk(session);
  return !more || frameDue(session) ? [frameMessage(session)] : [];
}

/**
 * One scheduled slice of play: a chunk of steps, then a frame if one is due; while paused, a
 * chunk of map refinement as long as the last views were still refining (refineTick). Sets
 * session.nextTickMs, the delay the worker should wait before the next tick.
 */
export function tick(session) {
  if (!session.lab) return [];
  if (!session.playing) return session.refining ? refineTick(session) : [];
  const now = session.clock();
  let maxSteps = Infinity;
  if (Number.isFinite(session.speed)) {
    const target = allowanceTarget(session);
    session.allowance = Math.min(
      session.allowance + (session.speed * (now - session.lastTickAt)) / 1000,
      2 * target,
    );
    maxSteps = Math.floor(session.allowance);
  }
  session.lastTickAt = now;
  const { steps, stopped } =
    maxSteps > 0 ? runChunk(session, chunkBudgetMs, maxSteps) : { steps: 0, stopped: null };
  if (Number.isFinite(session.speed)) {
    session.allowance -= steps;
    const missing = allowanceTarget(session) - session.allowance;
    session.nextTickMs = missing > 0 ? (1000 * missing) / session.speed : 0;
  }
  countSteps(session, steps);
  if (stopped) {
    session.playing = false;
    return [frameMessage(session), status(session, stopped)];
  }
  return frameDue(session) ? [frameMessage(session)] : [];
}

function reopen(session, name, config, during) {
  try {
    const opened = openLab(session, name, config);
    return [{ msg: { type: fromWorker.opened, during, ...opened } }, frameMessage(session)];
  } catch (error) {
    return [errorMessage(error, during)];
  }
}

/**
 * View and live changes on the running lab (lab.configure): the run, its step and its optimizer
 * state are kept. A finished run whose budget was raised continues playing. On an error (a
 * restart field, a bad value) nothing changes and the error names the field.
 */
function steer(session, changes) {
  if (!session.lab) return [];
  try {
    const wasDone = session.lab.metrics().done;
    const step = engineCall(session, 'configure', NaN, () => session.lab.configure(changes));
    session.config = { ...session.config, ...changes };
    session.msPerPass = 0; // a pass's cost depends on the grid
    const replies = [
      { msg: { type: fromWorker.steered, step, changes, config: session.config } },
      frameMessage(session),
    ];
    if (wasDone && !session.lab.metrics().done && !session.playing) {
      startPlay(session);
      replies.push(status(session, 'play'));
    }
    return replies;
  } catch (error) {
    return [errorMessage(error, 'steer')];
  }
}

/** Handles one page -> worker message (other than init) and returns the replies to post. */
export function handleMessage(session, message) {
  switch (message.type) {
    case toWorker.open:
      session.playing = false;
      return reopen(session, message.lab, message.config, 'open');
    case toWorker.configure:
      return reopen(session, session.name, message.config, 'configure');
    case toWorker.reset:
      return reopen(session, session.name, session.config, 'reset');
    case toWorker.steer:
      return steer(session, message.changes);
    case toWorker.play: {
      if (!session.lab) return [];
      const metrics = session.lab.metrics();
      if (metrics.done || metrics.diverged) return [status(session, stopReason(metrics))];
      startPlay(session);
      return [status(session, 'play')];
    }
    case toWorker.pause:
      session.playing = false;
      return session.lab ? [status(session, 'pause'), frameMessage(session)] : [];
    case toWorker.step: {
      if (!session.lab) return [];
      const n = Math.max(1, Math.floor(message.n ?? 1));
      const start = session.clock();
      const done = engineCall(session, `step ${n}`, n * known(session.msPerStep), () =>
        session.lab.step(n),
      );
      recordStepCost(session, session.clock() - start, done);
      const replies = [frameMessage(session)];
      if (done < n) replies.push(status(session, stopReason(session.lab.metrics())));
      return replies;
    }
    case toWorker.settings:
      if (Number.isFinite(message.maxFps) && message.maxFps > 0) session.maxFps = message.maxFps;
      if (message.speed === Infinity || (Number.isFinite(message.speed) && message.speed > 0)) {
        session.speed = message.speed;
        if (session.playing) startPlay(session);
      }
      return [];
    default:
      return [errorMessage(new Error(`unknown message type "${message.type}"`), 'message')];
  }
}
