// The one random generator: PCG32 with our own normal sampler, bit-identical on every platform.
//
// Nothing in the engine draws randomness from anywhere else. The normal sampler uses the polar
// method in double precision with a logarithm written here (frexp plus an atanh series), so it
// relies only on IEEE +, −, ×, ÷ and sqrt, which are exactly rounded in every build.
#pragma once

#include <cstdint>

#include "autodiff/matrix.h"

namespace vi {

class Rng {
 public:
  explicit Rng(uint64_t seed = 0);

  uint32_t next_u32();
  double uniform();  // [0, 1), 53 random bits
  float uniform_float() { return float(uniform()); }
  int uniform_int(int n);  // {0, …, n−1}, unbiased
  double normal();         // N(0, 1)
  float normal_float() { return float(normal()); }

  Matrix normal_matrix(Index rows, Index cols);  // i.i.d. N(0, 1), row by row
  void fill_normal(Matrix& m);                   // in place, keeping m's shape
  void fill_uniform(Matrix& m, float lo, float hi);

  // Fisher–Yates shuffle of indices 0..n−1 into `out`.
  template <class Vec>
  void permutation(int n, Vec& out) {
    out.resize(size_t(n));
    for (int i = 0; i < n; ++i) out[size_t(i)] = i;
    for (int i = n - 1; i > 0; --i) {
      const int j = uniform_int(i + 1);
      const auto tmp = out[size_t(i)];
      out[size_t(i)] = out[size_t(j)];
      out[size_t(j)] = tmp;
    }
  }

 private:
  uint64_t state_;
  uint64_t inc_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// Natural logarithm of a positive finite double using only exactly rounded operations.
double portable_log(double x);

}  // namespace vi
