// Points fields: text "x,y_x,y" read into coordinates, every point checked by count, arity,
// number grammar and range, and an error that names the field, the point and what is allowed.
#include <catch2/catch.hpp>

#include "config/config.h"

using namespace vi;

namespace {

Schema points_schema() {
  return {points_field("data", "Your points", {{"x", -1, 1}, {"class", 0, 1, true}}, 3, "Data",
                       "points")};
}

PointList read(const std::string& text) {
  return make_config("lab", points_schema(), {{"data", RawValue::of_text(text)}}).points("data");
}

}  // namespace

TEST_CASE("points: text is read into coordinates, point after point", "[config][points]") {
  const PointList none = make_config("lab", points_schema(), {}).points("data");
  CHECK(none.count() == 0);  // the default: no points
  const PointList two = read("-0.5,1_1e-1,0");
  CHECK(two.count() == 2);
  CHECK(two.at(0, 0) == -0.5);
  CHECK(two.at(0, 1) == 1);
  CHECK(two.at(1, 0) == 0.1);
  CHECK(two.text == "-0.5,1_1e-1,0");  // kept as given: the URL and the export write it back
}

TEST_CASE("points: every bad point is named with the field, its number and what is allowed",
          "[config][points]") {
  const std::string allowed =
      "allowed: 0 to 3 points \"x,class\" joined by \"_\" (\"\" for none), x in [-1, 1], class "
      "an integer in [0, 1]";
  CHECK_THROWS_WITH(read("0,0_2,1"),
                    "lab: field 'data' point 2 = \"2,1\": x = 2 is out of "
                    "range [-1, 1]; " +
                        allowed);
  CHECK_THROWS_WITH(read("0,0.5"), Catch::Contains("point 1 = \"0,0.5\": class = 0.5 is not an "
                                                   "integer"));
  CHECK_THROWS_WITH(read("inf,0"), Catch::Contains("x = inf is not a number"));
  CHECK_THROWS_WITH(read("0,0_"), Catch::Contains("point 2 = \"\" has 1 coordinates, not 2"));
  CHECK_THROWS_WITH(read("0 ,0"), Catch::Contains("x = 0  is not a number"));
  CHECK_THROWS_WITH(read("0,0_0,0_0,0_0,0"),
                    "lab: field 'data' = \"0,0_0,0_0,0_0,0\" has 4 points, more than the 3 "
                    "allowed; " +
                        allowed);
  CHECK_THROWS_WITH(make_config("lab", points_schema(), {{"data", RawValue::of_number(1)}}),
                    Catch::Contains("field 'data' = 1 is not text of points"));
}

TEST_CASE("points: a running lab refuses new points as a restart change", "[config][points]") {
  const Schema schema = points_schema();
  const Config current = make_config("lab", schema, {});
  std::vector<std::string> changed;
  CHECK_THROWS_WITH(
      reconfigure("lab", schema, current, {{"data", RawValue::of_string("0,1")}}, changed),
      Catch::Contains("'data'") && Catch::Contains("needs a new run"));
  CHECK_NOTHROW(reconfigure("lab", schema, current, {{"data", RawValue::of_string("")}}, changed));
  CHECK(changed.empty());
}
