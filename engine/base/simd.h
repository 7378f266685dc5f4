// Four-float vectors from clang/gcc vector extensions: SIMD128 in WebAssembly, SSE natively.
//
// Loads and stores go through memcpy, so they need no alignment; each lane computes exactly what
// the scalar code would, so vectorized and scalar loops give identical results.
#pragma once

#include <cstdint>
#include <cstring>

namespace vi::simd {

typedef float f4 __attribute__((vector_size(16)));
typedef int32_t i4 __attribute__((vector_size(16)));
typedef uint32_t u4 __attribute__((vector_size(16)));

inline f4 load4(const float* p) {
  f4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store4(float* p, f4 v) {
  std::memcpy(p, &v, sizeof v);
}
inline f4 splat(float s) {
  return f4{s, s, s, s};
}
// max(v, 0) lane by lane as the scalar `v > 0 ? v : 0` (NaN and −0 give +0).
inline f4 relu4(f4 v) {
  const i4 keep = v > splat(0.f);  // all ones where v > 0
  return (f4)((i4)v & keep);
}

}  // namespace vi::simd
