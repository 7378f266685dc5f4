// Mean-field Gaussian linear layer.
#include "nn/variational_linear.h"

#include <cmath>

#include "autodiff/stable_math.h"

namespace vi {

VariationalLinear::VariationalLinear(const std::string& name, Index in, Index out, float prior_var,
                                     float mu0, float rho0)
    : mu_(name + ".mu", Matrix::Constant(in, out, mu0)),
      rho_(name + ".rho", Matrix::Constant(in, out, rho0)),
      bias_(name + ".bias", Matrix::Zero(1, out)),
      prior_var_(prior_var),
      eps_(in, out) {}

Var VariationalLinear::weight(Tape& t, Rng* rng) {
  Var mu = t.param(mu_);
  if (rng == nullptr) return mu;
  Var sigma = sqrt(softplus(t.param(rho_)));
  rng->fill_normal(eps_);  // refilled in place: a training step allocates nothing here
  return mu + sigma * t.constant(eps_);
}

Var VariationalLinear::forward(Tape& t, Var x, Rng& rng) {
  return matmul(x, weight(t, &rng)) + t.param(bias_);
}

Var VariationalLinear::forward_mean(Tape& t, Var x) {
  return matmul(x, t.param(mu_)) + t.param(bias_);
}

Var VariationalLinear::kl_terms(Tape& t) {
  Var var = softplus(t.param(rho_));
  Var mu = t.param(mu_);
  const float prior_std = std::sqrt(prior_var_);
  // log(σₚ/σ) = log σₚ − ½ log σ²
  return (std::log(prior_std) - 0.5f * log(var)) + (var + square(mu)) * (0.5f / prior_var_) - 0.5f;
}

Matrix VariationalLinear::variance() const {
  return rho_.value.unaryExpr(&stable_softplus);
}

}  // namespace vi
