// The registry: entry points collected by LabRegistrar objects, built once, in LabInfo::order.
#include "labs/registry.h"

#include <algorithm>
#include <stdexcept>

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
  std::unique_ptr<Lab> lab = info.make(config);
  lab->attach(info.name, info.schema, config);
  return lab;
}

Json full_metrics(Lab& lab) {
  Json m = lab.metrics();
  const Progress p = lab.progress();
  m["step"] = p.step;
  m["done"] = p.done;
  m["diverged"] = p.diverged;
  m["divergedAt"] = p.diverged_at;
  m["message"] = p.message;
  return m;
}

}  // namespace vi
