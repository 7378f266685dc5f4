// Divergence detection and rollback.
#include "labs/training_guard.h"

#include <cmath>

namespace vi {

void TrainingGuard::save() {
  saved_.resize(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) saved_[i] = params_[i]->value;
}

void TrainingGuard::restore() {
  for (size_t i = 0; i < params_.size() && i < saved_.size(); ++i) {
    params_[i]->value = saved_[i];
    params_[i]->zero_grad();
  }
}

bool TrainingGuard::check(double loss, int step, Progress& progress, const std::string& advice) {
  if (std::isfinite(loss) && all_finite(params_)) return true;
  restore();
  progress.diverged = true;
  progress.diverged_at = step;
  progress.message =
      "Training diverged at step " + std::to_string(step) +
      " (the loss or a weight became infinite or NaN); the last good state is kept. " + advice;
  return false;
}

}  // namespace vi
