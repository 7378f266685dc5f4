// What the calibration claims of logistic and moons share: reading the reliability bins of a
// view ({count, predicted, observed} per bin).
import assert from 'node:assert/strict';

// Bins with fewer points say little: a bin of 3 points can sit anywhere by chance.
const enough = 20;

/** The number of points behind a reliability view. */
export const pointsIn = (bins) => bins.count.reduce((sum, c) => sum + c, 0);

/**
 * Underconfident (the curve flatter than the diagonal): in every bin of `enough` points, class 1
 * is more frequent than predicted above ½ and less frequent below.
 */
export function assertUnderconfident(bins, where) {
  bins.count.forEach((count, b) => {
    if (count < enough) return;
    const gap = bins.observed[b] - bins.predicted[b];
    const side = bins.predicted[b] > 0.5 ? gap > 0 : gap < 0;
    assert.ok(
      side,
      `${where}: bin ${b} predicted ${bins.predicted[b]}, observed ${bins.observed[b]}`,
    );
  });
}

/**
 * Overconfident at the extremes: the outermost bins, where the predictor is surest, are right
 * less often than they claim (observed pulled toward ½) by more than four binomial standard
 * errors.
 */
export function assertOverconfidentEnds(bins, where) {
  for (const b of [0, bins.count.length - 1]) {
    const p = bins.predicted[b];
    const se = Math.sqrt((p * (1 - p)) / bins.count[b]);
    const pulledIn = p < 0.5 ? bins.observed[b] - p : p - bins.observed[b];
    assert.ok(bins.count[b] >= enough && pulledIn > 4 * se, `${where}: bin ${b}`);
  }
}
