// The Lab interface every lab implements, and its entry in the registry.
//
// A lab owns its data and its training methods (engine/training/training_method.h); step(n)
// advances them in lockstep and stops early, keeping the last good state, if a loss or a
// parameter becomes non-finite.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "training/progress.h"
#include "training/training_method.h"
#include "util/json.h"

namespace vi {

class Lab {
 public:
  virtual ~Lab() = default;

  // Up to n rounds in which every method with budget left takes one step, in the order the
  // methods were added; stops at a divergence. Returns the rounds done.
  int step(int n);
  Progress progress() const;
  // Floating-point operations of training's matrix products so far (the benchmark's GFLOP/s).
  double flops() const;

  // metrics() and views() evaluate the current state; they may refresh caches of what the
  // parameters imply (hence not const) but never change the training state or its streams.
  virtual Json metrics() = 0;  // the lab's own keys (docs/labs.md)
  virtual Json views() = 0;    // plot data: float arrays and numbers

 protected:
  Lab() = default;
  // Registers a method the lab owns (a member, or the lab itself for a single-method lab).
  void add_method(TrainingMethod& method) { methods_.push_back(&method); }

 private:
  std::vector<TrainingMethod*> methods_;
  Progress stopped_;  // diverged, divergedAt and message once a method diverged
};

// A lab that trains one method: the lab is that method.
class SingleMethodLab : public Lab, protected TrainingMethod {
 protected:
  SingleMethodLab(MethodSpec spec, Rng stream)
      : TrainingMethod(std::move(spec), std::move(stream)) {
    add_method(*this);
  }
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
Json full_metrics(Lab& lab);

}  // namespace vi
