// Reading JSON text into a Json value (the CLI's schedules of mid-run changes).
#pragma once

#include <stdexcept>
#include <string>

#include "util/json.h"

namespace vi {

class JsonParseError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The value in `text` (RFC 8259: objects, arrays, strings, numbers, true, false, null), with
// nothing but white space after it. Throws JsonParseError naming the offset and what was wrong.
Json parse_json(const std::string& text);

}  // namespace vi
