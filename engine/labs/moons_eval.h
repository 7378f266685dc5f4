// Forward passes of the moons lab's 2→H ReLU→1 networks over many points, outside the tape, and
// the running Monte Carlo sums behind its progressively refined predictive maps.
//
// Shapes: P points stored as two float arrays (x₀, x₁) so that loops over points vectorize;
// hidden activations stored unit-major, H×P. Weights: W₁ 2×H, b₁ 1×H, W₂ H×1, b₂ a scalar.
#pragma once

#include <vector>

#include "base/grid_box.h"
#include "base/matrix.h"
#include "random/rng.h"
#include "util/json.h"

namespace vi {

struct PointSet {
  std::vector<float> x0, x1;
  size_t size() const { return x0.size(); }
  static PointSet grid(const GridBox& box);  // row j holds y(j), column i holds x(i)
  static PointSet rows(const Matrix& x);     // the rows of an N×2 matrix
};

struct ReluNet {
  Matrix w1, b1, w2;
  float b2 = 0.f;

  std::vector<float> hidden(const PointSet& points) const;  // relu(x·W₁ + b₁), H×P
  // σ(h·W₂ + b₂) from hidden activations.
  void plain(const std::vector<float>& hidden, std::vector<float>& prob) const;
  // σ((m∘h)·W₂ + b₂) for one dropout mask m (1×H: 0 with probability p, else 1/(1 − p)) shared
  // by every point, as a BNN pass shares one weight sample. Each point's Monte Carlo average has
  // the same distribution as with a mask per point; the maps' noise is smooth, not speckled.
  void masked(const std::vector<float>& hidden, float p, Rng& rng, std::vector<float>& prob) const;
  // hidden() then plain() in one sweep, for weights used once (a BNN sample).
  void forward(const PointSet& points, std::vector<float>& prob) const;
};

// Σp and Σp² over Monte Carlo passes, per point.
struct Refinement {
  int version = -1;  // the version of the weights the sums belong to
  int passes = 0;    // passes added so far
  std::vector<double> sum, sum_sq;
  std::vector<float> buffer;  // one pass's probabilities, reused
  Rng rng;

  void reset(int at_version, size_t points, uint64_t seed);
  void add(const std::vector<float>& prob);
  std::vector<float> mean() const;
  // mean, std (over passes), entropy H(mean) in nats, and passesDone; rebuilt only after passes
  // were added.
  const Json& summary();

 private:
  Json summary_;
  int summarized_ = -1;  // passes behind summary_, −1 after a reset
};

}  // namespace vi
