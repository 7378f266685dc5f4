// One method that trains: its parameters (through its optimizer), tape, divergence guard, random
// stream, bounded history and step budget. A lab holds one or more and steps them in lockstep.
//
// A subclass builds its networks (drawing initial values from its stream or from one it is
// given), calls set_optimizer(), and implements train_step(). Settings that training reads at
// each step (learning rate, budget) change in place, so a run goes on with its weights and
// optimizer state.
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "autodiff/tape.h"
#include "optim/optimizer.h"
#include "random/rng.h"
#include "training/history.h"
#include "training/progress.h"
#include "training/training_guard.h"

namespace vi {

struct MethodSpec {
  MethodSpec(std::string name, int budget, std::string lr_field, float original_lr,
             std::vector<std::string> history, int history_capacity = 1000,
             std::string divergence_hint = "")
      : name(std::move(name)),
        budget(budget),
        lr_field(std::move(lr_field)),
        original_lr(original_lr),
        history(std::move(history)),
        history_capacity(history_capacity),
        divergence_hint(std::move(divergence_hint)) {}

  std::string name;                  // "mle", "MAP", "BNN"…; empty for a lab's only method
  int budget;                        // optimizer steps to run
  std::string lr_field;              // the config field of its learning rate
  float original_lr;                 // the original exercise's learning rate
  std::vector<std::string> history;  // names of the series its history keeps
  int history_capacity;
  std::string divergence_hint;  // what else to try when it diverges, besides the learning rate
};

class TrainingMethod {
 public:
  virtual ~TrainingMethod() = default;
  TrainingMethod(const TrainingMethod&) = delete;
  TrainingMethod& operator=(const TrainingMethod&) = delete;

  const std::string& name() const { return spec_.name; }
  int steps_done() const { return steps_; }
  int budget() const { return spec_.budget; }
  bool finished() const { return steps_ >= spec_.budget; }
  // Counts every change of the parameters (a step or a rollback): caches of what the parameters
  // imply compare it with the version they were computed at.
  int version() const { return version_; }
  double loss() const { return loss_; }  // the last step's training loss; NaN before the first
  // The last step's i-th term besides the loss (a KL term, a log-likelihood), as reported by
  // train_step(); NaN before the first step.
  double term(size_t i) const { return i < terms_.size() ? terms_[i] : NAN; }
  double flops() const { return tape_.flops(); }  // of training's matrix products
  const History& history() const { return history_; }
  float learning_rate() const { return optimizer_->lr(); }
  // The config fields of its learning rate ("vi.lr") and of its budget ("vi.steps": the
  // learning-rate field with "lr" replaced by "steps").
  const std::string& lr_field() const { return spec_.lr_field; }
  std::string steps_field() const {
    const std::string& lr = spec_.lr_field;
    return lr.size() >= 2 && lr.compare(lr.size() - 2, 2, "lr") == 0
               ? lr.substr(0, lr.size() - 2) + "steps"
               : std::string();
  }

  void set_budget(int budget) { spec_.budget = budget; }
  void set_learning_rate(float lr) { optimizer_->set_lr(lr); }

  // One optimizer step. On a non-finite loss or parameter the last good state is restored,
  // `progress` is marked diverged with a message naming this method, and the result is false.
  // An exception from the step (std::bad_alloc) restores the parameters before it and propagates.
  bool advance(Progress& progress);

 protected:
  TrainingMethod(MethodSpec spec, Rng stream);

  // One forward pass, backward pass and optimizer update; returns the loss before the update.
  virtual double train_step() = 0;
  // After a finite step, with steps_done() already counting it: per-step bookkeeping.
  virtual void after_step() {}
  // After a rollback: refresh whatever mirrors the parameters.
  virtual void after_rollback() {}
  // What the history records after step `step`; by default the loss and the reported terms, at
  // the history's stride.
  virtual void record_history(int step);

  // From train_step(): a value of this step besides its loss, kept (like the loss) only once the
  // step is known to be finite.
  void report_term(size_t i, double value);

  // The end of most train_step()s: backward from `loss`, one optimizer update, the loss's value.
  double minimize(Var loss);

  // The optimizer over the method's parameters; also puts the guard over them.
  void set_optimizer(std::unique_ptr<Optimizer> optimizer);

  Rng rng_;  // this method's training randomness
  Tape tape_;
  std::unique_ptr<Optimizer> optimizer_;
  History history_;

 private:
  // What a divergence at the coming step says, given the loss it returned.
  std::string divergence_message(double loss) const;

  MethodSpec spec_;
  std::unique_ptr<TrainingGuard> guard_;
  int steps_ = 0;
  int version_ = 0;
  double loss_ = NAN;
  std::vector<double> terms_, step_terms_;  // of the last finite step, and of the last step
};

}  // namespace vi
