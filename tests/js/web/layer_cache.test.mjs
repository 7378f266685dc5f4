import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axesKey, createLayerCache } from '../../../web/js/plots/layer_cache.js';

// A stand-in for a panel's 2-D context: records the images it is given, and its canvas belongs
// to a document whose canvases record what is drawn on them.
function fakeContext({ width = 300, height = 200, scale = 1 } = {}) {
  const made = [];
  const contextOf = (canvas) => ({
    canvas,
    transforms: [],
    clearRect() {},
    setTransform(t) {
      this.transforms.push(t);
    },
  });
  const document = {
    createElement(tag) {
      assert.equal(tag, 'canvas');
      const canvas = { width: 0, height: 0 };
      canvas.context = contextOf(canvas);
      canvas.getContext = () => canvas.context;
      made.push(canvas);
      return canvas;
    },
  };
  const g = {
    canvas: { width, height, ownerDocument: document },
    images: [],
    transform: { a: scale, b: 0, c: 0, d: scale, e: 0, f: 0 },
    getTransform() {
      return this.transform;
    },
    save() {},
    restore() {},
    setTransform() {},
    drawImage(image) {
      this.images.push(image);
    },
  };
  return { g, made };
}

test('a layer is rendered once and copied at every paint while nothing it depends on changes', () => {
  const { g, made } = fakeContext();
  const cache = createLayerCache();
  const rendered = [];
  const render = (c) => rendered.push(c);
  const xs = [0.5, 1, 1.5];
  for (let paint = 0; paint < 4; paint++) cache.draw(g, { key: 'a', data: [xs.slice()] }, render);
  assert.equal(rendered.length, 1);
  assert.equal(made.length, 1);
  assert.equal(rendered[0], made[0].context, 'rendered on its own canvas, not on the panel');
  assert.deepEqual([made[0].width, made[0].height], [300, 200]);
  assert.equal(g.images.length, 4);
  assert.ok(g.images.every((image) => image === made[0]));
});

test('a layer is rendered again when its numbers, key, size or transform change', () => {
  const { g } = fakeContext();
  const cache = createLayerCache();
  let renders = 0;
  const draw = (key, data) => cache.draw(g, { key, data }, () => renders++);
  draw('a', [[1, 2]]);
  draw('a', [[1, 2.5]]);
  assert.equal(renders, 2, 'a moved point');
  draw('a', [[1, 2.5, 3]]);
  assert.equal(renders, 3, 'one more point');
  draw('a', [[1, 2.5, 3], [0]]);
  assert.equal(renders, 4, 'one more array');
  draw('b', [[1, 2.5, 3], [0]]);
  assert.equal(renders, 5, 'another key (axes, colour)');
  g.canvas.width = 400;
  draw('b', [[1, 2.5, 3], [0]]);
  assert.equal(renders, 6, 'a resized panel');
  g.transform = { ...g.transform, a: 2, d: 2 };
  draw('b', [[1, 2.5, 3], [0]]);
  assert.equal(renders, 7, 'another pixel ratio');
  draw('b', [Float32Array.of(1, 2.5, 3), [0]]);
  assert.equal(renders, 7, 'the same numbers in a typed array');
  draw('b', [[1, 2.5, NaN], [0]]);
  draw('b', [[1, 2.5, NaN], [0]]);
  assert.equal(renders, 8, 'NaN equals NaN');
});

test('the layer is rendered with the panel context’s transform', () => {
  const { g, made } = fakeContext({ scale: 2 });
  createLayerCache().draw(g, { key: '', data: [] }, () => {});
  assert.deepEqual(made[0].context.transforms, [g.transform]);
});

test('without a document the layer is drawn on the context itself', () => {
  const g = { canvas: {} };
  const seen = [];
  createLayerCache().draw(g, { key: 'a' }, (c) => seen.push(c));
  assert.deepEqual(seen, [g]);
});

test('axesKey tells apart axes that differ in range, scale or box', () => {
  const box = { left: 10, top: 5, width: 100, height: 50 };
  const axes = { x0: 0, x1: 1, y0: -1, y1: 1, yScale: 'linear', box };
  const keys = new Set([
    axesKey(axes),
    axesKey({ ...axes, x1: 2 }),
    axesKey({ ...axes, y0: -2 }),
    axesKey({ ...axes, yScale: 'log' }),
    axesKey({ ...axes, box: { ...box, width: 101 } }),
    axesKey({ ...axes, box: { ...box, top: 6 } }),
  ]);
  assert.equal(keys.size, 6);
  assert.equal(axesKey({ ...axes }), axesKey(axes));
});
