// Where training stands: steps done, budget spent, and whether (and why) it stopped early.
#pragma once

#include <string>

namespace vi {

struct Progress {
  int step = 0;           // optimizer steps done (the largest over methods)
  bool done = false;      // every step budget spent
  bool diverged = false;  // training stopped on a non-finite loss or parameter
  int diverged_at = -1;   // the step at which it did
  std::string message;    // for the user: what happened and what to change
};

}  // namespace vi
