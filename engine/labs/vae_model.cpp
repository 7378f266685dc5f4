// The VAE's networks and its ELBO on the tape.
#include "labs/vae_model.h"

#include <cmath>

#include "distributions/normal.h"

namespace vi {

VaeModel::VaeModel(int latent, int hidden, float noise, Rng& rng)
    : latent_(latent),
      noise_(noise),
      // PyTorch's default initialization everywhere, as in the original. One 2L-wide output layer
      // is the original exercise's two L-wide heads side by side (same fan-in, same init
      // distribution).
      encoder_("encoder", {kDataDim, hidden, hidden, 2 * latent}, Activation::Relu,
               Init::FanInUniform, rng),
      decoder_("decoder", {latent, hidden, hidden, kDataDim}, Activation::Relu, Init::FanInUniform,
               rng) {}

VaeTerms VaeModel::elbo(Tape& t, const Matrix& x, const Matrix& eps) {
  const float inv_batch = 1.f / float(x.rows());
  Var data = t.constant(x);                    // B×D
  Var encoded = encoder_.forward(t, data);     // B×2L
  Var mean = slice_cols(encoded, 0, latent_);  // B×L
  Var log_var = slice_cols(encoded, latent_, latent_);
  Var z = mean + exp(0.5f * log_var) * t.constant(eps);  // B×L
  Var reconstruction = decoder_.forward(t, z);           // B×D
  Var recon = sum(normal_log_prob_fixed(data, reconstruction, noise_)) * inv_batch;
  Var kl = sum(kl_to_standard_normal(mean, log_var)) * inv_batch;
  return {recon - kl, recon, kl};
}

VaeModel::IwaeTerms VaeModel::iwae(Tape& t, const Matrix& x, const Matrix& eps, int k) {
  const Index batch = x.rows();
  const float inv_batch = 1.f / float(batch);
  Var data = t.constant(x);                    // B×D
  Var encoded = encoder_.forward(t, data);     // B×2L
  Var mean = slice_cols(encoded, 0, latent_);  // B×L
  Var log_var = slice_cols(encoded, latent_, latent_);
  Var mean_k = tile_rows(mean, k);  // (k·B)×L: the k copies stacked
  Var log_var_k = tile_rows(log_var, k);
  Matrix x_k(k * batch, x.cols());  // (k·B)×D
  for (int i = 0; i < k; ++i) x_k.middleRows(i * batch, batch) = x;
  Var noise = t.constant(eps);
  Var z = mean_k + exp(0.5f * log_var_k) * noise;  // (k·B)×L
  Var reconstruction = decoder_.forward(t, z);     // (k·B)×D
  Var log_lik = sum_cols(normal_log_prob_fixed(t.constant(x_k), reconstruction, noise_));
  // log p(z) − log q(z|x) = Σ_l ½(ε² − z² + logvar); the ½ log 2π terms cancel.
  Var log_ratio = sum_cols(0.5f * (square(noise) - square(z) + log_var_k));
  Var log_w = log_lik + log_ratio;    // (k·B)×1, sample-major
  Var columns = fold_rows(log_w, k);  // B×k: column i is sample i
  Var bound = sum(log_sum_exp_cols(columns)) * inv_batch - std::log(float(k));  // B×k → 1×1
  Var recon = sum(slice_rows(log_lik, 0, int(batch))) * inv_batch;
  Var kl = sum(kl_to_standard_normal(mean, log_var)) * inv_batch;
  return {bound, {recon - kl, recon, kl}};
}

void VaeModel::encode(Tape& t, const Matrix& x, Matrix& mean, Matrix& log_var) {
  t.clear();
  const Matrix& encoded = encoder_.forward(t, t.constant(x)).value();
  mean = encoded.leftCols(latent_);
  log_var = encoded.rightCols(latent_);
}

void VaeModel::decode(Tape& t, const Matrix& z, Matrix& out) {
  t.clear();
  out = decoder_.forward(t, t.constant(z)).value();
}

std::vector<LinearPiece> VaeModel::decoder_pieces() {
  std::vector<const Matrix*> weights, biases;
  for (auto& layer : decoder_.layers()) {
    weights.push_back(&layer->weight().value);
    biases.push_back(&layer->bias().value);
  }
  return relu_network_pieces(weights, biases);
}

ParameterList VaeModel::params() {
  ParameterList p;
  encoder_.collect(p);
  decoder_.collect(p);
  return p;
}

}  // namespace vi
