// Synthetic datasets of the six labs; every draw comes from the Rng passed in.
#pragma once

#include <vector>

#include "base/matrix.h"
#include "random/rng.h"

namespace vi {

// Inputs X (n×d) with targets Y (n×k).
struct Dataset {
  Matrix x;
  Matrix y;
  Index size() const { return x.rows(); }
};

// blobs.cpp: n points split evenly between two isotropic Gaussian blobs (label 0 at c0, 1 at c1).
Dataset make_blobs(int n, float c0x, float c0y, float c1x, float c1y, float std, Rng& rng);

// moons.cpp: two interleaving half circles (scikit-learn's make_moons), label 0 outer, 1 inner.
Dataset make_moons(int n, float noise, Rng& rng);

// circle.cpp: z ~ N(0, 1), x = (cos z, sin z) + noise·ε; y holds the latent z (n×1).
Dataset make_circle(int n, float noise, Rng& rng);

// curves.cpp: the original exercise's cubic on an even grid of [−3, 3], and sin x at x ~ N(0, 1).
float cubic_function(float x);  // 0.2x³ − 2x^{2+1} + 8x, written as in the original exercise
Dataset make_cubic(int n, float noise, Rng& rng);
Dataset make_sine(int n, float noise, Rng& rng);

// out (rows.size()×C) = the listed rows of x (N×C), in order. A plain loop: Eigen's row-block
// assignment stays an out-of-line call per row in the labs' size-optimized WebAssembly (2 % of
// the vae's training).
inline void gather_rows(const Matrix& x, const std::vector<int>& rows, Matrix& out) {
  const Index cols = x.cols();
  out.resize(Index(rows.size()), cols);
  float* __restrict to = out.data();
  for (const int r : rows) {
    const float* from = x.data() + Index(r) * cols;
    for (Index c = 0; c < cols; ++c) *to++ = from[c];
  }
}

// Rows `idx` of d, in that order (gather_rows of x and of y).
Dataset take_rows(const Dataset& d, const std::vector<int>& idx);

// A random validation subset of round(n·fraction) rows (sorted) and the rest as training rows.
struct Split {
  Dataset train;
  Dataset validation;
};
Split random_split(const Dataset& d, double validation_fraction, Rng& rng);

// sensors.cpp: L×N readings x_ij ~ N(−A·log‖s_i − z‖², σ²) for sensors s (L×2) and target z.
Matrix sensor_readings(const Matrix& sensors, float target_x, float target_y, float attenuation,
                       float noise_var, int per_sensor, Rng& rng);

}  // namespace vi
