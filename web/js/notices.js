// The page's visible messages: warnings about the URL, engine errors, worker restarts.
// A notice with a key replaces the previous notice with the same key; beyond `limit`
// notices the oldest goes, so a page left open cannot pile them up.
import { h } from './dom.js';

export function createNotices(container, limit = 8) {
  const byKey = new Map();

  function remove(key) {
    byKey.get(key)?.remove();
    byKey.delete(key);
  }

  function show(text, { kind = 'warning', key = text } = {}) {
    remove(key);
    const close = h('button', {
      className: 'notice-close',
      text: '×',
      attrs: { type: 'button', 'aria-label': 'Dismiss this message' },
      on: { click: () => remove(key) },
    });
    const notice = h(
      'div',
      {
        className: `notice notice-${kind}`,
        attrs: { role: kind === 'error' ? 'alert' : 'status', 'data-key': key },
      },
      [h('p', { text }), close],
    );
    container.append(notice);
    byKey.set(key, notice);
    while (byKey.size > limit) remove(byKey.keys().next().value);
    return notice;
  }

  return { show, remove, clear: () => [...byKey.keys()].forEach(remove) };
}
