// The raw Embind API behind bindings/api.js: labs(), info(), defaults(), schema(), class Lab.
//
// No entry point throws. Every failure (any C++ exception) is caught here: the call returns
// undefined (never a valid result) and keeps the message for lastError(); the thin wrapper in
// api.js then throws an Error with it, from JavaScript. Throwing instead from inside
// a WebAssembly frame (val::throw_(), or a C++ exception escaping to JavaScript) unwinds the
// frames without running their epilogues: the shadow-stack pointer is never restored and each
// error leaked the frames' stack space, until the stack ran into the heap after a few hundred
// thousand errors and the module was dead.
#include <emscripten/bind.h>
#include <emscripten/stack.h>
#include <malloc.h>

#include <cmath>
#include <memory>
#include <string>

#include "base/memory_in_use.h"
#include "config/schema.h"
#include "labs/registry.h"
#include "marshal.h"
#include "random/rng.h"

using emscripten::val;

namespace vi {
namespace {

std::string last_error;  // the message of the latest failed call

val failure(std::string message) {
  last_error = std::move(message);
  return val::undefined();
}

std::string take_last_error() {
  return std::move(last_error);
}

// Runs f, returning its value, or undefined after a failure (see the top of this file).
template <class F>
val guarded(F f) {
  try {
    return val(f());
  } catch (const std::bad_alloc&) {
    const std::string held = std::to_string(int(memory_in_use_bytes() / (1024.0 * 1024.0)));
    return failure("out of memory, with " + held +
                   " MB of memory in use: delete labs no longer in use, or use less data or a "
                   "smaller network");
  } catch (const std::exception& e) {
    return failure(e.what());
  } catch (...) {
    return failure("an unexpected error inside the engine");
  }
}

std::string lab_name(const val& name) {
  if (!name.isString()) throw ConfigError("the lab name must be a string");
  return name.as<std::string>();
}

val labs() {
  return guarded([] {
    val out = val::array();
    for (const LabInfo& info : registry()) out.call<void>("push", val(info.name));
    return out;
  });
}

Json strings(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const std::string& s : list) out.push_back(s);
  return out;
}

val info(val name) {
  return guarded([&] {
    const LabInfo& lab = find_lab(lab_name(name));
    Json j = Json::object();
    j["name"] = lab.name;
    j["title"] = lab.title;
    j["question"] = lab.question;
    j["source"] = lab.source;
    // Which keys of metrics() and views() each method owns, for parallel workers (lab.h).
    Json methods = Json::array();
    for (const MethodKeys& m : lab.method_keys) {
      Json entry = Json::object();
      entry["name"] = m.method;
      entry["keys"] = strings(m.keys);
      entry["stepMs"] = m.step_ms;
      methods.push_back(entry);
    }
    Json parallel = Json::object();
    parallel["methods"] = methods;
    parallel["anyKeys"] = strings(lab.any_keys);
    j["parallel"] = parallel;
    return to_js(j);
  });
}

val defaults(val name) {
  return guarded([&] { return to_js(defaults_to_json(find_lab(lab_name(name)).schema)); });
}

val schema(val name) {
  return guarded([&] { return to_js(schema_to_json(find_lab(lab_name(name)).schema)); });
}

// Heap figures for memory tests: the linear memory's size and the allocator's bytes in use.
val memory() {
  return guarded([] {
    const struct mallinfo m = mallinfo();
    Json j = Json::object();
    j["heapBytes"] = memory_in_use_bytes();  // the linear memory's size
    j["inUseBytes"] = double(m.uordblks);
    // The shadow stack's free space: constant between calls unless a call leaks stack.
    j["stackFreeBytes"] = double(emscripten_stack_get_current() - emscripten_stack_get_end());
    return to_js(j);
  });
}

// The generator's first `count` normals for `seed`: tests compare them with the native stream.
val normals(val seed_value, val count_value) {
  return guarded([&] {
    const auto number = [](const val& v) { return v.isNumber() ? v.as<double>() : NAN; };
    const double seed = number(seed_value), count = number(count_value);
    if (!(seed >= 0 && seed <= max_seed && seed == std::floor(seed)) ||
        !(count >= 0 && count <= 10000000 && count == std::floor(count)))
      throw ConfigError("normals(seed, count): integers, seed in [0, " + std::to_string(max_seed) +
                        "], count in [0, 10000000]");
    Rng rng{uint64_t(seed)};
    std::vector<double> out(static_cast<size_t>(count));
    for (double& x : out) x = rng.normal();
    return val::global("Float64Array")
        .new_(emscripten::typed_memory_view(out.size(), out.data()))
        .call<val>("slice");
  });
}

// The benchmark's runs: [{label, lab, config}], one per method of each lab (LabInfo::bench_runs).
val bench_runs_json() {
  Json out = Json::array();
  for (const LabInfo& info : registry()) {
    std::vector<BenchRun> runs = info.bench_runs;
    if (runs.empty()) runs.push_back({info.name, {}});
    for (const BenchRun& run : runs) {
      Json r = Json::object();
      r["label"] = run.label;
      r["lab"] = info.name;
      Json& config = r["config"] = Json::object();
      for (const auto& [key, value] : run.config) {
        switch (value.kind) {
          case RawValue::Kind::Number:
            config[key] = value.number;
            break;
          case RawValue::Kind::Boolean:
            config[key] = value.boolean;
            break;
          default:
            config[key] = value.text;
            break;
        }
      }
      out.push_back(r);
    }
  }
  return to_js(out);
}

val bench_runs() {
  return guarded(bench_runs_json);
}

// A constructor cannot return a failure: it keeps it, and api.js reads it with error().
class JsLab {
 public:
  JsLab(val name, val config) {
    if (guarded([&] {
          const std::string n = lab_name(name);
          lab_ = create_lab(n, raw_config_from_js(n, config));
          return true;
        }).isUndefined())
      error_ = take_last_error();
  }

  // The constructor's failure message, or "" when the lab was made.
  std::string error() const { return error_; }

  val step(val n) {
    return guarded([&] {
      const double k = n.isNumber() ? n.as<double>() : NAN;
      if (!std::isfinite(k) || k < 0 || k > 1e7 || k != std::floor(k))
        throw ConfigError("step(n): n must be an integer in [0, 10000000]");
      return lab_->step(int(k));
    });
  }

  // Changes view and live settings of the running lab (Lab::configure); returns the step at
  // which they apply.
  val configure(val changes) {
    return guarded([&] {
      lab_->configure(raw_config_from_js(lab_->lab_name(), changes));
      return lab_->progress().step;
    });
  }

  val metrics() const {
    return guarded([&] { return to_js(full_metrics(*lab_)); });
  }
  val views() const {
    return guarded([&] { return to_js(lab_->views()); });
  }
  // Adds up to n Monte Carlo passes to the maps views() refines (Lab::refine); returns whether
  // any map still refines.
  val refine(val n) {
    return guarded([&] {
      const double k = n.isNumber() ? n.as<double>() : NAN;
      if (!std::isfinite(k) || k < 0 || k > 1e7 || k != std::floor(k))
        throw ConfigError("refine(n): n must be an integer in [0, 10000000]");
      return lab_->refine(int(k));
    });
  }
  val flops() const {
    return guarded([&] { return lab_->flops(); });
  }

 private:
  std::unique_ptr<Lab> lab_;
  std::string error_;
};

}  // namespace
}  // namespace vi

EMSCRIPTEN_BINDINGS(vilab) {
  // Raw names: api.js (linked with --post-js) wraps them into the public API and removes them.
  emscripten::function("rawLabs", &vi::labs);
  emscripten::function("rawInfo", &vi::info);
  emscripten::function("rawDefaults", &vi::defaults);
  emscripten::function("rawSchema", &vi::schema);
  emscripten::function("rawMemory", &vi::memory);
  emscripten::function("rawNormals", &vi::normals);
  emscripten::function("rawBenchRuns", &vi::bench_runs);
  emscripten::function("rawLastError", &vi::take_last_error);
  emscripten::class_<vi::JsLab>("RawLab")
      .constructor<val, val>()
      .function("error", &vi::JsLab::error)
      .function("step", &vi::JsLab::step)
      .function("configure", &vi::JsLab::configure)
      .function("metrics", &vi::JsLab::metrics)
      .function("views", &vi::JsLab::views)
      .function("refine", &vi::JsLab::refine)
      .function("flops", &vi::JsLab::flops);
}
