// Schema builders and their JSON form.
#include "config/schema.h"

#include <stdexcept>

namespace vi {

Field number_field(std::string_view name, std::string_view label, double def, double min,
                   double max, std::string_view group, std::string_view help, std::string_view unit,
                   bool log_scale) {
  Field f;
  f.name = name;
  f.label = label;
  f.type = FieldType::Number;
  f.default_number = def;
  f.min = min;
  f.max = max;
  f.group = group;
  f.help = help;
  f.unit = unit;
  f.log_scale = log_scale;
  f.kind = f.group == "Display" ? FieldKind::View : FieldKind::Restart;
  return f;
}

Field integer_field(std::string_view name, std::string_view label, int def, int min, int max,
                    std::string_view group, std::string_view help, std::string_view unit) {
  Field f = number_field(name, label, def, min, max, group, help, unit);
  f.type = FieldType::Integer;
  return f;
}

Field boolean_field(std::string_view name, std::string_view label, bool def, std::string_view group,
                    std::string_view help) {
  Field f;
  f.name = name;
  f.label = label;
  f.type = FieldType::Boolean;
  f.default_number = def ? 1.0 : 0.0;
  f.min = 0;
  f.max = 1;
  f.group = group;
  f.help = help;
  f.kind = f.group == "Display" ? FieldKind::View : FieldKind::Restart;
  return f;
}

Field choice_field(std::string_view name, std::string_view label, std::string_view def,
                   std::initializer_list<std::string_view> choices, std::string_view group,
                   std::string_view help) {
  Field f;
  f.name = name;
  f.label = label;
  f.type = FieldType::Choice;
  f.default_choice = def;
  f.choices.assign(choices.begin(), choices.end());
  f.group = group;
  f.help = help;
  f.kind = f.group == "Display" ? FieldKind::View : FieldKind::Restart;
  return f;
}

Field points_field(std::string_view name, std::string_view label,
                   std::vector<PointCoordinate> coordinates, int max_count, std::string_view group,
                   std::string_view help, int min_count, std::string_view default_text) {
  Field f;
  f.name = name;
  f.label = label;
  f.type = FieldType::Points;
  f.coordinates = std::move(coordinates);
  f.min = min_count;
  f.max = max_count;
  f.default_choice = default_text;
  f.group = group;
  f.help = help;
  f.kind = f.group == "Display" ? FieldKind::View : FieldKind::Restart;
  return f;
}

Schema mark_kinds(Schema schema, std::initializer_list<std::string_view> live,
                  std::initializer_list<std::string_view> view) {
  auto mark = [&schema](std::string_view name, FieldKind kind) {
    for (Field& f : schema) {
      if (f.name != name) continue;
      f.kind = kind;
      return;
    }
    throw std::logic_error("mark_kinds: the schema has no field '" + std::string(name) + "'");
  };
  for (const auto& name : live) mark(name, FieldKind::Live);
  for (const auto& name : view) mark(name, FieldKind::View);
  return schema;
}

const char* kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::View:
      return "view";
    case FieldKind::Live:
      return "live";
    case FieldKind::Restart:
      return "restart";
  }
  return "restart";
}

Field seed_field(int def) {
  return integer_field("seed", "Seed", def, 0, max_seed, "Data",
                       "Random seed: the same seed and settings give the same run, in the browser "
                       "and natively.");
}

namespace {

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::Number:
      return "number";
    case FieldType::Integer:
      return "integer";
    case FieldType::Boolean:
      return "boolean";
    case FieldType::Choice:
      return "choice";
    case FieldType::Points:
      return "points";
  }
  return "number";
}

Json default_value(const Field& f) {
  switch (f.type) {
    case FieldType::Boolean:
      return Json(f.default_number != 0.0);
    case FieldType::Choice:
    case FieldType::Points:
      return Json(f.default_choice);
    default:
      return Json(f.default_number);
  }
}

}  // namespace

Json schema_to_json(const Schema& schema) {
  Json out = Json::object();
  for (const Field& f : schema) {
    Json& j = out[f.name];
    j["label"] = f.label;
    j["type"] = type_name(f.type);
    if (f.type == FieldType::Number || f.type == FieldType::Integer) {
      j["min"] = f.min;
      j["max"] = f.max;
    }
    if (f.type == FieldType::Points) {
      j["minPoints"] = f.min;
      j["maxPoints"] = f.max;
      Json coordinates = Json::array();
      for (const PointCoordinate& c : f.coordinates) {
        Json cj = Json::object();
        cj["name"] = c.name;
        cj["min"] = c.min;
        cj["max"] = c.max;
        cj["integer"] = c.integer;
        coordinates.push_back(cj);
      }
      j["coordinates"] = coordinates;
    }
    if (f.type == FieldType::Choice) {
      Json choices = Json::array();
      for (const auto& c : f.choices) choices.push_back(c);
      j["choices"] = choices;
    }
    j["default"] = default_value(f);
    j["help"] = f.help;
    j["group"] = f.group;
    j["unit"] = f.unit;
    j["scale"] = f.log_scale ? "log" : "linear";
    j["kind"] = kind_name(f.kind);
  }
  return out;
}

Json defaults_to_json(const Schema& schema) {
  Json out = Json::object();
  for (const Field& f : schema) out[f.name] = default_value(f);
  return out;
}

}  // namespace vi
