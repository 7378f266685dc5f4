// The page's number grammar against the corpus shared with the engine's C++ test, through
// parseNumberText and through the URL reader's parseValue (same input, same verdict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNumberText } from '../../../web/js/number_text.js';
import { parseValue } from '../../../web/js/state.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** [{expected, input}] from tests/data/number_text.tsv (\xHH bytes as UTF-8 text). */
function numberCorpus() {
  const text = fs.readFileSync(path.join(here, '../../data/number_text.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const tab = line.indexOf('\t');
      const bytes = Buffer.from(
        line
          .slice(tab + 1)
          .replace(/\\x([0-9a-fA-F]{2})|\\\\/g, (m, hex) =>
            hex ? String.fromCharCode(parseInt(hex, 16)) : '\\',
          ),
        'latin1',
      );
      return { expected: line.slice(0, tab), input: bytes.toString('utf8') };
    });
}

test('parseNumberText gives the corpus verdict for every input', () => {
  const corpus = numberCorpus();
  assert.ok(corpus.length > 50);
  for (const { expected, input } of corpus) {
    const value = parseNumberText(input);
    if (expected === 'reject') assert.equal(value, null, `${JSON.stringify(input)} accepted`);
    else assert.ok(Object.is(value, Number(expected)), `${JSON.stringify(input)} → ${value}`);
  }
});

test('the URL reader follows the same grammar for number and integer fields', () => {
  const number = { type: 'number', min: -Number.MAX_VALUE, max: Number.MAX_VALUE };
  const integer = { ...number, type: 'integer' };
  for (const { expected, input } of numberCorpus()) {
    const parsed = parseValue(number, input);
    assert.equal(parsed.ok, expected !== 'reject', JSON.stringify(input));
    if (parsed.ok) assert.ok(Object.is(parsed.value, Number(expected)));
    const whole = parseValue(integer, input);
    const wantInteger = expected !== 'reject' && Number.isInteger(Number(expected));
    assert.equal(whole.ok, wantInteger, JSON.stringify(input));
  }
});
