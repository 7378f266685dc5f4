// Finite-difference gradient checks.
#include "autodiff/gradcheck.h"

#include <cmath>

namespace vi {
namespace {

// Σ f(inputs) ∘ weights, evaluated on a fresh tape.
double weighted_output(const TapeFunction& f, std::vector<Parameter>& params,
                       const Matrix& weights) {
  Tape t;
  std::vector<Var> leaves;
  for (auto& p : params) leaves.push_back(t.param(p));
  const Matrix& out = f(t, leaves).value();
  return (out.cast<double>().array() * weights.cast<double>().array()).sum();
}

}  // namespace

GradcheckResult gradcheck(const TapeFunction& f, const std::vector<Matrix>& inputs,
                          const GradcheckOptions& options, uint64_t seed) {
  std::vector<Parameter> params;
  for (size_t i = 0; i < inputs.size(); ++i)
    params.emplace_back("x" + std::to_string(i), inputs[i]);

  // Analytic gradients of Σ out∘w.
  Tape t;
  std::vector<Var> leaves;
  for (auto& p : params) leaves.push_back(t.param(p));
  Var out = f(t, leaves);
  Rng rng(seed);
  Matrix weights = rng.normal_matrix(out.rows(), out.cols());
  Var loss = sum(out * t.constant(weights));
  t.backward(loss);

  GradcheckResult result;
  result.worst_error = -INFINITY;
  for (size_t k = 0; k < params.size(); ++k) {
    Matrix& x = params[k].value;
    for (Index e = 0; e < x.size(); ++e) {
      const float original = x.data()[e];
      bool near_kink = false;
      for (double kink : options.kinks) near_kink |= std::fabs(original - kink) < options.kink_gap;
      if (near_kink) continue;
      x.data()[e] = float(original + options.step);
      const double plus = weighted_output(f, params, weights);
      x.data()[e] = float(original - options.step);
      const double minus = weighted_output(f, params, weights);
      x.data()[e] = original;
      const double numeric = (plus - minus) / (2.0 * options.step);
      const double analytic = params[k].grad.data()[e];
      const double tolerance = options.abs_tol + options.rel_tol * std::fabs(numeric);
      const double excess = std::fabs(analytic - numeric) - tolerance;
      result.worst_error = std::max(result.worst_error, excess);
      if (excess > 0 && result.ok) {
        result.ok = false;
        result.report = "input " + std::to_string(k) + " entry " + std::to_string(e) +
                        ": analytic " + std::to_string(analytic) + " vs numeric " +
                        std::to_string(numeric);
      }
    }
  }
  return result;
}

}  // namespace vi
