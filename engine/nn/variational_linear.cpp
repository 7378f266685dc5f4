// Mean-field Gaussian linear layer.
#include "nn/variational_linear.h"

#include <cmath>

#include "autodiff/stable_math.h"

namespace vi {

VariationalLinear::VariationalLinear(const std::string& name, Index in, Index out, float prior_var,
                                     float mu0, float rho0, Softplus softplus)
    : mu_(name + ".mu", Matrix::Constant(in, out, mu0)),
      rho_(name + ".rho", Matrix::Constant(in, out, rho0)),
      bias_(name + ".bias", Matrix::Zero(1, out)),
      prior_var_(prior_var),
      softplus_(softplus),
      eps_(in, out) {}

Var VariationalLinear::variance(Tape& t) {
  Var rho = t.param(rho_);
  if (softplus_ == Softplus::Stable) return softplus(rho);
  return log(exp(rho) + 1.f);  // e^ρ = inf past ρ = 88.72: σ² = inf, and its gradient 0·inf = NaN
}

Var VariationalLinear::weight(Tape& t, Rng* rng) {
  Var mu = t.param(mu_);
  if (rng == nullptr) return mu;
  Var sigma = sqrt(variance(t));
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
  Var var = variance(t);
  Var mu = t.param(mu_);
  const float prior_std = std::sqrt(prior_var_);
  // log(σₚ/σ) = log σₚ − ½ log σ²
  return (std::log(prior_std) - 0.5f * log(var)) + (var + square(mu)) * (0.5f / prior_var_) - 0.5f;
}

Matrix VariationalLinear::variance() const {
  if (softplus_ == Softplus::Stable) return rho_.value.unaryExpr(&stable_softplus);
  return rho_.value.unaryExpr([](float rho) { return std::log(1.f + std::exp(rho)); });
}

}  // namespace vi
