// The shape error of ops whose operands do not fit.
#include "autodiff/shape_error.h"

#include <stdexcept>
#include <string>

namespace vi {

void throw_shape_error(const char* op, std::initializer_list<NamedShape> shapes, const char* why) {
  std::string text = std::string(op) + ": shapes";
  const char* separator = " ";
  for (const NamedShape& s : shapes) {
    text += separator;
    text += s.name;
    text += ' ' + std::to_string(s.rows) + "×" + std::to_string(s.cols);
    separator = ", ";
  }
  throw std::invalid_argument(text + ' ' + why);
}

}  // namespace vi
