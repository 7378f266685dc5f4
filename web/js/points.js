// A points field's text, "x,y_x,y" (coordinates joined by ",", points by "_"), read against its
// schema spec {coordinates: [{name, min, max, integer}], minPoints, maxPoints} and written back
// with each coordinate rounded to three decimals. The engine reads the same text
// (engine/config/config.h, parse_points) and checks it again.
import { parseNumberText } from './number_text.js';

/** What a points field accepts, e.g. `0 to 200 points "x,y" joined by "_", x in [-8, 8], …`. */
export function pointsRangeText(spec) {
  const form = spec.coordinates.map((c) => c.name).join(',');
  const ranges = spec.coordinates
    .map((c) => `${c.name}${c.integer ? ' an integer' : ''} in [${c.min}, ${c.max}]`)
    .join(', ');
  return `${spec.minPoints} to ${spec.maxPoints} points "${form}" joined by "_" ("" for none), ${ranges}`;
}

/**
 * Reads a points text: {ok: true, points: [[x, y], …]} or {ok: false, reason} naming the point
 * and the coordinate at fault.
 */
export function parsePoints(spec, text) {
  const parts = text === '' ? [] : text.split('_');
  if (parts.length > spec.maxPoints || parts.length < spec.minPoints) {
    const bound =
      parts.length > spec.maxPoints
        ? `more than ${spec.maxPoints}`
        : `fewer than ${spec.minPoints}`;
    return { ok: false, reason: `${parts.length} points, ${bound} allowed` };
  }
  const points = [];
  for (const [i, part] of parts.entries()) {
    const coords = part.split(',');
    if (coords.length !== spec.coordinates.length)
      return {
        ok: false,
        reason: `point ${i + 1} "${part}" has ${coords.length} coordinates, not ${spec.coordinates.length}`,
      };
    const point = [];
    for (const [k, c] of spec.coordinates.entries()) {
      const value = parseNumberText(coords[k]);
      let why = '';
      if (value === null) why = 'is not a finite number';
      else if (c.integer && !Number.isInteger(value)) why = 'is not an integer';
      else if (value < c.min || value > c.max) why = `is out of range [${c.min}, ${c.max}]`;
      if (why)
        return { ok: false, reason: `point ${i + 1} "${part}": ${c.name} = ${coords[k]} ${why}` };
      point.push(value);
    }
    points.push(point);
  }
  return { ok: true, points };
}

function coordinateText(value, coordinate) {
  const clamped = Math.min(coordinate.max, Math.max(coordinate.min, value));
  const rounded = coordinate.integer ? Math.round(clamped) : Number(clamped.toFixed(3));
  return String(rounded === 0 ? 0 : rounded); // never "-0"
}

/** Writes points (arrays of coordinates) as the field's text, clamped into range and rounded. */
export function formatPoints(spec, points) {
  return points
    .map((point) => spec.coordinates.map((c, k) => coordinateText(point[k], c)).join(','))
    .join('_');
}
