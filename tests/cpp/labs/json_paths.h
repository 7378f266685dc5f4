// What the lab tests share: dotted paths into a lab's metrics or views ("vi.coverage90"), and
// a number as a config value.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "config/config.h"
#include "util/json.h"

namespace vi {

// The node at a dotted path; the test fails, naming the path, if a key is missing.
inline const Json& at(const Json& j, const std::string& path) {
  const Json* node = &j;
  size_t start = 0;
  for (;;) {
    const size_t dot = path.find('.', start);
    node = node->find(path.substr(start, dot == std::string::npos ? dot : dot - start));
    INFO(path);
    REQUIRE(node != nullptr);
    if (dot == std::string::npos) return *node;
    start = dot + 1;
  }
}

inline double num(const Json& j, const std::string& path) {
  return at(j, path).number();
}

inline std::vector<float> floats(const Json& j, const std::string& path) {
  return at(j, path).floats();
}

// The numbers of an array of numbers (double precision), e.g. a gradient-noise variance.
inline std::vector<double> numbers(const Json& j, const std::string& path) {
  std::vector<double> out;
  for (const Json& item : at(j, path).items()) out.push_back(item.number());
  return out;
}

// A config value: {"lr", n(0.1)}.
inline RawValue n(double v) {
  return RawValue::of_number(v);
}

}  // namespace vi
