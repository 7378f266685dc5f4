import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment, assertClean, canvasColours, screenshot } from './helpers.mjs';

let env;
before(async () => { env = await startEnvironment(); });
after(async () => { await env?.close(); });

test('the gallery lists all six labs, links the registered ones and stays clean', async () => {
  const { page, record } = await env.open('index.html');
  await page.waitForSelector('.card-status.ready');
  const names = await page.$$eval('.card', (cards) => cards.map((card) => card.dataset.lab));
  assert.deepEqual(names, ['localization', 'regression', 'logistic', 'moons', 'vae', 'neural_process']);
  const links = await page.$$eval('.card-link', (anchors) => anchors.map((a) => a.getAttribute('href')));
  assert.ok(links.includes('lab.html?lab=localization'));
  const soon = await page.$$eval('.card.coming-soon', (cards) => cards.length);
  assert.equal(links.length + soon, 6, 'every card is either a link or "coming soon"');
  assert.match(await page.textContent('.intro'), /runs in your browser|Everything runs in your browser/i);
  for (let i = 1; i <= 6; i++) {
    assert.ok(await canvasColours(page, `.card:nth-child(${i}) canvas`) > 10, `preview ${i} is drawn`);
  }
  await screenshot(page, 'gallery.png');
  await assertClean(assert, page, record, env.origin);
});
