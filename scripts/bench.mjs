// npm run bench [-- --json] [-- --lab <name>] [-- --browser] [-- --page [--workers <n>]
// [--site <dir>]]: every lab's default training run, timed natively (build/native/vilab bench)
// and in WebAssembly under Node (with --browser also in a bare Chromium worker), one row per
// method; with --page, one row per lab for its run on the lab page in Chromium
// (scripts/bench_page.mjs), whose training workers --workers caps (the page's ?workers=;
// default: the machine's cores). --site times the pages of a site folder already built (another
// commit's build/web, for a before/after table) instead of one built from these sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVilab } from '../tests/js/load_vilab.mjs';
import { timeRuns } from './bench_runs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = {
    json: false,
    lab: null,
    browser: false,
    page: false,
    workers: null,
    site: null,
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') options.json = true;
    else if (argv[i] === '--lab') options.lab = argv[++i];
    else if (argv[i] === '--browser') options.browser = true;
    else if (argv[i] === '--page') options.page = true;
    else if (argv[i] === '--workers') options.workers = argv[++i];
    else if (argv[i] === '--site') options.site = argv[++i] ?? '';
    else
      throw new Error(
        `bench: unknown option '${argv[i]}' (use --json, --lab <name>, --browser, --page, --workers <n>, --site <dir>)`,
      );
  }
  if (options.site !== null) {
    if (!options.page) throw new Error('bench: --site times pages: use it with --page');
    if (options.site === '') throw new Error('bench: --site needs the folder of a built site');
    options.site = path.resolve(options.site);
    if (!fs.existsSync(path.join(options.site, 'lab.html')))
      throw new Error(`bench: --site '${options.site}' is not a built site (it has no lab.html)`);
  }
  return options;
}

function benchNative(lab) {
  const args = ['bench', '--json', ...(lab ? ['--lab', lab] : [])];
  return JSON.parse(
    execFileSync(path.join(root, 'build', 'native', 'vilab'), args, { encoding: 'utf8' }),
  );
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const vi = await loadVilab();
if (options.lab && !vi.labs().includes(options.lab)) {
  console.error(`bench: unknown lab '${options.lab}'; known labs: ${vi.labs().join(', ')}`);
  process.exit(2);
}
const rows = [...benchNative(options.lab), ...timeRuns(vi, 'wasm', options.lab)];
if (options.browser) {
  const { benchChromium } = await import('./bench_browser.mjs');
  rows.push(...(await benchChromium(options.lab)));
}
if (options.page) {
  const { benchPage } = await import('./bench_page.mjs');
  const labs = options.lab ? [options.lab] : Array.from(vi.labs());
  rows.push(
    ...(await benchPage(labs, undefined, { workers: options.workers, site: options.site })),
  );
}
const buildOrder = ['native', 'wasm', 'chromium', 'page'];
rows.sort(
  (a, b) => a.lab.localeCompare(b.lab) || buildOrder.indexOf(a.build) - buildOrder.indexOf(b.build),
);
if (options.json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const header = [
    'lab'.padEnd(24),
    'build'.padEnd(7),
    'steps'.padStart(8),
    'seconds'.padStart(9),
    'steps/s'.padStart(11),
    'GFLOP/s'.padStart(8),
    'final s'.padStart(8),
    'workers'.padStart(8),
    'build s'.padStart(8),
  ];
  console.log(header.join(' '));
  for (const r of rows) {
    const gflops = r.gflops === undefined ? '' : r.gflops.toFixed(2);
    console.log(
      [
        r.lab.padEnd(24),
        r.build.padEnd(7),
        String(r.steps).padStart(8),
        r.seconds.toFixed(3).padStart(9),
        r.stepsPerSecond.toFixed(0).padStart(11),
        gflops.padStart(8),
        (r.refinedSeconds === undefined ? '' : r.refinedSeconds.toFixed(2)).padStart(8),
        String(r.workers ?? '').padStart(8),
        (r.buildSeconds === undefined ? '' : r.buildSeconds.toFixed(3)).padStart(8),
      ].join(' '),
    );
  }
}
