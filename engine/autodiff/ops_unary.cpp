// Elementwise functions (exp, log, tanh, relu, sigmoid, gelu, softplus, square, sqrt, scale,
// shift).
#include <cmath>

#include "autodiff/ops.h"
#include "autodiff/stable_math.h"

namespace vi {
namespace {

template <class F>
Var unary(const char* op, BackwardFn backward, Var x, F f) {
  Tape& t = *x.tape;
  Var y = t.push(op, backward, x.id);
  t.node(y.id).value = t.node(x.id).value.unaryExpr(f);
  return y;
}

void exp_backward(Tape& t, Node& y) {
  t.node(y.a).grad.array() += y.grad.array() * y.value.array();  // dx += dy·eˣ
}

void log_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  x.grad.array() += y.grad.array() / x.value.array();  // dx += dy / x
}

void tanh_backward(Tape& t, Node& y) {
  t.node(y.a).grad.array() += y.grad.array() * (1.f - y.value.array().square());  // dx += dy·(1−y²)
}

void relu_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  x.grad.array() += (x.value.array() > 0.f).select(y.grad.array(), 0.f);  // dx += dy·[x > 0]
}

void sigmoid_backward(Tape& t, Node& y) {
  // dx += dy·y·(1−y)
  t.node(y.a).grad.array() += y.grad.array() * y.value.array() * (1.f - y.value.array());
}

// GELU, x·Φ(x) with the exact normal cdf (PyTorch's default, not the tanh approximation).
float gelu_value(float x) {
  return x * normal_cdf(x);
}
void gelu_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  // dx += dy·(Φ(x) + x·φ(x))
  x.grad.array() += y.grad.array() * x.value.array().unaryExpr(
                                         [](float v) { return normal_cdf(v) + v * normal_pdf(v); });
}

void softplus_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  x.grad.array() += y.grad.array() * x.value.array().unaryExpr(&stable_sigmoid);  // dx += dy·σ(x)
}

void square_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  x.grad.array() += 2.f * x.value.array() * y.grad.array();  // dx += 2x·dy
}

void sqrt_backward(Tape& t, Node& y) {
  t.node(y.a).grad.array() += y.grad.array() / (2.f * y.value.array());  // dx += dy / (2√x)
}

void scale_backward(Tape& t, Node& y) {
  t.node(y.a).grad += y.scalar * y.grad;  // dx += s·dy
}

void shift_backward(Tape& t, Node& y) {
  t.node(y.a).grad += y.grad;  // dx += dy
}

}  // namespace

Var exp(Var x) {
  return unary("exp", exp_backward, x, [](float v) { return std::exp(v); });
}
Var log(Var x) {
  return unary("log", log_backward, x, [](float v) { return std::log(v); });
}
Var tanh(Var x) {
  Tape& t = *x.tape;
  Var y = t.push("tanh", tanh_backward, x.id);
  t.node(y.id).value = t.node(x.id).value.array().tanh();
  return y;
}
Var relu(Var x) {
  return unary("relu", relu_backward, x, [](float v) { return v > 0.f ? v : 0.f; });
}
Var sigmoid(Var x) {
  return unary("sigmoid", sigmoid_backward, x, &stable_sigmoid);
}
Var gelu(Var x) {
  return unary("gelu", gelu_backward, x, &gelu_value);
}
Var softplus(Var x) {
  return unary("softplus", softplus_backward, x, &stable_softplus);
}
Var square(Var x) {
  return unary("square", square_backward, x, [](float v) { return v * v; });
}
Var sqrt(Var x) {
  return unary("sqrt", sqrt_backward, x, [](float v) { return std::sqrt(v); });
}
Var scale(Var x, float s) {
  Var y = unary("scale", scale_backward, x, [s](float v) { return s * v; });
  x.tape->node(y.id).scalar = s;
  return y;
}
Var shift(Var x, float c) {
  return unary("shift", shift_backward, x, [c](float v) { return v + c; });
}

}  // namespace vi
