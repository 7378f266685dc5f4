// Holds the engine's replies while the page is still building what shows them, then hands them
// over in the order they came: the page asks the engine to open the lab before its plots exist.

/**
 * deliver(msg) receives each reply: at release() those held until then, in order, and after it
 * every reply at once. drop() forgets the held ones (a worker that died sent them).
 */
export function createReplyQueue(deliver) {
  let held = [];
  return {
    push(msg) {
      if (held) held.push(msg);
      else deliver(msg);
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const msg of waiting) deliver(msg);
    },
    drop() {
      if (held) held = [];
    },
    /** True until release(). */
    get holding() {
      return held !== null;
    },
  };
}
