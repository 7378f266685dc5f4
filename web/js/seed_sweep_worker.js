// Module worker for the "Run 8 seeds" mode: an engine of its own, so the student's run (in
// worker.js) goes on untouched. The logic is in seed_sweep.js; this file loads the module,
// routes messages and schedules the slices.
import createVilab from '../wasm/vilab.mjs';
import {
  advanceSweep,
  cancelSweep,
  createSweep,
  historyBuffers,
  sweepMessage,
} from './seed_sweep.js';

// request: the latest start message, until a cancel: a start that arrives (or a cancel) while
// the engine is still loading decides which sweep runs once it is.
const state = { vi: null, sweep: null, queued: false, request: null };
const wake = new MessageChannel(); // yields to queued messages (a cancel) without setTimeout's clamping

function post(messages) {
  for (const msg of messages) self.postMessage(msg, msg.run ? historyBuffers(msg.run.history) : []);
}

function fail(error, id) {
  state.sweep = null;
  post([{ type: sweepMessage.error, id, message: String(error?.message ?? error) }]);
}

function queueSlice() {
  if (state.queued || state.sweep?.state !== 'running') return;
  state.queued = true;
  wake.port2.postMessage(0);
}

wake.port1.onmessage = () => {
  state.queued = false;
  if (!state.sweep) return;
  try {
    post(advanceSweep(state.sweep));
    queueSlice();
  } catch (error) {
    state.sweep.instance?.delete();
    fail(error, state.sweep.id);
  }
};

self.onmessage = async ({ data }) => {
  try {
    if (data.type === sweepMessage.cancel) {
      state.request = null;
      if (state.sweep) post(cancelSweep(state.sweep));
      return;
    }
    if (data.type !== sweepMessage.start) return;
    state.request = data;
    if (state.sweep) cancelSweep(state.sweep);
    state.vi ??= await createVilab({
      locateFile: (file) => new URL(`../wasm/${file}`, import.meta.url).href,
    });
    if (state.request !== data) return;
    state.sweep = createSweep(state.vi, data);
    queueSlice();
  } catch (error) {
    fail(error, data.id);
  }
};
