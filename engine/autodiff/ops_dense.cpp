// Fused dense layers x·W + b and relu(x·W + b): one node instead of three (matmul, bias add,
// relu), so a layer's forward and backward each sweep its R×C output once, with kernels chosen
// for the thin shapes of small networks (2 inputs, 1 output). Every sum has a fixed order, so the
// native and WebAssembly builds agree bit for bit.

#include "autodiff/gemm.h"
#include "autodiff/ops.h"
#include "autodiff/shape_error.h"
#include "base/simd.h"

namespace vi {
namespace {

using namespace simd;

// Accumulates the gradients of x (R×K), W (K×C) and b (1×C) from g = ∂loss/∂(x·W + b), R×C.
void dense_backward_from(Tape& t, Node& y, const Matrix& g) {
  Node& x = t.node(y.a);
  Node& w = t.node(y.b);
  Node& b = t.node(y.c);
  const Index rows = x.value.rows(), inner = x.value.cols(), cols = w.value.cols();
  if (w.needs_grad) {
    t.count_product(inner, rows, cols);
    matmul_add(x.value, Transpose::Yes, g, t.gradient(w));  // dW += xᵀ·g
  }
  if (b.needs_grad) {
    // db += 1ᵀ·g, row by row so the inner loop runs along contiguous memory.
    float* __restrict db = t.gradient(b).data();
    for (Index r = 0; r < rows; ++r) {
      const float* __restrict gr = g.data() + r * cols;
      for (Index c = 0; c < cols; ++c) db[c] += gr[c];
    }
  }
  if (x.needs_grad) {
    Matrix& wt = t.scratch(2);
    wt = w.value.transpose();  // C×K, small: a layer's weights
    t.count_product(rows, cols, inner);
    if (t.first_gradient(x))
      matmul_into(g, wt, x.grad);  // dx = g·Wᵀ: the same sums as adding them to zeros
    else
      matmul_add(g, Transpose::No, wt, x.grad);  // dx += g·Wᵀ
  }
}

void dense_backward(Tape& t, Node& y) {
  dense_backward_from(t, y, y.grad);
}

void dense_relu_backward(Tape& t, Node& y) {
  // g = dy·[y > 0], kept in the node so a step of the same shape allocates nothing.
  y.aux.resize(y.grad.rows(), y.grad.cols());
  const float* __restrict v = y.value.data();
  const float* __restrict dy = y.grad.data();
  float* __restrict g = y.aux.data();
  for (Index i = 0; i < y.aux.size(); ++i) {
    const float d = dy[i];  // loaded unconditionally, so the select vectorizes
    g[i] = v[i] > 0.f ? d : 0.f;
  }
  dense_backward_from(t, y, y.aux);
}

// z, or relu(z) when the layer has one, without a branch: `keep` is all ones without relu and 0
// with it, so that lane by lane the result is z, or the scalar `z > 0 ? z : 0`.
inline f4 activate4(f4 z, i4 keep) {
  return (f4)((i4)z & ((z > splat(0.f)) | keep));
}
inline float activate1(float z, bool relu) {
  return relu && !(z > 0.f) ? 0.f : z;
}
inline i4 keep_mask(bool relu) {
  return i4{} - i4{!relu, !relu, !relu, !relu};  // all ones (−1) without relu, 0 with it
}

// out = x·W + b (then relu) for few inputs (K ≤ 4): sums in order over k, four columns at a time.
void few_inputs(const Matrix& x, const Matrix& w, const float* b, bool relu, Matrix& out) {
  const Index rows = x.rows(), inner = x.cols(), cols = w.cols(), wide = cols - cols % 4;
  out.resize(rows, cols);
  const float* __restrict wd = w.data();
  const i4 keep = keep_mask(relu);
  for (Index r = 0; r < rows; ++r) {
    const float* __restrict xr = x.data() + r * inner;
    float* __restrict o = out.data() + r * cols;
    Index c = 0;
    for (; c < wide; c += 4) {
      f4 z = splat(xr[0]) * load4(wd + c);
      for (Index k = 1; k < inner; ++k) z += splat(xr[k]) * load4(wd + k * cols + c);
      store4(o + c, activate4(z + load4(b + c), keep));
    }
    for (; c < cols; ++c) {
      float z = xr[0] * wd[c];
      for (Index k = 1; k < inner; ++k) z += xr[k] * wd[k * cols + c];
      o[c] = activate1(z + b[c], relu);
    }
  }
}

// out[r] = Σ_k x[r, k]·w[k] + b for a single output, with four partial sums (k mod 4).
void one_output(const Matrix& x, const Matrix& w, const float* b, bool relu, Matrix& out) {
  const Index rows = x.rows(), inner = x.cols(), blocks = inner / 4;
  out.resize(rows, 1);
  const float* wd = w.data();
  for (Index r = 0; r < rows; ++r) {
    const float* xr = x.data() + r * inner;
    f4 acc = splat(0.f);
    for (Index q = 0; q < blocks; ++q) acc += load4(xr + 4 * q) * load4(wd + 4 * q);
    float z = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (Index k = 4 * blocks; k < inner; ++k) z += xr[k] * wd[k];
    out(r, 0) = activate1(z + b[0], relu);
  }
}

// Any shape: the GEMM kernel, then the bias (and relu) in one sweep. (A template on relu: the
// sweep with the mask as a constant ran the vae's default training 5 % faster in WebAssembly.)
template <bool Relu>
void general(const Matrix& x, const Matrix& w, const float* b, Matrix& out) {
  matmul_into(x, w, out);
  const Index rows = out.rows(), cols = out.cols(), wide = cols - cols % 4;
  const i4 keep = keep_mask(Relu);
  for (Index r = 0; r < rows; ++r) {
    float* __restrict row = out.data() + r * cols;
    Index c = 0;
    for (; c < wide; c += 4) store4(row + c, activate4(load4(row + c) + load4(b + c), keep));
    for (; c < cols; ++c) row[c] = activate1(row[c] + b[c], Relu);
  }
}

Var dense_node(const char* op, BackwardFn backward, Var x, Var w, Var b, bool relu) {
  Tape& t = *x.tape;
  if (x.cols() != w.rows() || b.rows() != 1 || b.cols() != w.cols())
    throw_shape_error(
        op, {{"x", x.rows(), x.cols()}, {"W", w.rows(), w.cols()}, {"b", b.rows(), b.cols()}},
        "do not fit x·W + b");
  Var y = t.push(op, backward, x.id, w.id);
  Node& n = t.node(y.id);
  n.c = b.id;
  n.readies_input_grads = true;
  n.needs_grad = n.needs_grad || t.node(b.id).needs_grad;
  const Matrix& xv = t.node(x.id).value;
  const Matrix& wv = t.node(w.id).value;
  const float* bd = t.node(b.id).value.data();
  t.count_product(xv.rows(), xv.cols(), wv.cols());
  if (xv.cols() >= 1 && xv.cols() <= 4)
    few_inputs(xv, wv, bd, relu, n.value);
  else if (wv.cols() == 1)
    one_output(xv, wv, bd, relu, n.value);
  else if (relu)
    general<true>(xv, wv, bd, n.value);
  else
    general<false>(xv, wv, bd, n.value);
  return y;
}

}  // namespace

Var dense(Var x, Var w, Var b) {
  return dense_node("dense", dense_backward, x, w, b, false);
}

Var dense_relu(Var x, Var w, Var b) {
  return dense_node("dense_relu", dense_relu_backward, x, w, b, true);
}

}  // namespace vi
