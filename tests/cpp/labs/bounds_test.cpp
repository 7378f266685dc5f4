// Every lab with each field at and near the ends of its range, singly and all together: each
// result is finite, or the lab is refused or stopped with a message that names the cause.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "labs/registry.h"

using namespace vi;

namespace {

constexpr int kSteps = 3;

std::string describe(const RawValue& v) {
  switch (v.kind) {
    case RawValue::Kind::Boolean:
      return v.boolean ? "true" : "false";
    case RawValue::Kind::String:
      return v.text;
    default:
      return std::to_string(v.number);
  }
}

// The path of the first non-finite number in j (numbers and float arrays, at any depth), or "".
std::string first_non_finite(const Json& j, const std::string& path) {
  switch (j.kind()) {
    case Json::Kind::Number:
      return std::isfinite(j.number()) ? "" : path;
    case Json::Kind::Floats:
      for (size_t i = 0; i < j.floats().size(); ++i)
        if (!std::isfinite(j.floats()[i])) return path + "[" + std::to_string(i) + "]";
      return "";
    case Json::Kind::Array:
      for (size_t i = 0; i < j.items().size(); ++i) {
        std::string bad = first_non_finite(j.items()[i], path + "[" + std::to_string(i) + "]");
        if (!bad.empty()) return bad;
      }
      return "";
    case Json::Kind::Object:
      for (const auto& [key, value] : j.fields()) {
        std::string bad = first_non_finite(value, path + "." + key);
        if (!bad.empty()) return bad;
      }
      return "";
    default:
      return "";
  }
}

// Builds the lab and steps it; the verdict is "" when the outcome is finite or explained.
std::string unexplained(const std::string& lab_name, const RawConfig& raw) {
  std::unique_ptr<Lab> lab;
  try {
    lab = create_lab(lab_name, raw);
  } catch (const ConfigError& e) {
    // A refused config (a rule across fields, the work budget) must say why, naming the lab.
    const std::string what = e.what();
    return what.rfind(lab_name + ":", 0) == 0 ? "" : "refused without naming the lab: " + what;
  }
  lab->step(kSteps);
  const Json m = full_metrics(*lab);
  const std::string bad = first_non_finite(m, "metrics");
  if (bad.empty()) return "";
  const std::string message = m.find("message")->string();
  if (message.empty()) return bad + " is not finite and the message is empty";
  // A non-finite value is explained by a stop (a divergence names the step) or, before the first
  // step, by the message naming the metrics not yet measured.
  const std::string key = bad.substr(bad.find('.') + 1);
  if (m.find("diverged")->boolean()) return "";
  if (m.find("step")->number() == 0 && message.find(key) != std::string::npos) return "";
  return bad + " is not finite; the message does not explain it: " + message;
}

enum class End { Low, High };

// The values at and next to one end of a field's range; every choice and both booleans count as
// the low end (cheap, and where a too-small array would show).
std::vector<RawValue> edge_values(const Field& f, End end) {
  const bool low = end == End::Low;
  switch (f.type) {
    case FieldType::Boolean:
      if (!low) return {};
      return {RawValue::of_boolean(false), RawValue::of_boolean(true)};
    case FieldType::Choice: {
      std::vector<RawValue> all;
      if (low)
        for (const std::string& c : f.choices) all.push_back(RawValue::of_string(c));
      return all;
    }
    case FieldType::Integer:
      if (low) return {RawValue::of_number(f.min), RawValue::of_number(std::min(f.min + 1, f.max))};
      return {RawValue::of_number(std::max(f.max - 1, f.min)), RawValue::of_number(f.max)};
    case FieldType::Number: {
      const double near = 1e-3 * (f.max - f.min);
      if (low) return {RawValue::of_number(f.min), RawValue::of_number(f.min + near)};
      return {RawValue::of_number(f.max - near), RawValue::of_number(f.max)};
    }
    case FieldType::Points: {
      // Low: the default and one point at the low corner of the coordinates' box; high: one point
      // at the high corner, and the most points allowed, all there.
      auto corner = [&f](bool high) {
        std::string text;
        for (const PointCoordinate& c : f.coordinates) {
          char number[32];
          std::snprintf(number, sizeof number, "%.10g", high ? c.max : c.min);
          text += (text.empty() ? "" : ",") + std::string(number);
        }
        return text;
      };
      if (low) return {RawValue::of_string(f.default_choice), RawValue::of_string(corner(false))};
      std::string most = corner(true);
      for (int i = 1; i < int(f.max); ++i) most += "_" + corner(true);
      return {RawValue::of_string(corner(true)), RawValue::of_string(most)};
    }
  }
  return {};
}

// Every field of the lab at one end of its range: the first low value or the last high one;
// booleans and choices take their first value at the low end and their last at the high end.
RawConfig all_at(const LabInfo& info, End end) {
  RawConfig raw;
  for (const Field& f : info.schema) {
    std::vector<RawValue> values = edge_values(f, end);
    if (values.empty()) values = edge_values(f, End::Low);
    raw.emplace_back(f.name, end == End::High ? values.back() : values.front());
  }
  return raw;
}

// Every lab of the registry, or (parity 0 or 1) every other one: the lower-bound sweep runs as
// two tests that ctest runs side by side (the sanitizer run's longest test, 85 s in one piece).
void sweep_one_at_a_time(End end, int parity = -1) {
  const std::vector<LabInfo>& labs = registry();
  for (size_t i = 0; i < labs.size(); ++i) {
    if (parity >= 0 && int(i % 2) != parity) continue;
    const LabInfo& info = labs[i];
    for (const Field& f : info.schema) {
      for (const RawValue& v : edge_values(f, end)) {
        INFO(info.name << ": " << f.name << " = " << describe(v));
        CHECK(unexplained(info.name, {{f.name, v}}) == "");
      }
    }
  }
}

}  // namespace

// The upper ends are the costly configs (a call near the work budget): the sanitizer run leaves
// these two out (CMakePresets.json); the lower ends, where a too-small array would show, run in
// every build.
TEST_CASE(
    "every field at and near its lower bound gives finite metrics or a message naming the cause "
    "(the registry's labs 1, 3, 5, …)",
    "[bounds]") {
  sweep_one_at_a_time(End::Low, 0);
}

TEST_CASE(
    "every field at and near its lower bound gives finite metrics or a message naming the cause "
    "(the registry's labs 2, 4, 6, …)",
    "[bounds]") {
  sweep_one_at_a_time(End::Low, 1);
}

TEST_CASE(
    "every field at and near its upper bound gives finite metrics or a message naming the cause",
    "[bounds][long]") {
  sweep_one_at_a_time(End::High);
}

TEST_CASE("every lab with all its fields at their minimum runs or says why", "[bounds]") {
  for (const LabInfo& info : registry()) {
    INFO(info.name);
    CHECK(unexplained(info.name, all_at(info, End::Low)) == "");
  }
}

TEST_CASE("every lab with all its fields at their maximum runs or says why", "[bounds][long]") {
  for (const LabInfo& info : registry()) {
    INFO(info.name);
    CHECK(unexplained(info.name, all_at(info, End::High)) == "");
  }
}

TEST_CASE("before the first step, every metric without a value is named in the message",
          "[bounds]") {
  for (const LabInfo& info : registry()) {
    INFO(info.name);
    CHECK(unexplained(info.name, {}) == "");  // three steps
    auto lab = create_lab(info.name, {});
    const Json m = full_metrics(*lab);
    const std::string bad = first_non_finite(m, "metrics");
    if (bad.empty()) continue;
    CHECK(m.find("message")->string().find(bad.substr(bad.find('.') + 1)) != std::string::npos);
  }
}

TEST_CASE("a view or live change over the work budget is refused and changes nothing", "[bounds]") {
  // The maps' MC passes are a view setting: at 5 000 points, the most passes are over the budget
  // of one metrics call.
  auto lab = create_lab("moons", {{"points", RawValue::of_number(5000)}});
  lab->step(2);
  const std::string before = full_metrics(*lab).dump();
  const Field* passes = nullptr;
  for (const Field& f : find_lab("moons").schema)
    if (f.name == "evalPasses") passes = &f;
  REQUIRE(passes != nullptr);
  try {
    lab->configure({{"evalPasses", RawValue::of_number(passes->max)}});
    FAIL("configure accepted a change over the work budget");
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    CHECK(what.rfind("moons: metrics would take", 0) == 0);
    CHECK(what.find("evalPasses") != std::string::npos);
  }
  CHECK(lab->config().integer("evalPasses") == int(passes->default_number));
  CHECK(full_metrics(*lab).dump() == before);
  CHECK(lab->step(1) == 1);
}
