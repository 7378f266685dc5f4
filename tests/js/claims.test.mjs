// Every sentence of the labs' words that states a number, a direction or a colour is a claim
// (the rule: web/js/claims.js), and every claim is checked here, on the setting it describes
// (the defaults unless the sentence names another), by the check of its id in
// tests/js/claims/<lab>.mjs. The test names the sentence. Checks share runs (claims/runs.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimTexts, unclaimed, textUnits, sentences } from '../../web/js/claims.js';
import { questionParts } from '../../web/js/explain.js';
import { vilab } from './claims/runs.mjs';

const labs = vilab.labs();
const texts = Object.fromEntries(
  await Promise.all(
    labs.map(async (lab) => [lab, await import(`../../web/js/labs/${lab}_text.js`)]),
  ),
);
const checks = Object.fromEntries(
  await Promise.all(labs.map(async (lab) => [lab, (await import(`./claims/${lab}.mjs`)).checks])),
);

for (const lab of labs) {
  test(`${lab}: every sentence that states a number, a direction or a colour carries a claim id`, () => {
    assert.deepEqual(unclaimed(texts[lab]), []);
  });

  test(`${lab}: the claim ids in its words and its checks are the same`, () => {
    const ids = [...claimTexts(texts[lab]).keys()].sort();
    assert.ok(
      ids.every((id) => id.startsWith(`${lab}.`)),
      'ids carry the lab name',
    );
    assert.deepEqual(Object.keys(checks[lab]).sort(), ids);
  });

  test(`${lab}: its words name settings and metrics by the page's labels, not by internal keys`, () => {
    const keys = [...Object.keys(vilab.schema(lab)), ...metricKeys(vilab.defaults(lab), lab)];
    // A key that is not an ordinary word (a dot, a digit or an inner capital: vi.steps,
    // coverage90, bandWidth) is the engine's name, never the page's.
    const internal = keys.filter((key) => /[a-z]/i.test(key) && /[.\d]|[a-z][A-Z]/.test(key));
    for (const unit of textUnits(texts[lab]))
      for (const { text } of sentences(unit.parts))
        for (const key of internal)
          assert.ok(
            !new RegExp(`(^|[^\\w.])${key.replace('.', '\\.')}\\b`).test(text),
            `${key} in "${text}"`,
          );
  });

  test(`${lab}: every "Try this" setting is accepted by the engine`, () => {
    const questions = texts[lab].explanationBlocks.flatMap((block) => block.questions ?? []);
    const tries = questions.filter((question) => !Array.isArray(question));
    assert.ok(tries.length >= 1, 'at least one question can be tried in one click');
    for (const question of tries) {
      assert.ok(questionParts(question).length > 0);
      new vilab.Lab(lab, { ...vilab.defaults(lab), ...question.set }).delete();
    }
  });

  for (const [id, sentence] of claimTexts(texts[lab]))
    test(`${id}: “${sentence}”`, () => {
      assert.ok(checks[lab][id], `no check for ${id}`);
      checks[lab][id]();
    });
}

// The metrics' keys at step 0, nested ones as their leaves (coverage90 of vi.coverage90).
function metricKeys(config, lab) {
  const instance = new vilab.Lab(lab, config);
  const keys = new Set();
  const walk = (object) => {
    for (const [key, value] of Object.entries(object)) {
      keys.add(key);
      if (value && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value))
        walk(value);
    }
  };
  walk(instance.metrics());
  instance.delete();
  return keys;
}
