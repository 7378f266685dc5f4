// A register-blocked float matrix product with a fixed summation order, shared by both builds.
//
// Every output element is summed over k = 0..K-1 in order, so the native and the WebAssembly
// build produce bit-identical products (given -ffp-contract=off). The inner kernel uses clang/gcc
// vector extensions, which lower to SSE natively and to SIMD128 in WebAssembly.
#pragma once

#include "autodiff/matrix.h"

namespace vi {

// C (M×N) = A (M×K) · B (K×N); all three row-major with the given leading dimensions.
void gemm(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc);

// out = A·B, resizing out (which must not alias A or B).
void matmul_into(const Matrix& a, const Matrix& b, Matrix& out);

}  // namespace vi
