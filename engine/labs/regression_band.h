// Predictive bands of lab 2: quantiles of Monte Carlo samples and how well a band covers data.
//
// A band is the 5 %, 50 % and 95 % quantiles of the predictive distribution of y at each of n
// inputs. Quantiles interpolate linearly between order statistics, as numpy.quantile does in the
// original exercise.
#pragma once

#include <vector>

#include "base/matrix.h"

namespace vi {

constexpr double kBandLow = 0.05, kBandMid = 0.5, kBandHigh = 0.95;

struct Band {
  std::vector<float> lower, median, upper;  // each n
  void resize(size_t n) { lower.resize(n), median.resize(n), upper.resize(n); }
};

// The p-quantile of n ascending values (numpy's default "linear" rule).
float quantile_sorted(const float* sorted, int n, double p);

// Sets entry i of `band` from S draws of y at one input (reordering them).
void set_band(Band& band, size_t i, std::vector<float>& draws);

// Band from samples: row i of `samples` (n×S) holds S draws of y at input i. Reorders each row.
Band band_from_samples(Matrix& samples);

// Fraction of targets y (n×1) with lower ≤ y ≤ upper.
double coverage(const Band& band, const Matrix& y);

// Mean of upper − lower over all inputs, or over inputs [begin, end).
double mean_width(const Band& band);
double mean_width(const Band& band, size_t begin, size_t end);

// S standard-normal draws from a generator seeded with `seed`, sorted ascending: the noise a
// Gaussian predictive shares across inputs (common random numbers keep the band smooth).
std::vector<float> sorted_normal_draws(int samples, uint64_t seed);

}  // namespace vi
