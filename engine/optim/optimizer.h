// The optimizer interface: update every parameter from its gradient, then zero the gradients.
#pragma once

#include "autodiff/parameter.h"

namespace vi {

class Optimizer {
 public:
  explicit Optimizer(ParameterList params, float lr) : params_(std::move(params)), lr_(lr) {}
  virtual ~Optimizer() = default;

  virtual void step() = 0;  // one update; leaves every gradient zeroed
  void zero_grad() {
    for (Parameter* p : params_) p->zero_grad();
  }
  void set_lr(float lr) { lr_ = lr; }
  float lr() const { return lr_; }
  const ParameterList& params() const { return params_; }

 protected:
  ParameterList params_;
  float lr_;
};

}  // namespace vi
