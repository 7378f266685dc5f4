// Steering a run from the page: what a settings change does (each schema field's kind: view,
// live or restart), the label a live change leaves on the loss panel, and the schedule of
// changes that the JSON export records so that `vilab run <lab> --schedule run.json` replays it.

/**
 * The fields of `partial` whose value differs from `config`, split by kind. `restart` is true
 * when any of them needs a new run (a field the schema does not know counts as one).
 */
export function classifyChange(schema, config, partial) {
  const changes = {};
  const kinds = { view: [], live: [], restart: [] };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (config && Object.is(config[key], value)) continue;
    changes[key] = value;
    const kind = schema?.[key]?.kind;
    kinds[kind === 'view' || kind === 'live' ? kind : 'restart'].push(key);
  }
  return { changes, kinds, restart: kinds.restart.length > 0 };
}

function shortValue(value) {
  if (typeof value === 'number' && Number.isFinite(value))
    return String(Number(value.toPrecision(6)));
  return String(value);
}

/** "lr 0.01 → 0.001" for the live fields among `changes` (empty when there are none). */
export function changeLabel(schema, before, changes) {
  return Object.entries(changes)
    .filter(([key]) => schema?.[key]?.kind === 'live')
    .map(([key, value]) => `${key} ${shortValue(before?.[key])} → ${shortValue(value)}`)
    .join(', ');
}

/**
 * The schedule with `changes` applied at `step`: entries stay in step order, and changes at
 * the step of the last entry join it (a later value of a field replaces an earlier one).
 */
export function recordChange(schedule, step, changes) {
  const last = schedule[schedule.length - 1];
  if (last && last.step === step)
    return [...schedule.slice(0, -1), { step, set: { ...last.set, ...changes } }];
  return [...schedule, { step, set: { ...changes } }];
}
