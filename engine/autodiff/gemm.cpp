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
inline void store4(float* p, f4 v) {
  std::memcpy(p, &v, sizeof v);
}
inline f4 splat(float s) {
  return f4{s, s, s, s};
}

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

// C[0:4, 0:8] (+)= A[0:4, :]·B[:, 0:8]
template <bool Add>
void kernel_4x8(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc) {
  f4 c0l = splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  const float *a0 = a, *a1 = a + rs, *a2 = a + 2 * rs, *a3 = a + 3 * rs;
  for (int p = 0; p < k; ++p) {
    const f4 bl = load4(b + p * ldb), bh = load4(b + p * ldb + 4);
    const int q = p * cs;
    const f4 s0 = splat(a0[q]), s1 = splat(a1[q]), s2 = splat(a2[q]), s3 = splat(a3[q]);
    c0l += s0 * bl, c0h += s0 * bh;
    c1l += s1 * bl, c1h += s1 * bh;
    c2l += s2 * bl, c2h += s2 * bh;
    c3l += s3 * bl, c3h += s3 * bh;
  }
  put4<Add>(c, c0l), put4<Add>(c + 4, c0h);
  put4<Add>(c + ldc, c1l), put4<Add>(c + ldc + 4, c1h);
  put4<Add>(c + 2 * ldc, c2l), put4<Add>(c + 2 * ldc + 4, c2h);
  put4<Add>(c + 3 * ldc, c3l), put4<Add>(c + 3 * ldc + 4, c3h);
}

// C[0:4, 0:4]
template <bool Add>
void kernel_4x4(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc) {
  f4 c0 = splat(0), c1 = c0, c2 = c0, c3 = c0;
  const float *a0 = a, *a1 = a + rs, *a2 = a + 2 * rs, *a3 = a + 3 * rs;
  for (int p = 0; p < k; ++p) {
    const f4 bv = load4(b + p * ldb);
    const int q = p * cs;
    c0 += splat(a0[q]) * bv;
    c1 += splat(a1[q]) * bv;
    c2 += splat(a2[q]) * bv;
    c3 += splat(a3[q]) * bv;
  }
  put4<Add>(c, c0), put4<Add>(c + ldc, c1), put4<Add>(c + 2 * ldc, c2), put4<Add>(c + 3 * ldc, c3);
}

// C[0, 0:8]
template <bool Add>
void kernel_1x8(int k, const float* a, int cs, const float* b, int ldb, float* c) {
  f4 lo = splat(0), hi = lo;
  for (int p = 0; p < k; ++p) {
    const f4 s = splat(a[p * cs]);
    lo += s * load4(b + p * ldb);
    hi += s * load4(b + p * ldb + 4);
  }
  put4<Add>(c, lo), put4<Add>(c + 4, hi);
}

// C[0, 0:4]
template <bool Add>
void kernel_1x4(int k, const float* a, int cs, const float* b, int ldb, float* c) {
  f4 acc = splat(0);
  for (int p = 0; p < k; ++p) acc += splat(a[p * cs]) * load4(b + p * ldb);
  put4<Add>(c, acc);
}

// C[0, 0]: the same in-order sum, one entry.
inline float dot_1x1(int k, const float* a, int cs, const float* b, int ldb) {
  float acc = 0.f;
  for (int p = 0; p < k; ++p) acc += a[p * cs] * b[p * ldb];
  return acc;
}

// One row of C, columns blocked by 8, then 4, then single.
template <bool Add>
void row(int n, int k, const float* a, int cs, const float* b, int ldb, float* c) {
  int j = 0;
  for (; j + 8 <= n; j += 8) kernel_1x8<Add>(k, a, cs, b + j, ldb, c + j);
  for (; j + 4 <= n; j += 4) kernel_1x4<Add>(k, a, cs, b + j, ldb, c + j);
  for (; j < n; ++j) put1<Add>(c + j, dot_1x1(k, a, cs, b + j, ldb));
}

// C[:, 0] (+)= Aᵀ·b for A stored k×m (rs = 1, cs = lda): a matrix–vector product run along A's
// contiguous rows, eight outputs at a time; each output still sums over p in order.
template <bool Add>
void transposed_times_vector(int m, int k, const float* a, int lda, const float* b, int ldb,
                             float* c, int ldc) {
  int i = 0;
  for (; i + 8 <= m; i += 8) {
    f4 lo = splat(0), hi = lo;
    for (int p = 0; p < k; ++p) {
      const f4 s = splat(b[p * ldb]);
      lo += load4(a + p * lda + i) * s;
      hi += load4(a + p * lda + i + 4) * s;
    }
    const f4 parts[2] = {lo, hi};
    for (int r = 0; r < 8; ++r) put1<Add>(c + (i + r) * ldc, parts[r / 4][r % 4]);
  }
  for (; i < m; ++i) put1<Add>(c + i * ldc, dot_1x1(k, a + i, lda, b, ldb));
}

template <bool Add>
void gemm_strided(int m, int n, int k, const float* a, int rs, int cs, const float* b, int ldb,
                  float* c, int ldc) {
  if (n == 1 && rs == 1 && cs != 1) {
    transposed_times_vector<Add>(m, k, a, cs, b, ldb, c, ldc);
    return;
  }
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const float* ai = a + i * rs;
    float* ci = c + i * ldc;
    int j = 0;
    for (; j + 8 <= n; j += 8) kernel_4x8<Add>(k, ai, rs, cs, b + j, ldb, ci + j, ldc);
    for (; j + 4 <= n; j += 4) kernel_4x4<Add>(k, ai, rs, cs, b + j, ldb, ci + j, ldc);
    for (; j < n; ++j)
      for (int r = 0; r < 4; ++r)
        put1<Add>(ci + r * ldc + j, dot_1x1(k, ai + r * rs, cs, b + j, ldb));
  }
  for (; i < m; ++i) row<Add>(n, k, a + i * rs, cs, b, ldb, c + i * ldc);
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
