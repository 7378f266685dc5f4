// Where a canvas's text went: every fillText on an instrumented context is recorded as a box
// {text, left, top, right, bottom} in the canvas's CSS pixels, so tests (and the page) can
// check that no two labels overlap. The boxes come from measureText and the current transform.

/** The axis-aligned box of text drawn at (x, y) with the context's current settings. */
export function textBox(g, text, x, y) {
  const m = g.measureText(text);
  const left = -m.actualBoundingBoxLeft;
  const right = m.actualBoundingBoxRight;
  const top = -m.actualBoundingBoxAscent;
  const bottom = m.actualBoundingBoxDescent;
  const t = g.getTransform();
  const corners = [
    [x + left, y + top],
    [x + right, y + top],
    [x + left, y + bottom],
    [x + right, y + bottom],
  ].map(([u, v]) => [t.a * u + t.c * v + t.e, t.b * u + t.d * v + t.f]);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return {
    left: Math.min(...xs),
    top: Math.min(...ys),
    right: Math.max(...xs),
    bottom: Math.max(...ys),
  };
}

/**
 * Makes g.fillText record its boxes into `boxes` (divided by `scale`, the device pixel ratio,
 * to give CSS pixels). Returns the array; empty it before each repaint.
 */
export function recordText(g, boxes = []) {
  const fillText = g.fillText;
  g.fillText = function recordedFillText(text, x, y, ...rest) {
    const scale = g.canvas.width / (g.canvas.clientWidth || g.canvas.width);
    const box = textBox(g, String(text), x, y);
    if (String(text).trim())
      boxes.push({
        text: String(text),
        left: box.left / scale,
        top: box.top / scale,
        right: box.right / scale,
        bottom: box.bottom / scale,
      });
    return fillText.call(this, text, x, y, ...rest);
  };
  return boxes;
}

/** Pairs of boxes that overlap by more than `slack` pixels both ways: [[a, b], …]. */
export function overlaps(boxes, slack = 0.5) {
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > slack && h > slack) out.push([a, b]);
    }
  }
  return out;
}
