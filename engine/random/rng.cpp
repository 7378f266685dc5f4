// PCG32 (O'Neill, XSH-RR variant), uniform and normal draws, and a portable logarithm.
#include "random/rng.h"

#include <cmath>

namespace vi {

Rng::Rng(uint64_t seed) : state_(0), inc_((seed << 1u) | 1u) {
  // The initialization sequence of the PCG reference implementation.
  next_u32();
  state_ += 0x853c49e6748fea9bULL ^ (seed * 0x9e3779b97f4a7c15ULL);
  next_u32();
}

uint32_t Rng::next_u32() {
  const uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  const uint32_t xorshifted = uint32_t(((old >> 18u) ^ old) >> 27u);
  const uint32_t rot = uint32_t(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

double Rng::uniform() {
  const uint64_t hi = next_u32() >> 5;                          // 27 bits
  const uint64_t lo = next_u32() >> 6;                          // 26 bits
  return double((hi << 26) | lo) * (1.0 / 9007199254740992.0);  // / 2^53
}

int Rng::uniform_int(int n) {
  // Lemire's rejection keeps every value equally likely.
  const uint32_t bound = uint32_t(n);
  const uint32_t threshold = (0u - bound) % bound;
  for (;;) {
    const uint32_t r = next_u32();
    if (r >= threshold) return int(r % bound);
  }
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // Marsaglia's polar method: (u, v) uniform in the unit disc, two independent normals.
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * portable_log(s) / s);
  spare_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

Matrix Rng::normal_matrix(Index rows, Index cols) {
  Matrix m(rows, cols);
  fill_normal(m);
  return m;
}

void Rng::fill_normal(Matrix& m) {
  float* p = m.data();
  for (Index i = 0; i < m.size(); ++i) p[i] = normal_float();
}

void Rng::fill_uniform(Matrix& m, float lo, float hi) {
  float* p = m.data();
  for (Index i = 0; i < m.size(); ++i) p[i] = lo + (hi - lo) * uniform_float();
}

double portable_log(double x) {
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // x = m·2^e, m ∈ [0.5, 1): exact
  if (m < 0.70710678118654752440) {     // bring m into [√½, √2)
    m *= 2.0;
    exponent -= 1;
  }
  // ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …), s = (m−1)/(m+1) ∈ (−0.172, 0.172).
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double series = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2) series = 1.0 / k + s2 * series;
  const double ln2 = 0.69314718055994530942;
  return 2.0 * s * series + exponent * ln2;
}

}  // namespace vi
