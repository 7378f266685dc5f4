// Neural process networks and loss.
#include "labs/neural_process_model.h"

#include "distributions/normal.h"

namespace vi {

NpWeights NpWeights::from(const std::vector<Var>& v) {
  return {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]};
}

NpNetworks::NpNetworks(Init init, Rng& rng) {
  // (fan_in, fan_out) of the six linear maps, in NpWeights order.
  const int shapes[6][2] = {{2, kNpHidden},     {kNpHidden, kNpRDim},     {kNpRDim, kNpZDim},
                            {kNpRDim, kNpZDim}, {1 + kNpZDim, kNpHidden}, {kNpHidden, 1}};
  const char* names[6] = {"r_encoder.0", "r_encoder.1", "z_mean",
                          "z_std",       "decoder.0",   "decoder.1"};
  params_.reserve(12);  // Parameter addresses are handed out; the vector never grows after this
  for (int l = 0; l < 6; ++l) {
    const Index in = shapes[l][0], out = shapes[l][1];
    params_.emplace_back(std::string(names[l]) + ".weight", init_weight(init, in, out, rng));
    params_.emplace_back(std::string(names[l]) + ".bias", init_bias(in, out, rng));
  }
}

ParameterList NpNetworks::params() {
  ParameterList list;
  for (Parameter& p : params_) list.push_back(&p);
  return list;
}

NpWeights NpNetworks::on_tape(Tape& t) {
  std::vector<Var> v;
  for (Parameter& p : params_) v.push_back(t.param(p));
  return NpWeights::from(v);
}

std::vector<Matrix> NpNetworks::values() const {
  std::vector<Matrix> v;
  for (const Parameter& p : params_) v.push_back(p.value);
  return v;
}

ZPosterior z_posterior(const NpWeights& w, Var points) {
  Var hidden = relu(matmul(points, w.r_w1) + w.r_b1);  // n×H
  Var r = mean_rows(matmul(hidden, w.r_w2) + w.r_b2);  // 1×R, the average representation
  return {matmul(r, w.mean_w) + w.mean_b, softplus(matmul(r, w.std_w) + w.std_b)};  // 1×Z each
}

Var decode(const NpWeights& w, Var inputs) {
  return matmul(sigmoid(matmul(inputs, w.dec_w1) + w.dec_b1), w.dec_w2) + w.dec_b2;
}

Var kl_gaussian_guarded(const ZPosterior& q, const ZPosterior& p) {
  Var q_var = square(q.std) + 1e-16f;
  Var p_var = square(p.std) + 1e-16f;
  return 0.5f * sum(q_var / p_var + square(q.mean - p.mean) / p_var + log(p_var / q_var) - 1.f);
}

NpLoss np_loss(Tape& t, const NpWeights& w, const NpSplit& split, const Matrix& eps,
               float output_std) {
  const Index n_context = split.context.rows(), n_targets = split.targets.rows();
  const Index samples = eps.rows(), rows = samples * n_targets;
  Matrix all(n_context + n_targets, 2);
  all << split.context, split.targets;
  const ZPosterior q_all = z_posterior(w, t.constant(all));
  const ZPosterior q_context = z_posterior(w, t.constant(split.context));
  Var z = q_all.mean + q_all.std * t.constant(eps);  // S×Z, reparameterized

  // Row s·T + k pairs target k with sample s: a 0/1 selection matrix copies z_s to its T rows
  // (and its transpose sums their gradients back in the backward pass).
  Matrix select = Matrix::Zero(rows, samples), x_rep(rows, 1), y_rep(rows, 1);
  for (Index s = 0; s < samples; ++s)
    for (Index k = 0; k < n_targets; ++k) {
      select(s * n_targets + k, s) = 1.f;
      x_rep(s * n_targets + k, 0) = split.targets(k, 0);
      y_rep(s * n_targets + k, 0) = split.targets(k, 1);
    }
  Var inputs = concat_cols(t.constant(x_rep), matmul(t.constant(select), z));  // ST×(1+Z)
  Var mean = decode(w, inputs);                                                // ST×1
  // Summed over targets, averaged over samples, as the original exercise's log_likelihood.
  Var nll =
      -sum(normal_log_prob_fixed(t.constant(y_rep), mean, output_std)) * (1.f / float(samples));
  Var kl = kl_gaussian_guarded(q_all, q_context);
  return {nll + kl, nll, kl};
}

}  // namespace vi
