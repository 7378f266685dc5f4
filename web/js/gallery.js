// Gallery page: one card per lab; labs the engine does not register yet are "coming soon".
import { h } from './dom.js';
import { catalog } from './catalog.js';
import { drawPreview } from './previews.js';
import { readTheme, onThemeChange } from './plots/theme.js';
import { createEngineClient } from './client.js';
import { createNotices } from './notices.js';
import { fromWorker } from './protocol.js';

const previewSize = { width: 320, height: 190 };
const notices = createNotices(document.getElementById('messages'));
const list = document.getElementById('labs');

function card(entry, index) {
  const canvas = h('canvas', {
    className: 'preview',
    attrs: { role: 'img', 'aria-label': `Preview: ${entry.title}` },
  });
  canvas.style.aspectRatio = `${previewSize.width} / ${previewSize.height}`;
  const status = h('span', { className: 'card-status', text: 'Loading…' });
  const title = h('h3', { className: 'card-title' }, [
    h('span', { className: 'card-number', text: `${index + 1}` }),
    h('span', { text: entry.title }),
  ]);
  const body = h('div', { className: 'card-body' }, [
    title,
    h('p', { className: 'card-teaches', text: entry.teaches }),
    h('p', { className: 'card-source', text: `From: ${entry.source}` }),
    status,
  ]);
  const item = h('li', { className: 'card', attrs: { 'data-lab': entry.name } }, [canvas, body]);
  return { item, canvas, status, title, entry };
}

const cards = catalog.map(card);
list.append(...cards.map((c) => c.item));

function paintPreviews() {
  const theme = readTheme(list);
  for (const c of cards) drawPreview(c.canvas, c.entry.name, theme, previewSize.width, previewSize.height);
}
paintPreviews();
onThemeChange(paintPreviews);

function markAvailable(labs, infos) {
  for (const c of cards) {
    const available = labs.includes(c.entry.name);
    c.item.classList.toggle('coming-soon', !available);
    if (available) {
      const info = infos[c.entry.name]?.info;
      const link = h('a', { className: 'card-link', text: info?.title ?? c.entry.title, attrs: { href: `lab.html?lab=${encodeURIComponent(c.entry.name)}` } });
      c.title.lastChild.replaceWith(link);
      c.status.textContent = 'Open the lab →';
      c.status.classList.add('ready');
    } else {
      c.status.textContent = 'Coming soon';
    }
  }
}

createEngineClient({
  onMessage(msg) {
    if (msg.type === fromWorker.ready) markAvailable(msg.labs, msg.catalog);
  },
  onCrash(reason, willRestart) {
    if (!willRestart) {
      notices.show(`The simulation engine could not start (${reason}). The labs need WebAssembly and module workers; try a current browser.`, { kind: 'error', key: 'engine' });
      for (const c of cards) c.status.textContent = 'Unavailable';
    }
  },
});
