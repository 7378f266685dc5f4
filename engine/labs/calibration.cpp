// Reliability bins, expected calibration error and coverage curves.
#include "labs/calibration.h"

#include <algorithm>
#include <cmath>

#include "autodiff/stable_math.h"

namespace vi {

Reliability reliability(const std::vector<float>& prob, const Matrix& y, int bins) {
  Reliability r;
  r.count.assign(size_t(bins), 0);
  std::vector<double> sum_p(size_t(bins), 0.0), sum_y(size_t(bins), 0.0);
  for (size_t i = 0; i < prob.size(); ++i) {
    const double p = prob[i];
    const size_t b = size_t(std::clamp(int(p * bins), 0, bins - 1));
    ++r.count[b];
    sum_p[b] += p;
    sum_y[b] += y(Index(i), 0) > 0.5f ? 1.0 : 0.0;
  }
  r.predicted.assign(size_t(bins), NAN);
  r.observed.assign(size_t(bins), NAN);
  if (prob.empty()) return r;
  r.ece = 0.0;
  for (size_t b = 0; b < size_t(bins); ++b) {
    if (r.count[b] == 0) continue;
    r.predicted[b] = sum_p[b] / r.count[b];
    r.observed[b] = sum_y[b] / r.count[b];
    r.ece += double(r.count[b]) / double(prob.size()) * std::fabs(r.observed[b] - r.predicted[b]);
  }
  return r;
}

Json reliability_json(const Reliability& r) {
  // Views hold no NaN (a diverged run's views are checked for it): an empty bin shows 0s.
  const auto or_zero = [](const std::vector<double>& v) {
    std::vector<float> out;
    for (double x : v) out.push_back(std::isnan(x) ? 0.f : float(x));
    return out;
  };
  Json j = Json::object();
  j["count"] = std::vector<float>(r.count.begin(), r.count.end());
  j["predicted"] = or_zero(r.predicted);
  j["observed"] = or_zero(r.observed);
  return j;
}

void add_ece(Json& metrics, const Calibration& c) {
  metrics["eceHeldOut"] = c.held_out.ece;
  metrics["eceFar"] = c.far.ece;
}

Json calibration_view(const Calibration& c) {
  Json j = Json::object();
  j["heldOut"] = reliability_json(c.held_out);
  j["far"] = reliability_json(c.far);
  return j;
}

uint64_t calibration_seed(int lab_seed, uint64_t stream) {
  return (uint64_t(uint32_t(lab_seed)) << 32) ^ stream;
}

std::vector<double> nominal_levels() {
  std::vector<double> levels;
  for (int k = 1; k <= 19; ++k) levels.push_back(0.05 * k);
  return levels;
}

double gaussian_pit(double y, double mean, double sd) {
  // Φ from expf alone, the same in both builds (libm's erfc differs between C libraries).
  return normal_cdf(float((y - mean) / sd));
}

std::vector<double> coverage_curve(const std::vector<double>& pit,
                                   const std::vector<double>& levels) {
  // |2u − 1| per target, sorted: the coverage at a level is the share at or below it.
  std::vector<double> distance;
  for (double u : pit) distance.push_back(std::fabs(2.0 * u - 1.0));
  std::sort(distance.begin(), distance.end());
  std::vector<double> out;
  for (double a : levels) {
    const auto inside = std::upper_bound(distance.begin(), distance.end(), a) - distance.begin();
    out.push_back(distance.empty() ? NAN : double(inside) / double(distance.size()));
  }
  return out;
}

double coverage_error(const std::vector<double>& coverage, const std::vector<double>& levels) {
  double total = 0.0;
  for (size_t k = 0; k < levels.size(); ++k) total += std::fabs(coverage[k] - levels[k]);
  return levels.empty() ? NAN : total / double(levels.size());
}

}  // namespace vi
