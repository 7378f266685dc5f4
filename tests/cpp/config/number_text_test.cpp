// The number grammar against the corpus shared with the JavaScript reader (tests/data).
#include "config/number_text.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.h"

using namespace vi;

namespace {

struct Case {
  std::string expected;  // "reject" or a decimal literal
  std::string input;
};

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
      out += char(std::strtol(s.substr(i + 2, 2).c_str(), nullptr, 16));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<Case> corpus() {
  std::ifstream in(std::string(VILAB_TEST_DATA) + "/number_text.tsv");
  REQUIRE(in.good());
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    cases.push_back({line.substr(0, tab), unescape(line.substr(tab + 1))});
  }
  return cases;
}

}  // namespace

TEST_CASE("the number grammar gives the corpus's verdict for every input", "[config]") {
  const std::vector<Case> cases = corpus();
  REQUIRE(cases.size() > 50);
  size_t rejected = 0;
  for (const Case& c : cases) {
    INFO("input '" << c.input << "', expected " << c.expected);
    double value = 12345.0;
    const bool ok = parse_number_text(c.input, value);
    if (c.expected == "reject") {
      CHECK_FALSE(ok);
      ++rejected;
    } else {
      REQUIRE(ok);
      const double expected = std::strtod(c.expected.c_str(), nullptr);
      CHECK(value == expected);
      CHECK(std::signbit(value) == std::signbit(expected));
    }
  }
  CHECK(rejected > 20);
}

TEST_CASE("CLI text for a number field follows the grammar", "[config]") {
  const Schema schema = {
      number_field("lr", "Learning rate", 0.5, -10, 10, "Training", "learning rate")};
  for (const char* text : {"+5", " 5", "5 ", "0x1p1", "inf", ""}) {
    INFO(text);
    try {
      make_config("lab", schema, {{"lr", RawValue::of_text(text)}});
      FAIL("accepted");
    } catch (const ConfigError& e) {
      CHECK_THAT(e.what(), Catch::Contains("'lr'") && Catch::Contains("is not a number"));
    }
  }
  CHECK_THROWS_WITH(make_config("lab", schema, {{"lr", RawValue::of_text("1e999")}}),
                    Catch::Contains("is not a finite number"));
  CHECK(make_config("lab", schema, {{"lr", RawValue::of_text("-2.5e-1")}}).number("lr") == -0.25);
}
