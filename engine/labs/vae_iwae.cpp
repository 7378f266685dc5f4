// The importance-weighted bound of the VAE, one estimate per point.
#include "labs/vae_iwae.h"

#include <algorithm>
#include <cmath>

namespace vi {
namespace {

constexpr Index kChunkRows = 16384;  // decoder rows per forward pass: k × points of a chunk
constexpr double kLog2Pi = 1.8378770664093454836;

}  // namespace

std::vector<double> iwae_bounds(VaeModel& model, Tape& t, const Matrix& x, int k, Rng& rng) {
  const Index n = x.rows(), latent = model.latent(), dims = x.cols();
  const Index chunk = std::max<Index>(1, kChunkRows / k);
  const double var = double(model.noise()) * double(model.noise());
  // log N(x | f, σ²I) = −½‖x − f‖²/σ² − (D/2) log 2πσ².
  const double log_norm = -0.5 * double(dims) * (kLog2Pi + std::log(var));
  std::vector<double> bounds(static_cast<size_t>(n)), log_w(static_cast<size_t>(k));
  Matrix mean, log_var, eps, z, f;
  for (Index start = 0; start < n; start += chunk) {
    const Index b = std::min(chunk, n - start);
    model.encode(t, x.middleRows(start, b), mean, log_var);  // b×L each
    eps.resize(k * b, latent);
    rng.fill_normal(eps);
    z.resize(k * b, latent);
    for (Index i = 0; i < k; ++i)
      for (Index p = 0; p < b; ++p)
        for (Index l = 0; l < latent; ++l)
          z(i * b + p, l) = mean(p, l) + std::exp(0.5f * log_var(p, l)) * eps(i * b + p, l);
    model.decode(t, z, f);  // (k·b)×D
    for (Index p = 0; p < b; ++p) {
      for (Index i = 0; i < k; ++i) {
        const Index r = i * b + p;
        double squared_error = 0.0;
        for (Index d = 0; d < dims; ++d) {
          const double e = double(x(start + p, d)) - double(f(r, d));
          squared_error += e * e;
        }
        // log p(z) − log q(z|x) = Σ_l −½z² + ½ε² + ½ logvar (the ½ log 2π terms cancel).
        double log_ratio = 0.0;
        for (Index l = 0; l < latent; ++l) {
          const double zl = z(r, l), el = eps(r, l);
          log_ratio += 0.5 * (el * el - zl * zl + double(log_var(p, l)));
        }
        log_w[size_t(i)] = log_norm - 0.5 * squared_error / var + log_ratio;
      }
      const double top = *std::max_element(log_w.begin(), log_w.end());
      double sum = 0.0;
      for (double w : log_w) sum += std::exp(w - top);
      bounds[size_t(start + p)] = top + std::log(sum / double(k));
    }
  }
  return bounds;
}

}  // namespace vi
