// Renders a lab's explanation from plain data, so views never build markup strings:
//   {h: 'Heading'}, {p: ['text ', {m: 'x^2'}, ' more text']}, {math: 'display TeX'},
//   {list: [[...inline parts...], ...]} (a bulleted list), {questions: [question, ...]}
//   (numbered; a question is inline parts, or {ask: [...inline parts...], set: {field: value}}
//   when the "Try this" card can apply its setting, see ./try_this.js).
// Inline parts are strings, {m: 'TeX'} (inline math), {b: 'bold'}, {i: 'italic'} or
// {claim: 'id', t: [...inline parts...]}: a sentence stating a number or a direction, checked
// by the test of that id in tests/js/claims.test.mjs (the rule is in ./claims.js).
import { h } from './dom.js';

export function inline(parts, katex) {
  const nodes = [];
  for (const part of [].concat(parts)) {
    if (typeof part === 'string') nodes.push(document.createTextNode(part));
    else if (part.claim !== undefined)
      nodes.push(h('span', { attrs: { 'data-claim': part.claim } }, inline(part.t, katex)));
    else if (part.m !== undefined) {
      const span = h('span', { className: 'math-inline' });
      katex.render(part.m, span, { throwOnError: false, displayMode: false });
      nodes.push(span);
    } else if (part.b !== undefined) nodes.push(h('strong', { text: part.b }));
    else if (part.i !== undefined) nodes.push(h('em', { text: part.i }));
  }
  return nodes;
}

/** A question's inline parts, whether or not it carries a setting to try. */
export function questionParts(question) {
  return Array.isArray(question) ? question : question.ask;
}

export function renderExplanation(container, blocks, katex) {
  const nodes = blocks.map((block) => {
    if (block.h) return h('h3', { text: block.h });
    if (block.math) {
      const div = h('div', { className: 'math-display' });
      katex.render(block.math, div, { throwOnError: false, displayMode: true });
      return div;
    }
    if (block.list)
      return h(
        'ul',
        {},
        block.list.map((item) => h('li', {}, inline(item, katex))),
      );
    if (block.questions)
      return h(
        'ol',
        { className: 'questions' },
        block.questions.map((item) => h('li', {}, inline(questionParts(item), katex))),
      );
    return h('p', {}, inline(block.p, katex));
  });
  container.replaceChildren(...nodes);
}
