// Two Gaussian blobs.
#include "data/datasets.h"

namespace vi {

Dataset make_blobs(int n, float c0x, float c0y, float c1x, float c1y, float std, Rng& rng) {
  Dataset d{Matrix(n, 2), Matrix(n, 1)};
  const int n0 = n - n / 2;  // scikit-learn gives the first centre the extra point
  for (int i = 0; i < n; ++i) {
    const bool second = i >= n0;
    d.x(i, 0) = (second ? c1x : c0x) + std * rng.normal_float();
    d.x(i, 1) = (second ? c1y : c0y) + std * rng.normal_float();
    d.y(i, 0) = second ? 1.f : 0.f;
  }
  return d;
}

}  // namespace vi
