// Refuses configs whose estimated cost for one engine call is over the call budget.
#include "config/work_budget.h"

#include <cstdio>

#include "config/config.h"

namespace vi {
namespace {

std::string short_number(double v, const char* format = "%.3g") {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

}  // namespace

void check_work(const std::string& lab, const std::vector<WorkEstimate>& estimates) {
  for (const WorkEstimate& e : estimates) {
    if (e.units <= e.budget) continue;
    std::string values, names;
    for (size_t i = 0; i < e.factors.size(); ++i) {
      const std::string sep = i == 0 ? "" : i + 1 == e.factors.size() ? " or " : ", ";
      values += (i == 0 ? "" : ", ") + e.factors[i].first + " = " +
                short_number(e.factors[i].second, "%.10g");
      names += sep + e.factors[i].first;
    }
    throw ConfigError(lab + ": " + e.call + " would take " + short_number(e.units) + " " + e.unit +
                      " (" + values + "), over the " + short_number(e.budget) +
                      " one call may take; lower " + names);
  }
}

}  // namespace vi
