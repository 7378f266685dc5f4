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

struct LabInfo;

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
  // Adds up to `passes` Monte Carlo passes to every map that views() refines progressively, as
  // views() would but without building views, and returns whether any map still refines. The
  // maps depend only on the passes done, not on how they were chunked. Default: nothing refines.
  virtual bool refine(int passes) {
    (void)passes;
    return false;
  }

  // Changes settings of the running lab. `changes` is validated against the schema like any
  // config (ConfigError naming the field, the value and the allowed range); a changed Restart
  // field is refused with an error saying it needs a new run. Live fields apply at the next
  // step: a method's learning-rate field sets its learning rate, its steps field its budget
  // (raising it continues the run), the rest go to apply_settings(). Weights, optimizer state and
  // step counts are kept; on an error nothing changes.
  void configure(const RawConfig& changes);
  // The current configuration (the one the lab was made with, plus every configure()).
  const Config& config() const { return config_; }
  const std::string& lab_name() const;
  // Called by create_lab once the lab is built.
  void attach(const LabInfo& info, const Config& config);

 protected:
  Lab() = default;
  // Registers a method the lab owns (a member, or the lab itself for a single-method lab).
  void add_method(TrainingMethod& method) { methods_.push_back(&method); }
  // The lab's own part of configure(): `changed` names the view and live fields whose value
  // changed, `c` is the new configuration. View fields must leave training state and its streams
  // untouched; live fields may change only what the next steps read.
  virtual void apply_settings(const Config& c, const std::vector<std::string>& changed) {
    (void)c, (void)changed;
  }
  static bool has(const std::vector<std::string>& changed, const std::string& name);

 private:
  void stop_out_of_memory(const TrainingMethod& method);

  std::vector<TrainingMethod*> methods_;
  Progress stopped_;               // diverged, divergedAt and message once a method diverged
  const LabInfo* info_ = nullptr;  // the registry's entry (registry entries live forever)
  Config config_;
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

// A method's part of the lab's frames, for the page's parallel workers (docs/architecture.md,
// "Parallel workers"): the top-level keys of metrics() and views() that only this method's
// training determines. A worker that trains the method alone (the others' budgets at 0) sends
// these keys as the full lab would; every other key is the lab's, the same in every worker.
struct MethodKeys {
  std::string method;             // "vi": its budget is the config field "vi.steps"
  std::vector<std::string> keys;  // "vi" (logistic's map also owns "laplace")
  // Native ms per step (README, Benchmark: a run's seconds over its steps), to balance workers.
  double step_ms = 1.0;
};

struct LabInfo {
  std::string name;      // registry key, e.g. "localization"
  int order = 0;         // position in the gallery and in every listing, ascending
  std::string title;     // "Neural VI for target localization"
  std::string question;  // the one-line question the lab answers
  std::string source;    // the original exercise it re-creates
  Schema schema;         // includes "seed"
  // Refuses (ConfigError) a config every field of which is in range but that the lab cannot run:
  // rules across fields and the work budget of config/work_budget.h. create_lab and
  // Lab::configure call it on every config before it takes effect; empty when nothing to check.
  std::function<void(const Config&)> check;
  std::function<std::unique_ptr<Lab>(const Config&)> make;
  std::vector<BenchRun> bench_runs;     // empty: one run of the defaults, labelled with the name
  std::vector<MethodKeys> method_keys;  // empty: the lab's methods cannot train apart
  // Lab-level view flags that are true when they are in any worker (moons' "refining"); the
  // other lab-level keys depend on the config alone.
  std::vector<std::string> any_keys;
};

// metrics() plus step, done, diverged, divergedAt and message.
Json full_metrics(Lab& lab);

}  // namespace vi
