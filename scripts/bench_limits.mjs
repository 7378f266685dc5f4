// Times every engine call (build, one step, views, metrics) for each lab at its all-maximum
// config (every number and integer field at its max, booleans on, choices at their defaults),
// in WebAssembly under Node, so that the bounds on a call's cost can be checked. A lab whose
// all-maximum config is over the call budget (engine/config/work_budget.h) refuses it naming the
// fields to lower: the script then lowers the first of them to the largest value accepted (by
// bisection), until the lab accepts, and times that config at the budget's edge. Each lab runs in
// its own process with a time limit. Usage: node scripts/bench_limits.mjs [--limit-s 120] [lab...]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadVilab } from '../tests/js/load_vilab.mjs';
import { allMaximum } from '../tests/js/all_maximum.mjs';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

const refusal = /^\S+: (.*) would take .* one call may take; lower (.*)$/;

// The all-maximum config, lowered field by field (the first the refusal names, bisected to its
// largest accepted value) until the lab accepts it; the refusals on the way are printed.
function budgetEdge(vi, name) {
  const schema = vi.schema(name);
  const config = allMaximum(schema);
  const refusedFields = (c) => {
    try {
      new vi.Lab(name, c).delete();
      return null;
    } catch (error) {
      const match = refusal.exec(error.message);
      if (match) return { call: match[1], fields: match[2].split(/, | or /) };
      // Another refusal naming a field's value (a sensor on the target): that field moves off
      // its maximum by 1 % of its range, and the config is tried again.
      const named = /\(([\w.]+) = /.exec(error.message)?.[1];
      if (!named || !(named in schema)) throw error;
      console.log(JSON.stringify({ call: 'refused', fields: [named], why: error.message }));
      c[named] -= 0.01 * (schema[named].max - schema[named].min);
      return refusedFields(c);
    }
  };
  for (let round = 0; round < 20; round++) {
    const refused = refusedFields(config);
    if (!refused) return config;
    const { fields } = refused;
    console.log(JSON.stringify({ call: 'refused', fields }));
    const key = fields.find((f) => f in schema && config[f] > schema[f].min);
    let lo = schema[key].min,
      hi = config[key]; // lo accepted or unknown, hi refused
    const integer = schema[key].type === 'integer';
    for (let i = 0; i < 30 && (integer ? hi - lo > 1 : hi - lo > 1e-3 * (hi || 1)); i++) {
      const mid = integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
      // Refused for the same call: still over; a later call's refusal is the next round's.
      if (refusedFields({ ...config, [key]: mid })?.call === refused.call) hi = mid;
      else lo = mid;
    }
    config[key] = lo;
  }
  return config;
}

async function timeLab(name) {
  const vi = await loadVilab();
  const config = budgetEdge(vi, name);
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
    for (const { fields } of lines.filter((l) => l.call === 'refused'))
      console.log(`  all-maximum refused, lowered the first of: ${fields.join(', ')}`);
    console.log(
      `  config: ${JSON.stringify(lines.find((l) => l.call === 'config')?.config ?? {})}`,
    );
  }
}
