// Reading and replaying schedules of mid-run changes.
#include "labs/schedule.h"

#include <cmath>

namespace vi {
namespace {

RawValue raw_value(const Json& v) {
  switch (v.kind()) {
    case Json::Kind::Number:
      return RawValue::of_number(v.number());
    case Json::Kind::Bool:
      return RawValue::of_boolean(v.boolean());
    case Json::Kind::String:
      return RawValue::of_string(v.string());
    case Json::Kind::Null:
      return RawValue::of_other("null");
    case Json::Kind::Object:
      return RawValue::of_other("an object");
    default:
      return RawValue::of_other("an array");
  }
}

// Advances until progress().step reaches `target` or training stops.
void train_to(Lab& lab, int target) {
  while (lab.progress().step < target)
    if (lab.step(target - lab.progress().step) == 0) break;
}

}  // namespace

RawConfig raw_config_from_json(const Json& object) {
  RawConfig raw;
  for (const auto& [name, value] : object.fields()) raw.push_back({name, raw_value(value)});
  return raw;
}

Schedule schedule_from_json(const std::string& lab, const Json& j) {
  const Json* list = &j;
  if (j.kind() == Json::Kind::Object) {
    list = j.find("schedule");
    if (!list) throw ConfigError(lab + ": schedule: the object has no \"schedule\" list");
  }
  if (list->kind() != Json::Kind::Array)
    throw ConfigError(lab + ": schedule: expected a list of {\"step\": s, \"set\": {...}}");
  Schedule schedule;
  for (size_t k = 0; k < list->items().size(); ++k) {
    const Json& entry = list->items()[k];
    const std::string where = lab + ": schedule entry " + std::to_string(k + 1);
    const Json* step = entry.kind() == Json::Kind::Object ? entry.find("step") : nullptr;
    const Json* set = entry.kind() == Json::Kind::Object ? entry.find("set") : nullptr;
    if (!step || !set || set->kind() != Json::Kind::Object)
      throw ConfigError(where + ": expected {\"step\": s, \"set\": {field: value, ...}}");
    const double s = step->number();
    if (step->kind() != Json::Kind::Number || s != std::floor(s) || s < 0 || s > 1e7)
      throw ConfigError(where + ": step must be an integer in [0, 10000000]");
    if (!schedule.empty() && int(s) < schedule.back().step)
      throw ConfigError(where + ": step " + std::to_string(int(s)) + " comes before step " +
                        std::to_string(schedule.back().step) + "; list changes in step order");
    schedule.push_back({int(s), raw_config_from_json(*set)});
  }
  return schedule;
}

void run_schedule(Lab& lab, const Schedule& schedule, int total) {
  for (const ScheduledChange& change : schedule) {
    if (total >= 0 && change.step > total) break;
    train_to(lab, change.step);
    if (lab.progress().diverged) return;
    lab.configure(change.set);
  }
  if (total >= 0) {
    train_to(lab, total);
  } else {
    while (!lab.progress().done && !lab.progress().diverged)
      if (lab.step(1000) == 0) break;
  }
}

}  // namespace vi
