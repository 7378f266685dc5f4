// RMSProp: v = α·v + (1 − α)·g²;  θ −= lr · g / (√v + ε).
#include "optim/rmsprop.h"

#include <cmath>

namespace vi {

RmsProp::RmsProp(ParameterList params, float lr, float alpha, float eps)
    : Optimizer(std::move(params), lr), alpha_(alpha), eps_(eps) {
  for (Parameter* p : params_) v_.push_back(Matrix::Zero(p->value.rows(), p->value.cols()));
}

void RmsProp::step() {
  for (size_t i = 0; i < params_.size(); ++i) {
    Parameter& p = *params_[i];
    float* theta = p.value.data();
    const float* g = p.grad.data();
    float* v = v_[i].data();
    for (Index j = 0; j < p.value.size(); ++j) {
      v[j] = alpha_ * v[j] + (1.f - alpha_) * g[j] * g[j];
      theta[j] -= lr_ * g[j] / (std::sqrt(v[j]) + eps_);
    }
    p.zero_grad();
  }
}

}  // namespace vi
