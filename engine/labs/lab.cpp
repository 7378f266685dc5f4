// The lockstep loop every lab trains with.
#include "labs/lab.h"

#include <algorithm>
#include <stdexcept>

namespace vi {

int Lab::step(int n) {
  int rounds = 0;
  while (rounds < n && !stopped_.diverged) {
    bool stepped = false;
    for (TrainingMethod* method : methods_) {
      if (method->finished()) continue;
      if (!method->advance(stopped_)) return rounds;
      stepped = true;
    }
    if (!stepped) break;
    ++rounds;
  }
  return rounds;
}

Progress Lab::progress() const {
  Progress p = stopped_;
  p.step = 0;
  p.done = true;
  for (const TrainingMethod* method : methods_) {
    p.step = std::max(p.step, method->steps_done());
    p.done = p.done && method->finished();
  }
  return p;
}

void Lab::attach(const std::string& name, const Schema& schema, const Config& config) {
  name_ = name;
  schema_ = &schema;
  config_ = config;
}

bool Lab::has(const std::vector<std::string>& changed, const std::string& name) {
  return std::find(changed.begin(), changed.end(), name) != changed.end();
}

void Lab::configure(const RawConfig& changes) {
  if (!schema_) throw std::logic_error("Lab::configure on a lab not made by create_lab");
  std::vector<std::string> changed;
  Config next = reconfigure(name_, *schema_, config_, changes, changed);
  config_ = next;
  for (TrainingMethod* method : methods_) {
    const std::string& lr = method->lr_field();
    if (has(changed, lr)) method->set_learning_rate(config_.real(lr));
    const std::string steps = method->steps_field();
    if (has(changed, steps)) method->set_budget(config_.integer(steps));
  }
  apply_settings(config_, changed);
}

double Lab::flops() const {
  double total = 0.0;
  for (const TrainingMethod* method : methods_) total += method->flops();
  return total;
}

}  // namespace vi
