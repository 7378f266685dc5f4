// The engine's one matrix type: dynamic, row-major float32 (rows are data points).
#pragma once

#include <Eigen/Core>

namespace vi {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Index = Eigen::Index;

}  // namespace vi
