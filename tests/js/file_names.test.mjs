// One naming convention for JavaScript files (README, "Conventions"): snake_case, like the lab
// names they often carry; only tool configs keep the names their tools look for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolConfigs = new Set(['eslint.config.js']);

function* scripts(dir) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* scripts(file);
    else if (/\.m?js$/.test(entry.name)) yield file;
  }
}

test('every JavaScript file is named in snake_case', () => {
  const files = [...['web', 'scripts', 'tests'].flatMap((dir) => [...scripts(dir)])];
  for (const name of fs.readdirSync(root)) if (/\.m?js$/.test(name)) files.push(name);
  assert.ok(files.length > 50, 'the walk finds the sources');
  const misnamed = files.filter(
    (file) =>
      !toolConfigs.has(path.basename(file)) &&
      !/^[a-z0-9]+(_[a-z0-9]+)*(\.test)?\.m?js$/.test(path.basename(file)),
  );
  assert.deepEqual(misnamed, []);
});
