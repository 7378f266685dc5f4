// Validated configuration values, and the one place where raw input is checked against a schema.
//
// Raw input comes from JavaScript (numbers, booleans, strings) or from the CLI (strings). Every
// problem raises ConfigError naming the lab, the field, the value and what is allowed.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/schema.h"

namespace vi {

class ConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// One raw value as received: a number, a boolean, text from the CLI (read by the field's type),
// a string from JavaScript (valid only for choice fields), or a value of some other JS type.
struct RawValue {
  enum class Kind { Number, Boolean, Text, String, Other } kind = Kind::Number;
  double number = 0.0;
  bool boolean = false;
  std::string text;

  static RawValue of_number(double v) { return {Kind::Number, v, false, {}}; }
  static RawValue of_boolean(bool v) { return {Kind::Boolean, 0.0, v, {}}; }
  static RawValue of_text(std::string v) { return {Kind::Text, 0.0, false, std::move(v)}; }
  static RawValue of_string(std::string v) { return {Kind::String, 0.0, false, std::move(v)}; }
  // `description` says what was given, e.g. "an object" or "undefined".
  static RawValue of_other(std::string description) {
    return {Kind::Other, 0.0, false, std::move(description)};
  }
};

using RawConfig = std::vector<std::pair<std::string, RawValue>>;

// A validated Points value: its text as given and its coordinates, point after point.
struct PointList {
  std::string text;
  std::vector<double> values;  // count × dims, row-major
  int dims = 1;
  int count() const { return int(values.size()) / dims; }
  double at(int point, int coordinate) const { return values[size_t(point * dims + coordinate)]; }
};

class Config {
 public:
  double number(const std::string& name) const;
  float real(const std::string& name) const { return float(number(name)); }
  int integer(const std::string& name) const { return int(number(name)); }
  bool flag(const std::string& name) const { return number(name) != 0.0; }
  const std::string& choice(const std::string& name) const;
  const PointList& points(const std::string& name) const;
  Json to_json(const Schema& schema) const;

  void set_number(const std::string& name, double v) { numbers_[name] = v; }
  void set_choice(const std::string& name, std::string v) { choices_[name] = std::move(v); }
  void set_points(const std::string& name, PointList v) { points_[name] = std::move(v); }

 private:
  std::map<std::string, double> numbers_;
  std::map<std::string, std::string> choices_;
  std::map<std::string, PointList> points_;
};

// Defaults overridden by `raw`, every entry validated. Throws ConfigError.
Config make_config(const std::string& lab, const Schema& schema, const RawConfig& raw);

// `current` with `changes` applied, every entry validated as in make_config. A change to a
// Restart field (to a value other than its current one) raises ConfigError naming the field and
// saying it needs a new run. `changed` receives the names whose value differs, in schema order.
Config reconfigure(const std::string& lab, const Schema& schema, const Config& current,
                   const RawConfig& changes, std::vector<std::string>& changed);

// A Points field's text read and validated (count, arity, every coordinate finite and in range).
PointList parse_points(const std::string& lab, const Field& field, const RawValue& value);

// Parses `key=value` text (CLI) into a raw entry: numbers, true/false, or text.
std::pair<std::string, RawValue> parse_assignment(const std::string& lab, const std::string& text);

// Describes the allowed values of a field, e.g. "a number in [1e-06, 1]".
std::string allowed_values(const Field& field);

}  // namespace vi
