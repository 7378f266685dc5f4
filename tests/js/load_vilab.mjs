// Loads build/wasm/vilab.mjs in Node, hiding emscripten 3.1.6's Node quirks (docs/toolchain.md):
// the module expects CommonJS `require`/`__dirname` and would fetch() its .wasm from a file path.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wasmDir = path.join(root, 'build', 'wasm');

export async function loadVilab(dir = wasmDir) {
  const moduleUrl = pathToFileURL(path.join(dir, 'vilab.mjs')).href;
  globalThis.require ??= createRequire(moduleUrl);
  globalThis.__dirname ??= dir;
  const { default: createVilab } = await import(moduleUrl);
  return createVilab({ wasmBinary: readFileSync(path.join(dir, 'vilab.wasm')) });
}
