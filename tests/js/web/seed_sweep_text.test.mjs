// The seeds card's words are shared by every lab, so they may not claim anything a lab's
// runs would have to bear out: no sentence of theirs states a number, a direction or a colour
// (the rule of web/js/claims.js). Its numbers are the runs' own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentences, statesClaim } from '../../../web/js/claims.js';
import { words } from '../../../web/js/seed_sweep_text.js';

test('no sentence of the seeds card states a number, a direction or a colour', () => {
  const found = Object.entries(words).flatMap(([key, text]) =>
    sentences([text])
      .filter((sentence) => statesClaim(sentence.text))
      .map((sentence) => `${key}: ${sentence.text}`),
  );
  assert.deepEqual(found, []);
});

test('the rule would catch one that did', () => {
  assert.ok(statesClaim('Eight seeds spread wider than one.'));
  assert.ok(statesClaim('Run 8 seeds.'));
});
