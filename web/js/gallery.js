// Gallery page: one card per lab. The catalog's cards show at once; when the engine has
// loaded, the labs it registers become links (with its titles), the others say "coming
// soon", and a lab it registers that the catalog does not know yet gets a card of its own.
import { h } from './dom.js';
import { galleryCards } from './catalog.js';
import { drawPreview } from './previews.js';
import { readTheme, onThemeChange } from './plots/theme.js';
import { createEngineClient } from './client.js';
import { createNotices } from './notices.js';
import { fromWorker } from './protocol.js';

const previewSize = { width: 320, height: 190 };

function startGallery(list, notices) {
  const cards = new Map(); // lab name -> the card's elements

  function buildCard(entry) {
    const canvas = h('canvas', {
      className: 'preview',
      attrs: { role: 'img', 'aria-label': `Preview: ${entry.title}` },
    });
    canvas.style.aspectRatio = `${previewSize.width} / ${previewSize.height}`;
    const name = h('span', { text: entry.title });
    const title = h('h3', { className: 'card-title' }, [
      h('span', { className: 'card-number', text: `${cards.size + 1}` }),
      name,
    ]);
    const teaches = h('p', { className: 'card-teaches', text: entry.teaches });
    const source = h('p', {
      className: 'card-source',
      text: entry.source ? `From: ${entry.source}` : '',
    });
    const status = h('span', { className: 'card-status', text: 'Loading…' });
    const item = h('li', { className: 'card', attrs: { 'data-lab': entry.name } }, [
      canvas,
      h('div', { className: 'card-body' }, [title, teaches, source, status]),
    ]);
    list.append(item);
    const card = { item, canvas, name, teaches, source, status, entry };
    cards.set(entry.name, card);
    paint(card);
    return card;
  }

  function paint(card) {
    drawPreview(
      card.canvas,
      card.entry.name,
      readTheme(list),
      previewSize.width,
      previewSize.height,
    );
  }

  function showCard(entry) {
    const card = cards.get(entry.name) ?? buildCard(entry);
    card.entry = entry;
    card.item.classList.toggle('coming-soon', !entry.available);
    card.canvas.setAttribute('aria-label', `Preview: ${entry.title}`);
    card.source.textContent = entry.source ? `From: ${entry.source}` : '';
    if (entry.available) {
      const link = h('a', {
        className: 'card-link',
        text: entry.title,
        attrs: { href: `lab.html?lab=${encodeURIComponent(entry.name)}` },
      });
      card.name.replaceWith(link);
      card.name = link;
      card.status.textContent = 'Open the lab →';
      card.status.classList.add('ready');
    } else {
      card.name.textContent = entry.title;
      card.status.textContent = 'Coming soon';
    }
  }

  for (const entry of galleryCards()) buildCard(entry);
  onThemeChange(() => cards.forEach(paint));

  // The engine is loaded once, to learn which labs it registers, then let go.
  const client = createEngineClient({
    onMessage(msg) {
      if (msg.type !== fromWorker.ready) return;
      for (const entry of galleryCards(msg.labs, msg.catalog)) showCard(entry);
      client.dispose();
    },
    onCrash(reason, willRestart) {
      if (willRestart) return;
      notices.show(
        `The simulation engine could not start (${reason}). The labs need WebAssembly and module workers; try a current browser.`,
        { kind: 'error', key: 'engine' },
      );
      for (const card of cards.values()) card.status.textContent = 'Unavailable';
    },
  });
}

startGallery(document.getElementById('labs'), createNotices(document.getElementById('messages')));
