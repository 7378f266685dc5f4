// A rectangle cut into nx × ny cells (the 2-D maps' grids, the midpoint rule's boxes), and the one
// writer of a map grid's keys in a view.
#pragma once

#include <string>

#include "util/json.h"

namespace vi {

struct GridBox {
  double x0, x1, y0, y1;  // edges
  int nx, ny;             // cells per side
  double dx() const { return (x1 - x0) / nx; }
  double dy() const { return (y1 - y0) / ny; }
  double x(int i) const { return x0 + (i + 0.5) * dx(); }  // cell centres (midpoint rule)
  double y(int j) const { return y0 + (j + 0.5) * dy(); }
};

// A map's grid as the page reads it: the first and last node of each axis and the node counts,
// under the keys <prefix>X0, X1, Y0, Y1, Nx, Ny (x0, x1, y0, y1, nx, ny without a prefix).
void write_grid_nodes(Json& view, const std::string& prefix, double first_x, double last_x,
                      double first_y, double last_y, int nx, int ny);

// A box's grid, its nodes being the cells' centres.
void write_grid(Json& view, const std::string& prefix, const GridBox& box);

}  // namespace vi
