// The student's own points added to a lab's data: a points field's (x…, y…) rows appended to a
// data set, and the field's schema entry for a lab's plane or line.
#pragma once

#include <string>

#include "config/config.h"
#include "data/datasets.h"

namespace vi {

// `data` followed by one row per point: its first x-columns coordinates into x, the rest into y
// (regression: x, y; a classifier: x, y, class). The exercise's rows keep their order, so no
// points at all is the exercise's data set, bit for bit.
Dataset with_own_points(const Dataset& data, const PointList& points);

// The "data" field of a classifier's plane: points (x, y, class) within the given box.
Field labelled_points_field(double x_min, double x_max, double y_min, double y_max, int max_count);

}  // namespace vi
