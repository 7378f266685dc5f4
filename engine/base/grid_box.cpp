// The view keys of a map's grid.
#include "base/grid_box.h"

namespace vi {

void write_grid_nodes(Json& view, const std::string& prefix, double first_x, double last_x,
                      double first_y, double last_y, int nx, int ny) {
  const auto key = [&](const char* lower, const char* upper) {
    return prefix.empty() ? std::string(lower) : prefix + upper;
  };
  view[key("x0", "X0")] = first_x;
  view[key("x1", "X1")] = last_x;
  view[key("y0", "Y0")] = first_y;
  view[key("y1", "Y1")] = last_y;
  view[key("nx", "Nx")] = nx;
  view[key("ny", "Ny")] = ny;
}

void write_grid(Json& view, const std::string& prefix, const GridBox& box) {
  write_grid_nodes(view, prefix, box.x(0), box.x(box.nx - 1), box.y(0), box.y(box.ny - 1), box.nx,
                   box.ny);
}

}  // namespace vi
