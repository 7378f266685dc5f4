// Gallery page: one card per lab the engine registers, in the registry's order. The engine
// gives each card its title and source; the lab's view module (labs/<name>.js) its sentence
// on what the lab teaches and its preview picture.
import { h } from './dom.js';
import { drawPreview } from './sketch.js';
import { loadView } from './labs/index.js';
import { readTheme, onThemeChange } from './plots/theme.js';
import { createEngineClient } from './client.js';
import { createNotices } from './notices.js';
import { fromWorker } from './protocol.js';

const previewSize = { width: 320, height: 190 };

function startGallery(list, notices) {
  const cards = []; // {canvas, draw}: the previews to repaint when the theme changes

  function paint(card) {
    if (!card.draw) return;
    const theme = readTheme(list);
    drawPreview(card.canvas, card.draw, theme, previewSize.width, previewSize.height);
  }

  /** A card for lab `name` with the engine's `info`; the view fills in the rest. */
  function addCard(name, info) {
    const title = info.title || name;
    const canvas = h('canvas', {
      className: 'preview',
      attrs: { role: 'img', 'aria-label': `Preview: ${title}` },
    });
    canvas.style.aspectRatio = `${previewSize.width} / ${previewSize.height}`;
    const link = h('a', {
      className: 'card-link',
      text: title,
      attrs: { href: `lab.html?lab=${encodeURIComponent(name)}` },
    });
    const teaches = h('p', { className: 'card-teaches', text: info.question || '' });
    const source = h('p', {
      className: 'card-source',
      text: info.source ? `From: ${info.source}` : '',
    });
    const status = h('span', { className: 'card-status ready', text: 'Open the lab →' });
    const item = h('li', { className: 'card', attrs: { 'data-lab': name } }, [
      canvas,
      h('div', { className: 'card-body' }, [
        h('h3', { className: 'card-title' }, [
          h('span', { className: 'card-number', text: `${cards.length + 1}` }),
          link,
        ]),
        teaches,
        source,
        status,
      ]),
    ]);
    list.append(item);
    const card = { canvas, draw: null };
    cards.push(card);
    loadView(name).then(
      ({ gallery }) => {
        teaches.textContent = gallery.teaches;
        card.draw = gallery.drawPreview;
        paint(card);
        item.dataset.viewLoaded = 'true';
      },
      (error) => notices.show(`The ${title} lab's view did not load (${error.message}).`),
    );
  }

  onThemeChange(() => cards.forEach(paint));
  const waiting = h('li', { className: 'cards-waiting', text: 'Loading the labs…' });
  list.replaceChildren(waiting);

  // The engine is loaded once, to learn which labs it registers, then let go.
  const client = createEngineClient({
    onMessage(msg) {
      if (msg.type !== fromWorker.ready) return;
      list.replaceChildren();
      for (const name of msg.labs) addCard(name, msg.catalog[name]?.info ?? {});
      client.dispose();
    },
    onCrash(reason, willRestart) {
      if (willRestart) return;
      notices.show(
        `The simulation engine could not start (${reason}). The labs need WebAssembly and module workers; try a current browser.`,
        { kind: 'error', key: 'engine' },
      );
      waiting.textContent = 'The labs are unavailable in this browser.';
    },
  });
}

startGallery(document.getElementById('labs'), createNotices(document.getElementById('messages')));
