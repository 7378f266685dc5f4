// Post-link step for the WebAssembly module (bindings/CMakeLists.txt runs it after every link):
// makes emscripten 3.1.6's EXPORT_ES6 output importable from Node as a plain ES module, with
// no globals set up by the caller (TOOLCHAIN.md §2 lists what it lacked):
//   import createVilab from './vilab.mjs';  const vilab = await createVilab();
// 1. It reads CommonJS `require` and `__dirname`: defined here from import.meta.url, in Node
//    only (a browser never evaluates the node: import).
// 2. It locates its .wasm as a file: URL, which fs cannot read as a string: turned into a path.
// 3. It fetch()es the .wasm whenever fetch exists, which Node 18+ has but cannot use on a
//    file: Node reads the file instead.
// Usage: node scripts/esm_node.mjs build/wasm/vilab.mjs   (idempotent)
import fs from 'node:fs';

const marker = '/* vilab: Node ES module prologue (scripts/esm_node.mjs) */';
const prologue = `${marker}
const vilabInNode = typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string';
const vilabNodeModule = vilabInNode ? await import('node:module') : null;
var require = vilabInNode ? vilabNodeModule.createRequire(import.meta.url) : undefined;
var __dirname = vilabInNode ? require('node:path').dirname(require('node:url').fileURLToPath(import.meta.url)) : undefined;
`;

const edits = [
  {
    what: 'the .wasm as a path in Node',
    from: 'else{wasmBinaryFile=new URL("vilab.wasm",import.meta.url).toString()}',
    to: 'else{wasmBinaryFile=new URL("vilab.wasm",import.meta.url).toString()}if(ENVIRONMENT_IS_NODE&&wasmBinaryFile.startsWith("file:")){wasmBinaryFile=require("node:url").fileURLToPath(wasmBinaryFile)}',
  },
  {
    what: 'no fetch of the .wasm in Node',
    from: '!isDataURI(wasmBinaryFile)&&typeof fetch=="function"',
    to: '!isDataURI(wasmBinaryFile)&&!ENVIRONMENT_IS_NODE&&typeof fetch=="function"',
  },
];

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/esm_node.mjs path/to/module.mjs');
  process.exit(2);
}
let text = fs.readFileSync(file, 'utf8');
if (!text.startsWith(marker)) {
  for (const { what, from, to } of edits) {
    const count = text.split(from).length - 1;
    if (count !== 1) {
      console.error(`esm_node: expected one "${from}" (${what}) in ${file}, found ${count}`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  fs.writeFileSync(file, prologue + text);
}
