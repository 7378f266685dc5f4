// SGD: g = ∇ + λ·θ;  v = μ·v + g (v = g on the first step);  θ −= lr·v.
#include "optim/sgd.h"

namespace vi {

Sgd::Sgd(ParameterList params, float lr, float momentum, float weight_decay)
    : Optimizer(std::move(params), lr), momentum_(momentum), weight_decay_(weight_decay) {
  for (Parameter* p : params_) velocity_.push_back(Matrix::Zero(p->value.rows(), p->value.cols()));
}

void Sgd::step() {
  for (size_t i = 0; i < params_.size(); ++i) {
    Parameter& p = *params_[i];
    if (weight_decay_ != 0.f) p.grad += weight_decay_ * p.value;  // g = ∇ + λθ
    if (momentum_ != 0.f) {
      Matrix& v = velocity_[i];
      if (first_)
        v = p.grad;
      else
        v = momentum_ * v + p.grad;  // v = μv + g
      p.value -= lr_ * v;
    } else {
      p.value -= lr_ * p.grad;
    }
    p.zero_grad();
  }
  first_ = false;
}

}  // namespace vi
