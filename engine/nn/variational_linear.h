// Mean-field Gaussian linear layer (Bayes by backprop): weights ~ N(μ, σ²) with σ² = softplus(ρ).
//
// Each forward draws one weight matrix by reparameterization, w = μ + σ∘ε, shared by every row
// of the batch. The bias is a point estimate, as in the original exercise. KL is to N(0,
// prior_var). σ² = log(1 + e^ρ) is evaluated stably by default, or literally (Softplus::Literal),
// as the original exercise wrote it: e^ρ then overflows float32 once ρ passes 88.72.
#pragma once

#include <string>

#include "autodiff/ops.h"
#include "random/rng.h"

namespace vi {

class VariationalLinear {
 public:
  // How σ² = log(1 + e^ρ) is computed: stably (max(ρ, 0) + log(1 + e^{−|ρ|})), or literally,
  // log(1 + exp(ρ)) in float32 with the chain rule through exp and log, as the original did.
  enum class Softplus { Stable, Literal };

  // μ and ρ start at `mu0` and `rho0` (the exercise starts both at zero), the bias at zero.
  VariationalLinear(const std::string& name, Index in, Index out, float prior_var, float mu0 = 0.f,
                    float rho0 = 0.f, Softplus softplus = Softplus::Stable);

  Var forward(Tape& t, Var x, Rng& rng);  // x: R×in → R×out with one sampled w
  Var forward_mean(Tape& t, Var x);       // x·μ + b, the network at its posterior mean
  // The weights forward() multiplies by: w = μ + σ∘ε (in × out, ε drawn from rng), or μ when
  // rng is null; for callers that fuse the layer into a larger node.
  Var weight(Tape& t, Rng* rng);

  // Elementwise KL(N(μ, σ²) ‖ N(0, prior_var)) = log(σₚ/σ) + (σ² + μ²)/(2σₚ²) − ½, as in×out.
  Var kl_terms(Tape& t);
  Var kl_mean(Tape& t) { return mean(kl_terms(t)); }  // the exercise's per-layer KL
  Var kl_sum(Tape& t) { return sum(kl_terms(t)); }    // the true KL of the layer
  Var variance(Tape& t);                              // σ² on the tape, in × out

  Matrix variance() const;  // softplus(ρ), in × out, in the layer's Softplus form
  void collect(ParameterList& out) { out.insert(out.end(), {&mu_, &rho_, &bias_}); }
  Parameter& mu() { return mu_; }
  Parameter& rho() { return rho_; }
  Parameter& bias() { return bias_; }
  const Parameter& mu() const { return mu_; }
  const Parameter& bias() const { return bias_; }
  float prior_var() const { return prior_var_; }
  const Matrix& last_noise() const { return eps_; }  // ε of the last weight draw, in × out

 private:
  Parameter mu_, rho_, bias_;
  float prior_var_;
  Softplus softplus_;
  Matrix eps_;  // the last weight draw's standard-normal noise, in × out
};

}  // namespace vi
