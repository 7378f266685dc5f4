// Scalar functions written to stay finite for every finite input (no overflow in exp).
#pragma once

#include <cmath>

namespace vi {

// log(1 + x) for x > −1 from logf alone: log1pf differs in the last bit between glibc and the
// WebAssembly libc, while logf agrees. With u = 1 + x rounded, log(u)·x/(u − 1) cancels the
// rounding of u (Goldberg, 1991: a few ulps for any x > −1 where 1 + x is finite).
inline float portable_log1p(float x) {
  const float u = 1.f + x;
  if (u == 1.f) return x;
  return std::log(u) * (x / (u - 1.f));
}

// σ(x) = 1 / (1 + e^{−x}), never evaluating e^{|x|}.
inline float stable_sigmoid(float x) {
  if (x >= 0.f) return 1.f / (1.f + std::exp(-x));
  const float e = std::exp(x);
  return e / (1.f + e);
}

// softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|}); equals x to float precision for
// large x, where the literal formula overflows (ρ > 88 in float32).
inline float stable_softplus(float x) {
  return std::fmax(x, 0.f) + portable_log1p(std::exp(-std::fabs(x)));
}

// The standard normal's cdf Φ(x) = ½·erfc(−x/√2), from expf alone (erff differs between libcs):
// erfc by the Chebyshev fit of Numerical Recipes (§6.2, fractional error below 1.2·10⁻⁷).
inline float normal_cdf(float x) {
  const float z = std::fabs(x) * 0.70710678f;
  const float t = 1.f / (1.f + 0.5f * z);
  const float poly =
      -1.26551223f +
      t * (1.00002368f +
           t * (0.37409196f +
                t * (0.09678418f +
                     t * (-0.18628806f +
                          t * (0.27886807f +
                               t * (-1.13520398f +
                                    t * (1.48851587f + t * (-0.82215223f + t * 0.17087277f))))))));
  const float erfc = t * std::exp(-z * z + poly);  // erfc(|x|/√2)
  return x >= 0.f ? 1.f - 0.5f * erfc : 0.5f * erfc;
}

// The standard normal's density φ(x) = e^{−x²/2}/√(2π).
inline float normal_pdf(float x) {
  return 0.39894228f * std::exp(-0.5f * x * x);
}

// Inverse of softplus, for initializing ρ from a target σ²: log(eʸ − 1) = y + log(1 − e^{−y}).
inline float softplus_inverse(float y) {
  return y + std::log(-std::expm1(-y));
}

}  // namespace vi
