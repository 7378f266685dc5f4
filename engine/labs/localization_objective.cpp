// Localization's −ELBO on the tape, by the reparameterization or the score-function estimator.
#include "labs/localization_objective.h"

#include <cmath>

#include "distributions/normal.h"

namespace vi {
namespace {

// μ + (L₀₀ε₀, L₁₀ε₀ + L₁₁ε₁) with ε from rng; diag = (L₀₀, L₁₁), shear = L₁₀.
Var full_rsample(Var mu, Var diag, Var shear, bool shared_noise, Rng& rng) {
  // One draw for both coordinates with shared noise.
  const Matrix eps =
      shared_noise ? Matrix::Constant(1, 2, rng.normal_float()) : rng.normal_matrix(1, 2);
  Tape& tape = *mu.tape;
  Var spread = mu + diag * tape.constant(eps);
  Var tilt = concat_cols(tape.constant(Matrix::Zero(1, 1)), shear * eps(0, 0));
  return spread + tilt;
}

}  // namespace

ObjectiveStep LocalizationObjective::reparam(Var mu, Var head, Rng& rng) const {
  Tape& tape = *mu.tape;
  Var logvar = full ? slice_cols(head, 0, 2) : head;
  Var kl = sum(kl_to_standard_normal(mu, logvar));
  Var sensors = tape.constant(model.sensors());    // L×2
  Var readings = tape.constant(model.readings());  // L×N
  Var std = exp(0.5f * logvar);
  Var l10 = tape.constant(0.f);
  if (full) {
    l10 = slice_cols(head, 2, 1) * slice_cols(std, 0, 1);  // L₁₀ = β·L₀₀
    // KL(N(μ, L·Lᵀ) ‖ N(0, I)) = ½(tr L·Lᵀ + μᵀμ − 2 − log det L·Lᵀ): the diagonal terms + ½L₁₀².
    kl = kl + 0.5f * sum(square(l10));
  }
  Var loglik = tape.constant(0.f);
  for (int s = 0; s < samples; ++s) {
    // 1×2: μ + (L₀₀ε₀, L₁₁ε₁), plus (0, L₁₀ε₀) for fullCov; ε ~ N(0, I), or, as the original
    // template's noise of shape (1, 1), one ε for both coordinates: every z then lies on a line.
    Var z = full           ? full_rsample(mu, std, l10, shared_noise, rng)
            : shared_noise ? mu + std * tape.constant(Matrix::Constant(1, 2, rng.normal_float()))
                           : normal_rsample(mu, std, rng);
    Var means = -float(model.attenuation()) * log(sum_cols(square(sensors - z)));  // L×1
    Var ll = sum(square(readings - means) * (-0.5f / float(model.noise_var())) -
                 0.5f * std::log(float(model.noise_var())));
    loglik = loglik + ll;
  }
  loglik = loglik * (1.f / float(samples));
  Var loss = kl - loglik;
  return {loss, loss.item(), loglik.item(), kl.item()};
}

ObjectiveStep LocalizationObjective::score(Var mu, Var head, Rng& rng) const {
  Tape& tape = *mu.tape;
  Var logvar = full ? slice_cols(head, 0, 2) : head;
  Var kl = sum(kl_to_standard_normal(mu, logvar));  // reported, not differentiated
  Var std = exp(0.5f * logvar);
  Var l10 = tape.constant(0.f);
  if (full) {
    l10 = slice_cols(head, 2, 1) * slice_cols(std, 0, 1);
    kl = kl + 0.5f * sum(square(l10));
  }
  const double m0 = mu.value()(0, 0), m1 = mu.value()(0, 1);
  const double l00 = std.value()(0, 0), l11 = std.value()(0, 1), l10v = l10.value()(0, 0);
  const double log_det = double(logvar.value()(0, 0)) + double(logvar.value()(0, 1));
  Var sd0 = slice_cols(std, 0, 1), sd1 = slice_cols(std, 1, 1);
  double loglik = 0.0;
  Var surrogate = tape.constant(0.f);
  for (int s = 0; s < samples; ++s) {
    const Matrix eps = rng.normal_matrix(1, 2);
    const double e0 = eps(0, 0), e1 = eps(0, 1);
    const double z0 = m0 + l00 * e0, z1 = m1 + l10v * e0 + l11 * e1;
    // log q(z) = −log 2π − ½ log det L·Lᵀ − ½|ε|²
    const double log_q = -std::log(2.0 * M_PI) - 0.5 * log_det - 0.5 * (e0 * e0 + e1 * e1);
    const double weight = model.log_joint(z0, z1) - log_q;
    loglik += model.log_likelihood(z0, z1);
    // log q(z) on the tape at this fixed z, up to its constant: ε = L⁻¹(z − μ), i.e.
    // ε₀ = (z₀ − μ₀)/L₀₀, ε₁ = (z₁ − μ₁ − L₁₀ε₀)/L₁₁, and log q = −½ Σ log Lᵢᵢ² − ½|ε|².
    Matrix z(1, 2);
    z << float(z0), float(z1);
    Var d = tape.constant(z) - mu;  // 1×2
    Var eps0 = slice_cols(d, 0, 1) / sd0;
    Var eps1 = (slice_cols(d, 1, 1) - l10 * eps0) / sd1;
    Var log_q_var = -0.5f * sum(logvar) - 0.5f * (square(eps0) + square(eps1));
    surrogate = surrogate + log_q_var * float(weight);
  }
  // −(1/S) Σₛ wₛ·log q(zₛ): its gradient is minus the score-function estimate of ∇ELBO.
  const float mean_loglik = float(loglik / double(samples));
  return {surrogate * (-1.f / float(samples)), kl.item() - mean_loglik, mean_loglik, kl.item()};
}

}  // namespace vi
