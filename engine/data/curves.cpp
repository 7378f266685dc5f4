// One-dimensional regression curves, and row selection and splits.
#include <algorithm>
#include <cmath>

#include "data/datasets.h"

namespace vi {

float cubic_function(float x) {
  return 0.2f * x * x * x - 2.f * x * x * x + 8.f * x;
}

Dataset make_cubic(int n, float noise, Rng& rng) {
  Dataset d{Matrix(n, 1), Matrix(n, 1)};
  for (int i = 0; i < n; ++i) {
    const float x = n > 1 ? float(-3.0 + 6.0 * i / (n - 1)) : 0.f;
    d.x(i, 0) = x;
    d.y(i, 0) = cubic_function(x) + noise * rng.normal_float();
  }
  return d;
}

Dataset make_sine(int n, float noise, Rng& rng) {
  Dataset d{Matrix(n, 1), Matrix(n, 1)};
  for (int i = 0; i < n; ++i) d.x(i, 0) = rng.normal_float();
  // sin in double, then rounded: float sinf differs in the last bit between libcs.
  for (int i = 0; i < n; ++i)
    d.y(i, 0) = float(std::sin(double(d.x(i, 0)))) + noise * rng.normal_float();
  return d;
}

Dataset take_rows(const Dataset& d, const std::vector<int>& idx) {
  Dataset out;
  gather_rows(d.x, idx, out.x);
  gather_rows(d.y, idx, out.y);
  return out;
}

Split random_split(const Dataset& d, double validation_fraction, Rng& rng) {
  const int n = int(d.size());
  const int n_val = int(std::lround(n * validation_fraction));
  std::vector<int> order;
  rng.permutation(n, order);
  std::vector<int> val(order.begin(), order.begin() + n_val);
  std::vector<int> train(order.begin() + n_val, order.end());
  std::sort(val.begin(), val.end());
  std::sort(train.begin(), train.end());
  return {take_rows(d, train), take_rows(d, val)};
}

}  // namespace vi
