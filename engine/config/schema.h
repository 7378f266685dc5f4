// A lab's configuration schema: every field's type, range, default, help text and group.
#pragma once

#include <string>
#include <vector>

#include "util/json.h"

namespace vi {

enum class FieldType { Number, Integer, Boolean, Choice };

struct Field {
  std::string name;
  FieldType type = FieldType::Number;
  double min = 0.0, max = 0.0;       // inclusive range (Number, Integer)
  std::vector<std::string> choices;  // Choice
  double default_number = 0.0;       // Number, Integer, Boolean (0 or 1)
  std::string default_choice;        // Choice
  std::string help;
  std::string group = "Training";  // Data, Model, Training or Display
  std::string unit;
  bool log_scale = false;  // a slider over this field moves in log space
};

using Schema = std::vector<Field>;

// Builders keep the lab files declarative.
Field number_field(std::string name, double def, double min, double max, std::string group,
                   std::string help, std::string unit = "", bool log_scale = false);
Field integer_field(std::string name, int def, int min, int max, std::string group,
                    std::string help, std::string unit = "");
Field boolean_field(std::string name, bool def, std::string group, std::string help);
Field choice_field(std::string name, std::string def, std::vector<std::string> choices,
                   std::string group, std::string help);

// The seed field every lab carries.
Field seed_field(int def = 0);

Json schema_to_json(const Schema& schema);
Json defaults_to_json(const Schema& schema);

}  // namespace vi
