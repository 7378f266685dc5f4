// Broadcasting elementwise add, sub, mul, div with their backward passes.
#include "autodiff/broadcast.h"
#include "autodiff/ops.h"

namespace vi {
namespace {

void add_backward(Tape& t, Node& c) {
  Node& a = t.node(c.a);
  Node& b = t.node(c.b);
  if (a.needs_grad) add_reduced(a.grad, c.grad);  // dA += dC
  if (b.needs_grad) add_reduced(b.grad, c.grad);  // dB += dC
}

void sub_backward(Tape& t, Node& c) {
  Node& a = t.node(c.a);
  Node& b = t.node(c.b);
  if (a.needs_grad) add_reduced(a.grad, c.grad);  // dA += dC
  if (b.needs_grad) {
    Matrix& neg = t.scratch(0);
    neg = -c.grad;
    add_reduced(b.grad, neg);  // dB -= dC
  }
}

void mul_backward(Tape& t, Node& c) {
  Node& a = t.node(c.a);
  Node& b = t.node(c.b);
  Matrix& tmp = t.scratch(0);
  auto times = [](float g, float v) { return g * v; };
  if (a.needs_grad) {
    broadcast_apply(c.grad, b.value, tmp, times);  // dA += dC∘B
    add_reduced(a.grad, tmp);
  }
  if (b.needs_grad) {
    broadcast_apply(c.grad, a.value, tmp, times);  // dB += dC∘A
    add_reduced(b.grad, tmp);
  }
}

void div_backward(Tape& t, Node& c) {
  Node& a = t.node(c.a);
  Node& b = t.node(c.b);
  Matrix& tmp = t.scratch(0);
  if (a.needs_grad) {
    broadcast_apply(c.grad, b.value, tmp, [](float g, float v) { return g / v; });
    add_reduced(a.grad, tmp);  // dA += dC / B
  }
  if (b.needs_grad) {
    Matrix& quotient_over_b = t.scratch(1);  // C / B = A / B²
    broadcast_apply(c.value, b.value, quotient_over_b, [](float q, float v) { return q / v; });
    tmp = -(c.grad.array() * quotient_over_b.array()).matrix();
    add_reduced(b.grad, tmp);  // dB −= dC∘A/B²
  }
}

template <class F>
Var binary(const char* op, BackwardFn backward, Var a, Var b, F f) {
  Tape& t = *a.tape;
  check_broadcast(op, a.value(), b.value());
  Var c = t.push(op, backward, a.id, b.id);
  broadcast_apply(t.node(a.id).value, t.node(b.id).value, t.node(c.id).value, f);
  return c;
}

}  // namespace

Var operator+(Var a, Var b) {
  return binary("add", add_backward, a, b, [](float x, float y) { return x + y; });
}
Var operator-(Var a, Var b) {
  return binary("sub", sub_backward, a, b, [](float x, float y) { return x - y; });
}
Var operator*(Var a, Var b) {
  return binary("mul", mul_backward, a, b, [](float x, float y) { return x * y; });
}
Var operator/(Var a, Var b) {
  return binary("div", div_backward, a, b, [](float x, float y) { return x / y; });
}

}  // namespace vi
