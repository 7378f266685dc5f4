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

std::string shortened(const std::string& text, size_t limit = 60) {
  return text.size() > limit ? text.substr(0, limit) + "…" : text;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t begin = 0;
  for (size_t end = text.find(separator); end != std::string::npos;
       end = text.find(separator, begin)) {
    parts.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  parts.push_back(text.substr(begin));
  return parts;
}

}  // namespace

PointList parse_points(const std::string& lab, const Field& f, const RawValue& v) {
  if (v.kind != RawValue::Kind::Text && v.kind != RawValue::Kind::String)
    fail(lab, f, v, "is not text of points");
  PointList list;
  list.text = v.text;
  list.dims = int(f.coordinates.size());
  const std::vector<std::string> points =
      v.text.empty() ? std::vector<std::string>{} : split(v.text, '_');
  const int count = int(points.size());
  if (count > f.max || count < f.min)
    throw ConfigError(lab + ": field '" + f.name + "' = \"" + shortened(v.text) + "\" has " +
                      std::to_string(count) + " points, " +
                      (count > f.max ? "more than the " + format_number(f.max)
                                     : "fewer than the " + format_number(f.min)) +
                      " allowed; allowed: " + allowed_values(f));
  for (int i = 0; i < count; ++i) {
    const std::string where = lab + ": field '" + f.name + "' point " + std::to_string(i + 1) +
                              " = \"" + shortened(points[size_t(i)]) + "\"";
    const std::vector<std::string> coords = split(points[size_t(i)], ',');
    if (coords.size() != f.coordinates.size())
      throw ConfigError(where + " has " + std::to_string(coords.size()) + " coordinates, not " +
                        std::to_string(f.coordinates.size()) + "; allowed: " + allowed_values(f));
    for (size_t k = 0; k < coords.size(); ++k) {
      const PointCoordinate& c = f.coordinates[k];
      double x = 0.0;
      std::string why;
      if (!parse_number_text(coords[k], x))
        why = matches_number_grammar(coords[k]) ? "is not a finite number" : "is not a number";
      else if (c.integer && x != std::floor(x))
        why = "is not an integer";
      else if (x < c.min || x > c.max)
        why = "is out of range [" + format_number(c.min) + ", " + format_number(c.max) + "]";
      if (!why.empty())
        throw ConfigError(where + ": " + c.name + " = " + shortened(coords[k], 24) + " " + why +
                          "; allowed: " + allowed_values(f));
      list.values.push_back(x);
    }
  }
  return list;
}

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
    case FieldType::Points: {
      std::string form, ranges;
      for (size_t k = 0; k < f.coordinates.size(); ++k) {
        const PointCoordinate& c = f.coordinates[k];
        form += (k ? "," : "") + c.name;
        ranges += std::string(k ? ", " : "") + c.name + (c.integer ? " an integer" : "") + " in [" +
                  format_number(c.min) + ", " + format_number(c.max) + "]";
      }
      return format_number(f.min) + " to " + format_number(f.max) + " points \"" + form +
             "\" joined by \"_\" (\"\" for none), " + ranges;
    }
  }
  return "";
}

double Config::number(const std::string& name) const {
  auto it = numbers_.find(name);
  if (it == numbers_.end()) throw std::logic_error("config has no numeric field '" + name + "'");
  return it->second;
}

const PointList& Config::points(const std::string& name) const {
  auto it = points_.find(name);
  if (it == points_.end()) throw std::logic_error("config has no points field '" + name + "'");
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
    else if (f.type == FieldType::Points)
      out[f.name] = points(f.name).text;
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
      case FieldType::Points:
        c.set_points(name, parse_points(lab, *field, value));
        break;
    }
  }
}

bool same_value(const Field& f, const Config& a, const Config& b) {
  if (f.type == FieldType::Points) return a.points(f.name).text == b.points(f.name).text;
  return f.type == FieldType::Choice ? a.choice(f.name) == b.choice(f.name)
                                     : a.number(f.name) == b.number(f.name);
}

}  // namespace

Config make_config(const std::string& lab, const Schema& schema, const RawConfig& raw) {
  Config c;
  for (const Field& f : schema) {
    if (f.type == FieldType::Choice)
      c.set_choice(f.name, f.default_choice);
    else if (f.type == FieldType::Points)
      c.set_points(f.name, parse_points(lab, f, RawValue::of_text(f.default_choice)));
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
