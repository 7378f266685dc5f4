// parse_number_text: the grammar check of number_text.h, then a correctly rounded conversion.
#include "config/number_text.h"

#include <cmath>
#include <cstdlib>

namespace vi {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Advances past a run of digits; returns how many there were.
size_t digits(const std::string& s, size_t& i) {
  const size_t start = i;
  while (i < s.size() && digit(s[i])) ++i;
  return i - start;
}

}  // namespace

bool matches_number_grammar(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t mantissa = digits(s, i);
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += digits(s, i);
  }
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits(s, i) == 0) return false;
  }
  return i == s.size();
}

bool parse_number_text(const std::string& text, double& out) {
  if (!matches_number_grammar(text)) return false;
  // The grammar is a subset of strtod's decimal form (in the "C" locale the engine runs in).
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return false;
  out = v;
  return true;
}

}  // namespace vi
