// The one grammar for numbers written as text (CLI arguments, URL parameters), shared with the
// page's reader web/js/number_text.js and checked by both against tests/data/number_text.tsv.
//
//   number   = ["-"] (digits ["." [digits]] | "." digits) [exponent]
//   exponent = ("e" | "E") ["+" | "-"] digits
//   digits   = one or more of 0-9
//
// Nothing else: no leading "+", no whitespace anywhere, no hexadecimal ("0x1p3"), no "inf",
// "Infinity" or "nan", no digit separators. A number too large for a double is rejected as not
// finite; integers are numbers with an integral value ("1e3" and "2.0" are integers).
#pragma once

#include <string>

namespace vi {

// True and the value (correctly rounded, like JavaScript's Number()) when `text` matches the
// grammar and is finite.
bool parse_number_text(const std::string& text, double& out);

// True when `text` matches the grammar, finite or not (for the error message).
bool matches_number_grammar(const std::string& text);

}  // namespace vi
