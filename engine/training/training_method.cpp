// Stepping a method: guard, optimizer step, divergence message, history.
#include "training/training_method.h"

#include <cmath>
#include <cstdio>

namespace vi {
namespace {

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

TrainingMethod::TrainingMethod(MethodSpec spec, Rng stream)
    : rng_(std::move(stream)),
      history_(spec.history, spec.history_capacity),
      spec_(std::move(spec)) {}

void TrainingMethod::set_optimizer(std::unique_ptr<Optimizer> optimizer) {
  optimizer_ = std::move(optimizer);
  guard_ = std::make_unique<TrainingGuard>(optimizer_->params());
}

bool TrainingMethod::advance(Progress& progress) {
  guard_->save();
  double loss;
  try {
    loss = train_step();
  } catch (...) {
    guard_->undo();
    ++version_;
    after_rollback();
    throw;
  }
  ++version_;
  if (!guard_->check(loss)) {
    after_rollback();
    progress.diverged = true;
    progress.diverged_at = steps_ + 1;
    progress.message = divergence_message(loss);
    return false;
  }
  loss_ = loss;
  terms_ = step_terms_;
  ++steps_;
  after_step();
  record_history(steps_);
  return true;
}

std::string TrainingMethod::divergence_message(double loss) const {
  const std::string who = spec_.name.empty() ? "" : spec_.name + ": ";
  const std::string at = "Training stopped at step " + std::to_string(steps_ + 1);
  // At the first step the loss is evaluated before any update: a step size cannot have caused it.
  if (steps_ == 0 && !std::isfinite(loss))
    return who + at +
           ": the loss is already infinite or NaN at the initial weights, before any update, so "
           "a smaller learning rate cannot help. The data or the initialization give it: change "
           "the Data or Model settings, or the seed.";
  return who + "Training diverged at step " + std::to_string(steps_ + 1) +
         " (the loss or a weight became infinite or NaN); the last good state is kept. " +
         spec_.divergence_hint + (spec_.divergence_hint.empty() ? "" : " ") +
         "Try a smaller learning rate " + spec_.lr_field + " (now " +
         short_number(learning_rate()) + "; the original exercise uses " +
         short_number(spec_.original_lr) + ").";
}

double TrainingMethod::minimize(Var loss) {
  tape_.backward(loss);
  optimizer_->step();
  return loss.item();
}

void TrainingMethod::record_history(int step) {
  if (!history_.wants(step)) return;
  std::vector<float> row{float(loss_)};
  for (double t : terms_) row.push_back(float(t));
  history_.record(step, row);
}

void TrainingMethod::report_term(size_t i, double value) {
  if (step_terms_.size() <= i) step_terms_.resize(i + 1, NAN);
  step_terms_[i] = value;
}

}  // namespace vi
