// The lockstep loop every lab trains with.
#include "labs/lab.h"

#include <algorithm>

namespace vi {

int Lab::step(int n) {
  int rounds = 0;
  while (rounds < n && !stopped_.diverged) {
    bool stepped = false;
    for (TrainingMethod* method : methods_) {
      if (method->finished()) continue;
      if (!method->advance(stopped_)) return rounds;
      stepped = true;
    }
    if (!stepped) break;
    ++rounds;
  }
  return rounds;
}

Progress Lab::progress() const {
  Progress p = stopped_;
  p.step = 0;
  p.done = true;
  for (const TrainingMethod* method : methods_) {
    p.step = std::max(p.step, method->steps_done());
    p.done = p.done && method->finished();
  }
  return p;
}

double Lab::flops() const {
  double total = 0.0;
  for (const TrainingMethod* method : methods_) total += method->flops();
  return total;
}

}  // namespace vi
