// Steering a running lab, for every registered lab: view fields change the drawing and never
// training, live fields apply at the next step and keep the step count, restart fields are
// refused, and raising a budget continues a run to the same numbers as a fresh run of that length.
#include <catch2/catch.hpp>
#include <cmath>

#include "labs/json_paths.h"
#include "labs/registry.h"

using namespace vi;

namespace {

constexpr int kBefore = 6, kAfter = 5;  // steps before and after a change
// Steps after a live change: past the end of an epoch (the vae's metrics are per epoch, 15
// steps with its defaults), so that the change shows in the metrics.
constexpr int kAfterLive = 30;

// A valid value other than the field's default, kept small (a cheap map, few draws).
RawValue other_value(const Field& f) {
  switch (f.type) {
    case FieldType::Boolean:
      return RawValue::of_boolean(f.default_number == 0.0);
    case FieldType::Choice:
      for (const auto& c : f.choices)
        if (c != f.default_choice) return RawValue::of_string(c);
      return RawValue::of_string(f.default_choice);
    case FieldType::Integer:
      return RawValue::of_number(f.default_number > f.min
                                     ? std::floor((f.default_number + f.min) / 2)
                                     : f.default_number + 1);
    case FieldType::Number:
      return RawValue::of_number(f.default_number > f.min ? (f.default_number + f.min) / 2
                                                          : (f.default_number + f.max) / 2);
    case FieldType::Points: {  // one point at the middle of every coordinate's range
      std::string text;
      for (const PointCoordinate& c : f.coordinates)
        text += (text.empty() ? "" : ",") + std::to_string(int((c.min + c.max) / 2));
      return RawValue::of_string(text);
    }
  }
  return RawValue::of_number(0);
}

// A method's budget: a live integer field that counts steps or epochs.
bool is_budget(const Field& f) {
  const std::string& n = f.name;
  auto ends = [&n](const std::string& s) {
    return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0;
  };
  return f.kind == FieldKind::Live && f.type == FieldType::Integer &&
         (ends("steps") || n == "epochs");
}

std::string dump_metrics(Lab& lab) {
  return full_metrics(lab).dump();
}

void run_to_end(Lab& lab) {
  while (!lab.progress().done && !lab.progress().diverged)
    if (lab.step(1000) == 0) break;
}

}  // namespace

TEST_CASE("steering: every field has a kind, and every lab has a live learning rate",
          "[steering]") {
  for (const LabInfo& info : registry()) {
    INFO(info.name);
    int live = 0;
    for (const Field& f : info.schema) {
      if (f.group == "Display") CHECK(f.kind == FieldKind::View);
      if (f.name == "seed") CHECK(f.kind == FieldKind::Restart);
      live += f.kind == FieldKind::Live;
    }
    CHECK(live >= 2);  // a learning rate and a budget at least
    const Json schema = schema_to_json(info.schema);
    for (const Field& f : info.schema) {
      const Json* field = schema.find(f.name);  // names may hold dots: no path lookup
      REQUIRE(field != nullptr);
      REQUIRE(field->find("kind") != nullptr);
      CHECK(field->find("kind")->string() == kind_name(f.kind));
    }
  }
}

TEST_CASE("steering: a view change redraws and never touches training", "[steering][long]") {
  for (const LabInfo& info : registry()) {
    for (const Field& f : info.schema) {
      if (f.kind != FieldKind::View) continue;
      const RawValue v = other_value(f);
      INFO(info.name << " " << f.name);
      auto steered = create_lab(info.name, {});
      steered->step(kBefore);
      steered->metrics();  // fill the caches at the old value
      steered->views();
      REQUIRE_NOTHROW(steered->configure({{f.name, v}}));
      CHECK(steered->progress().step == kBefore);
      auto fresh = create_lab(info.name, {{f.name, v}});
      fresh->step(kBefore);
      CHECK(dump_metrics(*steered) == dump_metrics(*fresh));
      steered->views();
      steered->step(kAfter);
      fresh->step(kAfter);
      CHECK(steered->progress().step == kBefore + kAfter);
      CHECK(dump_metrics(*steered) == dump_metrics(*fresh));
    }
  }
}

TEST_CASE("steering: a live change applies at the next step, keeps the step and reproduces",
          "[steering][long]") {
  for (const LabInfo& info : registry()) {
    for (const Field& f : info.schema) {
      if (f.kind != FieldKind::Live) continue;
      const RawValue v = other_value(f);
      INFO(info.name << " " << f.name);
      auto run = [&](bool change) {
        auto lab = create_lab(info.name, {});
        lab->step(kBefore);
        if (change) {
          REQUIRE_NOTHROW(lab->configure({{f.name, v}}));
          CHECK(lab->progress().step == kBefore);
        }
        lab->step(kAfterLive);
        lab->views();
        return dump_metrics(*lab);
      };
      const std::string once = run(true), twice = run(true);
      CHECK(once == twice);
      // A budget above the steps taken changes nothing yet; any other live field changes the run.
      if (!is_budget(f)) CHECK(once != run(false));
    }
  }
}

TEST_CASE("steering: restart fields and bad values are refused with named errors, changing nothing",
          "[steering]") {
  for (const LabInfo& info : registry()) {
    auto lab = create_lab(info.name, {});
    lab->step(3);
    const std::string before = dump_metrics(*lab);
    for (const Field& f : info.schema) {
      INFO(info.name << " " << f.name);
      if (f.kind == FieldKind::Restart) {
        try {
          lab->configure({{f.name, other_value(f)}});
          FAIL("no error");
        } catch (const ConfigError& e) {
          const std::string what = e.what();
          CHECK(what.find("'" + f.name + "'") != std::string::npos);
          CHECK(what.find("needs a new run") != std::string::npos);
        }
        // Its current value is no change at all.
        const RawValue same = f.type == FieldType::Choice || f.type == FieldType::Points
                                  ? RawValue::of_string(f.default_choice)
                              : f.type == FieldType::Boolean
                                  ? RawValue::of_boolean(f.default_number != 0.0)
                                  : RawValue::of_number(f.default_number);
        CHECK_NOTHROW(lab->configure({{f.name, same}}));
      } else if (f.type == FieldType::Number || f.type == FieldType::Integer) {
        // A bad value in a batch: nothing of the batch applies.
        CHECK_THROWS_WITH(lab->configure({{f.name, RawValue::of_number(f.max * 2 + 1)}}),
                          Catch::Contains("'" + f.name + "'") && Catch::Contains("out of range"));
      }
    }
    CHECK_THROWS_WITH(lab->configure({{"noSuchField", RawValue::of_number(1)}}),
                      Catch::Contains("unknown field 'noSuchField'"));
    CHECK(dump_metrics(*lab) == before);
    CHECK(lab->progress().step == 3);
  }
}

TEST_CASE("steering: raising the budget continues to the numbers of a fresh run of that length",
          "[steering][long]") {
  for (const LabInfo& info : registry()) {
    INFO(info.name);
    RawConfig short_run, long_run;
    for (const Field& f : info.schema) {
      if (!is_budget(f)) continue;
      const bool epochs = f.name == "epochs";
      short_run.push_back({f.name, RawValue::of_number(epochs ? 1 : 20)});
      long_run.push_back({f.name, RawValue::of_number(epochs ? 2 : 41)});
    }
    REQUIRE_FALSE(short_run.empty());
    auto continued = create_lab(info.name, short_run);
    run_to_end(*continued);
    const int first = continued->progress().step;
    continued->metrics();
    continued->views();
    continued->configure(long_run);
    CHECK_FALSE(continued->progress().done);
    CHECK(continued->progress().step == first);
    run_to_end(*continued);
    auto fresh = create_lab(info.name, long_run);
    run_to_end(*fresh);
    CHECK(continued->progress().step > first);
    CHECK(dump_metrics(*continued) == dump_metrics(*fresh));
  }
}
