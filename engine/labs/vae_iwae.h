// The importance-weighted bound of the VAE (Burda et al. 2016), as an evaluation:
//   L_k(x) = E[log (1/k) Σ_i p(x, z_i) / q(z_i | x)],  z_1…z_k ~ q(z | x) independently.
// L_1 is the ELBO; L_k rises with k and never exceeds log p(x), which it reaches as k → ∞.
// Shapes: B points, D = 2 data dimensions, L latent dimensions, k samples per point.
#pragma once

#include <vector>

#include "labs/vae_model.h"
#include "random/rng.h"

namespace vi {

constexpr int kMaxIwaeSamples = 64;

// One single-sample estimate of L_k per row of x (B×D), drawing k·B·L normals from rng, point by
// point in chunks (sample i of the chunk's point b is its row i·b_chunk + b). The log-mean-exp
// of the k log-weights is taken around their maximum, in double precision.
std::vector<double> iwae_bounds(VaeModel& model, Tape& t, const Matrix& x, int k, Rng& rng);

}  // namespace vi
