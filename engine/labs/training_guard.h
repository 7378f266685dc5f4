// Keeps the last parameters whose loss was finite, so a diverging step can be undone.
//
// Per training step: save() before the forward pass (θₜ), then check(loss at θₜ) after the
// optimizer update. A finite loss verifies θₜ; a non-finite loss, or a non-finite θₜ₊₁, rolls
// the parameters back to the last verified values (θₜ₋₁ or θₜ respectively).
#pragma once

#include <string>
#include <vector>

#include "autodiff/parameter.h"
#include "labs/lab.h"

namespace vi {

class TrainingGuard {
 public:
  explicit TrainingGuard(ParameterList params) : params_(std::move(params)) {}

  void save();  // remember θₜ, not yet verified

  // Call after the optimizer step with the loss computed at the saved θₜ. Returns false, after
  // restoring the last verified parameters and marking `progress` diverged at `step` with
  // `advice`, when the loss or any updated parameter is non-finite.
  bool check(double loss, int step, Progress& progress, const std::string& advice);

 private:
  void restore(const std::vector<Matrix>& values);

  ParameterList params_;
  std::vector<Matrix> pending_;   // θₜ, saved before this step's forward pass
  std::vector<Matrix> verified_;  // the last parameters whose loss was finite
};

}  // namespace vi
