// Adam: m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;  θ −= (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε).
#include "optim/adam.h"

#include <cmath>

namespace vi {

Adam::Adam(ParameterList params, float lr, float beta1, float beta2, float eps)
    : Optimizer(std::move(params), lr), beta1_(beta1), beta2_(beta2), eps_(eps) {
  for (Parameter* p : params_) {
    m_.push_back(Matrix::Zero(p->value.rows(), p->value.cols()));
    v_.push_back(Matrix::Zero(p->value.rows(), p->value.cols()));
  }
}

void Adam::step() {
  ++t_;
  const float bias_correction1 = 1.f - float(std::pow(double(beta1_), t_));
  const float bias_correction2 = 1.f - float(std::pow(double(beta2_), t_));
  const float step_size = lr_ / bias_correction1;
  const float sqrt_bc2 = std::sqrt(bias_correction2);
  for (size_t i = 0; i < params_.size(); ++i) {
    Parameter& p = *params_[i];
    auto g = p.grad.array();
    auto m = m_[i].array();
    auto v = v_[i].array();
    m = beta1_ * m + (1.f - beta1_) * g;
    v = beta2_ * v + (1.f - beta2_) * g * g;
    p.value.array() -= step_size * m / (v.sqrt() / sqrt_bc2 + eps_);
    p.zero_grad();
  }
}

}  // namespace vi
