// Bernoulli helpers.
#include "distributions/bernoulli.h"

#include <algorithm>
#include <cmath>

namespace vi {

double bernoulli_entropy(double p) {
  double h = 0.0;
  if (p > 0.0) h -= p * std::log(p);
  if (p < 1.0) h -= (1.0 - p) * std::log(1.0 - p);
  return h;
}

double bernoulli_nll(double p, double y) {
  const double q = std::clamp(p, 1e-7, 1.0 - 1e-7);
  return -(y * std::log(q) + (1.0 - y) * std::log(1.0 - q));
}

}  // namespace vi
