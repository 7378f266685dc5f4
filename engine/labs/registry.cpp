// The registry: entry points collected by LabRegistrar objects, built once, in LabInfo::order.
#include "labs/registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <new>
#include <stdexcept>

#include "base/memory_in_use.h"

namespace vi {

namespace {

// A function-local static, so registrars in other files may run before this file's statics.
std::vector<LabInfo (*)()>& entry_points() {
  static std::vector<LabInfo (*)()> entries;
  return entries;
}

std::vector<LabInfo> build_registry() {
  std::vector<LabInfo> labs;
  for (auto entry : entry_points()) labs.push_back(entry());
  std::sort(labs.begin(), labs.end(),
            [](const LabInfo& a, const LabInfo& b) { return a.order < b.order; });
  for (size_t i = 1; i < labs.size(); ++i) {
    // Two labs with one order would leave the gallery's order to the linker.
    if (labs[i].order == labs[i - 1].order)
      throw std::logic_error("labs '" + labs[i - 1].name + "' and '" + labs[i].name +
                             "' share the order " + std::to_string(labs[i].order));
  }
  for (size_t i = 0; i < labs.size(); ++i) {
    for (size_t j = i + 1; j < labs.size(); ++j) {
      if (labs[i].name == labs[j].name)
        throw std::logic_error("two labs are registered as '" + labs[i].name + "'");
    }
  }
  return labs;
}

}  // namespace

LabRegistrar::LabRegistrar(LabInfo (*entry)()) {
  entry_points().push_back(entry);
}

const std::vector<LabInfo>& registry() {
  static const std::vector<LabInfo> labs = build_registry();
  return labs;
}

const LabInfo& find_lab(const std::string& name) {
  std::string known;
  for (const LabInfo& info : registry()) {
    if (info.name == name) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown lab '" + name + "'; known labs: " + known);
}

std::unique_ptr<Lab> create_lab(const std::string& name, const RawConfig& raw) {
  const LabInfo& info = find_lab(name);
  const Config config = make_config(info.name, info.schema, raw);
  if (info.check) info.check(config);
  std::unique_ptr<Lab> lab;
  try {
    lab = info.make(config);
  } catch (const std::bad_alloc&) {
    char held[32];
    std::snprintf(held, sizeof held, "%.0f", memory_in_use_bytes() / (1024.0 * 1024.0));
    throw std::runtime_error(info.name + ": out of memory building the lab, with " + held +
                             " MB already in use; close other labs, or use less data or a "
                             "smaller network");
  }
  lab->attach(info, config);
  return lab;
}

namespace {

// Before the first step the training averages (a loss, its terms) have no value yet: the message
// names them, so that a NaN is never left unexplained.
std::string not_yet_measured(const Json& metrics) {
  std::string names;
  for (const auto& [key, value] : metrics.fields())
    if (value.kind() == Json::Kind::Number && std::isnan(value.number()))
      names += (names.empty() ? "" : ", ") + key;
  if (names.empty()) return "";
  return "No step yet: " + names + " are measured from the first step on.";
}

}  // namespace

Json full_metrics(Lab& lab) {
  Json m = lab.metrics();
  Progress p = lab.progress();
  if (p.step == 0 && !p.diverged) p.message = not_yet_measured(m);
  m["step"] = p.step;
  m["done"] = p.done;
  m["diverged"] = p.diverged;
  m["divergedAt"] = p.diverged_at;
  m["message"] = p.message;
  return m;
}

}  // namespace vi
