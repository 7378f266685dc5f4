// Times every engine call (build, one step, views, metrics) for each lab at its all-maximum
// config (every number and integer field at its max, booleans on, choices at their defaults),
// in WebAssembly under Node, so that the bounds on a call's cost can be chosen. Each lab runs in
// its own process with a time limit. Usage: node scripts/bench_limits.mjs [--limit-s 120] [lab...]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadVilab } from '../tests/js/load_vilab.mjs';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

function allMaximum(schema) {
  const config = {};
  for (const [key, spec] of Object.entries(schema)) {
    if (key === 'seed') continue;
    if (spec.type === 'number' || spec.type === 'integer') config[key] = spec.max;
    else if (spec.type === 'boolean') config[key] = true;
  }
  return config;
}

async function timeLab(name) {
  const vi = await loadVilab();
  const config = allMaximum(vi.schema(name));
  // Each call's time is printed as soon as it is known: a call that runs past the limit is
  // then named by the ones before it.
  const time = (call, fn) => {
    const start = performance.now();
    const value = fn();
    console.log(JSON.stringify({ call, ms: performance.now() - start }));
    return value;
  };
  console.log(JSON.stringify({ call: 'config', config }));
  const lab = time('build', () => new vi.Lab(name, config));
  time('step', () => lab.step(1));
  time('step', () => lab.step(1));
  time('views', () => lab.views());
  time('metrics', () => lab.metrics());
  lab.delete();
}

if (args[0] === '--child') {
  await timeLab(args[1]);
} else {
  const limitIndex = args.indexOf('--limit-s');
  const limitS = limitIndex >= 0 ? Number(args[limitIndex + 1]) : 120;
  const only = args.filter((a, i) => a !== '--limit-s' && i !== limitIndex + 1);
  const labs = only.length ? only : (await loadVilab()).labs();
  console.log('lab               build ms    step ms   views ms metrics ms');
  for (const name of labs) {
    const r = spawnSync(process.execPath, [self, '--child', name], {
      encoding: 'utf8',
      timeout: limitS * 1000,
    });
    const lines = (r.stdout ?? '')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const t = { build: NaN, step: NaN, views: NaN, metrics: NaN };
    for (const { call, ms } of lines) if (call in t) t[call] = Math.max(ms, t[call] || 0);
    const ms = (x) => (Number.isNaN(x) ? '—' : x.toFixed(1)).padStart(10);
    let note = '';
    if (r.status !== 0) {
      const next = Object.keys(t).find((call) => Number.isNaN(t[call]));
      const why =
        r.error?.code === 'ETIMEDOUT' ? `over ${limitS} s` : r.stderr.trim().split('\n').at(-1);
      note = `  (${next} did not finish: ${why})`;
    }
    console.log(
      `${name.padEnd(16)}${ms(t.build)} ${ms(t.step)} ${ms(t.views)} ${ms(t.metrics)}${note}`,
    );
    console.log(`  config: ${JSON.stringify(lines[0]?.config ?? {})}`);
  }
}
