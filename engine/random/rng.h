// The one random generator: PCG32 with our own normal sampler, bit-identical on every platform.
//
// Nothing in the engine draws randomness from anywhere else. The normal sampler uses the polar
// method in double precision with a logarithm written here (frexp plus an atanh series), so it
// relies only on IEEE +, −, ×, ÷ and sqrt, which are exactly rounded in every build.
#pragma once

#include <cstdint>

#include "base/matrix.h"

namespace vi {

// A Bernoulli(p) draw from as few random bits as represent p exactly: k bits, true when below
// p·2ᵏ, for the smallest k ≤ 8 that makes p·2ᵏ a whole number (p = ½ takes one bit, so a
// 32-bit output gives 32 draws); otherwise 32 bits against bernoulli_threshold(p).
struct BernoulliBits {
  int bits;
  uint32_t threshold;
};

class Rng {
 public:
  explicit Rng(uint64_t seed = 0);

  uint32_t next_u32() {  // inline: noise loops draw one per entry
    const uint64_t old = state_;
    state_ = old * kMultiplier + inc_;
    return output(old);
  }
  // True with probability threshold / 2³², from one 32-bit draw (see bernoulli_threshold).
  bool bernoulli(uint32_t threshold) { return next_u32() < threshold; }
  // out[i] = hit with probability p, else miss, for i < n, drawn as `draw` says (see
  // bernoulli_bits): from 32-bit draws, the same numbers as n bernoulli() calls (computed as
  // four interleaved chains); from k-bit draws, ⌊32/k⌋ per 32-bit output, lowest bits first.
  void fill_bernoulli(float* out, Index n, BernoulliBits draw, float hit, float miss);
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
  static constexpr uint64_t kMultiplier = 6364136223846793005ULL;
  static uint32_t output(uint64_t old) {  // PCG's XSH-RR permutation of a state
    const uint32_t xorshifted = uint32_t(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = uint32_t(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  uint64_t state_;
  uint64_t inc_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// The threshold for Rng::bernoulli(p): ⌊p·2³²⌋, so the probability is p to within 2.4e-10
// (p in [0, 1); p ≥ 1 gives 2³² − 1).
uint32_t bernoulli_threshold(double p);

BernoulliBits bernoulli_bits(double p);

// Natural logarithm of a positive finite double using only exactly rounded operations.
double portable_log(double x);

}  // namespace vi
