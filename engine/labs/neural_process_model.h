// The neural process of lab 6: an r-encoder averaged over points, a Gaussian z-encoder, a decoder
// of (x*, z), and the training loss, written over weight Vars so tests can differentiate it.
//
// Shapes: C context points, T targets, S samples of z, R = 2 (size of r), Z = 2 (size of z),
// H = 8 hidden units. A set of points is an n×2 matrix of rows (x, y).
#pragma once

#include <vector>

#include "autodiff/ops.h"
#include "nn/init.h"

namespace vi {

constexpr int kNpRDim = 2, kNpZDim = 2, kNpHidden = 8;

// The twelve weight tensors, in the order of NpNetworks::params().
struct NpWeights {
  Var r_w1, r_b1, r_w2, r_b2;          // (x, y) → H ReLU → r: 2×H, 1×H, H×R, 1×R
  Var mean_w, mean_b, std_w, std_b;    // r → μ and r → softplus⁻¹σ: R×Z, 1×Z each
  Var dec_w1, dec_b1, dec_w2, dec_b2;  // (x*, z) → H sigmoid → y*: (1+Z)×H, 1×H, H×1, 1×1
  static NpWeights from(const std::vector<Var>& v);
};

// The parameters, initialized as in the original exercise: weights by `init`, biases always by the
// framework default (the original exercise's init_func only touches weights).
class NpNetworks {
 public:
  NpNetworks(Init init, Rng& rng);
  ParameterList params();
  NpWeights on_tape(Tape& t);
  std::vector<Matrix> values() const;

 private:
  std::vector<Parameter> params_;
};

// q(z | points) = N(mean, diag std²): mean and std are 1×Z.
struct ZPosterior {
  Var mean, std;
};
ZPosterior z_posterior(const NpWeights& w, Var points);  // points: n×2

// The decoder's mean for rows (x*, z): inputs rows×(1+Z) → rows×1.
Var decode(const NpWeights& w, Var inputs);

// The original exercise's KLD_gaussian: ½ Σ [σq²/σp² + (μq − μp)²/σp² + log(σp²/σq²) − 1] with both
// variances guarded by +1e-16, so a collapsed std never divides by zero. All arguments 1×Z; result
// 1×1.
Var kl_gaussian_guarded(const ZPosterior& q, const ZPosterior& p);

// One training step's data: the context rows and the target rows (x, y).
struct NpSplit {
  Matrix context;  // C×2
  Matrix targets;  // T×2
};

struct NpLoss {
  Var loss;        // target_nll + kl
  Var target_nll;  // −(1/S) Σ_s Σ_t log N(y_t | decode(x_t, z_s), output_std²)
  Var kl;          // KL(q(z | context ∪ targets) ‖ q(z | context))
};

// z_s = μ_all + σ_all ∘ eps_s for the S rows of eps (S×Z), drawn from q(z | context ∪ targets).
NpLoss np_loss(Tape& t, const NpWeights& w, const NpSplit& split, const Matrix& eps,
               float output_std);

}  // namespace vi
