// Conversions between engine values and JavaScript: Json → plain objects with Float32Arrays
// (copied out of the heap), JavaScript config objects → RawConfig.
#pragma once

#include <emscripten/val.h>

#include <string>

#include "config/config.h"
#include "util/json.h"

namespace vi {

inline emscripten::val to_js(const Json& j) {
  using emscripten::val;
  switch (j.kind()) {
    case Json::Kind::Null:
      return val::null();
    case Json::Kind::Bool:
      return val(j.boolean());
    case Json::Kind::Number:
      return val(j.number());
    case Json::Kind::String:
      return val(j.string());
    case Json::Kind::Floats: {
      const auto& f = j.floats();
      // A view into the heap, copied into a fresh array that outlives any heap growth.
      return val::global("Float32Array")
          .new_(emscripten::typed_memory_view(f.size(), f.data()))
          .call<val>("slice");
    }
    case Json::Kind::Array: {
      val out = val::array();
      for (const Json& item : j.items()) out.call<void>("push", to_js(item));
      return out;
    }
    case Json::Kind::Object: {
      val out = val::object();
      for (const auto& [key, value] : j.fields()) out.set(key, to_js(value));
      return out;
    }
  }
  return val::undefined();
}

inline RawValue raw_value_from_js(const emscripten::val& v) {
  const std::string type = v.typeOf().as<std::string>();
  if (type == "number") return RawValue::of_number(v.as<double>());
  if (type == "boolean") return RawValue::of_boolean(v.as<bool>());
  if (type == "string") return RawValue::of_string(v.as<std::string>());
  if (v.isNull()) return RawValue::of_other("null");
  if (v.isArray()) return RawValue::of_other("an array");
  if (type == "object") return RawValue::of_other("an object");
  return RawValue::of_other(type == "undefined" ? "undefined" : "a " + type);
}

// Every own key of a plain object; undefined or null mean "all defaults".
inline RawConfig raw_config_from_js(const std::string& lab, const emscripten::val& config) {
  using emscripten::val;
  RawConfig raw;
  if (config.isUndefined() || config.isNull()) return raw;
  if (config.typeOf().as<std::string>() != "object" || config.isArray())
    throw ConfigError(lab + ": the config must be a plain object of field values");
  const val keys = val::global("Object").call<val>("keys", config);
  const int n = keys["length"].as<int>();
  for (int i = 0; i < n; ++i) {
    const std::string key = keys[i].as<std::string>();
    raw.emplace_back(key, raw_value_from_js(config[key]));
  }
  return raw;
}

}  // namespace vi
