// Tape-free forward passes and Monte Carlo accumulation for the moons lab.
#include "labs/moons_eval.h"

#include <algorithm>
#include <cmath>

#include "autodiff/stable_math.h"
#include "distributions/bernoulli.h"

namespace vi {
namespace {
// Points per tile: masked() sweeps the kept units over one tile of points at a time, so the
// tile's sums stay in the L1 cache. Each point still sums its units in order (same results).
constexpr size_t kPointTile = 512;
}  // namespace

PointSet PointSet::grid(const GridBox& box) {
  PointSet s;
  for (int j = 0; j < box.ny; ++j)
    for (int i = 0; i < box.nx; ++i) {
      s.x0.push_back(float(box.x(i)));
      s.x1.push_back(float(box.y(j)));
    }
  return s;
}

PointSet PointSet::rows(const Matrix& x) {
  PointSet s;
  for (Index i = 0; i < x.rows(); ++i) {
    s.x0.push_back(x(i, 0));
    s.x1.push_back(x(i, 1));
  }
  return s;
}

std::vector<float> ReluNet::hidden(const PointSet& points) const {
  const size_t n = points.size(), h = size_t(w1.cols());
  std::vector<float> out(h * n);
  for (size_t j = 0; j < h; ++j) {
    const float a = w1(0, Index(j)), b = w1(1, Index(j)), c = b1(0, Index(j));
    float* row = out.data() + j * n;
    for (size_t p = 0; p < n; ++p) row[p] = std::max(points.x0[p] * a + points.x1[p] * b + c, 0.f);
  }
  return out;
}

void ReluNet::plain(const std::vector<float>& hidden, std::vector<float>& prob) const {
  const size_t h = size_t(w2.rows()), n = hidden.size() / h;
  prob.assign(n, b2);
  for (size_t j = 0; j < h; ++j) {
    const float w = w2(Index(j), 0);
    const float* row = hidden.data() + j * n;
    for (size_t p = 0; p < n; ++p) prob[p] += row[p] * w;
  }
  for (float& z : prob) z = stable_sigmoid(z);
}

void ReluNet::masked(const std::vector<float>& hidden, float p, Rng& rng,
                     std::vector<float>& prob) const {
  const size_t h = size_t(w2.rows()), n = hidden.size() / h;
  const float keep_scale = p < 1.f ? 1.f / (1.f - p) : 0.f;
  const uint32_t threshold = bernoulli_threshold(p);  // one 32-bit draw per hidden unit
  // The mask folds into the output weight: (m·h)·w = h·(m·w), and m·w = w exactly when m = 1.
  // A dropped unit adds h·0 = +0 (h ≥ 0 is finite), which changes no sum: it is skipped.
  std::vector<size_t> kept;
  std::vector<float> weight;
  for (size_t j = 0; j < h; ++j) {
    if (rng.bernoulli(threshold)) continue;
    kept.push_back(j);
    weight.push_back(keep_scale * w2(Index(j), 0));
  }
  prob.assign(n, b2);
  for (size_t t0 = 0; t0 < n; t0 += kPointTile) {
    const size_t t1 = std::min(n, t0 + kPointTile);
    float* out = prob.data();
    for (size_t k = 0; k < kept.size(); ++k) {
      const float w = weight[k];
      const float* row = hidden.data() + kept[k] * n;
      for (size_t q = t0; q < t1; ++q) out[q] += row[q] * w;
    }
  }
  for (float& z : prob) z = stable_sigmoid(z);
}

void ReluNet::forward(const PointSet& points, std::vector<float>& prob) const {
  const size_t n = points.size(), h = size_t(w1.cols());
  prob.assign(n, b2);
  for (size_t j = 0; j < h; ++j) {
    const float a = w1(0, Index(j)), b = w1(1, Index(j)), c = b1(0, Index(j));
    const float w = w2(Index(j), 0);
    for (size_t p = 0; p < n; ++p)
      prob[p] += std::max(points.x0[p] * a + points.x1[p] * b + c, 0.f) * w;
  }
  for (float& z : prob) z = stable_sigmoid(z);
}

void Refinement::reset(int at_version, size_t points, uint64_t seed) {
  version = at_version;
  passes = 0;
  sum.assign(points, 0.0);
  sum_sq.assign(points, 0.0);
  rng = Rng(seed);
  summarized_ = -1;
}

void Refinement::add(const std::vector<float>& prob) {
  for (size_t i = 0; i < prob.size(); ++i) {
    sum[i] += prob[i];
    sum_sq[i] += double(prob[i]) * prob[i];
  }
  ++passes;
}

std::vector<float> Refinement::mean() const {
  std::vector<float> out(sum.size());
  for (size_t i = 0; i < sum.size(); ++i) out[i] = passes ? float(sum[i] / passes) : 0.5f;
  return out;
}

const Json& Refinement::summary() {
  if (summarized_ == passes) return summary_;
  std::vector<float> m = mean(), sd(sum.size()), entropy(sum.size());
  for (size_t i = 0; i < sum.size(); ++i) {
    const double mu = passes ? sum[i] / passes : 0.5;
    const double var = passes ? sum_sq[i] / passes - mu * mu : 0.0;
    sd[i] = float(std::sqrt(std::max(var, 0.0)));
    entropy[i] = float(bernoulli_entropy(mu));
  }
  Json j = Json::object();
  j["mean"] = m;
  j["std"] = sd;
  j["entropy"] = entropy;
  j["passesDone"] = passes;
  summary_ = j;
  summarized_ = passes;
  return summary_;
}

}  // namespace vi
