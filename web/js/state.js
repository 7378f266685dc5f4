// URL state: which lab, the config fields that differ from the defaults, the seed,
// and embed mode. Every value read from a URL is checked against the lab's schema;
// anything unknown or out of range becomes a warning and the default is kept. Numbers follow
// the one grammar of number_text.js (the CLI's too). A parameter given more than once is read
// the same way for every name (lab, embed and the fields): the first value counts, and a
// warning names the parameter.
import { parseNumberText } from './number_text.js';
import { parsePoints, pointsRangeText } from './points.js';

// autoheight: an embed sized by its content (web/embed.js); workers: how many training workers
// (parallel_client.js); view.*: display toggles (display_state.js), read by the page itself.
const reservedKeys = new Set(['lab', 'embed', 'autoheight', 'workers']);
const isReserved = (key) => reservedKeys.has(key) || key.startsWith('view.');

export function specFor(schema, key) {
  // Own properties only: "__proto__" or "constructor" are unknown settings like any other.
  return Object.hasOwn(schema, key) ? schema[key] : null;
}

function rangeText(spec) {
  if (spec.type === 'boolean') return 'true or false';
  if (spec.type === 'choice') return `one of ${spec.choices.join(', ')}`;
  if (spec.type === 'points') return pointsRangeText(spec);
  const kind = spec.type === 'integer' ? 'an integer' : 'a number';
  const hasMin = Number.isFinite(spec.min);
  const hasMax = Number.isFinite(spec.max);
  if (hasMin && hasMax) return `${kind} from ${spec.min} to ${spec.max}`;
  if (hasMin) return `${kind} ≥ ${spec.min}`;
  if (hasMax) return `${kind} ≤ ${spec.max}`;
  return kind;
}

/** Parses one URL string against a field spec: {ok: true, value} or {ok: false, reason}. */
export function parseValue(spec, raw) {
  const text = String(raw);
  const fail = { ok: false, reason: `expected ${rangeText(spec)}` };
  switch (spec.type) {
    case 'boolean':
      if (text === 'true' || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === '0') return { ok: true, value: false };
      return fail;
    case 'choice':
      return spec.choices.includes(text) ? { ok: true, value: text } : fail;
    case 'points': {
      const parsed = parsePoints(spec, text);
      return parsed.ok
        ? { ok: true, value: text }
        : { ok: false, reason: `${parsed.reason}; expected ${rangeText(spec)}` };
    }
    case 'integer':
    case 'number': {
      const value = parseNumberText(text);
      if (value === null) return fail;
      if (spec.type === 'integer' && !Number.isInteger(value)) return fail;
      if (Number.isFinite(spec.min) && value < spec.min) return fail;
      if (Number.isFinite(spec.max) && value > spec.max) return fail;
      return { ok: true, value };
    }
    default:
      return { ok: false, reason: `unsupported field type "${spec.type}"` };
  }
}

export function formatValue(value) {
  return String(value);
}

// An empty points field is the exercise's own data.
const keptText = (value) => (value === '' ? 'the exercise’s data' : formatValue(value));

function shorten(text, limit = 60) {
  const s = String(text);
  return s.length > limit ? `${s.slice(0, limit)}…` : s;
}

/**
 * Reads a query string. `labs` are the engine's registered labs and `catalog[name]`
 * their {defaults, schema}. Returns {lab, config, embed, warnings}; config is complete
 * (defaults overlaid with the URL's valid values).
 */
export function readUrlState(search, labs, catalog) {
  const params = new URLSearchParams(search);
  const warnings = [];
  const counts = new Map();
  for (const key of params.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, count] of counts)
    if (count > 1)
      warnings.push(
        `The link gives "${shorten(key)}" ${count} times; used the first, "${shorten(params.get(key))}".`,
      );
  let lab = params.get('lab');
  if (!labs.includes(lab)) {
    if (lab !== null)
      warnings.push(
        `There is no lab called "${shorten(lab)}" here yet; showing ${labs[0]} instead.`,
      );
    lab = labs[0];
    if (!lab) return { lab: null, config: {}, embed: false, warnings };
  }
  const { defaults, schema } = catalog[lab];
  const config = { ...defaults };
  const seen = new Set();
  for (const [key, raw] of params) {
    if (isReserved(key) || seen.has(key)) continue;
    seen.add(key);
    const spec = specFor(schema, key);
    if (!spec) {
      warnings.push(`Ignored unknown setting "${shorten(key)}".`);
      continue;
    }
    const parsed = parseValue(spec, raw);
    if (parsed.ok) config[key] = parsed.value;
    else
      warnings.push(
        `Ignored ${shorten(key)} = "${shorten(raw)}": ${parsed.reason}; kept ${keptText(config[key])}.`,
      );
  }
  const embed = params.get('embed') === '1';
  return { lab, config, embed, warnings };
}

/** URLSearchParams as text, with points' commas ("x,y_x,y") kept: a query may hold them as they are. */
export function queryText(params) {
  return params.toString().replaceAll('%2C', ',');
}

/** The query string for a state: lab, changed fields in schema order, the seed, embed. */
export function writeUrlState({ lab, config, defaults, schema, embed = false }) {
  const params = new URLSearchParams();
  params.set('lab', lab);
  for (const key of Object.keys(schema)) {
    if (key === 'seed' || !(key in config)) continue;
    if (config[key] !== defaults[key]) params.set(key, formatValue(config[key]));
  }
  if ('seed' in config) params.set('seed', formatValue(config.seed));
  if (embed) params.set('embed', '1');
  return queryText(params);
}

export { rangeText };
