import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog, galleryCards } from '../../../web/js/catalog.js';

test('before the engine answers, every catalog lab has a card and none is available', () => {
  const cards = galleryCards();
  assert.deepEqual(
    cards.map((c) => c.name),
    catalog.map((c) => c.name),
  );
  assert.ok(cards.every((c) => !c.available && c.title && c.teaches && c.source));
});

test("registered labs take the engine's title and source; unknown ones get a card of their own", () => {
  const infos = {
    localization: { info: { title: 'Engine title', source: 'Engine source', question: 'Where?' } },
    lab7: { info: { title: 'A seventh lab', question: 'What does it ask?', source: 'Somewhere' } },
    bare: {},
  };
  const cards = galleryCards(['localization', 'lab7', 'bare'], infos);
  assert.equal(cards.length, catalog.length + 2);
  const byName = Object.fromEntries(cards.map((c) => [c.name, c]));
  assert.equal(byName.localization.title, 'Engine title');
  assert.equal(byName.localization.source, 'Engine source');
  assert.equal(byName.localization.teaches, catalog[0].teaches, 'the catalog says what it teaches');
  assert.equal(byName.regression.available, false);
  assert.equal(byName.regression.title, catalog[1].title);
  assert.deepEqual(
    cards.slice(-2).map((c) => c.name),
    ['lab7', 'bare'],
    'new labs come last, in engine order',
  );
  assert.deepEqual(byName.lab7, {
    name: 'lab7',
    title: 'A seventh lab',
    teaches: 'What does it ask?',
    source: 'Somewhere',
    available: true,
  });
  assert.equal(byName.bare.title, 'bare');
});
