// The original exercise's sensor model for the localization tests: three sensors, the target at
// (−1, 2), five readings each, drawn from the stream `seed`.
#pragma once

#include <cstdint>

#include "data/datasets.h"
#include "labs/localization_model.h"

namespace vi {

inline SensorModel seed_model(uint64_t seed) {
  Matrix sensors(3, 2);
  sensors << 0.5f, 1.f, 3.5f, 1.f, 2.f, 3.f;
  Rng rng(seed);
  return SensorModel(sensors, sensor_readings(sensors, -1.f, 2.f, 10.f, 5.f, 5, rng), 10.0, 5.0);
}

}  // namespace vi
