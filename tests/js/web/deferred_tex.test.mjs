// Formulas written before KaTeX has loaded show their TeX source and are typeset in place when it
// arrives; formulas written after that are typeset at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeferredTex } from '../../../web/js/deferred_tex.js';

function element() {
  const classes = new Set();
  return {
    textContent: '',
    classList: {
      add: (name) => classes.add(name),
      remove: (name) => classes.delete(name),
      contains: (name) => classes.has(name),
    },
  };
}

// A stand-in for KaTeX that records its calls and writes a recognisable result.
function fakeKatex() {
  const calls = [];
  return {
    calls,
    render(tex, target, options) {
      calls.push({ tex, options });
      target.textContent = `typeset(${tex})`;
    },
  };
}

test('before KaTeX a formula shows its TeX source, marked as pending', () => {
  const tex = createDeferredTex();
  const span = element();
  tex.render('x^2', span, { displayMode: false });
  assert.equal(span.textContent, 'x^2');
  assert.ok(span.classList.contains('math-pending'));
  assert.equal(tex.pending, 1);
});

test('KaTeX typesets every waiting formula in place, with its own options, in order', () => {
  const tex = createDeferredTex();
  const inline = element();
  const display = element();
  tex.render('a+b', inline, { displayMode: false });
  tex.render('\\int f', display, { displayMode: true });
  const katex = fakeKatex();
  tex.typeset(katex);
  assert.deepEqual(katex.calls, [
    { tex: 'a+b', options: { displayMode: false } },
    { tex: '\\int f', options: { displayMode: true } },
  ]);
  assert.equal(inline.textContent, 'typeset(a+b)');
  assert.equal(display.textContent, 'typeset(\\int f)');
  assert.ok(!inline.classList.contains('math-pending'));
  assert.equal(tex.pending, 0);
});

test('once KaTeX is there, a new formula is typeset at once', () => {
  const tex = createDeferredTex();
  const katex = fakeKatex();
  tex.typeset(katex);
  const span = element();
  tex.render('y', span, {});
  assert.equal(span.textContent, 'typeset(y)');
  assert.equal(tex.pending, 0);
  assert.equal(katex.calls.length, 1);
});
