// The one grammar for numbers written as text (URL parameters here; the CLI reads the same in
// engine/config/number_text.h), checked by both against tests/data/number_text.tsv:
//   number = ["-"] (digits ["." [digits]] | "." digits) [("e" | "E") ["+" | "-"] digits]
// Nothing else: no leading "+", no whitespace, no hexadecimal, no Infinity or NaN. A number too
// large for a double is not finite and rejected; integers are numbers with an integral value.

const grammar = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** True when the text matches the grammar, finite or not. */
export function matchesNumberGrammar(text) {
  return typeof text === 'string' && grammar.test(text);
}

/** The value of a number written by the grammar, or null when the text is not one (or not finite). */
export function parseNumberText(text) {
  if (!matchesNumberGrammar(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
