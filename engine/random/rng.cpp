// PCG32 (O'Neill, XSH-RR variant), uniform and normal draws, and a portable logarithm.
#include "random/rng.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "base/simd.h"

namespace vi {

Rng::Rng(uint64_t seed) : state_(0), inc_((seed << 1u) | 1u) {
  // The initialization sequence of the PCG reference implementation.
  next_u32();
  state_ += 0x853c49e6748fea9bULL ^ (seed * 0x9e3779b97f4a7c15ULL);
  next_u32();
}

uint32_t bernoulli_threshold(double p) {
  if (!(p > 0.0)) return 0u;
  if (p >= 1.0) return 0xffffffffu;
  return uint32_t(p * 4294967296.0);  // scaling by 2³² is exact; the conversion rounds down
}

BernoulliBits bernoulli_bits(double p) {
  if (p > 0.0 && p < 1.0)
    for (int k = 1; k <= 8; ++k) {
      const double scaled = p * double(1 << k);  // exact: a power of two
      if (scaled == std::floor(scaled)) return {k, uint32_t(scaled)};
    }
  return {32, bernoulli_threshold(p)};
}

void Rng::fill_bernoulli(float* out, Index n, BernoulliBits draw, float hit, float miss) {
  // Branch-free: with p near ½ a branch on each draw would be mispredicted half the time. The
  // outcome selects between the two floats' bit patterns, so hit and miss are written exactly.
  uint32_t hit_bits, miss_bits;
  std::memcpy(&hit_bits, &hit, 4);
  std::memcpy(&miss_bits, &miss, 4);
  const uint32_t threshold = draw.threshold;
  const auto pick = [&](uint32_t bits) {
    const uint32_t is_hit = 0u - uint32_t(bits < threshold);  // all ones or all zeros
    const uint32_t chosen = (hit_bits & is_hit) | (miss_bits & ~is_hit);
    float f;
    std::memcpy(&f, &chosen, 4);
    return f;
  };
  if (draw.bits < 32) {
    // ⌊32/k⌋ draws per output, lowest bits first; the rest of the last output is dropped. Four
    // draws at a time: draw d compares u's bits d·k … d·k + k − 1 with the threshold, as
    // (u & mask·2ᵈᵏ) < threshold·2ᵈᵏ, so each lane needs only its own precomputed constants.
    const int k = draw.bits;
    const Index per = 32 / k;
    const uint32_t mask = (1u << k) - 1u;
    simd::u4 lane_mask[8], lane_threshold[8];  // per/4 ≤ 8 groups of four draws
    for (Index q = 0; q < per / 4; ++q)
      for (int l = 0; l < 4; ++l) {
        const int shift = int(4 * q + l) * k;
        lane_mask[q][l] = mask << shift;
        lane_threshold[q][l] = threshold << shift;
      }
    const simd::i4 hit4 = simd::i4{} + int32_t(hit_bits), miss4 = simd::i4{} + int32_t(miss_bits);
    for (Index i = 0; i < n; i += per) {
      const uint32_t u = next_u32();
      const simd::u4 u4 = simd::u4{} + u;
      const Index count = std::min(per, n - i);
      Index j = 0;
      for (; j + 4 <= count; j += 4) {
        const simd::i4 is_hit = (simd::i4)((u4 & lane_mask[j / 4]) < lane_threshold[j / 4]);
        simd::store4(out + i + j, (simd::f4)((hit4 & is_hit) | (miss4 & ~is_hit)));
      }
      for (; j < count; ++j) out[i + j] = pick((u >> (j * k)) & mask);
    }
    return;
  }
  // One output per draw, from four interleaved chains: states i, i+1, i+2, i+3 advance by four
  // steps each, s ↦ M⁴·s + (M³ + M² + M + 1)·inc.
  const uint64_t m = kMultiplier, m4 = m * m * m * m, c4 = (m * m * m + m * m + m + 1) * inc_;
  uint64_t s0 = state_, s1 = s0 * m + inc_, s2 = s1 * m + inc_, s3 = s2 * m + inc_;
  Index i = 0;
  for (; i + 4 <= n; i += 4) {
    out[i] = pick(output(s0));
    out[i + 1] = pick(output(s1));
    out[i + 2] = pick(output(s2));
    out[i + 3] = pick(output(s3));
    s0 = s0 * m4 + c4, s1 = s1 * m4 + c4, s2 = s2 * m4 + c4, s3 = s3 * m4 + c4;
  }
  state_ = s0;  // the state of draw i
  for (; i < n; ++i) out[i] = pick(next_u32());
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
