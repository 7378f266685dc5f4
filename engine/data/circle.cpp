// Points near the unit circle, parameterized by a standard normal angle.
#include <cmath>

#include "data/datasets.h"

namespace vi {

Dataset make_circle(int n, float noise, Rng& rng) {
  Dataset d{Matrix(n, 2), Matrix(n, 1)};
  for (int i = 0; i < n; ++i) d.y(i, 0) = rng.normal_float();
  for (int i = 0; i < n; ++i) {
    // cos and sin in double, then rounded: float cosf/sinf differ in the last bit between libcs.
    const double z = d.y(i, 0);
    d.x(i, 0) = float(std::cos(z)) + noise * rng.normal_float();
    d.x(i, 1) = float(std::sin(z)) + noise * rng.normal_float();
  }
  return d;
}

}  // namespace vi
