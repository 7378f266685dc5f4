// The WebAssembly module imports in Node as a plain ES module: no require/__dirname shims, no
// wasmBinary, no flags (README "Scripting labs from Node"). Run in a child process so that
// nothing this test runner (or another test) set up globally can help it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const modulePath = path.join(root, 'build', 'wasm', 'vilab.mjs');

test('import createVilab from vilab.mjs, create a lab and train it, in a plain Node', () => {
  assert.ok(fs.existsSync(modulePath), 'build the WebAssembly module first');
  // A copy in a fresh directory: the module finds its .wasm beside itself, wherever it is.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vilab-import-'));
  try {
    for (const file of ['vilab.mjs', 'vilab.wasm'])
      fs.copyFileSync(path.join(root, 'build', 'wasm', file), path.join(dir, file));
    const script = `
      import createVilab from './vilab.mjs';
      const vilab = await createVilab();
      const labs = vilab.labs();
      const lab = new vilab.Lab('localization', { seed: 1 });
      lab.step(50);
      const metrics = lab.metrics();
      lab.delete();
      console.log(JSON.stringify({ labs, step: metrics.step, typeofRequire: typeof globalThis.require }));
    `;
    fs.writeFileSync(path.join(dir, 'script.mjs'), script);
    const output = execFileSync(process.execPath, ['script.mjs'], { cwd: dir, encoding: 'utf8' });
    const result = JSON.parse(output.trim().split('\n').pop());
    assert.ok(result.labs.includes('localization'), output);
    assert.equal(result.step, 50);
    assert.equal(result.typeofRequire, 'undefined', 'the module leaks no globals');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
