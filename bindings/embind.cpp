// The JavaScript API (docs/architecture.md): labs(), info(), defaults(), schema(), class Lab.
//
// Every entry point catches C++ exceptions and rethrows them as JavaScript Errors carrying the
// message, so bad input never aborts the module and it stays usable.
#include <emscripten/bind.h>
#include <malloc.h>

#include <cmath>
#include <memory>
#include <string>

#include "config/schema.h"
#include "labs/registry.h"
#include "marshal.h"
#include "random/rng.h"

using emscripten::val;

namespace vi {
namespace {

[[noreturn]] void throw_js_error(const std::string& message) {
  val::global("Error").new_(val(message)).throw_();
  __builtin_unreachable();
}

template <class F>
auto guarded(F f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    throw_js_error(e.what());
  }
}

std::string lab_name(const val& name) {
  if (name.typeOf().as<std::string>() != "string")
    throw ConfigError("the lab name must be a string");
  return name.as<std::string>();
}

val labs() {
  val out = val::array();
  for (const LabInfo& info : registry()) out.call<void>("push", val(info.name));
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
  const struct mallinfo m = mallinfo();
  Json j = Json::object();
  j["heapBytes"] = double(__builtin_wasm_memory_size(0)) * 65536.0;
  j["inUseBytes"] = double(m.uordblks);
  return to_js(j);
}

// The generator's first `count` normals for `seed`: tests compare them with the native stream.
val normals(double seed, int count) {
  return guarded([&] {
    if (!(seed >= 0 && seed <= max_seed) || count < 0 || count > 10000000)
      throw ConfigError("normals(seed, count): seed in [0, " + std::to_string(max_seed) +
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
val bench_runs() {
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

class JsLab {
 public:
  JsLab(val name, val config) {
    guarded([&] {
      const std::string n = lab_name(name);
      lab_ = create_lab(n, raw_config_from_js(n, config));
      return 0;
    });
  }

  int step(val n) {
    return guarded([&] {
      const double k = n.typeOf().as<std::string>() == "number" ? n.as<double>() : NAN;
      if (!std::isfinite(k) || k < 0 || k > 1e7 || k != std::floor(k))
        throw ConfigError("step(n): n must be an integer in [0, 10000000]");
      return lab_->step(int(k));
    });
  }

  val metrics() const {
    return guarded([&] { return to_js(full_metrics(*lab_)); });
  }
  val views() const {
    return guarded([&] { return to_js(lab_->views()); });
  }
  double flops() const { return lab_->flops(); }

 private:
  std::unique_ptr<Lab> lab_;
};

}  // namespace
}  // namespace vi

EMSCRIPTEN_BINDINGS(vilab) {
  emscripten::function("labs", &vi::labs);
  emscripten::function("info", &vi::info);
  emscripten::function("defaults", &vi::defaults);
  emscripten::function("schema", &vi::schema);
  emscripten::function("memory", &vi::memory);
  emscripten::function("normals", &vi::normals);
  emscripten::function("benchRuns", &vi::bench_runs);
  emscripten::class_<vi::JsLab>("Lab")
      .constructor<val, val>()
      .function("step", &vi::JsLab::step)
      .function("metrics", &vi::JsLab::metrics)
      .function("views", &vi::JsLab::views)
      .function("flops", &vi::JsLab::flops);
}
