// Number formatting shared by controls, metrics and plots.

/** Compact human formatting: 4 significant digits, exponent form for very small or large. */
export function formatNumber(value, digits = 4) {
  if (typeof value !== 'number') return String(value);
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    return value
      .toExponential(Math.max(0, digits - 2))
      .replace('e+', 'e')
      .replace('-', '−');
  }
  const text = Number(value.toPrecision(digits)).toString();
  return text.replace('-', '−');
}

/** Metric values may be numbers, booleans or short arrays (a mean vector, a 2×2 covariance). */
export function formatMetric(value, digits = 4) {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `(${Array.from(value, (v) => formatNumber(v, digits)).join(', ')})`;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return formatNumber(value, digits);
}

/** Rounds a control value to a precision that reads well in a URL (6 significant digits). */
export function roundForUrl(value) {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(6));
}

/** Steps per second for the status line: 12.3k/s style. */
export function formatRate(stepsPerSec) {
  if (!(stepsPerSec > 0)) return '—';
  if (stepsPerSec >= 1e4) return `${(stepsPerSec / 1000).toFixed(0)}k`;
  if (stepsPerSec >= 1e3) return `${(stepsPerSec / 1000).toFixed(1)}k`;
  return stepsPerSec.toFixed(0);
}

/**
 * A count with thousands separators, 12,345 (what toLocaleString('en-US') gives for an integer,
 * without its first call's cost: loading the number locale takes tens of milliseconds).
 */
export function formatCount(value) {
  const text = String(Math.trunc(Number(value)));
  return /^-?\d+$/.test(text) ? text.replace(/\B(?=(\d{3})+$)/g, ',') : text;
}

/** Reads a dotted metric key ('vi.coverage90') from a nested metrics object. */
export function getPath(object, path) {
  return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}
