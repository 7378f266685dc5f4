// Contour lines by marching squares on a grid sampled at nodes: values[row * nx + col],
// row = y index from the bottom, col = x index from the left.

// For each of the 16 corner cases, the cell edges a segment joins (0 bottom, 1 right,
// 2 top, 3 left); corners are numbered bottom-left, bottom-right, top-right, top-left.
const caseEdges = [
  [],
  [[3, 0]],
  [[0, 1]],
  [[3, 1]],
  [[1, 2]],
  null,
  [[0, 2]],
  [[3, 2]],
  [[2, 3]],
  [[0, 2]],
  null,
  [[1, 2]],
  [[1, 3]],
  [[0, 1]],
  [[3, 0]],
  [],
];

function edgePoint(edge, col, row, v) {
  const t = (a, b) => (a === b ? 0.5 : (0 - a) / (b - a));
  switch (edge) {
    case 0:
      return [col + t(v[0], v[1]), row];
    case 1:
      return [col + 1, row + t(v[1], v[2])];
    case 2:
      return [col + t(v[3], v[2]), row + 1];
    default:
      return [col, row + t(v[0], v[3])];
  }
}

/** Segments [x0, y0, x1, y1, ...] in fractional grid-index coordinates where values = level. */
export function contourSegments(values, nx, ny, level) {
  const out = [];
  for (let row = 0; row + 1 < ny; row++) {
    for (let col = 0; col + 1 < nx; col++) {
      const v = [
        values[row * nx + col] - level,
        values[row * nx + col + 1] - level,
        values[(row + 1) * nx + col + 1] - level,
        values[(row + 1) * nx + col] - level,
      ];
      const code =
        (v[0] > 0 ? 1 : 0) | (v[1] > 0 ? 2 : 0) | (v[2] > 0 ? 4 : 0) | (v[3] > 0 ? 8 : 0);
      let edges = caseEdges[code];
      if (edges === null) {
        // Saddle: the cell centre's average decides which diagonal pair is connected.
        const centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 > 0;
        edges =
          (code === 5) === centreAbove
            ? [
                [3, 2],
                [0, 1],
              ]
            : [
                [3, 0],
                [1, 2],
              ];
      }
      for (const [a, b] of edges)
        out.push(...edgePoint(a, col, row, v), ...edgePoint(b, col, row, v));
    }
  }
  return out;
}

/** Draws contour lines of a node-sampled grid spanning [x0, x1] × [y0, y1] at each level. */
export function drawContours(g, axes, grid, levels, { color, width = 1, dash = [] } = {}) {
  const { values, nx, ny, x0, x1, y0, y1 } = grid;
  const sx = (x1 - x0) / (nx - 1);
  const sy = (y1 - y0) / (ny - 1);
  g.save();
  g.strokeStyle = color;
  g.lineWidth = width;
  g.setLineDash(dash);
  g.beginPath();
  for (const level of levels) {
    const s = contourSegments(values, nx, ny, level);
    for (let i = 0; i < s.length; i += 4) {
      g.moveTo(axes.px(x0 + s[i] * sx), axes.py(y0 + s[i + 1] * sy));
      g.lineTo(axes.px(x0 + s[i + 2] * sx), axes.py(y0 + s[i + 3] * sy));
    }
  }
  g.stroke();
  g.restore();
}
