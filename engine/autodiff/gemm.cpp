// Register-blocked GEMM: a 4×8 block of C lives in eight vector registers across the k loop.
//
// Accumulators are named variables, not arrays: an array of vectors indexed in a loop is kept in
// memory by clang's WebAssembly backend, which costs a load and a store per multiply-add.
#include "autodiff/gemm.h"

#include <cstring>

namespace vi {
namespace {

typedef float f4 __attribute__((vector_size(16)));

inline f4 load4(const float* p) {
  f4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store4(float* p, f4 v) { std::memcpy(p, &v, sizeof v); }
inline f4 splat(float s) { return f4{s, s, s, s}; }

// C[0:4, 0:8] = A[0:4, :]·B[:, 0:8]
void kernel_4x8(int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  f4 c0l = splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  const float *a0 = a, *a1 = a + lda, *a2 = a + 2 * lda, *a3 = a + 3 * lda;
  for (int p = 0; p < k; ++p) {
    const f4 bl = load4(b + p * ldb), bh = load4(b + p * ldb + 4);
    const f4 s0 = splat(a0[p]), s1 = splat(a1[p]), s2 = splat(a2[p]), s3 = splat(a3[p]);
    c0l += s0 * bl, c0h += s0 * bh;
    c1l += s1 * bl, c1h += s1 * bh;
    c2l += s2 * bl, c2h += s2 * bh;
    c3l += s3 * bl, c3h += s3 * bh;
  }
  store4(c, c0l), store4(c + 4, c0h);
  store4(c + ldc, c1l), store4(c + ldc + 4, c1h);
  store4(c + 2 * ldc, c2l), store4(c + 2 * ldc + 4, c2h);
  store4(c + 3 * ldc, c3l), store4(c + 3 * ldc + 4, c3h);
}

// C[0:4, 0:4]
void kernel_4x4(int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  f4 c0 = splat(0), c1 = c0, c2 = c0, c3 = c0;
  const float *a0 = a, *a1 = a + lda, *a2 = a + 2 * lda, *a3 = a + 3 * lda;
  for (int p = 0; p < k; ++p) {
    const f4 bv = load4(b + p * ldb);
    c0 += splat(a0[p]) * bv;
    c1 += splat(a1[p]) * bv;
    c2 += splat(a2[p]) * bv;
    c3 += splat(a3[p]) * bv;
  }
  store4(c, c0), store4(c + ldc, c1), store4(c + 2 * ldc, c2), store4(c + 3 * ldc, c3);
}

// C[0, 0:8]
void kernel_1x8(int k, const float* a, const float* b, int ldb, float* c) {
  f4 lo = splat(0), hi = lo;
  for (int p = 0; p < k; ++p) {
    const f4 s = splat(a[p]);
    lo += s * load4(b + p * ldb);
    hi += s * load4(b + p * ldb + 4);
  }
  store4(c, lo), store4(c + 4, hi);
}

// C[0, 0:4]
void kernel_1x4(int k, const float* a, const float* b, int ldb, float* c) {
  f4 acc = splat(0);
  for (int p = 0; p < k; ++p) acc += splat(a[p]) * load4(b + p * ldb);
  store4(c, acc);
}

// C[0, 0]: the same in-order sum, one entry.
float dot_1x1(int k, const float* a, const float* b, int ldb) {
  float acc = 0.f;
  for (int p = 0; p < k; ++p) acc += a[p] * b[p * ldb];
  return acc;
}

// One row of C, columns blocked by 8, then 4, then single.
void row(int n, int k, const float* a, const float* b, int ldb, float* c) {
  int j = 0;
  for (; j + 8 <= n; j += 8) kernel_1x8(k, a, b + j, ldb, c + j);
  for (; j + 4 <= n; j += 4) kernel_1x4(k, a, b + j, ldb, c + j);
  for (; j < n; ++j) c[j] = dot_1x1(k, a, b + j, ldb);
}

}  // namespace

void gemm(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
          int ldc) {
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const float* ai = a + i * lda;
    float* ci = c + i * ldc;
    int j = 0;
    for (; j + 8 <= n; j += 8) kernel_4x8(k, ai, lda, b + j, ldb, ci + j, ldc);
    for (; j + 4 <= n; j += 4) kernel_4x4(k, ai, lda, b + j, ldb, ci + j, ldc);
    for (; j < n; ++j)
      for (int r = 0; r < 4; ++r) ci[r * ldc + j] = dot_1x1(k, ai + r * lda, b + j, ldb);
  }
  for (; i < m; ++i) row(n, k, a + i * lda, b, ldb, c + i * ldc);
}

void matmul_into(const Matrix& a, const Matrix& b, Matrix& out) {
  eigen_assert(a.cols() == b.rows());
  out.resize(a.rows(), b.cols());
  if (a.cols() == 0) {
    out.setZero();
    return;
  }
  gemm(int(a.rows()), int(b.cols()), int(a.cols()), a.data(), int(a.cols()), b.data(),
       int(b.cols()), out.data(), int(out.cols()));
}

}  // namespace vi
