// The page's side of the training worker: starts it, forwards messages, and replaces it
// when it dies, at most a few times in a row. A worker dies visibly (an uncaught error, or a
// fatal error it reports) or silently (it stops answering: a hang, or a close without an
// error event); a watchdog catches the silent kind while the page is waiting on the worker.
// A worker that is merely busy says so first: before an engine call that may be long it posts
// `busy` (runner.js), and is then given busyBoundMs(expected) to answer instead of stallMs.
import { toWorker, fromWorker } from './protocol.js';

const restartLimit = 3; // crashes in a row (with no lab opened in between) before giving up
export const stallMs = 20000; // silence while training or awaiting an answer that means a dead worker
// A browser test shortens that silence with window.__vilabStallMs (ms) instead of waiting 20 s.
const pageStallMs = () =>
  Number.isFinite(globalThis.__vilabStallMs) ? globalThis.__vilabStallMs : stallMs;
export const busyMinMs = 120000; // the least time an announced engine call is given

/** How long an announced call may run before the worker counts as hung: generous, scaled. */
export function busyBoundMs(expectedMs) {
  return Math.max(busyMinMs, 20 * (Number.isFinite(expectedMs) ? expectedMs : 0));
}

// Messages that the worker always answers (settings has no answer; init is not watched,
// since a slow network may legitimately take long to deliver the engine).
const requests = new Set([
  toWorker.open,
  toWorker.configure,
  toWorker.steer,
  toWorker.reset,
  toWorker.play,
  toWorker.pause,
  toWorker.step,
]);

function moduleWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/**
 * onMessage(msg) receives every non-fatal worker message; onCrash(reason, willRestart, details)
 * is called when the worker dies, details = {hung, call, during}: hung when an announced call
 * ran past its bound, call the engine call it was in (or null), during the last request type. After a restart the worker answers `ready` again; until then
 * (and from the start until the first `ready`) messages to it are dropped and `ready` is false.
 * createWorker, clock, timers and watchdogMs are there for tests.
 */
export function createEngineClient({
  onMessage,
  onCrash,
  createWorker = moduleWorker,
  clock = () => performance.now(),
  timers = globalThis,
  watchdogMs = pageStallMs(),
}) {
  const state = {
    worker: null,
    ready: false,
    crashes: 0,
    playing: false,
    waiting: false,
    busy: null, // {call, since, boundMs} from the worker's last `busy` until its next message
    during: null, // the last request sent
    since: 0,
    lastCheck: 0,
    timer: null,
    disposed: false,
  };

  function heard(data) {
    state.since = clock();
    if (data.type === fromWorker.busy) {
      const boundMs = busyBoundMs(data.expectedMs);
      state.busy = { call: String(data.call), since: state.since, boundMs };
      return;
    }
    state.busy = null;
    state.waiting = false;
    if (data.type === fromWorker.ready) state.ready = true;
    // A lab opened: the engine works with its config, so a later crash starts a new count.
    if (data.type === fromWorker.opened) state.crashes = 0;
    if (typeof data.playing === 'boolean') state.playing = data.playing;
  }

  function start() {
    const worker = createWorker();
    state.worker = worker;
    // Events from a worker that has already been replaced are ignored.
    worker.addEventListener('message', ({ data }) => {
      if (worker !== state.worker) return;
      if (data.type === fromWorker.error && data.fatal) return crash(data.message, {});
      heard(data);
      onMessage(data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      if (worker === state.worker) crash(event.message || 'the worker script failed', {});
    });
    worker.addEventListener('messageerror', () => {
      if (worker === state.worker) crash('a message from the worker could not be read', {});
    });
    worker.postMessage({ type: toWorker.init });
  }

  function crash(reason, { hung = false }) {
    state.worker?.terminate();
    const details = { hung, call: state.busy?.call ?? null, during: state.during };
    Object.assign(state, { worker: null, ready: false, playing: false, waiting: false });
    Object.assign(state, { busy: null, during: null });
    state.crashes += 1;
    const willRestart = state.crashes <= restartLimit && !state.disposed;
    onCrash(reason, willRestart, details);
    if (willRestart) start();
  }

  // Runs every quarter of the stall time. If this check itself came late, the page was
  // suspended or throttled (a background tab), and the silence says nothing about the worker.
  function watch() {
    const now = clock();
    const late = now - state.lastCheck > watchdogMs / 2;
    state.lastCheck = now;
    if (late) {
      state.since = now;
      if (state.busy) state.busy.since = now;
      return;
    }
    if (state.busy) {
      if (now - state.busy.since > state.busy.boundMs)
        crash(
          `still busy with "${state.busy.call}" after ${Math.round(state.busy.boundMs / 1000)} s`,
          { hung: true },
        );
      return;
    }
    if (!state.ready || !(state.playing || state.waiting)) return;
    if (now - state.since > watchdogMs)
      crash(`no answer for ${Math.round(watchdogMs / 1000)} s`, { hung: true });
  }

  function send(type, fields = {}) {
    if (!state.ready || !state.worker) return false;
    if (requests.has(type)) {
      state.during = type;
      if (!state.waiting) {
        state.waiting = true;
        state.since = clock();
      }
    }
    state.worker.postMessage({ type, ...fields });
    return true;
  }

  start();
  state.lastCheck = clock();
  state.timer = timers.setInterval(watch, watchdogMs / 4);
  return {
    send,
    open: (lab, config) => send(toWorker.open, { lab, config }),
    configure: (config) => send(toWorker.configure, { config }),
    steer: (changes) => send(toWorker.steer, { changes }),
    play: () => send(toWorker.play),
    pause: () => send(toWorker.pause),
    step: (n) => send(toWorker.step, { n }),
    reset: () => send(toWorker.reset),
    settings: (settings) => send(toWorker.settings, settings),
    /** True between the worker's `ready` and its death. */
    get ready() {
      return state.ready;
    },
    /** Stops the watchdog and the worker for good. */
    dispose() {
      state.disposed = true;
      timers.clearInterval(state.timer);
      state.worker?.terminate();
      Object.assign(state, { worker: null, ready: false });
    },
  };
}
