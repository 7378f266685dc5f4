// A register-blocked float matrix product with a fixed summation order, shared by both builds.
//
// Every output element is summed over k = 0..K-1 in order, so the native and the WebAssembly
// build produce bit-identical products (given -ffp-contract=off). The inner kernel uses clang/gcc
// vector extensions, which lower to SSE natively and to SIMD128 in WebAssembly.
#pragma once

#include "base/matrix.h"

namespace vi {

// C (M×N) = A (M×K) · B (K×N); all three row-major with the given leading dimensions.
void gemm(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc);

// out = A·B, resizing out (which must not alias A or B).
void matmul_into(const Matrix& a, const Matrix& b, Matrix& out);

enum class Transpose { No, Yes };

// C += op(A)·B with op(A) = A (M×K, leading dimension lda) or Aᵀ (A stored K×M): the gradient
// products dW += xᵀ·g and dx += g·Wᵀ without copying a transposed activation matrix. Each entry's
// sum over k is complete before it is added to C.
void gemm_add(Transpose ta, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
              float* c, int ldc);

// out += op(A)·B for matrices; out must already have the product's shape.
void matmul_add(const Matrix& a, Transpose ta, const Matrix& b, Matrix& out);

}  // namespace vi
