// Assembles the static site in build/web: the pages and styles from web/, their scripts bundled
// by esbuild (scripts/bundle_web.mjs, d3's scales included), the engine's WebAssembly build from
// build/wasm/ with its catalog of labs (catalog.json), KaTeX from node_modules (all served
// locally, no CDN), and the service worker's list of files to keep offline.
// The result is one self-contained static folder: any static host serves it (README).
// Usage: node scripts/build_web.mjs [--out DIR] [--wasm DIR]  (DIR defaults: build/web, build/wasm)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import { bundleScripts, preloadChunks } from './bundle_web.mjs';
import { loadVilab } from '../tests/js/load_vilab.mjs';
import { describeAll } from '../web/js/runner.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const out = path.resolve(root, argument('--out', 'build/web'));
const wasmDir = path.resolve(root, argument('--wasm', process.env.VILAB_WASM_DIR ?? 'build/wasm'));
const katexDist = path.join(root, 'node_modules/katex/dist');

function copy(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

function requireFile(file, hint) {
  if (!fs.existsSync(file)) {
    console.error(`build_web: missing ${path.relative(root, file)} — ${hint}`);
    process.exit(1);
  }
}

requireFile(
  path.join(wasmDir, 'vilab.mjs'),
  'build the engine first: cmake --preset wasm && cmake --build --preset wasm',
);
requireFile(
  path.join(wasmDir, 'vilab.wasm'),
  'build the engine first: cmake --preset wasm && cmake --build --preset wasm',
);
requireFile(path.join(katexDist, 'katex.mjs'), 'run npm install');

fs.rmSync(out, { recursive: true, force: true });
// Everything but the scripts as it is (embed.js, which course sites load, stays a plain file);
// web/js is replaced by its bundle.
const webJs = path.join(root, 'web', 'js');
fs.cpSync(path.join(root, 'web'), out, {
  recursive: true,
  filter: (from) => from !== webJs && !from.startsWith(webJs + path.sep),
});
// The engine's catalog (its labs with their info, defaults and schemas: what the worker's
// `ready` carries), so that the lab page can read its URL and build before the engine has loaded.
const catalog = describeAll(await loadVilab(wasmDir));
fs.writeFileSync(path.join(out, 'catalog.json'), JSON.stringify(catalog));

const { staticImports } = await bundleScripts({
  web: path.join(root, 'web'),
  out,
  d3Entry: path.join(root, 'scripts/d3_entry.mjs'),
  labs: catalog.labs,
});
for (const page of fs.readdirSync(out).filter((file) => file.endsWith('.html'))) {
  const file = path.join(out, page);
  fs.writeFileSync(file, preloadChunks(fs.readFileSync(file, 'utf8'), staticImports));
}
fs.mkdirSync(path.join(out, 'wasm'), { recursive: true });
for (const file of ['vilab.mjs', 'vilab.wasm'])
  copy(path.join(wasmDir, file), path.join(out, 'wasm', file));
const katexOut = path.join(out, 'vendor/katex');
fs.mkdirSync(katexOut, { recursive: true });
for (const file of ['katex.mjs', 'katex.min.css'])
  copy(path.join(katexDist, file), path.join(katexOut, file));
// Only the woff2 fonts: every browser that runs WebAssembly reads woff2, so the css's
// older woff/ttf fallbacks are never requested.
fs.mkdirSync(path.join(katexOut, 'fonts'), { recursive: true });
for (const file of fs.readdirSync(path.join(katexDist, 'fonts'))) {
  if (file.endsWith('.woff2'))
    copy(path.join(katexDist, 'fonts', file), path.join(katexOut, 'fonts', file));
}
copy(path.join(root, 'node_modules/katex/LICENSE'), path.join(katexOut, 'LICENSE'));

// d3's scales and number formats are bundled into the scripts; their licences go beside KaTeX's.
fs.mkdirSync(path.join(out, 'vendor'), { recursive: true });
for (const pkg of ['d3-scale', 'd3-format', 'd3-array', 'd3-interpolate', 'd3-color']) {
  const license = path.join(root, 'node_modules', pkg, 'LICENSE');
  if (fs.existsSync(license)) copy(license, path.join(out, 'vendor', `LICENSE.${pkg}`));
}

// The service worker (sw.js) keeps every file of the site for offline use (not the source maps,
// which only a browser's developer tools fetch); its version is a hash of their contents, so a
// new build replaces the old cache.
function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    );
}
const shell = listFiles(out)
  .filter((file) => file !== 'sw.js' && !file.includes('LICENSE') && !file.endsWith('.map'))
  .sort();
const hash = crypto.createHash('sha256');
for (const file of shell) hash.update(file).update(fs.readFileSync(path.join(out, file)));
const worker = path.join(out, 'sw.js');
fs.writeFileSync(
  worker,
  fs
    .readFileSync(worker, 'utf8')
    .replace("const version = 'dev';", `const version = '${hash.digest('hex').slice(0, 16)}';`)
    .replace('const files = [];', `const files = ${JSON.stringify(['./', ...shell])};`),
);

let files = 0;
let bytes = 0;
(function count(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) count(full);
    else {
      files += 1;
      bytes += fs.statSync(full).size;
    }
  }
})(out);
console.log(
  `build_web: ${files} files, ${(bytes / 1024).toFixed(0)} KiB in ${path.relative(root, out) || '.'}`,
);
