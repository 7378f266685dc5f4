// The module a student downloads before the first frame (vilab.wasm + vilab.mjs) stays within
// 250 KB gzipped (bindings/CMakeLists.txt compiles code that runs once per call for size;
// docs/architecture.md, "Module size"). Sizes in KB of 1 000 bytes, gzip level 9 as `gzip -9`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { wasmDir } from './load_vilab.mjs';

const budgetBytes = 250_000;

const gzippedBytes = (file) =>
  gzipSync(readFileSync(path.join(wasmDir, file)), { level: 9 }).length;

test('the WebAssembly module and its loader are at most 250 KB gzipped', () => {
  const wasm = gzippedBytes('vilab.wasm');
  const loader = gzippedBytes('vilab.mjs');
  assert.ok(
    wasm + loader <= budgetBytes,
    `vilab.wasm ${(wasm / 1000).toFixed(1)} KB + vilab.mjs ${(loader / 1000).toFixed(1)} KB gzipped`,
  );
});
