// The student's own points appended to a lab's data set.
#include "labs/own_points.h"

namespace vi {

Dataset with_own_points(const Dataset& data, const PointList& points) {
  const Index n = data.size(), extra = points.count();
  const Index dx = data.x.cols(), dy = data.y.cols();
  Dataset out{Matrix(n + extra, dx), Matrix(n + extra, dy)};
  out.x.topRows(n) = data.x;
  out.y.topRows(n) = data.y;
  for (Index i = 0; i < extra; ++i) {
    for (Index k = 0; k < dx; ++k) out.x(n + i, k) = float(points.at(int(i), int(k)));
    for (Index k = 0; k < dy; ++k) out.y(n + i, k) = float(points.at(int(i), int(dx + k)));
  }
  return out;
}

Field labelled_points_field(double x_min, double x_max, double y_min, double y_max, int max_count) {
  return points_field("data", "Your points",
                      {{"x", x_min, x_max}, {"y", y_min, y_max}, {"class", 0, 1, true}}, max_count,
                      "Data",
                      "Points you add to the training data, on top of the exercise's: click the "
                      "plane to add one of the selected class (Shift-click: the other class), "
                      "drag to move it, Delete or right-click to remove it; written x,y,class "
                      "joined by _.");
}

}  // namespace vi
