// Logistic's VI method: a Gaussian q over the two weights, mean-field or full covariance, fitted
// by full-batch SGD on mean BCE + KL with one weight sample per step; the bias a point estimate.
//
// Shapes: N training points, x N×2, y N×1; weights 2×1. The KL term is the mean of the per-weight
// terms (exercise) or their sum over N, the per-datum ELBO (elbo). family = fullCov: q = N(μ, L·Lᵀ)
// with L = [[σ₁, 0], [L₁₀, σ₂]], the layer's σ's on the diagonal and one more parameter L₁₀.
#pragma once

#include <array>
#include <cmath>
#include <functional>

#include "config/config.h"
#include "data/datasets.h"
#include "labs/gaussian_q.h"
#include "labs/gradient_noise.h"
#include "labs/logistic_posterior.h"
#include "nn/variational_linear.h"
#include "training/training_method.h"

namespace vi {

class LogisticVi : public TrainingMethod {
 public:
  // (KL(q ‖ exact), log p(X) − ELBO) at a q, for the history.
  using GapProbe = std::function<std::array<float, 2>(const GaussianQ&)>;

  LogisticVi(const Config& c, const Dataset& train, bool elbo, float prior_var, Rng stream);

  void set_gap_probe(GapProbe probe) { gap_probe_ = std::move(probe); }

  Vec2 weight_mean() const { return {layer_.mu().value(0, 0), layer_.mu().value(1, 0)}; }
  Vec2 weight_var() const {
    const Matrix v = layer_.variance();
    return {v(0, 0), v(1, 0)};
  }
  // q over the two weights (L₁₀ = 0 for the mean-field family).
  GaussianQ q() const {
    const Vec2 var = weight_var();
    return {weight_mean(), {std::sqrt(var[0]), double(shear_.value(0, 0)), std::sqrt(var[1])}};
  }
  Mat2 cov() const {
    const Vec2 var = weight_var();
    return full_ ? q().cov() : Mat2{var[0], 0.0, 0.0, var[1]};
  }
  bool full() const { return full_; }
  double b() const { return layer_.bias().value(0, 0); }

  // The noise of the ELBO gradient's two estimators at q (gradient_noise.h), for the posterior
  // over the weights under the prior N(0, priorVar·I) with the bias held at b(): S = 1, 4, 16, 64
  // samples per estimate, each variance from noise_replicates(N) estimates, drawn from `rng`.
  GradientNoise gradient_noise(Rng& rng) const;
  // 25 replicates (estimates of 64 samples; 4, 16, 64 times as many of 16, 4, 1 from the same
  // draws) up to 400 training points (the default), fewer for more (at least 10), so the
  // measurement's work stays under a fixed count whatever the data's size.
  static int noise_replicates(int points);
  // Upper bound on the measurement's exp/log terms for `points` training points.
  static double noise_terms(int points);

 protected:
  double train_step() override;
  void record_history(int step) override;

 private:
  Var tilted_forward(Var x);

  const Dataset& train_;
  bool elbo_;
  bool full_;  // family = fullCov
  VariationalLinear layer_;
  Parameter shear_;  // L₁₀, 1×1; trained only for fullCov
  GapProbe gap_probe_;
};

}  // namespace vi
