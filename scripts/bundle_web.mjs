// Bundles the site's scripts with esbuild: one module per page script, the code the pages share
// split into chunks beside them (each lab's view modules chunks of their own), and each worker
// one self-contained module (a worker shares no loaded module with its page).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * The scripts the browser starts from: {pages: each page's `<script type="module" src="js/…">`,
 * workers: each worker a script creates with `new Worker(new URL('./x.js', import.meta.url))`},
 * paths relative to `web`.
 */
export function entryPoints(web) {
  const pages = fs
    .readdirSync(web)
    .filter((file) => file.endsWith('.html'))
    .flatMap((file) =>
      [...fs.readFileSync(path.join(web, file), 'utf8').matchAll(/<script[^>]*src="(js\/[^"]+)"/g)]
        .filter(([tag]) => tag.includes('type="module"'))
        .map(([, src]) => src),
    );
  const sources = fs
    .readdirSync(path.join(web, 'js'), { recursive: true })
    .filter((file) => file.endsWith('.js'));
  const workers = sources.flatMap((file) => {
    const text = fs.readFileSync(path.join(web, 'js', file), 'utf8');
    return [...text.matchAll(/new Worker\(\s*new URL\('\.\/(\w+\.js)', import\.meta\.url\)/g)].map(
      ([, name]) => path.posix.join('js', path.posix.dirname(file.split(path.sep).join('/')), name),
    );
  });
  const unique = (list) => [...new Set(list)].sort();
  return { pages: unique(pages), workers: unique(workers) };
}

/**
 * labs/index.js as bundled: loadView(name) imports ./<name>.js for each lab the engine registers,
 * named one by one, so that only the views are split off as chunks (the source's import by a
 * template string would make every file in labs/ one: its texts, previews and panels too).
 */
export function viewLoader(labs) {
  const entries = labs.map((name) => `  ${name}: () => import('./${name}.js'),`);
  return `const views = {\n${entries.join('\n')}\n};
export async function loadView(name) {
  if (!Object.hasOwn(views, name)) throw new Error(\`not a lab name: \${JSON.stringify(name)}\`);
  return (await views[name]()).default;
}
`;
}

/**
 * Writes the bundle into `out`/js (entries keep their names: js/main.js, js/worker.js, …; the
 * pages' chunks are js/<name>-<hash>.js, in the same folder, so the sources' relative URLs hold:
 * `new URL('./worker.js', import.meta.url)`, '../wasm/vilab.mjs', '../vendor/katex/katex.mjs').
 * KaTeX and the engine's module stay files of their own; d3's scales are bundled in from
 * `d3Entry` (the sources import them as vendor/d3.js); `labs` are the engine's lab names (see
 * viewLoader). Source maps as separate files.
 * Resolves to {files: the written files, staticImports: {entry: chunks it imports}}, relative
 * to `out`.
 */
export async function bundleScripts({ web, out, d3Entry, labs }) {
  const { pages, workers } = entryPoints(web);
  const options = {
    outdir: path.join(out, 'js'),
    outbase: path.join(web, 'js'),
    bundle: true,
    format: 'esm',
    minify: process.env.VILAB_MINIFY !== '0',
    sourcemap: 'linked',
    legalComments: 'eof',
    entryNames: '[dir]/[name]',
    chunkNames: '[name]-[hash]',
    external: ['../vendor/katex/*', '../wasm/*'],
    plugins: [
      {
        name: 'vendor-d3',
        setup(bundler) {
          bundler.onResolve({ filter: /\/vendor\/d3\.js$/ }, () => ({ path: d3Entry }));
        },
      },
      {
        name: 'lab-views',
        setup(bundler) {
          bundler.onLoad({ filter: /[\\/]js[\\/]labs[\\/]index\.js$/ }, () => ({
            contents: viewLoader(labs),
            loader: 'js',
          }));
        },
      },
    ],
    metafile: true,
    logLevel: 'error',
  };
  const results = await Promise.all([
    build({
      ...options,
      entryPoints: pages.map((entry) => path.join(web, entry)),
      splitting: true,
    }),
    build({ ...options, entryPoints: workers.map((entry) => path.join(web, entry)) }),
  ]);
  const relative = (file) => path.relative(out, path.resolve(file)).split(path.sep).join('/');
  const outputs = Object.fromEntries(
    results.flatMap((result) =>
      Object.entries(result.metafile.outputs).map(([file, output]) => [relative(file), output]),
    ),
  );
  const staticImports = {};
  for (const entry of [...pages, ...workers]) {
    if (!outputs[entry]) throw new Error(`bundle_web: ${entry} was not written`);
    staticImports[entry] = outputs[entry].imports
      .filter((item) => item.kind === 'import-statement' && !item.external)
      .map((item) => relative(item.path));
  }
  return { files: Object.keys(outputs).sort(), staticImports };
}

/**
 * A page's module scripts with `<link rel="modulepreload">` for the chunks each imports, so the
 * browser fetches them with the script instead of after it (esbuild lists every chunk an entry
 * needs among its own imports).
 */
export function preloadChunks(html, staticImports) {
  return html.replace(
    /^([ \t]*)<script type="module" src="(js\/[^"]+)"><\/script>$/gm,
    (tag, indent, src) => {
      const links = (staticImports[src] ?? []).map(
        (chunk) => `${indent}<link rel="modulepreload" href="${chunk}" />\n`,
      );
      return links.join('') + tag;
    },
  );
}
