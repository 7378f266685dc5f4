// A lab is one plug-in: its engine file, its view file with its words, and its tests (three, plus
// the checks of its words' claims). This test fails for any lab the engine registers without one
// of them (README, "Adding a lab").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVilab } from './load_vilab.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const vi = await loadVilab(process.env.VILAB_WASM_DIR);

/** The files lab `name` needs, each with what it is for. */
function labFiles(name) {
  return [
    [`engine/labs/${name}.cpp`, 'the lab, its schema and its LabRegistrar'],
    [`web/js/labs/${name}.js`, 'the view: plots, metrics table, gallery card'],
    [`web/js/labs/${name}_text.js`, 'every word the page shows about the lab, claims marked'],
    [`tests/cpp/labs/${name}_test.cpp`, "the lab's behaviour with its defaults"],
    [`tests/js/${name}.test.mjs`, 'native and WebAssembly agreement'],
    [`tests/e2e/${name}.test.mjs`, 'the page in Chromium'],
    [`tests/js/claims/${name}.mjs`, "a check for each claim in the lab's words"],
  ];
}

for (const name of vi.labs()) {
  test(`${name} has every file a lab needs`, () => {
    const missing = labFiles(name).filter(([file]) => !fs.existsSync(path.join(root, file)));
    assert.deepEqual(
      missing.map(([file, purpose]) => `${file} (${purpose})`),
      [],
      `${name} is registered but lacks files`,
    );
  });

  test(`${name}'s engine file registers the lab named after it`, () => {
    const source = fs.readFileSync(path.join(root, `engine/labs/${name}.cpp`), 'utf8');
    assert.match(source, /const LabRegistrar registrar\(\w+\);/);
    assert.ok(source.includes(`"${name}"`), `engine/labs/${name}.cpp names "${name}"`);
  });
}

test('no test or script lists the labs by hand: they iterate the registry', () => {
  const names = Array.from(vi.labs());
  const folders = ['tests/js', 'tests/e2e', 'scripts'];
  const offenders = [];
  for (const folder of folders)
    for (const file of fs.readdirSync(path.join(root, folder), { recursive: true })) {
      if (!/\.(mjs|js)$/.test(file)) continue;
      const source = fs.readFileSync(path.join(root, folder, file), 'utf8');
      // An array literal of quoted words only, holding every registered name.
      for (const list of source.match(/\[\s*(?:(['"])\w+\1\s*,\s*)+(['"])\w+\2\s*,?\s*\]/g) ?? [])
        if (names.every((name) => list.includes(`'${name}'`) || list.includes(`"${name}"`)))
          offenders.push(`${folder}/${file}`);
    }
  assert.deepEqual(offenders, []);
});
