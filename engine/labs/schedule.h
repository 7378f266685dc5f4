// A schedule of mid-run changes: at step s, set these fields (Lab::configure). The page records
// one as a student steers a run; the CLI replays it, so a steered run is reproducible.
#pragma once

#include <string>
#include <vector>

#include "labs/lab.h"
#include "util/json.h"

namespace vi {

struct ScheduledChange {
  int step = 0;   // the lab's step (progress().step) at which the change applies
  RawConfig set;  // the fields and their new values
};

using Schedule = std::vector<ScheduledChange>;

// From `[{"step": 100, "set": {"lr": 0.001}}, ...]`, or an object holding such a list under
// "schedule" (the page's JSON export). Steps must be integers in [0, 10⁷], in ascending order;
// throws ConfigError naming the entry and what is wrong.
Schedule schedule_from_json(const std::string& lab, const Json& j);

// A JSON object of field values as a raw config (numbers, booleans, strings; anything else is
// passed on for validation to reject by name).
RawConfig raw_config_from_json(const Json& object);

// Trains `lab` applying each change when its step is reached (a change past the end of training
// is applied once training stops there: raising a budget continues the run), then trains until
// `total` steps, or until done when total < 0. Stops early at a divergence.
void run_schedule(Lab& lab, const Schedule& schedule, int total);

}  // namespace vi
