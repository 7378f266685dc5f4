// The list of labs, in the order the gallery shows them.
#include "labs/registry.h"

#include "labs/lab_list.h"

namespace vi {

const std::vector<LabInfo>& registry() {
  static const std::vector<LabInfo> labs = {
      localization_lab(), regression_lab(), logistic_lab(),
      moons_lab(),        vae_lab(),        neural_process_lab(),
  };
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
  return info.make(make_config(info.name, info.schema, raw));
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
