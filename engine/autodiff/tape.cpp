// Tape bookkeeping: node allocation, constants, parameters and the reverse sweep.
#include "autodiff/tape.h"

#include <stdexcept>

namespace vi {

bool all_finite(const ParameterList& params) {
  // x·0 is 0 for finite x and NaN for ±∞ or NaN, so one vectorizable sum checks a whole matrix.
  float probe = 0.f;
  for (const Parameter* p : params) probe += (p->value.array() * 0.f).sum();
  return probe == 0.f;
}

Var Tape::push(const char* op, BackwardFn backward, int a, int b) {
  if (size_t(size_) == nodes_.size()) nodes_.emplace_back();
  Node& n = nodes_[size_t(size_++)];
  n.op = op;
  n.backward = backward;
  n.a = a;
  n.b = b;
  n.param = nullptr;
  n.readies_input_grads = false;
  n.needs_grad = (a >= 0 && node(a).needs_grad) || (b >= 0 && node(b).needs_grad);
  return Var{this, size_ - 1};
}

Var Tape::constant(const Matrix& value) {
  Var v = push("constant", nullptr, -1);
  node(v.id).value = value;
  return v;
}

Var Tape::constant(float value) {
  Var v = push("constant", nullptr, -1);
  node(v.id).value.setConstant(1, 1, value);
  return v;
}

Var Tape::param(Parameter& p) {
  Var v = push("param", nullptr, -1);
  Node& n = node(v.id);
  n.value = p.value;
  n.param = &p;
  n.needs_grad = true;
  return v;
}

void Tape::backward(Var loss) {
  if (loss.tape != this) throw std::logic_error("Tape::backward: loss is from another tape");
  if (loss.rows() != 1 || loss.cols() != 1)
    throw std::logic_error("Tape::backward: loss must be 1×1");
  for (int i = 0; i <= loss.id; ++i) node(i).grad_ready = false;
  Node& top = node(loss.id);
  top.grad.setOnes(1, 1);
  top.grad_ready = true;
  for (int i = loss.id; i >= 0; --i) {
    Node& n = node(i);
    if (!n.needs_grad) continue;
    gradient(n);  // zero if nothing flowed into it
    if (n.backward) {
      if (!n.readies_input_grads)
        for (int input : {n.a, n.b, n.c, n.d})
          if (input >= 0 && node(input).needs_grad) gradient(node(input));
      n.backward(*this, n);
    }
    if (n.param) n.param->grad += n.grad;
  }
}

Matrix& Tape::gradient(Node& n) {
  if (!n.grad_ready) {
    n.grad.setZero(n.value.rows(), n.value.cols());
    n.grad_ready = true;
  }
  return n.grad;
}

bool Tape::first_gradient(Node& n) {
  if (n.grad_ready) return false;
  n.grad.resize(n.value.rows(), n.value.cols());
  n.grad_ready = true;
  return true;
}

}  // namespace vi
