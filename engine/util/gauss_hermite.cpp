// Gauss–Hermite nodes by Newton's method on the orthonormal Hermite recurrence.
#include "util/gauss_hermite.h"

#include <cmath>

namespace vi {

void gauss_hermite(int n, std::vector<double>& nodes, std::vector<double>& weights) {
  nodes.assign(size_t(n), 0.0);
  weights.assign(size_t(n), 0.0);
  const double pi_to_minus_quarter = 0.7511255444649425;
  double z = 0.0;
  // Roots come in ± pairs; find the positive ones from the largest down, each Newton run started
  // from an asymptotic guess (Numerical Recipes' starting values).
  for (int i = 0; i < (n + 1) / 2; ++i) {
    if (i == 0)
      z = std::sqrt(2.0 * n + 1) - 1.85575 * std::pow(2.0 * n + 1, -0.16667);
    else if (i == 1)
      z -= 1.14 * std::pow(double(n), 0.426) / z;
    else if (i == 2)
      z = 1.86 * z - 0.86 * nodes[0];
    else if (i == 3)
      z = 1.91 * z - 0.91 * nodes[1];
    else
      z = 2.0 * z - nodes[size_t(i - 2)];
    double derivative = 0.0;
    for (int iter = 0; iter < 100; ++iter) {
      // p1 = ψₙ(z), the orthonormal Hermite function's polynomial part; derivative = ψₙ'(z).
      double p1 = pi_to_minus_quarter, p2 = 0.0;
      for (int j = 0; j < n; ++j) {
        const double p3 = p2;
        p2 = p1;
        p1 = z * std::sqrt(2.0 / (j + 1)) * p2 - std::sqrt(double(j) / (j + 1)) * p3;
      }
      derivative = std::sqrt(2.0 * n) * p2;
      const double previous = z;
      z = previous - p1 / derivative;
      if (std::fabs(z - previous) <= 1e-14) break;
    }
    nodes[size_t(i)] = z;
    nodes[size_t(n - 1 - i)] = -z;
    weights[size_t(i)] = weights[size_t(n - 1 - i)] = 2.0 / (derivative * derivative);
  }
}

}  // namespace vi
