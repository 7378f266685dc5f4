// One node for relu(x·W₁ + b₁)·W₂: the forward pass and its backward, row by row.
//
// Shapes: x R×K, W₁ K×H, b₁ 1×H, W₂ H×1, output R×1. The node keeps h̃ = relu(x·W₁ + b₁) ∘ m
// (R×H, m the dropout mask or 1) in aux; dropout's survivors are scaled by s = 1/(1−p), so a unit
// passes gradient exactly where h̃ > 0, and ∂h̃/∂(pre-activation) is s there.
#include "nn/thin_relu_net.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "autodiff/shape_error.h"
#include "base/simd.h"
#include "nn/dropout.h"

namespace vi {
namespace {

using namespace simd;

// Calls run(std::integral_constant<int, K>) with K = k_in for the labs' 1 and 2 inputs
// (regression's x, the moons' points), so the kernels unroll their sums over k; K = 0 (k_in read
// at run time, the same sums in the same order) for more. Each K is a set of kernels in the
// module, so the list holds only the counts a lab trains with.
template <class Run>
void with_input_count(Index k_in, Run run) {
  switch (k_in) {
    case 1:
      return run(std::integral_constant<int, 1>{});
    case 2:
      return run(std::integral_constant<int, 2>{});
    default:
      return run(std::integral_constant<int, 0>{});
  }
}

struct Inputs {
  Node &x, &w1, &b1, &w2;
};

Inputs inputs(Tape& t, const Node& y) {
  return {t.node(y.a), t.node(y.b), t.node(y.c), t.node(y.d)};
}

// The forward pass's operands: x R×K, W₁ K×H, b₁ 1×H, W₂ H×1.
struct Forward {
  const float *x, *w1, *b1, *w2;
  Index k_in, hidden;
};

// h̃ and the output for rows [r0, r0 + R), K inputs (K = 0: k_in at run time). h holds the
// dropout mask on entry when Drop. Each entry sums over k in order; each output sums h̃·W₂ with
// four partial sums (c mod 4), as dense() sums a single output. The R rows' sums are independent
// chains, so their additions overlap.
template <int K, int R, bool Drop>
void forward_rows(const Forward& f, Index r0, float* h, float* out) {
  const Index kk = K > 0 ? K : f.k_in, hidden = f.hidden, vec = hidden - hidden % 4;
  f4 acc[R];
  for (int i = 0; i < R; ++i) acc[i] = splat(0.f);
  for (Index c = 0; c < vec; c += 4) {
    const f4 bv = load4(f.b1 + c), w2v = load4(f.w2 + c);
    for (int i = 0; i < R; ++i) {
      const float* xr = f.x + (r0 + i) * kk;
      float* hr = h + (r0 + i) * hidden;
      f4 z = kk > 0 ? splat(xr[0]) * load4(f.w1 + c) : splat(0.f);
      for (Index k = 1; k < kk; ++k) z += splat(xr[k]) * load4(f.w1 + k * hidden + c);
      f4 hv = relu4(z + bv);
      if (Drop) hv *= load4(hr + c);
      store4(hr + c, hv);
      acc[i] += hv * w2v;
    }
  }
  for (int i = 0; i < R; ++i) {
    const float* xr = f.x + (r0 + i) * kk;
    float* hr = h + (r0 + i) * hidden;
    float o = (acc[i][0] + acc[i][1]) + (acc[i][2] + acc[i][3]);
    for (Index c = vec; c < hidden; ++c) {
      float z = kk > 0 ? xr[0] * f.w1[c] : 0.f;
      for (Index k = 1; k < kk; ++k) z += xr[k] * f.w1[k * hidden + c];
      z += f.b1[c];
      float hv = z > 0.f ? z : 0.f;
      if (Drop) hv *= hr[c];
      hr[c] = hv;
      o += hv * f.w2[c];
    }
    out[r0 + i] = o;
  }
}

template <int K, bool Drop>
void forward_all_rows(const Forward& f, Index rows, float* h, float* out) {
  Index r = 0;
  for (; r + 4 <= rows; r += 4) forward_rows<K, 4, Drop>(f, r, h, out);
  for (; r < rows; ++r) forward_rows<K, 1, Drop>(f, r, h, out);
}

template <int K>
void forward_all_rows(const Forward& f, Index rows, bool drop, float* h, float* out) {
  if (drop)
    forward_all_rows<K, true>(f, rows, h, out);
  else
    forward_all_rows<K, false>(f, rows, h, out);
}

// The backward pass's operands and the row sums it adds to (in row order, from zero): dW₂ᵀ,
// db₁ (1×H each) and dW₁ (K×H).
struct Backward {
  const float *h, *x, *g, *w2;  // h̃ R×H, x R×K, g = ∂loss/∂out R×1, W₂ H×1
  float s;                      // the kept units' scale
  Index hidden, k_in;
  float *dw2, *db1, *dw1;
};

// The backward products over the R rows live[0..R) for K inputs (K = 0: k_in at run time):
// dW₂ += h̃ᵀ·g, db₁ += 1ᵀ·dpre, dW₁ += xᵀ·dpre with dpre = (g·W₂ᵀ)·s where h̃ > 0. The R rows'
// terms are added to each running sum in row order while it sits in a register, so each sum is
// the in-order sum over the rows, loaded and stored once per block.
template <int K, int R>
void backward_rows(const Backward& b, const int* live) {
  constexpr int kMax = K > 0 ? K : 1;
  const Index kk = K > 0 ? K : b.k_in, hidden = b.hidden, vec = hidden - hidden % 4;
  for (Index c = 0; c < vec; c += 4) {
    const f4 w2v = load4(b.w2 + c);
    f4 a_w2 = load4(b.dw2 + c), a_b1 = load4(b.db1 + c), a_w1[kMax];
    for (int k = 0; k < kMax; ++k) a_w1[k] = load4(b.dw1 + k * hidden + c);
    for (int i = 0; i < R; ++i) {
      const Index r = live[i];
      const f4 hv = load4(b.h + r * hidden + c), g = splat(b.g[r]);
      a_w2 += hv * g;
      const f4 dpre = (f4)((i4)(g * w2v * splat(b.s)) & (hv > splat(0.f)));
      a_b1 += dpre;
      if constexpr (K > 0) {
        for (int k = 0; k < K; ++k) a_w1[k] += splat(b.x[r * K + k]) * dpre;
      } else {
        for (Index k = 0; k < kk; ++k) {
          float* d = b.dw1 + k * hidden + c;
          store4(d, load4(d) + splat(b.x[r * kk + k]) * dpre);
        }
      }
    }
    store4(b.dw2 + c, a_w2);
    store4(b.db1 + c, a_b1);
    if constexpr (K > 0)
      for (int k = 0; k < K; ++k) store4(b.dw1 + k * hidden + c, a_w1[k]);
  }
  for (Index c = vec; c < hidden; ++c)
    for (int i = 0; i < R; ++i) {
      const Index r = live[i];
      const float hv = b.h[r * hidden + c];
      b.dw2[c] += hv * b.g[r];
      const float dpre = hv > 0.f ? b.g[r] * b.w2[c] * b.s : 0.f;
      b.db1[c] += dpre;
      for (Index k = 0; k < kk; ++k) b.dw1[k * hidden + c] += b.x[r * kk + k] * dpre;
    }
}

template <int K>
void backward_live_rows(const Backward& b, const std::vector<int>& live) {
  constexpr size_t kBlock = 8;
  size_t i = 0;
  for (; i + kBlock <= live.size(); i += kBlock) backward_rows<K, kBlock>(b, live.data() + i);
  for (; i < live.size(); ++i) backward_rows<K, 1>(b, live.data() + i);
}

void thin_relu_net_backward(Tape& t, Node& y) {
  Inputs in = inputs(t, y);
  const Matrix& h = y.aux;  // R×H
  const Index rows = h.rows(), hidden = h.cols(), k_in = in.x.value.cols();
  const float* g = y.grad.data();  // R×1
  // The rows that carry gradient: |g| ≥ 2⁻¹²⁶ or not finite (so NaN still propagates). The
  // others add zero, or a subnormal amount (see the header).
  std::vector<int>& live = t.scratch_indices();
  live.clear();
  for (Index r = 0; r < rows; ++r)
    if (!(std::fabs(g[r]) < std::numeric_limits<float>::min())) live.push_back(int(r));
  Matrix& acc = t.scratch(0);  // row 0 dW₂ᵀ, row 1 db₁, rows 2… dW₁
  acc.setZero(2 + k_in, hidden);
  const Backward b{h.data(),
                   in.x.value.data(),
                   g,
                   in.w2.value.data(),
                   y.scalar,
                   hidden,
                   k_in,
                   acc.data(),
                   acc.data() + hidden,
                   acc.data() + 2 * hidden};
  with_input_count(k_in, [&](auto k) { backward_live_rows<k()>(b, live); });
  if (in.x.needs_grad) {
    // dx += dpre·W₁ᵀ: dx[r, k] = Σ_c dpre[r, c]·W₁[k, c], in column order.
    const float* w1 = in.w1.value.data();
    for (int r : live)
      for (Index k = 0; k < k_in; ++k) {
        float sum = 0.f;
        for (Index c = 0; c < hidden; ++c) {
          const float dpre = h(r, c) > 0.f ? g[r] * b.w2[c] * b.s : 0.f;
          sum += dpre * w1[k * hidden + c];
        }
        in.x.grad(r, k) += sum;
      }
  }
  const Index n = Index(live.size());                     // the products' row count
  t.count_product(hidden, n, 1);                          // dW₂
  t.count_product(k_in, n, hidden);                       // dW₁
  if (in.x.needs_grad) t.count_product(n, hidden, k_in);  // dx
  if (in.w2.needs_grad) in.w2.grad += acc.row(0).transpose();
  if (in.b1.needs_grad) in.b1.grad += acc.row(1);
  if (in.w1.needs_grad) in.w1.grad += acc.bottomRows(k_in);
}

}  // namespace

Var thin_relu_net(Var x, Var w1, Var b1, Var w2, float dropout_p, Rng* rng) {
  Tape& t = *x.tape;
  const Index k_in = x.cols(), hidden = w1.cols();
  if (w1.rows() != k_in || b1.rows() != 1 || b1.cols() != hidden || w2.rows() != hidden ||
      w2.cols() != 1)
    throw_shape_error("thin_relu_net",
                      {{"x", x.rows(), k_in},
                       {"W1", w1.rows(), hidden},
                       {"b1", b1.rows(), b1.cols()},
                       {"W2", w2.rows(), w2.cols()}},
                      "do not fit relu(x·W1 + b1)·W2 with one output");
  const bool drop = dropout_p > 0.f;
  if (drop && rng == nullptr) throw std::invalid_argument("thin_relu_net: dropout needs an Rng");
  Var y = t.push("thin_relu_net", thin_relu_net_backward, x.id, w1.id);
  Node& n = t.node(y.id);
  n.c = b1.id;
  n.d = w2.id;
  n.needs_grad = n.needs_grad || t.node(b1.id).needs_grad || t.node(w2.id).needs_grad;
  n.scalar = drop ? 1.f / (1.f - dropout_p) : 1.f;
  Matrix& h = n.aux;  // R×H: the mask first, then h̃ in its place
  const Index rows = x.rows();
  if (drop)
    fill_dropout_mask(h, rows, hidden, dropout_p, *rng);
  else
    h.resize(rows, hidden);
  n.value.resize(rows, 1);
  const Forward f{t.node(x.id).value.data(),
                  t.node(w1.id).value.data(),
                  t.node(b1.id).value.data(),
                  t.node(w2.id).value.data(),
                  k_in,
                  hidden};
  with_input_count(k_in,
                   [&](auto k) { forward_all_rows<k()>(f, rows, drop, h.data(), n.value.data()); });
  t.count_product(rows, k_in, hidden);  // x·W₁
  t.count_product(rows, hidden, 1);     // h̃·W₂
  return y;
}

}  // namespace vi
