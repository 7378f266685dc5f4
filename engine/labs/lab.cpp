// The lockstep loop every lab trains with.
#include "labs/lab.h"

#include <algorithm>
#include <cstdio>
#include <new>
#include <stdexcept>

#include "base/memory_in_use.h"

namespace vi {

int Lab::step(int n) {
  int rounds = 0;
  while (rounds < n && !stopped_.diverged) {
    bool stepped = false;
    for (TrainingMethod* method : methods_) {
      if (method->finished()) continue;
      try {
        if (!method->advance(stopped_)) return rounds;
      } catch (const std::bad_alloc&) {
        stop_out_of_memory(*method);
        return rounds;
      }
      stepped = true;
    }
    if (!stepped) break;
    ++rounds;
  }
  return rounds;
}

// The method has put its parameters back; the run stops there, like a divergence, and says why.
void Lab::stop_out_of_memory(const TrainingMethod& method) {
  const int at = method.steps_done() + 1;
  char held[32];
  std::snprintf(held, sizeof held, "%.0f", memory_in_use_bytes() / (1024.0 * 1024.0));
  stopped_.diverged = true;
  stopped_.diverged_at = at;
  stopped_.message = lab_name() + (method.name().empty() ? "" : " (" + method.name() + ")") +
                     ": out of memory at step " + std::to_string(at) + ", with " + held +
                     " MB already in use; the run stops here and keeps the state before that "
                     "step. Close other labs, or start a new run with less data or a smaller "
                     "network.";
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

void Lab::attach(const LabInfo& info, const Config& config) {
  info_ = &info;
  config_ = config;
}

const std::string& Lab::lab_name() const {
  static const std::string none;
  return info_ ? info_->name : none;
}

bool Lab::has(const std::vector<std::string>& changed, const std::string& name) {
  return std::find(changed.begin(), changed.end(), name) != changed.end();
}

void Lab::configure(const RawConfig& changes) {
  if (!info_) throw std::logic_error("Lab::configure on a lab not made by create_lab");
  std::vector<std::string> changed;
  Config next = reconfigure(info_->name, info_->schema, config_, changes, changed);
  // A view or live field can raise a call's cost (more MC passes for the maps, more samples per
  // step): the new config passes the same checks as a new lab's before anything changes.
  if (info_->check) info_->check(next);
  config_ = std::move(next);
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
