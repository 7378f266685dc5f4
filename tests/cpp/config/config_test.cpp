// Config validation: every bad input gets an error naming lab, field, value and allowed range.
#include "config/config.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace vi;

namespace {

Schema test_schema() {
  return {number_field("lr", "Learning rate", 0.01, 1e-5, 1, "Training", "learning rate"),
          integer_field("steps", "Steps", 100, 1, 1000, "Training", "steps"),
          boolean_field("decay", "Decay", false, "Training", "decay"),
          choice_field("init", "Initialization", "normal", {"normal", "default"}, "Model", "init")};
}

}  // namespace

TEST_CASE("defaults fill every field", "[config]") {
  Config c = make_config("lab", test_schema(), {});
  CHECK(c.number("lr") == 0.01);
  CHECK(c.integer("steps") == 100);
  CHECK_FALSE(c.flag("decay"));
  CHECK(c.choice("init") == "normal");
}

TEST_CASE("valid overrides are applied", "[config]") {
  Config c = make_config("lab", test_schema(),
                         {{"lr", RawValue::of_number(0.5)},
                          {"steps", RawValue::of_text("7")},
                          {"decay", RawValue::of_boolean(true)},
                          {"init", RawValue::of_string("default")}});
  CHECK(c.number("lr") == 0.5);
  CHECK(c.integer("steps") == 7);
  CHECK(c.flag("decay"));
  CHECK(c.choice("init") == "default");
}

TEST_CASE("bad values are rejected with lab, field, value and range", "[config]") {
  const Schema s = test_schema();
  auto fails = [&](const char* field, RawValue v) { return make_config("mylab", s, {{field, v}}); };
  REQUIRE_THROWS_WITH(fails("lr", RawValue::of_number(NAN)),
                      Catch::Contains("mylab") && Catch::Contains("'lr'") &&
                          Catch::Contains("NaN") && Catch::Contains("[1e-05, 1]"));
  REQUIRE_THROWS_WITH(fails("lr", RawValue::of_number(INFINITY)), Catch::Contains("Infinity"));
  REQUIRE_THROWS_WITH(fails("lr", RawValue::of_number(2)), Catch::Contains("out of range"));
  REQUIRE_THROWS_WITH(fails("lr", RawValue::of_string("0.1")), Catch::Contains("not a number"));
  REQUIRE_THROWS_WITH(fails("lr", RawValue::of_other("an object")), Catch::Contains("an object"));
  REQUIRE_THROWS_WITH(fails("steps", RawValue::of_number(2.5)), Catch::Contains("not an integer"));
  REQUIRE_THROWS_WITH(fails("steps", RawValue::of_text("12abc")), Catch::Contains("not a number"));
  REQUIRE_THROWS_WITH(fails("decay", RawValue::of_number(1)), Catch::Contains("true or false"));
  REQUIRE_THROWS_WITH(fails("init", RawValue::of_string("zeros")),
                      Catch::Contains("'normal', 'default'"));
  REQUIRE_THROWS_WITH(fails("nope", RawValue::of_number(1)),
                      Catch::Contains("unknown field 'nope'") && Catch::Contains("lr, steps"));
}

TEST_CASE("CLI assignments split at the first equals sign", "[config]") {
  auto [key, value] = parse_assignment("lab", "vi.lr=1e-3");
  CHECK(key == "vi.lr");
  CHECK(value.text == "1e-3");
  REQUIRE_THROWS_AS(parse_assignment("lab", "novalue"), ConfigError);
}
