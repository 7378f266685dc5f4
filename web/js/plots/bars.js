// A bar's value label: level above the bar when it fits the bar's width, otherwise turned a
// quarter (reading upwards), so labels of narrow neighbouring bars never run into each other.

/** Draws `text` above a bar centred at cx whose top is at y, in the context's current font. */
export function drawBarValue(g, text, cx, y, barWidth) {
  g.save();
  if (g.measureText(text).width <= barWidth - 2) {
    g.textAlign = 'center';
    g.textBaseline = 'bottom';
    g.fillText(text, cx, y - 2);
  } else {
    g.translate(cx, y - 3);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.fillText(text, 0, 0);
  }
  g.restore();
}

/**
 * The top of a bar chart's value axis that leaves room above the tallest bar for its label:
 * `labels` are the value labels, drawn in `font` over bars `barWidth` wide in a plot box
 * `boxHeight` tall. At least `base` × the largest value.
 */
export function barTop(g, font, maxValue, labels, barWidth, boxHeight, base = 1.15) {
  g.save();
  g.font = font;
  const widest = Math.max(0, ...labels.map((t) => g.measureText(t).width));
  g.restore();
  const need = widest <= barWidth - 2 ? 16 : widest + 8;
  const share = Math.min(0.6, need / Math.max(1, boxHeight));
  return Math.max(maxValue * base, maxValue / (1 - share)) || 1;
}

/** `text` shortened with an ellipsis to `width` pixels in the context's current font. */
export function fitText(g, text, width) {
  if (g.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && g.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * A category label under a slot `width` pixels wide, top at y: one line when it fits, else
 * two lines split at the space nearest the middle (each shortened if still too wide).
 */
export function drawSlotLabel(g, text, cx, y, width, lineHeight = 15) {
  g.save();
  g.textAlign = 'center';
  g.textBaseline = 'top';
  const room = width - 4;
  if (g.measureText(text).width <= room || !text.includes(' ')) {
    g.fillText(fitText(g, text, room), cx, y);
  } else {
    const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
    const split = spaces.reduce((a, b) =>
      Math.abs(b - text.length / 2) < Math.abs(a - text.length / 2) ? b : a,
    );
    g.fillText(fitText(g, text.slice(0, split), room), cx, y);
    g.fillText(fitText(g, text.slice(split + 1), room), cx, y + lineHeight);
  }
  g.restore();
}
