// The Lab interface every lab implements, and its entry in the registry.
//
// A lab owns its data, models, optimizers and random generator. step(n) advances training by up
// to n optimizer steps (every method that has budget left, for labs that train several) and stops
// early, keeping the last good state, if the loss or a parameter becomes non-finite.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "util/json.h"

namespace vi {

struct Progress {
  int step = 0;           // optimizer steps done (the largest over methods)
  bool done = false;      // every step budget spent
  bool diverged = false;  // training stopped on a non-finite loss or parameter
  int diverged_at = -1;   // the step at which it did
  std::string message;    // for the user: what happened and what to change
};

class Lab {
 public:
  virtual ~Lab() = default;
  virtual int step(int n) = 0;  // steps actually done
  virtual Progress progress() const = 0;
  virtual Json metrics() const = 0;  // the lab's own keys (docs/labs.md)
  virtual Json views() const = 0;    // plot data: float arrays and numbers
  // Floating-point operations of training's matrix products so far (the benchmark's GFLOP/s).
  virtual double flops() const = 0;
};

// One timed run of the benchmark: a label ("regression/vi") and the config that isolates it.
struct BenchRun {
  std::string label;
  RawConfig config;
};

struct LabInfo {
  std::string name;      // registry key, e.g. "localization"
  int order = 0;         // position in the gallery and in every listing, ascending
  std::string title;     // "Neural VI for target localization"
  std::string question;  // the one-line question the lab answers
  std::string source;    // the original exercise it re-creates
  Schema schema;         // includes "seed"
  std::function<std::unique_ptr<Lab>(const Config&)> make;
  std::vector<BenchRun> bench_runs;  // empty: one run of the defaults, labelled with the name
};

// metrics() plus step, done, diverged, divergedAt and message.
Json full_metrics(const Lab& lab);

}  // namespace vi
