// Central finite differences against the tape's gradients, with per-op tolerances.
//
// The function under test maps leaf Vars to a Var; the check reduces it to a scalar with fixed
// random weights (so every output entry matters), then compares ∂/∂input entry by entry.
// Differences are taken in double around float inputs; `step` trades truncation for rounding.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "autodiff/ops.h"
#include "random/rng.h"

namespace vi {

struct GradcheckOptions {
  double step = 1e-2;     // finite-difference step h
  double abs_tol = 2e-3;  // |analytic − numeric| ≤ abs_tol + rel_tol·|numeric|
  double rel_tol = 2e-2;
  // Entries where the function has a kink (e.g. ReLU at 0) are skipped when |x − kink| < kink_gap.
  std::vector<double> kinks;
  double kink_gap = 0.0;
};

struct GradcheckResult {
  bool ok = true;
  double worst_error = 0.0;  // the largest |analytic − numeric| − tolerance seen (≤ 0 when ok)
  std::string report;        // the first failing entry, if any
};

using TapeFunction = std::function<Var(Tape&, const std::vector<Var>&)>;

GradcheckResult gradcheck(const TapeFunction& f, const std::vector<Matrix>& inputs,
                          const GradcheckOptions& options = {}, uint64_t seed = 1);

}  // namespace vi
