// Display toggles in the URL: the panels' check boxes and selects (log scale, wide x range,
// with noise, the uncertainty measure) and the training speed, as view.<name>=<value>
// beside the lab's settings. Only values that differ from the page's defaults are written.

export const displayPrefix = 'view.';

/** A URL-safe name for a control's label: "wide x range" -> "wide-x-range". */
export function slug(text) {
  return String(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Unique keys for controls [{name}] in page order: the slug of each name, with -2, -3… for
 * repeats. Returns the keys in the same order.
 */
export function displayKeys(names) {
  const seen = new Map();
  return names.map((name) => {
    const base = slug(name) || 'control';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** The display values a query string asks for: {key: string} for keys in `known`. */
export function readDisplay(search, known) {
  const params = new URLSearchParams(search);
  const out = {};
  for (const [key, value] of params) {
    if (!key.startsWith(displayPrefix)) continue;
    const name = key.slice(displayPrefix.length);
    if (known.includes(name)) out[name] = value;
  }
  return out;
}

/** Appends view.<key>=<value> to `params` for every value that differs from its default. */
export function writeDisplay(params, values, defaults) {
  for (const [key, value] of Object.entries(values)) {
    if (value !== defaults[key]) params.set(`${displayPrefix}${key}`, value);
  }
  return params;
}

/** A check box's URL value, and back. */
export const boxValue = (checked) => (checked ? '1' : '0');
export const boxChecked = (value) => value === '1' || value === 'true';
