// Quantile bands from Monte Carlo samples, and their coverage and width.
#include "labs/regression_band.h"

#include <algorithm>
#include <cmath>

#include "random/rng.h"

namespace vi {

float quantile_sorted(const float* sorted, int n, double p) {
  if (n <= 0) return NAN;
  const double h = (n - 1) * p;  // fractional position of the quantile
  const int lo = int(std::floor(h));
  if (lo + 1 >= n) return sorted[n - 1];
  const float frac = float(h - lo);
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

// The p-quantile of n values in any order, by selection (O(n)); reorders the values. Selection
// finds the same order statistics as sorting, so the result equals quantile_sorted's.
float select_quantile(float* v, int n, double p) {
  const double h = (n - 1) * p;
  const int lo = int(std::floor(h));
  std::nth_element(v, v + lo, v + n);
  if (lo + 1 >= n) return v[lo];
  const float next = *std::min_element(v + lo + 1, v + n);  // the order statistic after v[lo]
  return v[lo] + float(h - lo) * (next - v[lo]);
}

namespace {

// The p-quantile from the order statistics at ranks lo and lo + 1 (numpy's linear rule).
float interpolate(int n, double p, float at_lo, float at_next) {
  const double h = (n - 1) * p;
  return at_lo + float(h - std::floor(h)) * (at_next - at_lo);
}

}  // namespace

void set_band(Band& band, size_t i, std::vector<float>& draws) {
  const int n = int(draws.size());
  float* v = draws.data();
  const int lo = int(std::floor((n - 1) * kBandLow)), mid = int(std::floor((n - 1) * kBandMid)),
            hi = int(std::floor((n - 1) * kBandHigh));
  if (n < 4 || !(lo < mid && mid < hi && hi + 1 < n)) {
    band.lower[i] = select_quantile(v, n, kBandLow);
    band.median[i] = select_quantile(v, n, kBandMid);
    band.upper[i] = select_quantile(v, n, kBandHigh);
    return;
  }
  // Select the median first, then each outer quantile inside its own half (less work than three
  // selections over all n). The rank after r is the smallest value to the right of rank r.
  std::nth_element(v, v + mid, v + n);
  const float mid_next = *std::min_element(v + mid + 1, v + n);
  std::nth_element(v, v + lo, v + mid);
  const float lo_next = *std::min_element(v + lo + 1, v + mid + 1);
  std::nth_element(v + mid + 1, v + hi, v + n);
  const float hi_next = *std::min_element(v + hi + 1, v + n);
  band.lower[i] = interpolate(n, kBandLow, v[lo], lo_next);
  band.median[i] = interpolate(n, kBandMid, v[mid], mid_next);
  band.upper[i] = interpolate(n, kBandHigh, v[hi], hi_next);
}

Band band_from_samples(Matrix& samples) {
  const Index n = samples.rows();
  const int s = int(samples.cols());
  Band band;
  band.resize(size_t(n));
  for (Index i = 0; i < n; ++i) {
    float* row = samples.data() + i * s;  // row-major: one input's samples are contiguous
    band.lower[size_t(i)] = select_quantile(row, s, kBandLow);
    band.median[size_t(i)] = select_quantile(row, s, kBandMid);
    band.upper[size_t(i)] = select_quantile(row, s, kBandHigh);
  }
  return band;
}

double coverage(const Band& band, const Matrix& y) {
  if (band.lower.empty()) return NAN;
  int inside = 0;
  for (size_t i = 0; i < band.lower.size(); ++i) {
    const float v = y(Index(i), 0);
    if (band.lower[i] <= v && v <= band.upper[i]) ++inside;
  }
  return double(inside) / double(band.lower.size());
}

double mean_width(const Band& band, size_t begin, size_t end) {
  if (end <= begin) return NAN;
  double total = 0.0;
  for (size_t i = begin; i < end; ++i) total += double(band.upper[i]) - double(band.lower[i]);
  return total / double(end - begin);
}

double mean_width(const Band& band) {
  return mean_width(band, 0, band.lower.size());
}

std::vector<float> sorted_normal_draws(int samples, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> draws(size_t(std::max(samples, 0)));
  for (float& d : draws) d = rng.normal_float();
  std::sort(draws.begin(), draws.end());
  return draws;
}

}  // namespace vi
