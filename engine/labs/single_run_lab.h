// A lab with one training loop: step(n) runs train_step() until n steps are done, the budget is
// spent, or a step diverges (the subclass's TrainingGuard then has rolled the state back).
#pragma once

#include "labs/lab.h"

namespace vi {

class SingleRunLab : public Lab {
 public:
  int step(int n) final {
    int done = 0;
    while (done < n && progress_.step < total_steps_ && !progress_.diverged) {
      if (!train_step()) break;
      ++done;
    }
    progress_.done = progress_.step >= total_steps_;
    return done;
  }

  Progress progress() const final { return progress_; }

 protected:
  explicit SingleRunLab(int total_steps) : total_steps_(total_steps) {}

  // One optimizer step that advances progress_.step; false when it diverged.
  virtual bool train_step() = 0;

  int total_steps_;
  Progress progress_;
};

}  // namespace vi
