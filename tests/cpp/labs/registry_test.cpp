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

TEST_CASE("every field carries what the page's control shows: label, group and help",
          "[registry]") {
  for (const LabInfo& info : registry()) {
    for (const Field& f : info.schema) {
      INFO(info.name << "." << f.name);
      CHECK_FALSE(f.label.empty());
      CHECK_FALSE(f.help.empty());
      CHECK((f.group == "Data" || f.group == "Model" || f.group == "Training" ||
             f.group == "Display"));
    }
  }
}

TEST_CASE("labs are listed by their order, which no two share", "[registry]") {
  const auto& labs = registry();
  for (size_t i = 1; i < labs.size(); ++i) CHECK(labs[i - 1].order < labs[i].order);
}

TEST_CASE("unknown labs and fields are named in the error", "[registry]") {
  REQUIRE_THROWS_WITH(create_lab("nope", {}), Catch::Contains("unknown lab 'nope'"));
  for (const LabInfo& info : registry()) {
    REQUIRE_THROWS_WITH(create_lab(info.name, {{"bogus", RawValue::of_number(1)}}),
                        Catch::Contains(info.name) && Catch::Contains("'bogus'"));
  }
}
