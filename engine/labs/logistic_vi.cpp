// Logistic's VI method: its training step, its full-covariance draw and its history.
#include "labs/logistic_vi.h"

#include <algorithm>

#include "optim/sgd.h"

namespace vi {
namespace {

const std::vector<int> kNoiseSamples{1, 4, 16, 64};  // 64 draws per replicate
constexpr double kNoiseDraws = 64.0;
constexpr double kNoiseDrawPoints = 25.0 * kNoiseDraws * 400;  // 25 replicates at 400 points

}  // namespace

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

GradientNoise LogisticVi::gradient_noise(Rng& rng) const {
  const double prior_var = layer_.prior_var(), b = this->b();
  // log p̃(w) = Σₙ log σ(±(w·xₙ + b)) − ‖w‖²/(2·priorVar), and its gradient
  // Σₙ (yₙ − σ(w·xₙ + b))·xₙ − w/priorVar, in one pass over the points.
  const auto log_joint = [&](double w0, double w1) {
    std::array<double, 3> out{-(w0 * w0 + w1 * w1) / (2.0 * prior_var), -w0 / prior_var,
                              -w1 / prior_var};
    for (Index n = 0; n < train_.size(); ++n) {
      const double x0 = train_.x(n, 0), x1 = train_.x(n, 1), y = train_.y(n, 0);
      const double z = w0 * x0 + w1 * x1 + b;
      // log σ(z) = −log(1 + e^{−z}) and σ(z), stably from e^{−|z|}
      const double e = std::exp(-std::fabs(z)), log1pe = std::log1p(e);
      const double sigma = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      const double log_sigma = z >= 0 ? -log1pe : z - log1pe;  // log σ(z)
      out[0] += y * log_sigma + (1.0 - y) * (log_sigma - z);   // log σ(−z) = log σ(z) − z
      out[1] += (y - sigma) * x0;
      out[2] += (y - sigma) * x1;
    }
    return out;
  };
  return vi::gradient_noise(log_joint, q(), kNoiseSamples, noise_replicates(int(train_.size())),
                            rng);
}

int LogisticVi::noise_replicates(int points) {
  return std::clamp(int(kNoiseDrawPoints / (kNoiseDraws * std::max(points, 1))), 10, 25);
}

double LogisticVi::noise_terms(int points) {
  return 2.0 * kNoiseDraws * noise_replicates(points) * points;  // an exp and a log per point
}

}  // namespace vi
