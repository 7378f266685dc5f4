// Validation of raw configuration input against a schema.
#include "config/config.h"

#include <cmath>
#include <cstdio>

#include "config/number_text.h"

namespace vi {
namespace {

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string describe(const RawValue& v) {
  switch (v.kind) {
    case RawValue::Kind::Number:
      return format_number(v.number);
    case RawValue::Kind::Boolean:
      return v.boolean ? "true" : "false";
    case RawValue::Kind::Text:
    case RawValue::Kind::String:
      return "\"" + v.text + "\"";
    case RawValue::Kind::Other:
      return v.text;
  }
  return "?";
}

[[noreturn]] void fail(const std::string& lab, const Field& f, const RawValue& v,
                       const std::string& why) {
  throw ConfigError(lab + ": field '" + f.name + "' = " + describe(v) + " " + why +
                    "; allowed: " + allowed_values(f));
}

double validate_number(const std::string& lab, const Field& f, const RawValue& v) {
  double x = 0.0;
  if (v.kind == RawValue::Kind::Number)
    x = v.number;
  else if (v.kind == RawValue::Kind::Text && parse_number_text(v.text, x)) {
  } else if (v.kind == RawValue::Kind::Text) {
    // Text (CLI) is read by the one grammar of number_text.h; a value too large is not finite.
    fail(lab, f, v,
         matches_number_grammar(v.text)
             ? "is not a finite number"
             : "is not a number (write a decimal such as 0.5, -3 or 1e-4)");
  } else {
    fail(lab, f, v, "is not a number");
  }
  if (!std::isfinite(x)) fail(lab, f, v, "is not a finite number");
  if (f.type == FieldType::Integer && x != std::floor(x)) fail(lab, f, v, "is not an integer");
  if (x < f.min || x > f.max) fail(lab, f, v, "is out of range");
  return x;
}

bool validate_boolean(const std::string& lab, const Field& f, const RawValue& v) {
  if (v.kind == RawValue::Kind::Boolean) return v.boolean;
  if (v.kind == RawValue::Kind::Text) {
    if (v.text == "true" || v.text == "1") return true;
    if (v.text == "false" || v.text == "0") return false;
  }
  fail(lab, f, v, "is not a boolean");
}

std::string validate_choice(const std::string& lab, const Field& f, const RawValue& v) {
  if (v.kind != RawValue::Kind::Text && v.kind != RawValue::Kind::String)
    fail(lab, f, v, "is not one of the choices");
  for (const auto& c : f.choices)
    if (c == v.text) return c;
  fail(lab, f, v, "is not one of the choices");
}

}  // namespace

std::string allowed_values(const Field& f) {
  switch (f.type) {
    case FieldType::Number:
      return "a number in [" + format_number(f.min) + ", " + format_number(f.max) + "]";
    case FieldType::Integer:
      return "an integer in [" + format_number(f.min) + ", " + format_number(f.max) + "]";
    case FieldType::Boolean:
      return "true or false";
    case FieldType::Choice: {
      std::string s = "one of";
      for (size_t i = 0; i < f.choices.size(); ++i) s += (i ? ", '" : " '") + f.choices[i] + "'";
      return s;
    }
  }
  return "";
}

double Config::number(const std::string& name) const {
  auto it = numbers_.find(name);
  if (it == numbers_.end()) throw std::logic_error("config has no numeric field '" + name + "'");
  return it->second;
}

const std::string& Config::choice(const std::string& name) const {
  auto it = choices_.find(name);
  if (it == choices_.end()) throw std::logic_error("config has no choice field '" + name + "'");
  return it->second;
}

Json Config::to_json(const Schema& schema) const {
  Json out = Json::object();
  for (const Field& f : schema) {
    if (f.type == FieldType::Choice)
      out[f.name] = choice(f.name);
    else if (f.type == FieldType::Boolean)
      out[f.name] = flag(f.name);
    else
      out[f.name] = number(f.name);
  }
  return out;
}

namespace {

// Validates `raw` over `c`.
void apply_raw(const std::string& lab, const Schema& schema, Config& c, const RawConfig& raw) {
  for (const auto& [name, value] : raw) {
    const Field* field = nullptr;
    for (const Field& f : schema)
      if (f.name == name) field = &f;
    if (!field) {
      std::string known;
      for (const Field& f : schema) known += (known.empty() ? "" : ", ") + f.name;
      throw ConfigError(lab + ": unknown field '" + name + "'; known fields: " + known);
    }
    switch (field->type) {
      case FieldType::Number:
      case FieldType::Integer:
        c.set_number(name, validate_number(lab, *field, value));
        break;
      case FieldType::Boolean:
        c.set_number(name, validate_boolean(lab, *field, value));
        break;
      case FieldType::Choice:
        c.set_choice(name, validate_choice(lab, *field, value));
        break;
    }
  }
}

bool same_value(const Field& f, const Config& a, const Config& b) {
  return f.type == FieldType::Choice ? a.choice(f.name) == b.choice(f.name)
                                     : a.number(f.name) == b.number(f.name);
}

}  // namespace

Config make_config(const std::string& lab, const Schema& schema, const RawConfig& raw) {
  Config c;
  for (const Field& f : schema) {
    if (f.type == FieldType::Choice)
      c.set_choice(f.name, f.default_choice);
    else
      c.set_number(f.name, f.default_number);
  }
  apply_raw(lab, schema, c, raw);
  return c;
}

Config reconfigure(const std::string& lab, const Schema& schema, const Config& current,
                   const RawConfig& changes, std::vector<std::string>& changed) {
  Config next = current;
  apply_raw(lab, schema, next, changes);
  changed.clear();
  for (const Field& f : schema) {
    if (same_value(f, current, next)) continue;
    if (f.kind == FieldKind::Restart) {
      const RawValue* given = nullptr;
      for (const auto& [name, value] : changes)
        if (name == f.name) given = &value;
      throw ConfigError(
          lab + ": field '" + f.name + "' = " + describe(*given) +
          " needs a new run (a restart setting: it changes the data, the model or how "
          "training is set up); a running lab changes only view and live settings");
    }
    changed.push_back(f.name);
  }
  return next;
}

std::pair<std::string, RawValue> parse_assignment(const std::string& lab, const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ConfigError(lab + ": expected key=value, got '" + text + "'");
  return {text.substr(0, eq), RawValue::of_text(text.substr(eq + 1))};
}

}  // namespace vi
