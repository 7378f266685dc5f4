// Register-blocked GEMM: 4 rows × 8 columns of C held in vector registers across the k loop.
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

// C[0:MR, j0:j0+8] for MR rows: acc[r] += a[r,k] · b[k, j0:j0+8], k in order.
template <int MR>
void block_8(int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  f4 lo[MR], hi[MR];
  for (int r = 0; r < MR; ++r) lo[r] = hi[r] = f4{0, 0, 0, 0};
  for (int p = 0; p < k; ++p) {
    const f4 b_lo = load4(b + p * ldb), b_hi = load4(b + p * ldb + 4);
    for (int r = 0; r < MR; ++r) {
      const float s = a[r * lda + p];
      const f4 av = {s, s, s, s};
      lo[r] += av * b_lo;
      hi[r] += av * b_hi;
    }
  }
  for (int r = 0; r < MR; ++r) {
    store4(c + r * ldc, lo[r]);
    store4(c + r * ldc + 4, hi[r]);
  }
}

// C[0:MR, j0:j0+4] for MR rows.
template <int MR>
void block_4(int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  f4 acc[MR];
  for (int r = 0; r < MR; ++r) acc[r] = f4{0, 0, 0, 0};
  for (int p = 0; p < k; ++p) {
    const f4 bv = load4(b + p * ldb);
    for (int r = 0; r < MR; ++r) {
      const float s = a[r * lda + p];
      acc[r] += f4{s, s, s, s} * bv;
    }
  }
  for (int r = 0; r < MR; ++r) store4(c + r * ldc, acc[r]);
}

// Scalar tail: the same in-order sum, one column at a time.
template <int MR>
void block_1(int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  float acc[MR] = {};
  for (int p = 0; p < k; ++p) {
    const float bv = b[p * ldb];
    for (int r = 0; r < MR; ++r) acc[r] += a[r * lda + p] * bv;
  }
  for (int r = 0; r < MR; ++r) c[r * ldc] = acc[r];
}

template <int MR>
void row_panel(int n, int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  int j = 0;
  for (; j + 8 <= n; j += 8) block_8<MR>(k, a, lda, b + j, ldb, c + j, ldc);
  for (; j + 4 <= n; j += 4) block_4<MR>(k, a, lda, b + j, ldb, c + j, ldc);
  for (; j < n; ++j) block_1<MR>(k, a, lda, b + j, ldb, c + j, ldc);
}

}  // namespace

void gemm(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
          int ldc) {
  int i = 0;
  for (; i + 4 <= m; i += 4) row_panel<4>(n, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc);
  switch (m - i) {
    case 3:
      row_panel<3>(n, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc);
      break;
    case 2:
      row_panel<2>(n, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc);
      break;
    case 1:
      row_panel<1>(n, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc);
      break;
    default:
      break;
  }
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
