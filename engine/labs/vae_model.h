// The variational autoencoder of lab 5: q(z|x) = N(μ(x), diag e^{logvar(x)}), p(z) = N(0, I),
// p(x|z) = N(f(z), σ²I), with μ, logvar and f small ReLU networks.
//
// Shapes: B data points, D = 2 data dimensions, L latent dimensions, H hidden units.
// Encoder D→H→H→2L (the first L outputs are μ, the last L are logvar); decoder L→H→H→D.
#pragma once

#include <vector>

#include "labs/vae_likelihood.h"
#include "nn/mlp.h"

namespace vi {

// Per-point means over a batch; elbo = recon − kl.
struct VaeTerms {
  Var elbo, recon, kl;
};

class VaeModel {
 public:
  static constexpr int kDataDim = 2;

  VaeModel(int latent, int hidden, float noise, Rng& rng);

  // One-sample reparameterized ELBO of x (B×D) with standard-normal noise eps (B×L):
  // mean over rows of Σ_d log N(x_d | f(z)_d, σ²) − Σ_l KL(q(z_l|x) ‖ N(0, 1)), z = μ +
  // e^{logvar/2}∘ε.
  VaeTerms elbo(Tape& t, const Matrix& x, const Matrix& eps);

  // The importance-weighted bound with k samples per point, for training: mean over rows of
  // log (1/k) Σ_i p(x, z_i)/q(z_i|x), z_i = μ + e^{logvar/2}∘ε_i, with eps (k·B)×L (sample i of
  // point b in row i·B + b). Also the one-sample ELBO terms of sample 0, for the running metrics.
  struct IwaeTerms {
    Var bound;
    VaeTerms first;
  };
  IwaeTerms iwae(Tape& t, const Matrix& x, const Matrix& eps, int k);

  // q's parameters for x (B×D): mean and log-variance, B×L each.
  void encode(Tape& t, const Matrix& x, Matrix& mean, Matrix& log_var);
  // The decoder's mean f(z) for z (B×L): B×D.
  void decode(Tape& t, const Matrix& z, Matrix& out);

  // The decoder as linear pieces over z (latent dimension 1 only).
  std::vector<LinearPiece> decoder_pieces();

  ParameterList params();
  int latent() const { return latent_; }
  float noise() const { return noise_; }

 private:
  int latent_;
  float noise_;
  Mlp encoder_, decoder_;
};

}  // namespace vi
