// Logistic's VI method: its training step, its full-covariance draw and its history.
#include "labs/logistic_vi.h"

#include "optim/sgd.h"

namespace vi {

LogisticVi::LogisticVi(const Config& c, const Dataset& train, bool elbo, float prior_var,
                       Rng stream)
    : TrainingMethod(
          {"VI", c.integer("vi.steps"), "vi.lr", 0.1f, {"loss", "kl", "klToExact", "elboGap"}},
          std::move(stream)),
      train_(train),
      elbo_(elbo),
      full_(c.choice("family") == "fullCov"),
      layer_("vi", 2, 1, prior_var),
      shear_("vi.shear", Matrix::Zero(1, 1)) {
  ParameterList params;
  layer_.collect(params);
  if (full_) params.push_back(&shear_);
  set_optimizer(std::make_unique<Sgd>(params, c.real("vi.lr")));
}

double LogisticVi::train_step() {
  tape_.clear();
  Var x = tape_.constant(train_.x);                                         // N×2
  Var logits = full_ ? tilted_forward(x) : layer_.forward(tape_, x, rng_);  // N×1
  Var bce = mean(bce_with_logits(logits, tape_.constant(train_.y)));
  Var kl = elbo_ ? layer_.kl_sum(tape_) * (1.f / float(train_.size())) : layer_.kl_mean(tape_);
  // KL(N(μ, L·Lᵀ) ‖ N(0, s·I)) = the diagonal terms + L₁₀²/(2s), over N or, as the exercise's
  // mean over weights, over 2.
  if (full_)
    kl = kl + sum(square(tape_.param(shear_))) *
                  (0.5f / layer_.prior_var() / (elbo_ ? float(train_.size()) : 2.f));
  Var loss = bce + kl;
  tape_.backward(loss);
  optimizer_->step();
  report_term(0, kl.item());
  return loss.item();
}

void LogisticVi::record_history(int step) {
  if (!history_.wants(step)) return;
  const std::array<float, 2> gap =
      gap_probe_ ? gap_probe_(q()) : std::array<float, 2>{float(NAN), float(NAN)};
  history_.record(step, {float(loss()), float(term(0)), gap[0], gap[1]});
}

// x·w + b with w = μ + σ∘ε + (0, L₁₀ε₀)ᵀ: the layer's draw, tilted by the off-diagonal.
Var LogisticVi::tilted_forward(Var x) {
  Var w = layer_.weight(tape_, &rng_);  // 2×1
  const float e0 = layer_.last_noise()(0, 0);
  Var tilt = concat_rows(tape_.constant(Matrix::Zero(1, 1)), tape_.param(shear_) * e0);
  Var tilted = w + tilt;
  return matmul(x, tilted) + tape_.param(layer_.bias());
}

}  // namespace vi
