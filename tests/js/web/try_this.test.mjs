// The "Try this" card's words and its Undo, without a page: a try is described with the
// schema's labels, and Undo restores exactly the fields the try changed. The claims rule's
// sentence splitting is checked here too (web/js/claims.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSetting, previousValues } from '../../../web/js/try_this.js';
import { sentences, statesClaim, unclaimed } from '../../../web/js/claims.js';

const schema = {
  dataset: { label: 'Data set', type: 'choice' },
  'vi.steps': { label: 'vi steps', type: 'integer' },
  lrDecay: { label: 'Learning-rate decay', type: 'boolean' },
};

test('a try is described by the labels and values the controls show', () => {
  assert.equal(describeSetting(schema, { dataset: 'sine' }), 'Data set sine');
  assert.equal(
    describeSetting(schema, { 'vi.steps': 5000, lrDecay: true }),
    'vi steps 5000, Learning-rate decay on',
  );
});

test('Undo restores the tried fields as they were, and nothing else', () => {
  const config = { dataset: 'cubic', 'vi.steps': 1000, lrDecay: false };
  assert.deepEqual(previousValues(config, { 'vi.steps': 5000 }), { 'vi.steps': 1000 });
});

test('sentences end at . ? or ! followed by a space, across inline parts, with their claims', () => {
  const parts = [
    { claim: 'a.one', t: ['First 2 points.'] },
    ' Then ',
    { m: 'x = 3' },
    ' plain. Wider?',
  ];
  assert.deepEqual(sentences(parts), [
    { text: 'First 2 points.', claims: ['a.one'] },
    { text: 'Then (math) plain.', claims: [] },
    { text: 'Wider?', claims: [] },
  ]);
});

test('the rule: digits, number words, direction and colour words make a claim; idioms and math do not', () => {
  for (const text of [
    'holds 90 %',
    'Ten thousand points',
    'the band opens',
    'it collapses',
    'the red curve',
  ])
    assert.ok(statesClaim(text), text);
  for (const text of ['the evidence lower bound', 'NLL (lower is better)', 'at (math) far away'])
    assert.ok(!statesClaim(text), text);
  const words = {
    explanationBlocks: [{ p: ['It is 5 times wider. ', { claim: 'x.y', t: ['So is 6.'] }] }],
  };
  assert.deepEqual(unclaimed(words), ['explanation: It is 5 times wider.']);
});
