// Divergence detection and rollback.
#include "training/training_guard.h"

#include <cmath>

namespace vi {

void TrainingGuard::save() {
  pending_.resize(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) pending_[i] = params_[i]->value;
}

void TrainingGuard::restore(const std::vector<Matrix>& values) {
  for (size_t i = 0; i < params_.size() && i < values.size(); ++i) {
    params_[i]->value = values[i];
    params_[i]->zero_grad();
  }
}

bool TrainingGuard::check(double loss) {
  const bool loss_ok = std::isfinite(loss);
  if (loss_ok) verified_.swap(pending_);  // θₜ gave a finite loss
  if (loss_ok && all_finite(params_)) return true;
  // Before any verified step (a non-finite loss at the very first one) the initial values are all
  // there is to go back to.
  restore(verified_.empty() ? pending_ : verified_);
  return false;
}

}  // namespace vi
