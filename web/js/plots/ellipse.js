// Covariance ellipses: the curve {x : (x − m)ᵀ Σ⁻¹ (x − m) = k²}, drawn as m + k·L·(cos t, sin t)
// with L the Cholesky factor of Σ (L Lᵀ = Σ), which traces exactly that curve.

/** Points [x0, y0, x1, y1, ...] of the k-sigma ellipse of N(mean, cov), cov row-major 2×2. */
export function ellipsePoints(mean, cov, k = 1, count = 72) {
  const l11 = Math.sqrt(Math.max(cov[0], 0));
  const l21 = l11 > 0 ? cov[2] / l11 : 0;
  const l22 = Math.sqrt(Math.max(cov[3] - l21 * l21, 0));
  const points = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const t = (2 * Math.PI * i) / count;
    const u = k * Math.cos(t);
    const v = k * Math.sin(t);
    points[2 * i] = mean[0] + l11 * u;
    points[2 * i + 1] = mean[1] + l21 * u + l22 * v;
  }
  return points;
}

export function diagonalCov(variance) {
  return [variance[0], 0, 0, variance[1]];
}

/** Strokes the k-sigma ellipse on axes with style {color, width, dash}. */
export function drawEllipse(g, axes, mean, cov, k, { color, width = 2, dash = [] } = {}) {
  if (![...mean, ...cov].every(Number.isFinite)) return;
  const points = ellipsePoints(mean, cov, k);
  g.save();
  g.strokeStyle = color;
  g.lineWidth = width;
  g.setLineDash(dash);
  g.beginPath();
  for (let i = 0; i < points.length; i += 2) {
    const x = axes.px(points[i]);
    const y = axes.py(points[i + 1]);
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.closePath();
  g.stroke();
  g.restore();
}
