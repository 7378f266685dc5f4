// JSON value and serialization.
#include "util/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace vi {
namespace {

void dump_number(double v, std::string& out) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  // The shortest decimal form that reads back as the same double, so a number printed by the CLI
  // compares exactly with the one the WebAssembly module returns.
  char buf[32];
  for (int digits = 9; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  out += buf;
}

void dump_string(const std::string& s, std::string& out) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

Json& Json::operator[](const std::string& key) {
  if (kind_ == Kind::Null) kind_ = Kind::Object;
  for (auto& f : fields_)
    if (f.first == key) return f.second;
  fields_.emplace_back(key, Json());
  return fields_.back().second;
}

const Json* Json::find(const std::string& key) const {
  for (const auto& f : fields_)
    if (f.first == key) return &f.second;
  return nullptr;
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

void Json::dump_to(std::string& out) const {
  switch (kind_) {
    case Kind::Null:
      out += "null";
      break;
    case Kind::Bool:
      out += bool_ ? "true" : "false";
      break;
    case Kind::Number:
      dump_number(number_, out);
      break;
    case Kind::String:
      dump_string(string_, out);
      break;
    case Kind::Floats:
      out += '[';
      for (size_t i = 0; i < floats_.size(); ++i) {
        if (i) out += ',';
        dump_number(floats_[i], out);
      }
      out += ']';
      break;
    case Kind::Array:
      out += '[';
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        items_[i].dump_to(out);
      }
      out += ']';
      break;
    case Kind::Object:
      out += '{';
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) out += ',';
        dump_string(fields_[i].first, out);
        out += ':';
        fields_[i].second.dump_to(out);
      }
      out += '}';
      break;
  }
}

}  // namespace vi
