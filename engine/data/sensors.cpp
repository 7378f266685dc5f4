// Received signal strengths of sensors around a target.
#include <cmath>

#include "data/datasets.h"

namespace vi {

Matrix sensor_readings(const Matrix& sensors, float target_x, float target_y, float attenuation,
                       float noise_var, int per_sensor, Rng& rng) {
  Matrix x(sensors.rows(), per_sensor);
  const float noise_std = std::sqrt(noise_var);
  for (Index i = 0; i < sensors.rows(); ++i) {
    const float dx = sensors(i, 0) - target_x, dy = sensors(i, 1) - target_y;
    const float mean = -attenuation * std::log(dx * dx + dy * dy);
    for (int j = 0; j < per_sensor; ++j) x(i, j) = mean + noise_std * rng.normal_float();
  }
  return x;
}

}  // namespace vi
