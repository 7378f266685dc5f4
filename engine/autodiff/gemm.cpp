// Register-blocked GEMM: a block of up to 4×8 of C lives in vector registers across the k loop.
//
// Accumulators are named variables, not arrays: an array of vectors indexed in a loop is kept in
// memory by clang's WebAssembly backend, which costs a load and a store per multiply-add. Kernels
// are templates on the block's row count R ≤ 4, so thin products (2-input layers' xᵀ·g, the
// 1-output layers' g·wᵀ) load each element of B once for all R rows. V8's optimizing tier keeps
// the 4×8 block's 8 accumulators, 2 vectors of B, 4 splats and a product temporary in xmm0–xmm14
// without spills (node --print-wasm-code); 4×12 or 6×8 would need more than those 15 registers.
#include "autodiff/gemm.h"

#include <algorithm>
#include <vector>

#include "base/simd.h"

namespace vi {
namespace {

using namespace simd;

// Where an accumulator starts and where it goes. Set: from 0 into C; Add: from 0, then C + sum;
// Resume: from the partial sum C holds, back into C (long sums run in chunks of k, see
// gemm_strided; storing and reloading a partial sum does not change it). Resume with `fresh`
// starts from +0 instead of reading C: that is Set, bit for bit, and the module carries two
// instances of the blocked kernels instead of three.
enum class Mode { Set, Add, Resume };

template <Mode M>
inline f4 start4(const float* c, bool fresh) {
  return M == Mode::Resume && !fresh ? load4(c) : splat(0);
}
template <Mode M>
inline float start1(const float* c, bool fresh) {
  return M == Mode::Resume && !fresh ? *c : 0.f;
}
template <Mode M>
inline void put4(float* c, f4 v) {
  if (M == Mode::Add) v = load4(c) + v;
  store4(c, v);
}
template <Mode M>
inline void put1(float* c, float v) {
  *c = M == Mode::Add ? *c + v : v;
}
// The first `lanes` (< 4) lanes of C, for the padded remainder columns.
template <Mode M>
inline f4 start_part(const float* c, int lanes, bool fresh) {
  f4 v = splat(0);
  if (M == Mode::Resume && !fresh)
    for (int l = 0; l < lanes; ++l) v[l] = c[l];
  return v;
}
template <Mode M>
inline void put_part(float* c, f4 v, int lanes) {
  for (int l = 0; l < lanes; ++l) put1<M>(c + l, v[l]);
}

// A's entry (r, p) is a[r·rs + p·cs]: rs = lda, cs = 1 for A itself; rs = 1, cs = lda for Aᵀ.

// C[0:R, 0:8] (+)= A[0:R, :]·B[:, 0:8].
template <Mode M, int R>
void kernel_8(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc,
              bool fresh) {
  float *c1 = c + ldc, *c2 = c + 2 * ldc, *c3 = c + 3 * ldc;
  f4 c0l = start4<M>(c, fresh), c0h = start4<M>(c + 4, fresh), c1l = splat(0), c1h = c1l, c2l = c1l,
     c2h = c1l, c3l = c1l, c3h = c1l;
  if constexpr (R > 1) c1l = start4<M>(c1, fresh), c1h = start4<M>(c1 + 4, fresh);
  if constexpr (R > 2) c2l = start4<M>(c2, fresh), c2h = start4<M>(c2 + 4, fresh);
  if constexpr (R > 3) c3l = start4<M>(c3, fresh), c3h = start4<M>(c3 + 4, fresh);
  // Pointers stepped once per p (no p·ldb, p·cs products in the loop). (A template on A's row
  // step, making Aᵀ's row offsets constants, measured no faster and cost 1.7 KB of module.)
  const int r1 = rs, r2 = 2 * r1, r3 = 3 * r1;
  const float* ap = a;
  const float* bp = b;
  for (int p = 0; p < k; ++p, ap += cs, bp += ldb) {
    const f4 bl = load4(bp), bh = load4(bp + 4);
    const f4 s0 = splat(ap[0]);
    c0l += s0 * bl, c0h += s0 * bh;
    if constexpr (R > 1) {
      const f4 s1 = splat(ap[r1]);
      c1l += s1 * bl, c1h += s1 * bh;
    }
    if constexpr (R > 2) {
      const f4 s2 = splat(ap[r2]);
      c2l += s2 * bl, c2h += s2 * bh;
    }
    if constexpr (R > 3) {
      const f4 s3 = splat(ap[r3]);
      c3l += s3 * bl, c3h += s3 * bh;
    }
  }
  put4<M>(c, c0l), put4<M>(c + 4, c0h);
  if constexpr (R > 1) put4<M>(c1, c1l), put4<M>(c1 + 4, c1h);
  if constexpr (R > 2) put4<M>(c2, c2l), put4<M>(c2 + 4, c2h);
  if constexpr (R > 3) put4<M>(c3, c3l), put4<M>(c3 + 4, c3h);
}

// C[0:R, 0:4], or its first `lanes` columns when B is a zero-padded K×4 panel of the last
// n mod 4 columns (each lane's sum is the one a scalar loop would compute).
template <Mode M, int R>
void kernel_4(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc,
              bool fresh, int lanes = 4) {
  float *c1 = c + ldc, *c2 = c + 2 * ldc, *c3 = c + 3 * ldc;
  const bool full = lanes == 4;
  auto start = [&](const float* ci) {
    return full ? start4<M>(ci, fresh) : start_part<M>(ci, lanes, fresh);
  };
  f4 c0 = start(c), r1 = splat(0), r2 = r1, r3 = r1;
  if constexpr (R > 1) r1 = start(c1);
  if constexpr (R > 2) r2 = start(c2);
  if constexpr (R > 3) r3 = start(c3);
  const int o1 = rs, o2 = 2 * o1, o3 = 3 * o1;
  const float* ap = a;
  const float* bp = b;
  for (int p = 0; p < k; ++p, ap += cs, bp += ldb) {
    const f4 bv = load4(bp);
    c0 += splat(ap[0]) * bv;
    if constexpr (R > 1) r1 += splat(ap[o1]) * bv;
    if constexpr (R > 2) r2 += splat(ap[o2]) * bv;
    if constexpr (R > 3) r3 += splat(ap[o3]) * bv;
  }
  auto put = [&](float* ci, f4 v) { full ? put4<M>(ci, v) : put_part<M>(ci, v, lanes); };
  put(c, c0);
  if constexpr (R > 1) put(c1, r1);
  if constexpr (R > 2) put(c2, r2);
  if constexpr (R > 3) put(c3, r3);
}

// C[0:R, 0]: one column, R in-order scalar sums sharing each load of B.
template <Mode M, int R>
void kernel_1(int k, const float* a, int rs, int cs, const float* b, int ldb, float* c, int ldc,
              bool fresh) {
  float c0 = start1<M>(c, fresh), c1 = 0.f, c2 = 0.f, c3 = 0.f;
  if constexpr (R > 1) c1 = start1<M>(c + ldc, fresh);
  if constexpr (R > 2) c2 = start1<M>(c + 2 * ldc, fresh);
  if constexpr (R > 3) c3 = start1<M>(c + 3 * ldc, fresh);
  const float *a0 = a, *a1 = a + rs, *a2 = a + 2 * rs, *a3 = a + 3 * rs;
  for (int p = 0; p < k; ++p) {
    const float bv = b[p * ldb];
    const int q = p * cs;
    c0 += a0[q] * bv;
    if constexpr (R > 1) c1 += a1[q] * bv;
    if constexpr (R > 2) c2 += a2[q] * bv;
    if constexpr (R > 3) c3 += a3[q] * bv;
  }
  put1<M>(c, c0);
  if constexpr (R > 1) put1<M>(c + ldc, c1);
  if constexpr (R > 2) put1<M>(c + 2 * ldc, c2);
  if constexpr (R > 3) put1<M>(c + 3 * ldc, c3);
}

// B's last n mod 4 columns: a zero-padded K×4 panel when there are two or three of them (one
// vector kernel instead of two or three scalar ones), or the single column itself.
struct Tail {
  int first = 0, lanes = 0;  // columns first .. first + lanes − 1 of C
};

// R rows of C over k (a and b at the chunk's first p): columns blocked by 8, then 4, then the tail.
template <Mode M, int R>
void rows(int n, int k, const float* a, int rs, int cs, const float* b, int ldb, const Tail& tail,
          const float* panel, float* c, int ldc, bool fresh) {
  int j = 0;
  for (; j + 8 <= n; j += 8) kernel_8<M, R>(k, a, rs, cs, b + j, ldb, c + j, ldc, fresh);
  for (; j + 4 <= n; j += 4) kernel_4<M, R>(k, a, rs, cs, b + j, ldb, c + j, ldc, fresh);
  if (tail.lanes == 1)
    kernel_1<M, R>(k, a, rs, cs, b + j, ldb, c + j, ldc, fresh);
  else if (tail.lanes > 1)
    kernel_4<M, R>(k, a, rs, cs, panel, 4, c + j, ldc, fresh, tail.lanes);
}

// Every row block of C over one chunk of k.
template <Mode M>
void blocks(int m, int n, int k, const float* a, int rs, int cs, const float* b, int ldb,
            const Tail& tail, const float* panel, float* c, int ldc, bool fresh = false) {
  int i = 0;
  for (; i + 4 <= m; i += 4)
    rows<M, 4>(n, k, a + i * rs, rs, cs, b, ldb, tail, panel, c + i * ldc, ldc, fresh);
  const float* ai = a + i * rs;
  float* ci = c + i * ldc;
  switch (m - i) {
    case 3:
      return rows<M, 3>(n, k, ai, rs, cs, b, ldb, tail, panel, ci, ldc, fresh);
    case 2:
      return rows<M, 2>(n, k, ai, rs, cs, b, ldb, tail, panel, ci, ldc, fresh);
    case 1:
      return rows<M, 1>(n, k, ai, rs, cs, b, ldb, tail, panel, ci, ldc, fresh);
  }
}

// C (+)= a·bᵀ for K = 1: an outer product, one row of C per entry of a.
template <Mode M>
void outer(int m, int n, const float* a, int rs, const float* b, float* c, int ldc) {
  for (int i = 0; i < m; ++i) {
    const float s = a[i * rs];
    float* ci = c + i * ldc;
    int j = 0;
    for (; j + 4 <= n; j += 4) put4<M>(ci + j, splat(s) * load4(b + j));
    for (; j < n; ++j) put1<M>(ci + j, s * b[j]);
  }
}

// C[:, 0] (+)= Aᵀ·b for A stored k×m (rs = 1, cs = lda): a matrix–vector product run along A's
// contiguous rows, sixteen outputs at a time, then four, then one; each sums over p in order.
template <Mode M>
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
    for (int r = 0; r < 16; ++r) put1<M>(c + (i + r) * ldc, parts[r / 4][r % 4]);
  }
  for (; i + 4 <= m; i += 4) {
    f4 v = splat(0);
    for (int p = 0; p < k; ++p) v += load4(a + p * lda + i) * splat(b[p * ldb]);
    for (int r = 0; r < 4; ++r) put1<M>(c + (i + r) * ldc, v[r]);
  }
  for (; i < m; ++i) kernel_1<M, 1>(k, a + i, 1, lda, b, ldb, c + i * ldc, ldc, false);
}

// Long sums (K = a batch, in the gradient products dW += xᵀ·g) run in chunks of kChunk steps of
// p, every block of C advancing through one chunk before the next, so the chunk's rows of A and B
// stay in cache instead of being streamed from memory once per block of C. Each block's partial
// sums wait in a buffer between chunks; the sum over p is still one in-order chain per entry.
constexpr int kChunk = 128;
constexpr int kMaxChunkedOutputs = 1 << 14;  // C small enough for its partial sums to stay cached

template <bool Add>
void gemm_strided(int m, int n, int k, const float* a, int rs, int cs, const float* b, int ldb,
                  float* c, int ldc) {
  constexpr Mode kOut = Add ? Mode::Add : Mode::Set;
  if (k == 1) return outer<kOut>(m, n, a, rs, b, c, ldc);
  if (n == 1 && rs == 1 && cs != 1)
    return transposed_times_vector<kOut>(m, k, a, cs, b, ldb, c, ldc);
  Tail tail;
  tail.first = n - n % 4;
  tail.lanes = n % 4;
  // Buffers of this call only: a buffer kept between calls would hold memory after its lab is
  // freed (tests/js/api_fuzz.test.mjs counts the bytes in use), and one allocation is small
  // beside a product that needs a panel or chunks.
  std::vector<float> panel, partial;
  if (tail.lanes > 1) {
    panel.assign(size_t(k) * 4, 0.f);
    for (int p = 0; p < k; ++p)
      for (int l = 0; l < tail.lanes; ++l) panel[size_t(p) * 4 + l] = b[p * ldb + tail.first + l];
  }
  const bool several_blocks = m > 4 || n > 8;
  if (k < 2 * kChunk || !several_blocks || m * n > kMaxChunkedOutputs) {
    if (Add) return blocks<Mode::Add>(m, n, k, a, rs, cs, b, ldb, tail, panel.data(), c, ldc);
    // Set is a fresh Resume (see Mode): C is written, never read.
    return blocks<Mode::Resume>(m, n, k, a, rs, cs, b, ldb, tail, panel.data(), c, ldc, true);
  }
  partial.assign(size_t(m) * n, 0.f);
  float* sums = partial.data();
  for (int p0 = 0; p0 < k; p0 += kChunk) {
    const int len = std::min(kChunk, k - p0);
    const float* ap = a + p0 * cs;
    const float* bp = b + p0 * ldb;
    const float* pp = panel.empty() ? nullptr : panel.data() + size_t(p0) * 4;  // no tail: unused
    blocks<Mode::Resume>(m, n, len, ap, rs, cs, bp, ldb, tail, pp, sums, n);
  }
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) put1<kOut>(c + i * ldc + j, sums[i * n + j]);
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
