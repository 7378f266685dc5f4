// Typesetting that waits for KaTeX: a formula shows as its TeX source at once and is typeset in
// place once KaTeX has loaded, so the explanation's words need not wait for its 600 KB.

/**
 * A stand-in for katex with its render(tex, element, options): it writes the TeX source and keeps
 * the formula; typeset(katex) renders every formula kept so far with the real one, and later
 * calls render directly.
 */
export function createDeferredTex() {
  let waiting = [];
  let katex = null;
  return {
    render(tex, element, options) {
      if (katex) return katex.render(tex, element, options);
      element.textContent = tex;
      element.classList.add('math-pending');
      waiting.push([tex, element, options]);
    },
    typeset(loaded) {
      katex = loaded;
      const formulas = waiting;
      waiting = [];
      for (const [tex, element, options] of formulas) {
        element.classList.remove('math-pending');
        katex.render(tex, element, options);
      }
    },
    /** Formulas still shown as TeX source. */
    get pending() {
      return waiting.length;
    },
  };
}
