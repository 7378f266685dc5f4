// Every registered lab honours the Lab contract: defaults, steps, metrics, views, determinism.
#include "labs/registry.h"

#include <catch2/catch.hpp>

using namespace vi;

TEST_CASE("every lab builds from its defaults, steps and reports", "[registry]") {
  REQUIRE_FALSE(registry().empty());
  for (const LabInfo& info : registry()) {
    INFO(info.name);
    bool has_seed = false;
    for (const Field& f : info.schema) has_seed |= f.name == "seed";
    CHECK(has_seed);
    auto lab = create_lab(info.name, {});
    const int done = lab->step(3);
    CHECK(done <= 3);
    CHECK(lab->flops() > 0.0);  // training's products are counted for the benchmark
    const Json m = full_metrics(*lab);
    REQUIRE(m.find("step") != nullptr);
    CHECK(m.find("step")->number() == lab->progress().step);
    CHECK(m.find("diverged")->boolean() == false);
    const Json v = lab->views();
    CHECK(v.kind() == Json::Kind::Object);
    CHECK_FALSE(v.fields().empty());
  }
}

TEST_CASE("every lab gives the same numbers for the same seed, and views do not perturb them",
          "[registry]") {
  for (const LabInfo& info : registry()) {
    INFO(info.name);
    auto a = create_lab(info.name, {{"seed", RawValue::of_number(7)}});
    auto b = create_lab(info.name, {{"seed", RawValue::of_number(7)}});
    a->step(2);
    a->views();  // drawing must not consume the training generator
    a->step(2);
    b->step(4);
    CHECK(full_metrics(*a).dump() == full_metrics(*b).dump());
  }
}

TEST_CASE("unknown labs and fields are named in the error", "[registry]") {
  REQUIRE_THROWS_WITH(create_lab("nope", {}), Catch::Contains("unknown lab 'nope'"));
  for (const LabInfo& info : registry()) {
    REQUIRE_THROWS_WITH(create_lab(info.name, {{"bogus", RawValue::of_number(1)}}),
                        Catch::Contains(info.name) && Catch::Contains("'bogus'"));
  }
}
