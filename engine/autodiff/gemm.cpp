// Register-blocked GEMM: a block of up to 4×8 of C lives in vector registers across the k loop.
//
// Accumulators are named variables, not arrays: an array of vectors indexed in a loop is kept in
// memory by clang's WebAssembly backend, which costs a load and a store per multiply-add. Kernels
// are templates on the block's row count R ≤ 4, so thin products (2-input layers' xᵀ·g, the
// 1-output layers' g·wᵀ) load each element of B once for all R rows.
#include "autodiff/gemm.h"

#include "base/simd.h"

namespace vi {
namespace {

using namespace simd;

// Writes an accumulator to C, or adds it to what C holds (the sum over k is complete either way).
template <bool Add>
inline void put4(float* c, f4 v) {
  if (Add) v = load4(c) + v;
  store4(c, v);
}
template <bool Add>
inline void put1(float* c, float v) {
  *c = Add ? *c + v : v;
}

// A's entry (r, p) is a[r·rs + p·cs]: rs = lda, cs = 1 for A itself; rs = 1, cs = lda for Aᵀ.

// C[0:R, 0:8] (+)= A[0:R, :]·B[:, 0:8]
template <bool Add, int R>
void kernel_8(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc) {
  f4 c0l = splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  const float *a0 = a, *a1 = a + rs, *a2 = a + 2 * rs, *a3 = a + 3 * rs;
  for (int p = 0; p < k; ++p) {
    const f4 bl = load4(b + p * ldb), bh = load4(b + p * ldb + 4);
    const int q = p * cs;
    const f4 s0 = splat(a0[q]);
    c0l += s0 * bl, c0h += s0 * bh;
    if constexpr (R > 1) {
      const f4 s1 = splat(a1[q]);
      c1l += s1 * bl, c1h += s1 * bh;
    }
    if constexpr (R > 2) {
      const f4 s2 = splat(a2[q]);
      c2l += s2 * bl, c2h += s2 * bh;
    }
    if constexpr (R > 3) {
      const f4 s3 = splat(a3[q]);
      c3l += s3 * bl, c3h += s3 * bh;
    }
  }
  put4<Add>(c, c0l), put4<Add>(c + 4, c0h);
  if constexpr (R > 1) put4<Add>(c + ldc, c1l), put4<Add>(c + ldc + 4, c1h);
  if constexpr (R > 2) put4<Add>(c + 2 * ldc, c2l), put4<Add>(c + 2 * ldc + 4, c2h);
  if constexpr (R > 3) put4<Add>(c + 3 * ldc, c3l), put4<Add>(c + 3 * ldc + 4, c3h);
}

// C[0:R, 0:4]
template <bool Add, int R>
void kernel_4(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc) {
  f4 c0 = splat(0), c1 = c0, c2 = c0, c3 = c0;
  const float *a0 = a, *a1 = a + rs, *a2 = a + 2 * rs, *a3 = a + 3 * rs;
  for (int p = 0; p < k; ++p) {
    const f4 bv = load4(b + p * ldb);
    const int q = p * cs;
    c0 += splat(a0[q]) * bv;
    if constexpr (R > 1) c1 += splat(a1[q]) * bv;
    if constexpr (R > 2) c2 += splat(a2[q]) * bv;
    if constexpr (R > 3) c3 += splat(a3[q]) * bv;
  }
  put4<Add>(c, c0);
  if constexpr (R > 1) put4<Add>(c + ldc, c1);
  if constexpr (R > 2) put4<Add>(c + 2 * ldc, c2);
  if constexpr (R > 3) put4<Add>(c + 3 * ldc, c3);
}

// C[0:R, 0]: one column, R in-order scalar sums sharing each load of B.
template <bool Add, int R>
void kernel_1(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc) {
  float c0 = 0.f, c1 = 0.f, c2 = 0.f, c3 = 0.f;
  const float *a0 = a, *a1 = a + rs, *a2 = a + 2 * rs, *a3 = a + 3 * rs;
  for (int p = 0; p < k; ++p) {
    const float bv = b[p * ldb];
    const int q = p * cs;
    c0 += a0[q] * bv;
    if constexpr (R > 1) c1 += a1[q] * bv;
    if constexpr (R > 2) c2 += a2[q] * bv;
    if constexpr (R > 3) c3 += a3[q] * bv;
  }
  put1<Add>(c, c0);
  if constexpr (R > 1) put1<Add>(c + ldc, c1);
  if constexpr (R > 2) put1<Add>(c + 2 * ldc, c2);
  if constexpr (R > 3) put1<Add>(c + 3 * ldc, c3);
}

// R rows of C, columns blocked by 8, then 4, then single.
template <bool Add, int R>
void rows(int n, int k, const float* a, int rs, int cs, const float* b, int ldb, float* c,
          int ldc) {
  int j = 0;
  for (; j + 8 <= n; j += 8) kernel_8<Add, R>(k, a, rs, cs, b + j, ldb, c + j, ldc);
  for (; j + 4 <= n; j += 4) kernel_4<Add, R>(k, a, rs, cs, b + j, ldb, c + j, ldc);
  for (; j < n; ++j) kernel_1<Add, R>(k, a, rs, cs, b + j, ldb, c + j, ldc);
}

// C (+)= a·bᵀ for K = 1: an outer product, one row of C per entry of a.
template <bool Add>
void outer(int m, int n, const float* a, int rs, const float* b, float* c, int ldc) {
  for (int i = 0; i < m; ++i) {
    const float s = a[i * rs];
    float* ci = c + i * ldc;
    int j = 0;
    for (; j + 4 <= n; j += 4) put4<Add>(ci + j, splat(s) * load4(b + j));
    for (; j < n; ++j) put1<Add>(ci + j, s * b[j]);
  }
}

// C[:, 0] (+)= Aᵀ·b for A stored k×m (rs = 1, cs = lda): a matrix–vector product run along A's
// contiguous rows, sixteen outputs at a time, then four, then one; each sums over p in order.
template <bool Add>
void transposed_times_vector(int m, int k, const float* a, int lda, const float* b, int ldb,
                             float* c, int ldc) {
  int i = 0;
  for (; i + 16 <= m; i += 16) {
    f4 v0 = splat(0), v1 = v0, v2 = v0, v3 = v0;
    for (int p = 0; p < k; ++p) {
      const f4 s = splat(b[p * ldb]);
      const float* ap = a + p * lda + i;
      v0 += load4(ap) * s, v1 += load4(ap + 4) * s;
      v2 += load4(ap + 8) * s, v3 += load4(ap + 12) * s;
    }
    const f4 parts[4] = {v0, v1, v2, v3};
    for (int r = 0; r < 16; ++r) put1<Add>(c + (i + r) * ldc, parts[r / 4][r % 4]);
  }
  for (; i + 4 <= m; i += 4) {
    f4 v = splat(0);
    for (int p = 0; p < k; ++p) v += load4(a + p * lda + i) * splat(b[p * ldb]);
    for (int r = 0; r < 4; ++r) put1<Add>(c + (i + r) * ldc, v[r]);
  }
  for (; i < m; ++i) kernel_1<Add, 1>(k, a + i, 1, lda, b, ldb, c + i * ldc, ldc);
}

template <bool Add>
void gemm_strided(int m, int n, int k, const float* a, int rs, int cs, const float* b, int ldb,
                  float* c, int ldc) {
  if (k == 1) return outer<Add>(m, n, a, rs, b, c, ldc);
  if (n == 1 && rs == 1 && cs != 1)
    return transposed_times_vector<Add>(m, k, a, cs, b, ldb, c, ldc);
  int i = 0;
  for (; i + 4 <= m; i += 4) rows<Add, 4>(n, k, a + i * rs, rs, cs, b, ldb, c + i * ldc, ldc);
  const float* ai = a + i * rs;
  float* ci = c + i * ldc;
  switch (m - i) {
    case 3:
      return rows<Add, 3>(n, k, ai, rs, cs, b, ldb, ci, ldc);
    case 2:
      return rows<Add, 2>(n, k, ai, rs, cs, b, ldb, ci, ldc);
    case 1:
      return rows<Add, 1>(n, k, ai, rs, cs, b, ldb, ci, ldc);
  }
}

}  // namespace

void gemm(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
          int ldc) {
  gemm_strided<false>(m, n, k, a, lda, 1, b, ldb, c, ldc);
}

void gemm_add(Transpose ta, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
              float* c, int ldc) {
  if (ta == Transpose::No)
    gemm_strided<true>(m, n, k, a, lda, 1, b, ldb, c, ldc);
  else
    gemm_strided<true>(m, n, k, a, 1, lda, b, ldb, c, ldc);
}

void matmul_add(const Matrix& a, Transpose ta, const Matrix& b, Matrix& out) {
  const Index m = ta == Transpose::No ? a.rows() : a.cols();
  const Index k = ta == Transpose::No ? a.cols() : a.rows();
  eigen_assert(k == b.rows() && out.rows() == m && out.cols() == b.cols());
  if (k == 0 || m == 0 || b.cols() == 0) return;
  gemm_add(ta, int(m), int(b.cols()), int(k), a.data(), int(a.cols()), b.data(), int(b.cols()),
           out.data(), int(out.cols()));
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
