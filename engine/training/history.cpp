// Bounded, downsampled training history.
#include "training/history.h"

#include <cctype>

namespace vi {

History::History(std::vector<std::string> names, int capacity)
    : names_(std::move(names)), capacity_(capacity), series_(names_.size()) {}

void History::record(int step, const std::vector<float>& values) {
  if (!wants(step)) return;
  steps_.push_back(float(step));
  for (size_t i = 0; i < series_.size(); ++i) series_[i].push_back(values[i]);
  if (int(steps_.size()) < capacity_) return;
  // Full: keep every other point and sample half as often from now on.
  auto halve = [](std::vector<float>& v) {
    size_t k = 0;
    for (size_t i = 0; i < v.size(); i += 2) v[k++] = v[i];
    v.resize(k);
  };
  halve(steps_);
  for (auto& s : series_) halve(s);
  stride_ *= 2;
}

void History::export_to(Json& views, const std::string& prefix) const {
  views[prefix + "Step"] = steps_;
  for (size_t i = 0; i < names_.size(); ++i) {
    std::string key = names_[i];
    key[0] = char(std::toupper(static_cast<unsigned char>(key[0])));
    views[prefix + key] = series_[i];
  }
}

}  // namespace vi
