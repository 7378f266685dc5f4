// TrainingMethod and Lab's lockstep loop on a toy method: SGD on ½(w − target)², which reports w
// as a term and blows up when asked to.
#include <catch2/catch.hpp>
#include <cmath>
#include <new>

#include "autodiff/ops.h"
#include "labs/lab.h"
#include "labs/registry.h"
#include "optim/sgd.h"

using namespace vi;

namespace {

class Toy : public TrainingMethod {
 public:
  Toy(std::string name, int budget, float lr, float target = 3.f)
      : TrainingMethod({std::move(name), budget, "toy.lr", 0.1f, {"loss", "w"}}, Rng(1)),
        w_("w", Matrix::Zero(1, 1)),
        target_(target) {
    set_optimizer(std::make_unique<Sgd>(ParameterList{&w_}, lr));
  }
  float w() const { return w_.value(0, 0); }
  bool explode_next = false;
  bool out_of_memory_next = false;  // the next step throws std::bad_alloc after its update

 protected:
  double train_step() override {
    tape_.clear();
    Var d = tape_.param(w_) - target_;
    Var loss = sum(square(d)) * 0.5f;
    tape_.backward(loss);
    optimizer_->step();
    report_term(0, w_.value(0, 0));
    if (out_of_memory_next) throw std::bad_alloc();
    return explode_next ? NAN : loss.item();
  }

 private:
  Parameter w_;
  float target_;
};

class ToyLab : public Lab {
 public:
  ToyLab() : a_("a", 5, 0.5f), b_("b", 3, 0.25f) {
    add_method(a_);
    add_method(b_);
  }
  Json metrics() override { return Json::object(); }
  Json views() override { return Json::object(); }
  Toy a_, b_;
};

}  // namespace

TEST_CASE("a method steps within its budget and reports its loss, terms and history",
          "[training]") {
  Toy toy("toy", 2, 0.5f);
  Progress p;
  CHECK(std::isnan(toy.loss()));
  CHECK(std::isnan(toy.term(0)));
  REQUIRE(toy.advance(p));  // w: 0 → 1.5 (loss at 0: 4.5)
  CHECK(toy.loss() == 4.5);
  CHECK(toy.term(0) == 1.5);
  REQUIRE(toy.advance(p));  // w: 1.5 → 2.25
  CHECK(toy.finished());
  CHECK(toy.history().size() == 2);
  CHECK(toy.history().series(1)[1] == 2.25f);  // the term, after the loss
  CHECK(toy.version() == 2);
}

TEST_CASE(
    "a diverging step restores the weights, keeps the last finite loss and terms, and names "
    "the method",
    "[training]") {
  Toy toy("toy", 10, 0.5f);
  Progress p;
  REQUIRE(toy.advance(p));
  toy.explode_next = true;
  CHECK_FALSE(toy.advance(p));
  // The loss at w = 1.5 was not finite: back to w = 0, where the last finite loss was taken.
  CHECK(toy.w() == 0.f);
  CHECK(toy.loss() == 4.5);
  CHECK(toy.term(0) == 1.5);
  CHECK(toy.steps_done() == 1);
  CHECK(toy.version() == 2);  // the rollback changed the parameters' version
  CHECK(p.diverged);
  CHECK(p.diverged_at == 2);
  CHECK(p.message.rfind("toy: ", 0) == 0);
  CHECK(p.message.find("toy.lr (now 0.5; the original exercise uses 0.1)") != std::string::npos);
}

TEST_CASE("a new learning rate applies at the next step, and a larger budget continues",
          "[training]") {
  Toy toy("toy", 1, 0.5f);
  Progress p;
  REQUIRE(toy.advance(p));  // w = 1.5
  CHECK(toy.finished());
  toy.set_budget(2);
  toy.set_learning_rate(1.f);
  CHECK_FALSE(toy.finished());
  REQUIRE(toy.advance(p));  // gradient −1.5 at lr 1: w = 3
  CHECK(toy.w() == 3.f);
  CHECK(toy.steps_done() == 2);
}

TEST_CASE("a lab steps its methods in lockstep until every budget is spent", "[training]") {
  ToyLab lab;
  CHECK(lab.step(2) == 2);
  CHECK(lab.a_.steps_done() == 2);
  CHECK(lab.b_.steps_done() == 2);
  CHECK(lab.step(100) == 3);  // b's budget ends after one more round, a's after three
  CHECK(lab.a_.steps_done() == 5);
  CHECK(lab.b_.steps_done() == 3);
  const Progress p = lab.progress();
  CHECK(p.step == 5);
  CHECK(p.done);
  CHECK(lab.step(1) == 0);
}

TEST_CASE("a divergence in one method stops the whole lab", "[training]") {
  ToyLab lab;
  lab.step(1);
  lab.b_.explode_next = true;
  CHECK(lab.step(3) == 0);  // a steps in the round, then b diverges
  CHECK(lab.a_.steps_done() == 2);
  CHECK(lab.b_.steps_done() == 1);
  CHECK(lab.progress().diverged);
  CHECK(lab.step(3) == 0);
  CHECK(lab.a_.steps_done() == 2);
}

TEST_CASE("a loss already non-finite at the initial weights does not blame the learning rate",
          "[training]") {
  Toy toy("toy", 10, 0.5f);
  toy.explode_next = true;
  Progress p;
  CHECK_FALSE(toy.advance(p));
  CHECK(toy.w() == 0.f);
  CHECK(p.diverged_at == 1);
  CHECK(p.message.find("at the initial weights, before any update") != std::string::npos);
  CHECK(p.message.find("smaller learning rate cannot help") != std::string::npos);
  CHECK(p.message.find("Try a smaller learning rate") == std::string::npos);
}

TEST_CASE(
    "a step that runs out of memory puts the weights back and stops the run with a message "
    "naming the lab, the step and the memory in use",
    "[training]") {
  ToyLab lab;
  const LabInfo info{"toy_lab", 0, "", "", "", {}, nullptr, nullptr, {}, {}, {}};
  lab.attach(info, Config{});
  REQUIRE(lab.step(1) == 1);
  const float a_before = lab.a_.w(), b_before = lab.b_.w();
  lab.b_.out_of_memory_next = true;
  CHECK(lab.step(3) == 0);        // a steps in the round, then b runs out of memory
  CHECK(lab.b_.w() == b_before);  // b's update is undone
  CHECK(lab.b_.steps_done() == 1);
  CHECK(lab.a_.w() != a_before);
  const Progress p = lab.progress();
  CHECK(p.diverged);
  CHECK(p.diverged_at == 2);
  CHECK(p.message.rfind("toy_lab (b): out of memory at step 2, with ", 0) == 0);
  CHECK(p.message.find(" MB already in use") != std::string::npos);
  CHECK(lab.step(1) == 0);  // the run stays stopped
}
