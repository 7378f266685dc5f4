import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedEnvironment, assertClean, canvasColours, screenshot } from './helpers.mjs';
import { loadVilab } from '../js/load_vilab.mjs';
import { useVendor } from '../js/web/vendor_hooks.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);
const labs = Array.from(vi.labs());

const env = sharedEnvironment();

test("the gallery has a card per registered lab, in the registry's order, and stays clean", async () => {
  const { page, record } = await env.open('index.html');
  await page.waitForFunction(
    (count) => document.querySelectorAll('.card[data-view-loaded]').length === count,
    labs.length,
  );
  const cards = await page.$$eval('.card', (items) =>
    items.map((card) => ({
      name: card.dataset.lab,
      href: card.querySelector('.card-link').getAttribute('href'),
      title: card.querySelector('.card-link').textContent,
      source: card.querySelector('.card-source').textContent,
    })),
  );
  assert.deepEqual(
    cards.map((c) => c.name),
    labs,
  );
  for (const card of cards) {
    const info = vi.info(card.name);
    assert.equal(card.href, `lab.html?lab=${card.name}`);
    assert.equal(card.title, info.title, "the engine's title");
    assert.equal(card.source, `From: ${info.source}`, "the engine's source");
  }
  assert.match(
    await page.textContent('.intro'),
    /runs in your browser|Everything runs in your browser/i,
  );
  for (let i = 1; i <= labs.length; i++) {
    assert.ok(
      (await canvasColours(page, `.card:nth-child(${i}) canvas`)) > 10,
      `preview ${i} is drawn`,
    );
  }
  await screenshot(page, 'gallery.png');
  await assertClean(assert, page, record, env.origin);
});

test("each card's sentence and preview come from the lab's view module", async () => {
  // The view modules' sources (the site serves them bundled), read here in Node.
  useVendor();
  const fromViews = {};
  for (const name of labs) {
    const view = (await import(`../../web/js/labs/${name}.js`)).default;
    fromViews[name] = typeof view.gallery.drawPreview === 'function' ? view.gallery.teaches : null;
  }
  const { page } = await env.open('index.html');
  await page.waitForFunction(
    (count) => document.querySelectorAll('.card[data-view-loaded]').length === count,
    labs.length,
  );
  for (const name of labs) {
    assert.ok(fromViews[name], `${name}'s view has gallery text and a preview`);
    assert.equal(
      await page.textContent(`.card[data-lab="${name}"] .card-teaches`),
      fromViews[name],
    );
  }
  await page.close();
});
