// A bounded training history: named series sampled at a stride that doubles whenever the buffer
// fills, so a run of any length keeps at most `capacity` points spread over the whole run.
#pragma once

#include <string>
#include <vector>

#include "util/json.h"

namespace vi {

class History {
 public:
  History(std::vector<std::string> names, int capacity = 1000);

  // True when step `step` is one the history will keep; record() only then.
  bool wants(int step) const { return step % stride_ == 0; }
  void record(int step, const std::vector<float>& values);

  int size() const { return int(steps_.size()); }
  const std::vector<float>& steps() const { return steps_; }
  const std::vector<float>& series(size_t i) const { return series_[i]; }

  // Adds "<prefix>Step" and "<prefix><Name>" float arrays to `views`.
  void export_to(Json& views, const std::string& prefix = "history") const;

 private:
  std::vector<std::string> names_;
  int capacity_;
  int stride_ = 1;
  std::vector<float> steps_;
  std::vector<std::vector<float>> series_;
};

}  // namespace vi
