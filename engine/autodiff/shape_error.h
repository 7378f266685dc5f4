// The error an op throws when its operands' shapes do not fit, built out of line.
#pragma once

#include <initializer_list>

#include "base/matrix.h"

namespace vi {

struct NamedShape {
  const char* name;
  Index rows, cols;
};

// Throws std::invalid_argument("<op>: shapes x 3×2, W 3×4 <why>"): each operand named with its
// rows×cols. Kept out of the ops' hot functions (and compiled for size): an error message
// assembled inline costs WebAssembly bytes in every op that checks its shapes.
[[noreturn]] void throw_shape_error(const char* op, std::initializer_list<NamedShape> shapes,
                                    const char* why);

}  // namespace vi
