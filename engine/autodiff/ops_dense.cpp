// Fused dense layers x·W + b and relu(x·W + b): one node instead of three (matmul, bias add,
// relu), so a layer's forward and backward each sweep its R×C output once, with kernels chosen
// for the thin shapes of small networks (2 inputs, 1 output). Every sum has a fixed order, so the
// native and WebAssembly builds agree bit for bit.
#include <cstring>
#include <stdexcept>
#include <string>

#include "autodiff/gemm.h"
#include "autodiff/ops.h"

namespace vi {
namespace {

typedef float f4 __attribute__((vector_size(16)));

// out[p, :] += Σ_r u[r, p]·v[r, :] for u R×P, v R×Q (row-major), out P×Q; and, when given,
// u_sum[p] += Σ_r u[r, p] and v_sum[q] += Σ_r v[r, q] (a bias gradient) from the same sweep.
// Rows are taken four at a time, ((u₀v₀ + u₁v₁) + (u₂v₂ + u₃v₃)), so every accumulator is loaded
// and stored once per four rows while those rows are still in cache.
void accumulate_outer(int rows, const float* __restrict u, int p_count, const float* __restrict v,
                      int q_count, float* __restrict out, float* __restrict u_sum,
                      float* __restrict v_sum) {
  int r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float *u0 = u + r * p_count, *u1 = u0 + p_count, *u2 = u1 + p_count, *u3 = u2 + p_count;
    const float *v0 = v + r * q_count, *v1 = v0 + q_count, *v2 = v1 + q_count, *v3 = v2 + q_count;
    for (int p = 0; p < p_count; ++p) {
      const float s0 = u0[p], s1 = u1[p], s2 = u2[p], s3 = u3[p];
      float* __restrict o = out + p * q_count;
      for (int q = 0; q < q_count; ++q)
        o[q] += (s0 * v0[q] + s1 * v1[q]) + (s2 * v2[q] + s3 * v3[q]);
      if (u_sum) u_sum[p] += (s0 + s1) + (s2 + s3);
    }
    if (v_sum)
      for (int q = 0; q < q_count; ++q) v_sum[q] += (v0[q] + v1[q]) + (v2[q] + v3[q]);
  }
  for (; r < rows; ++r) {
    const float* vr = v + r * q_count;
    for (int p = 0; p < p_count; ++p) {
      const float s = u[r * p_count + p];
      float* o = out + p * q_count;
      for (int q = 0; q < q_count; ++q) o[q] += s * vr[q];
      if (u_sum) u_sum[p] += s;
    }
    if (v_sum)
      for (int q = 0; q < q_count; ++q) v_sum[q] += vr[q];
  }
}

// Accumulates the gradients of x (R×K), W (K×C) and b (1×C) from g = ∂loss/∂(x·W + b), R×C.
void dense_backward_from(Tape& t, Node& y, const Matrix& g) {
  Node& x = t.node(y.a);
  Node& w = t.node(y.b);
  Node& b = t.node(y.i0);
  const int rows = int(g.rows()), cols = int(g.cols()), inner = int(x.value.cols());
  float* db = b.needs_grad ? b.grad.data() : nullptr;  // 1ᵀ·g, summed in the same sweep as dW
  if (w.needs_grad) {
    if (inner <= cols) {
      accumulate_outer(rows, x.value.data(), inner, g.data(), cols, w.grad.data(), nullptr,
                       db);  // dW = xᵀ·g
    } else {
      // Few outputs (a final layer): accumulate dWᵀ = gᵀ·x along x's long rows, then add it.
      Matrix& transposed = t.scratch(1);
      transposed.setZero(cols, inner);
      accumulate_outer(rows, g.data(), cols, x.value.data(), inner, transposed.data(), db, nullptr);
      w.grad += transposed.transpose();
    }
  } else if (db) {
    const float* gd = g.data();
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) db[c] += gd[r * cols + c];
  }
  if (x.needs_grad) {
    Matrix& wt = t.scratch(2);
    wt = w.value.transpose();  // C×K
    const float* __restrict wtd = wt.data();
    const float* __restrict gd = g.data();
    float* __restrict dx = x.grad.data();
    for (int r = 0; r < rows; ++r)  // dx[r, :] += Σ_c g[r, c]·Wᵀ[c, :]
      for (int c = 0; c < cols; ++c) {
        const float gv = gd[r * cols + c];
        for (int k = 0; k < inner; ++k) dx[r * inner + k] += gv * wtd[c * inner + k];
      }
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

// out = x·W + b (then relu) for K ≤ 4 inputs: sums in order over k, vectorized along the row.
template <int K>
void few_inputs(const Matrix& x, const Matrix& w, const float* b, bool relu, Matrix& out) {
  const Index rows = x.rows(), cols = w.cols();
  out.resize(rows, cols);
  const float* __restrict wd = w.data();
  for (Index r = 0; r < rows; ++r) {
    const float* __restrict xr = x.data() + r * K;
    float* __restrict o = out.data() + r * cols;
    for (Index c = 0; c < cols; ++c) {
      float z = xr[0] * wd[c];
      for (int k = 1; k < K; ++k) z += xr[k] * wd[k * cols + c];
      z += b[c];
      o[c] = relu ? (z > 0.f ? z : 0.f) : z;
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
    f4 acc = {0, 0, 0, 0};
    for (Index q = 0; q < blocks; ++q) {
      f4 xv, wv;
      std::memcpy(&xv, xr + 4 * q, sizeof xv);
      std::memcpy(&wv, wd + 4 * q, sizeof wv);
      acc += xv * wv;
    }
    float z = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (Index k = 4 * blocks; k < inner; ++k) z += xr[k] * wd[k];
    z += b[0];
    out(r, 0) = relu ? (z > 0.f ? z : 0.f) : z;
  }
}

// Any shape: the GEMM kernel, then the bias (and relu) in one sweep.
void general(const Matrix& x, const Matrix& w, const float* b, bool relu, Matrix& out) {
  matmul_into(x, w, out);
  const Index rows = out.rows(), cols = out.cols();
  for (Index r = 0; r < rows; ++r) {
    float* row = out.data() + r * cols;
    for (Index c = 0; c < cols; ++c) {
      const float z = row[c] + b[c];
      row[c] = relu ? (z > 0.f ? z : 0.f) : z;
    }
  }
}

Var dense_node(const char* op, BackwardFn backward, Var x, Var w, Var b, bool relu) {
  Tape& t = *x.tape;
  if (x.cols() != w.rows() || b.rows() != 1 || b.cols() != w.cols())
    throw std::invalid_argument(std::string(op) + ": shapes x " + std::to_string(x.rows()) + "×" +
                                std::to_string(x.cols()) + ", W " + std::to_string(w.rows()) + "×" +
                                std::to_string(w.cols()) + ", b " + std::to_string(b.rows()) + "×" +
                                std::to_string(b.cols()) + " do not fit x·W + b");
  Var y = t.push(op, backward, x.id, w.id);
  Node& n = t.node(y.id);
  n.i0 = b.id;  // the third input
  n.needs_grad = n.needs_grad || t.node(b.id).needs_grad;
  const Matrix& xv = t.node(x.id).value;
  const Matrix& wv = t.node(w.id).value;
  const float* bd = t.node(b.id).value.data();
  switch (xv.cols()) {
    case 1:
      few_inputs<1>(xv, wv, bd, relu, n.value);
      break;
    case 2:
      few_inputs<2>(xv, wv, bd, relu, n.value);
      break;
    case 3:
      few_inputs<3>(xv, wv, bd, relu, n.value);
      break;
    case 4:
      few_inputs<4>(xv, wv, bd, relu, n.value);
      break;
    default:
      if (wv.cols() == 1)
        one_output(xv, wv, bd, relu, n.value);
      else
        general(xv, wv, bd, relu, n.value);
  }
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
