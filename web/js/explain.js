// Renders a lab's explanation from plain data, so views never build markup strings:
//   {h: 'Heading'}, {p: ['text ', {m: 'x^2'}, ' more text']}, {math: 'display TeX'},
//   {list: [[...inline parts...], ...]} (a bulleted list), {questions: [[...], ...]} (numbered).
// Inline parts are strings, {m: 'TeX'} (inline math), {b: 'bold'} or {i: 'italic'}.
import { h } from './dom.js';

function inline(parts, katex) {
  const nodes = [];
  for (const part of [].concat(parts)) {
    if (typeof part === 'string') nodes.push(document.createTextNode(part));
    else if (part.m !== undefined) {
      const span = h('span', { className: 'math-inline' });
      katex.render(part.m, span, { throwOnError: false, displayMode: false });
      nodes.push(span);
    } else if (part.b !== undefined) nodes.push(h('strong', { text: part.b }));
    else if (part.i !== undefined) nodes.push(h('em', { text: part.i }));
  }
  return nodes;
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
        block.questions.map((item) => h('li', {}, inline(item, katex))),
      );
    return h('p', {}, inline(block.p, katex));
  });
  container.replaceChildren(...nodes);
}
