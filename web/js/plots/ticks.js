// Tick positions and labels from d3-scale (bundled from npm into vendor/d3.js at build time by
// scripts/build_web.mjs, from scripts/d3_entry.mjs):
// linear, log and symmetric-log scales, with labels thinned until they fit the axis.
import { scaleLinear, scaleLog, scaleSymlog, format as d3format } from '../../vendor/d3.js';

/** A d3 scale of the given kind ('linear', 'log' or 'symlog') from domain to range. */
export function makeScale(kind, domain, range, constant = 1) {
  if (kind === 'log') return scaleLog().domain(domain).range(range);
  if (kind === 'symlog') return scaleSymlog().constant(constant).domain(domain).range(range);
  return scaleLinear().domain(domain).range(range);
}

const general = d3format('~g');
const si = d3format('~s');

/** A label for a log or symlog tick: plain decimals, SI prefixes from 10 000 up. */
export function formatLogTick(v) {
  return Math.abs(v) >= 1e4 ? si(v) : general(v);
}

// Ticks for a symmetric-log axis in order of importance: 0, then ±10^k from the largest
// magnitude down, then ±2·10^k and ±5·10^k; |v| ≥ the scale's constant (below it the axis is
// about linear).
function symlogPriority(scale) {
  const [lo, hi] = scale.domain();
  const c = scale.constant();
  const reach = Math.max(Math.abs(lo), Math.abs(hi));
  const lowest = Math.floor(Math.log10(c));
  const highest = Math.ceil(Math.log10(reach || 1));
  const out = lo <= 0 && hi >= 0 ? [0] : [];
  for (const m of [1, 2, 5]) {
    for (let p = highest; p >= lowest; p--) {
      const v = Number((m * 10 ** p).toPrecision(12));
      if (v < c * (1 - 1e-9)) continue;
      for (const s of [v, -v]) if (s >= lo && s <= hi) out.push(s);
    }
  }
  return out;
}

/** Symlog ticks added in order of importance while their labels keep `gap` apart. */
function greedySymlog(scale, size, gap) {
  const chosen = [];
  for (const v of symlogPriority(scale)) {
    const label = formatLogTick(v);
    const p = scale(v);
    const clear = chosen.every((t) => Math.abs(t.p - p) >= (t.size + size(label)) / 2 + gap);
    if (clear) chosen.push({ v, label, p, size: size(label) });
  }
  chosen.sort((a, b) => a.v - b.v);
  return { values: chosen.map((t) => t.v), labels: chosen.map((t) => t.label) };
}

/**
 * Candidate {values, labels} sets for a scale, densest first. `target` is the tick count
 * asked of d3 first; later candidates ask for fewer.
 */
export function tickCandidates(scale, kind, target) {
  const out = [];
  if (kind === 'log') {
    const all = scale.ticks();
    for (let count = target; count >= 1; count = count > 2 ? Math.floor(count * 0.7) : count - 1) {
      // d3's log tickFormat(count) blanks the labels of the minor ticks it drops.
      const keep = scale.tickFormat(count, '');
      const values = all.filter((v) => keep(v) !== '');
      out.push({ values, labels: values.map(formatLogTick) });
    }
    return out;
  }
  const [lo, hi] = scale.domain();
  const big = Math.max(Math.abs(lo), Math.abs(hi)) >= 1e5;
  for (let count = target; count >= 1; count = count > 2 ? Math.floor(count * 0.7) : count - 1) {
    const values = scale.ticks(count);
    const format = scale.tickFormat(count, big ? '~s' : undefined);
    out.push({ values, labels: values.map(format) });
  }
  return out;
}

/**
 * Whether labels of the given sizes centred at `positions` (pixels along the axis) keep at
 * least `gap` pixels apart, and read differently from one another.
 */
export function labelsFit(positions, sizes, labels, gap) {
  if (new Set(labels).size !== labels.length) return false;
  const order = positions.map((p, i) => [p, sizes[i]]).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < order.length; i++) {
    const [p0, s0] = order[i - 1];
    const [p1, s1] = order[i];
    if (p1 - p0 < (s0 + s1) / 2 + gap) return false;
  }
  return true;
}

/**
 * Where a label `size` long, meant to be centred at `position`, is centred so that it stays
 * within `bounds` ([start, end] along the axis; none: anywhere).
 */
export function keepWithin(position, size, bounds) {
  if (!bounds) return position;
  return Math.min(Math.max(position, bounds[0] + size / 2), bounds[1] - size / 2);
}

/**
 * The densest tick set whose labels fit: `size(label)` is a label's extent along the axis
 * (its width on an x axis, its height on a y axis). Labels near an end of `bounds` (the
 * canvas, along the axis) are moved inwards to stay on it (keepWithin), and must fit there.
 * Returns {values, labels}; as a last resort the two ends of the densest set that has them, or
 * nothing.
 */
export function fitTicks(scale, kind, { length, size, gap = 6, target, bounds } = {}) {
  if (kind === 'symlog') return greedySymlog(scale, size, gap);
  const wanted = target ?? Math.max(3, Math.round(length / 55));
  const candidates = tickCandidates(scale, kind, wanted);
  for (const candidate of candidates) {
    const positions = candidate.values.map((v, i) =>
      keepWithin(scale(v), size(candidate.labels[i]), bounds),
    );
    if (labelsFit(positions, candidate.labels.map(size), candidate.labels, gap)) return candidate;
  }
  const last = candidates[candidates.length - 1];
  if (last && last.values.length) {
    const pick = [0, last.values.length - 1].filter((v, i, a) => a.indexOf(v) === i);
    const ends = {
      values: pick.map((i) => last.values[i]),
      labels: pick.map((i) => last.labels[i]),
    };
    const positions = ends.values.map((v, i) => keepWithin(scale(v), size(ends.labels[i]), bounds));
    if (labelsFit(positions, ends.labels.map(size), ends.labels, gap)) return ends;
    return { values: ends.values.slice(0, 1), labels: ends.labels.slice(0, 1) };
  }
  return { values: [], labels: [] };
}
