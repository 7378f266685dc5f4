// Keeps the last parameters whose loss was finite, so a diverging step can be undone.
//
// Per training step: save() before the forward pass (θₜ), then check(loss at θₜ) after the
// optimizer update. A finite loss verifies θₜ; a non-finite loss, or a non-finite θₜ₊₁, rolls
// the parameters back to the last verified values (θₜ₋₁ or θₜ respectively).
#pragma once

#include <vector>

#include "autodiff/parameter.h"

namespace vi {

class TrainingGuard {
 public:
  explicit TrainingGuard(ParameterList params) : params_(std::move(params)) {}

  void save();  // remember θₜ, not yet verified

  // Call after the optimizer step with the loss computed at the saved θₜ. True when the loss and
  // every updated parameter are finite; otherwise restores the last verified parameters.
  bool check(double loss);

  // Puts back θₜ, for a step abandoned half-way (an exception from its forward or backward pass).
  void undo() { restore(pending_); }

 private:
  void restore(const std::vector<Matrix>& values);

  ParameterList params_;
  std::vector<Matrix> pending_;   // θₜ, saved before this step's forward pass
  std::vector<Matrix> verified_;  // the last parameters whose loss was finite
};

}  // namespace vi
