// Two interleaving half circles.
#include <cmath>

#include "data/datasets.h"

namespace vi {

Dataset make_moons(int n, float noise, Rng& rng) {
  const int n_outer = n / 2, n_inner = n - n_outer;
  Dataset d{Matrix(n, 2), Matrix(n, 1)};
  const double pi = 3.14159265358979323846;
  for (int i = 0; i < n_outer; ++i) {
    const double t = n_outer > 1 ? pi * i / (n_outer - 1) : 0.0;
    d.x(i, 0) = float(std::cos(t));
    d.x(i, 1) = float(std::sin(t));
    d.y(i, 0) = 0.f;
  }
  for (int i = 0; i < n_inner; ++i) {
    const double t = n_inner > 1 ? pi * i / (n_inner - 1) : 0.0;
    d.x(n_outer + i, 0) = float(1.0 - std::cos(t));
    d.x(n_outer + i, 1) = float(1.0 - std::sin(t) - 0.5);
    d.y(n_outer + i, 0) = 1.f;
  }
  for (int i = 0; i < n; ++i) {
    d.x(i, 0) += noise * rng.normal_float();
    d.x(i, 1) += noise * rng.normal_float();
  }
  return d;
}

}  // namespace vi
