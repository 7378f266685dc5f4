// The page's side of several training workers for a lab whose methods train apart: the same
// interface as client.js, one engine client per worker, each worker opening the lab with the
// other workers' methods' budgets at 0 (frame_merge.js). Requests go to every worker; their
// answers and frames come back merged into what one worker would have sent. A crash of any
// worker is the lab's crash: the others are paused and, once the dead one is back, the page
// opens the lab again in all of them.
import { createEngineClient } from './client.js';
import { fromWorker, toWorker } from './protocol.js';
import {
  groupMethods,
  mergeConfigs,
  mergeFrames,
  parallelMethods,
  workerChanges,
  workerConfig,
} from './frame_merge.js';

export const maxWorkers = 8;

/**
 * Workers for the page: the `workers` URL parameter (an integer from 1 to maxWorkers) or else
 * the machine's cores, at most maxWorkers. Returns {count, forced, warning}: forced when the URL
 * named the count (then even a short run is split), warning names a bad value.
 */
export function workerCount(param, cores) {
  const fallback = Math.max(1, Math.min(maxWorkers, Math.floor(Number(cores)) || 1));
  if (param === null || param === undefined)
    return { count: fallback, forced: false, warning: null };
  const n = Number(param);
  if (/^\d+$/.test(String(param)) && n >= 1 && n <= maxWorkers)
    return { count: n, forced: true, warning: null };
  return {
    count: fallback,
    forced: false,
    warning: `workers = "${param}" was ignored: it must be an integer from 1 to ${maxWorkers}; using ${fallback}.`,
  };
}

// Requests whose answer (opened, steered or error) is merged from every worker's.
const answered = new Set([toWorker.open, toWorker.configure, toWorker.reset, toWorker.steer]);
const building = new Set([toWorker.open, toWorker.configure, toWorker.reset]);

/**
 * onMessage and onCrash as for createEngineClient; `workers` is the most workers to use (with
 * `forced`, also for runs shorter than frame_merge.js's minParallelMs); `lab`, the lab the page
 * will open (if known), has its workers started as soon as `catalog` (a promise of the
 * build-time catalog, built_catalog.js) names it, or else when the first worker is ready.
 * createClient(options) makes one worker's client (createEngineClient, replaced in tests).
 */
export function createParallelClient({
  onMessage,
  onCrash,
  workers = 2,
  forced = false,
  lab = null,
  catalog = null,
  createClient = createEngineClient,
  clock = () => performance.now(),
  timers = globalThis,
}) {
  const state = {
    subs: [], // {client, ready, frame, playing, diverged, opening, frameDue}
    catalog: null,
    announced: false, // the page has had `ready` since the last crash
    lab: null,
    config: null, // the lab's config as the page sees it (every budget)
    methods: [],
    anyKeys: [],
    groups: [[]],
    answers: [], // [{type, during, changes, replies: []}], oldest first
    queue: [], // requests held while new workers start
    settings: null,
    diverged: -1, // the worker that reported a divergence first
    frameAt: -Infinity, // when the page last had a frame
    frameTimer: null, // a merged frame held back to keep to the page's rate
    disposed: false,
  };

  function addSub() {
    const sub = {
      ready: false,
      lab: null,
      frame: null,
      playing: false,
      diverged: false,
      opening: 0,
      frameDue: false, // paused: the frame the worker sends after its pause is on its way
    };
    sub.client = createClient({
      onMessage: (msg) => heard(sub, msg),
      onCrash: (reason, willRestart, details) => crashed(sub, reason, willRestart, details),
    });
    state.subs.push(sub);
    return sub;
  }

  const active = () => state.subs.slice(0, state.groups.length);
  const allReady = () => active().every((sub) => sub.ready);

  function heard(sub, msg) {
    if (msg.type === fromWorker.ready) return subReady(sub, msg);
    if (!state.announced) return; // a crashed lab's leftovers
    const w = state.subs.indexOf(sub);
    if (w >= state.groups.length) return;
    if (msg.type === fromWorker.busy) return;
    if (msg.type === fromWorker.opened || msg.type === fromWorker.steered) return answer(w, msg);
    if (msg.type === fromWorker.error)
      return ['open', 'configure', 'reset', 'steer'].includes(msg.during)
        ? answer(w, msg)
        : onMessage(msg);
    if (msg.type === fromWorker.frame) return heardFrame(sub, msg);
    if (msg.type === fromWorker.status) return status(w, msg);
  }

  // A pause is held while a paused worker's last frame is on its way (status, heardFrame).
  const pauseHeld = () => active().some((s) => s.frameDue);

  function heardFrame(sub, msg) {
    const due = sub.frameDue;
    sub.frameDue = false;
    if (sub.opening <= 0) {
      // (else: the lab being replaced)
      sub.frame = msg;
      sub.playing = msg.playing;
    }
    if (pauseHeld()) return;
    if (!due) return sub.opening > 0 ? undefined : sendFrame();
    // Every paused worker's last frame is in: the page hears the pause and, at once, the
    // frame that goes with it (as one worker sends them), so a paused page's step stays put.
    reportStatus();
    flushFrame();
  }

  function subReady(sub, msg) {
    sub.ready = true;
    if (state.settings) sub.client.settings(subSettings());
    state.catalog ??= { labs: msg.labs, catalog: msg.catalog };
    if (!state.announced && state.subs.every((s) => s.ready)) {
      state.announced = true;
      if (!state.lab && state.catalog.catalog?.[lab]) regroup(lab, {});
      onMessage(msg);
    }
    if (allReady()) flush();
  }

  function flush() {
    const queued = state.queue;
    state.queue = [];
    for (const [type, fields] of queued) request(type, fields);
  }

  // The worker's next unanswered request, in the order they were sent.
  function answer(w, msg) {
    const entry = state.answers.find((a) => !(w in a.replies));
    if (!entry) return;
    entry.replies[w] = msg;
    if (building.has(entry.type)) state.subs[w].opening -= 1;
    if (msg.type === fromWorker.opened) Object.assign(state.subs[w], { frame: null });
    while (state.answers[0] && active().every((_, i) => i in state.answers[0].replies))
      settle(state.answers.shift());
  }

  function settle(entry) {
    if (state.frameTimer !== null) flushFrame();
    const replies = active().map((_, i) => entry.replies[i]);
    const error = replies.find((r) => r.type === fromWorker.error);
    if (error) return onMessage({ ...error, during: entry.during });
    const config = mergeConfigs(
      replies.map((r) => r.config),
      state.groups,
    );
    state.config = config;
    if (entry.type === toWorker.steer) {
      const step = Math.max(...replies.map((r) => r.step));
      return onMessage({ type: fromWorker.steered, step, changes: entry.changes, config });
    }
    state.diverged = -1;
    for (const sub of active()) sub.diverged = false;
    onMessage({ type: fromWorker.opened, during: entry.during, lab: state.lab, config });
  }

  function merged() {
    const subs = active();
    if (subs.some((s) => !s.frame || s.opening > 0)) return null;
    const frames = subs.map((s) => s.frame);
    if (frames.length === 1) return frames[0];
    return mergeFrames(frames, {
      groups: state.groups,
      methods: state.methods,
      anyKeys: state.anyKeys,
      diverged: state.diverged,
    });
  }

  // Every worker sends frames at the page's rate, and the page gets merged frames at that rate:
  // one now, or the latest when the interval is over.
  function sendFrame() {
    if (!merged()) return;
    const interval = 1000 / (state.settings?.maxFps || 30);
    const wait = interval - (clock() - state.frameAt);
    if (state.groups.length < 2 || wait <= 0) return flushFrame();
    state.frameTimer ??= timers.setTimeout(flushFrame, wait);
  }

  function flushFrame() {
    if (state.frameTimer !== null) timers.clearTimeout(state.frameTimer);
    state.frameTimer = null;
    const frame = merged();
    if (!frame) return;
    state.frameAt = clock();
    const stopped = state.diverged >= 0;
    onMessage({ ...frame, playing: !stopped && active().some((s) => s.playing) });
  }

  // One method's divergence stops the lab: the others are paused, as one worker would stop.
  // A worker answers a pause with its status and then its last frame: the page hears the
  // pause once every paused worker's last frame has come (heardFrame).
  function status(w, msg) {
    if (state.frameTimer !== null) flushFrame(); // the frame before a status comes before it
    const sub = state.subs[w];
    sub.playing = msg.playing;
    if (msg.reason === 'pause') sub.frameDue = true;
    if (msg.reason === 'diverged' && state.diverged < 0) {
      state.diverged = w;
      sub.diverged = true;
      active().forEach((other, i) => i !== w && other.client.pause());
    }
    if (!pauseHeld()) reportStatus();
  }

  function reportStatus() {
    const subs = active();
    const playing = state.diverged < 0 && subs.some((s) => s.playing);
    let reason = 'pause';
    if (playing) reason = 'play';
    else if (state.diverged >= 0) reason = 'diverged';
    else if (subs.every((s) => s.frame?.metrics.done)) reason = 'done';
    onMessage({ type: fromWorker.status, playing, reason });
  }

  function crashed(sub, reason, willRestart, details) {
    Object.assign(sub, { ready: false, lab: null, frame: null, playing: false, opening: 0 });
    state.announced = false;
    state.answers = [];
    state.queue = [];
    state.diverged = -1;
    if (state.frameTimer !== null) timers.clearTimeout(state.frameTimer);
    state.frameTimer = null;
    for (const other of state.subs) {
      other.opening = 0;
      other.frame = null;
      other.frameDue = false;
      if (other !== sub && other.ready) other.client.pause();
    }
    if (!willRestart) for (const other of state.subs) other.client.dispose();
    onCrash(reason, willRestart, details);
  }

  // Splits the lab's methods over the workers, starting more when needed; true when they are
  // all ready (else the request waits for them).
  function regroup(lab, config, catalog = state.catalog) {
    const info = catalog?.catalog?.[lab];
    state.methods = parallelMethods(info?.info);
    state.anyKeys = info?.info?.parallel?.anyKeys ?? [];
    const full = { ...info?.defaults, ...config };
    state.groups = groupMethods(state.methods, full, workers, forced ? { minMs: 0 } : {});
    while (state.subs.length > state.groups.length && state.subs.length > 1)
      state.subs.pop().client.dispose();
    while (state.subs.length < state.groups.length) addSub();
    if (state.settings) settings(state.settings);
    return allReady();
  }

  function request(type, fields = {}) {
    if (state.disposed || !state.announced) return false;
    if (type === toWorker.open || type === toWorker.configure) {
      if (type === toWorker.open) state.lab = fields.lab;
      state.config = fields.config;
      if (!regroup(state.lab, fields.config)) {
        state.queue.push([type, fields]);
        return true;
      }
    } else if (!allReady()) {
      state.queue.push([type, fields]);
      return true;
    }
    const subs = active();
    if (answered.has(type))
      state.answers.push({
        type,
        during: type,
        changes: fields.changes,
        replies: {},
      });
    subs.forEach((sub, w) => {
      const group = state.groups[w];
      if (building.has(type)) sub.opening += 1;
      if (type === toWorker.open || (type === toWorker.configure && sub.lab !== state.lab)) {
        // A worker new to the lab opens it (its answer is the page's configure all the same),
        // and plays if the others do.
        sub.client.open(state.lab, workerConfig(fields.config, group, state.methods));
        sub.lab = state.lab;
        if (type === toWorker.configure && subs.some((other) => other.playing)) sub.client.play();
      } else if (type === toWorker.configure)
        sub.client.configure(workerConfig(fields.config, group, state.methods));
      else if (type === toWorker.steer)
        sub.client.steer(workerChanges(fields.changes, group, state.methods));
      else if (type === toWorker.step) sub.client.step(fields.n);
      else sub.client.send(type);
    });
    return true;
  }

  const subSettings = () => ({ ...state.settings });

  function settings(values) {
    state.settings = { ...values };
    for (const sub of state.subs) if (sub.ready) sub.client.settings(subSettings());
    return true;
  }

  addSub();
  // The build-time catalog comes long before a worker is ready (it is a small file; a worker
  // loads and compiles the module): the lab's other workers then load beside the first one, not
  // after it. The page hears `ready` once they all are; the workers' own catalog still decides.
  catalog?.then((built) => {
    if (!state.disposed && !state.catalog && built?.catalog?.[lab]) regroup(lab, {}, built);
  });
  return {
    open: (lab, config) => request(toWorker.open, { lab, config }),
    configure: (config) => request(toWorker.configure, { config }),
    steer: (changes) => request(toWorker.steer, { changes }),
    play: () => request(toWorker.play),
    pause: () => request(toWorker.pause),
    step: (n) => request(toWorker.step, { n }),
    reset: () => request(toWorker.reset),
    settings,
    /** Workers the current lab trains in. */
    get workers() {
      return state.groups.length;
    },
    get ready() {
      return state.announced && allReady();
    },
    dispose() {
      state.disposed = true;
      if (state.frameTimer !== null) timers.clearTimeout(state.frameTimer);
      for (const sub of state.subs) sub.client.dispose();
    },
  };
}
