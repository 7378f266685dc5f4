// A small JSON value: what metrics(), views() and defaults() return, printed by the CLI and
// converted to plain JavaScript objects by the bindings. Float arrays are a kind of their own so
// the bindings can hand them to JavaScript as Float32Arrays.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace vi {

class Json {
 public:
  enum class Kind { Null, Bool, Number, String, Array, Object, Floats };

  Json() = default;
  Json(double v) : kind_(Kind::Number), number_(v) {}
  Json(float v) : kind_(Kind::Number), number_(v) {}
  Json(int v) : kind_(Kind::Number), number_(v) {}
  Json(bool v) : kind_(Kind::Bool), bool_(v) {}
  Json(std::string v) : kind_(Kind::String), string_(std::move(v)) {}
  Json(const char* v) : kind_(Kind::String), string_(v) {}
  Json(std::vector<float> v) : kind_(Kind::Floats), floats_(std::move(v)) {}

  static Json object() { return Json(Kind::Object); }
  static Json array() { return Json(Kind::Array); }

  Kind kind() const { return kind_; }
  double number() const { return number_; }
  bool boolean() const { return bool_; }
  const std::string& string() const { return string_; }
  const std::vector<float>& floats() const { return floats_; }
  const std::vector<Json>& items() const { return items_; }
  const std::vector<std::pair<std::string, Json>>& fields() const { return fields_; }

  // Object access: inserts the key (keeping insertion order) if absent.
  Json& operator[](const std::string& key);
  const Json* find(const std::string& key) const;
  void push_back(Json v) { items_.push_back(std::move(v)); }

  // Compact JSON; numbers in their shortest exact decimal form, non-finite as null.
  std::string dump() const;

 private:
  explicit Json(Kind k) : kind_(k) {}
  void dump_to(std::string& out) const;

  Kind kind_ = Kind::Null;
  double number_ = 0.0;
  bool bool_ = false;
  std::string string_;
  std::vector<float> floats_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> fields_;
};

}  // namespace vi
