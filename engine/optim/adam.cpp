// Adam: m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;  θ −= (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε).
#include "optim/adam.h"

#include <cmath>
#include <limits>

namespace vi {
namespace {

// x, or zero when x is below the normal float range (|x| < 2⁻¹²⁶). A parameter whose gradient is
// zero for a while (a dead unit, an unused input) has m shrink by β₁ and v by β₂ per step; v then
// spends thousands of steps among the subnormals, where x86 processors take a slow microcode path
// on every operation (`vilab bench --lab localization` shows the cost when this is removed).
// Flushing changes an update by at most lr·2⁻¹²⁶/ε ≈ 1e-31.
inline float flush_subnormal(float x) {
  return std::fabs(x) < std::numeric_limits<float>::min() ? 0.f : x;
}

}  // namespace

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
    float* theta = p.value.data();
    const float* g = p.grad.data();
    float* m = m_[i].data();
    float* v = v_[i].data();
    for (Index j = 0; j < p.value.size(); ++j) {
      m[j] = flush_subnormal(beta1_ * m[j] + (1.f - beta1_) * g[j]);
      v[j] = flush_subnormal(beta2_ * v[j] + (1.f - beta2_) * g[j] * g[j]);
      theta[j] -= step_size * m[j] / (std::sqrt(v[j]) / sqrt_bc2 + eps_);
    }
    p.zero_grad();
  }
}

}  // namespace vi
