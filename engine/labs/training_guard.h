// Keeps the last good parameter values so a diverging step can be undone.
#pragma once

#include <string>
#include <vector>

#include "autodiff/parameter.h"
#include "labs/lab.h"

namespace vi {

class TrainingGuard {
 public:
  explicit TrainingGuard(ParameterList params) : params_(std::move(params)) {}

  void save();     // remember the current values
  void restore();  // put the remembered values back and zero the gradients

  // Call after an optimizer step: if `loss` or any parameter is non-finite, restores the saved
  // state, marks `progress` diverged at `step` with `advice`, and returns false.
  bool check(double loss, int step, Progress& progress, const std::string& advice);

 private:
  ParameterList params_;
  std::vector<Matrix> saved_;
};

}  // namespace vi
