// A trainable tensor that outlives the tape: its value, its accumulated gradient, its name.
#pragma once

#include <string>
#include <vector>

#include "base/matrix.h"

namespace vi {

struct Parameter {
  std::string name;
  Matrix value;
  Matrix grad;  // same shape as value; zeroed by the optimizer after each update

  Parameter() = default;
  Parameter(std::string n, Matrix v) : name(std::move(n)), value(std::move(v)) {
    grad = Matrix::Zero(value.rows(), value.cols());
  }
  void zero_grad() { grad.setZero(value.rows(), value.cols()); }
};

using ParameterList = std::vector<Parameter*>;

// True when every entry of every parameter is finite.
bool all_finite(const ParameterList& params);

}  // namespace vi
