// A layer drawn once and then copied: marks that stay put while a model trains (a data set's
// points over a map or a curve) are rasterized into a canvas of their own when what they depend
// on changes, and copied onto the panel at every other paint. Without a GPU, filling 2 000 small
// circles costs Chromium about 12 ms a paint and copying them back about 0.4 ms. Source-over
// compositing is associative, so the copy looks as drawing the marks in place does.

/**
 * Returns a cache owning one canvas. draw(g, {key, data}, render) puts the layer on g: render(c)
 * draws it on a context with g's transform; it runs again only when g's size or transform, the
 * string `key` (axes, colours, sizes: whatever else the drawing reads) or the numbers in the
 * arrays `data` differ from the last rendering. Without a document (a stand-in context in a test)
 * render draws on g itself.
 */
export function createLayerCache() {
  let image = null;
  let lastKey = null;
  let lastData = [];
  return {
    draw(g, { key, data = [] }, render) {
      const doc = g.canvas?.ownerDocument;
      if (!doc) {
        render(g);
        return;
      }
      const t = g.getTransform();
      const fullKey = `${g.canvas.width}×${g.canvas.height} ${t.a},${t.b},${t.c},${t.d},${t.e},${t.f} ${key}`;
      if (fullKey !== lastKey || !sameNumbers(lastData, data)) {
        image ??= doc.createElement('canvas');
        image.width = g.canvas.width; // a new size also clears the canvas and its state
        image.height = g.canvas.height;
        const c = image.getContext('2d');
        c.clearRect(0, 0, image.width, image.height);
        c.setTransform(t);
        render(c);
        lastKey = fullKey;
        lastData = data.map((values) => Float64Array.from(values));
      }
      g.save();
      g.setTransform(1, 0, 0, 1, 0, 0);
      g.globalAlpha = 1;
      g.globalCompositeOperation = 'source-over';
      g.drawImage(image, 0, 0); // within g's clip, as the marks themselves would be
      g.restore();
    },
  };
}

/** Whether the arrays in `now` hold the same numbers as the copies in `kept` (NaN equals NaN). */
function sameNumbers(kept, now) {
  if (kept.length !== now.length) return false;
  for (let k = 0; k < now.length; k++) {
    const a = kept[k];
    const b = now[k];
    if (a.length !== b.length) return false;
    for (let i = 0; i < b.length; i++) if (!Object.is(a[i], +b[i])) return false;
  }
  return true;
}

/** The key part for a set of axes: their ranges, scale and plot box. */
export function axesKey(axes) {
  const { box } = axes;
  return `${axes.x0},${axes.x1},${axes.y0},${axes.y1},${axes.yScale} ${box.left},${box.top},${box.width},${box.height}`;
}
