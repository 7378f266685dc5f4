// A lab's configuration schema: every field's label, unit, type, range, default, help text and
// group; the one source for the page's controls, the URL, the CLI and the fuzzer.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"

namespace vi {

// Points: a list of points the student placed (data, sensors, context inputs), written as text
// "x,y_x,y" (coordinates joined by ",", points by "_"; no other characters, so a URL keeps it
// as it is); "" is no points.
enum class FieldType { Number, Integer, Boolean, Choice, Points };

// One coordinate of a Points field's points, e.g. {"x", -10, 10} or {"class", 0, 1, true}.
struct PointCoordinate {
  std::string name;
  double min = 0.0, max = 0.0;  // inclusive
  bool integer = false;
};

// What changing a field on a running lab does (Lab::configure):
//   View    redraws from the current state; training never reads it;
//   Live    applies at the next step, keeping weights, optimizer state and the step count;
//   Restart needs a new run (data, architecture, initialization, seed).
enum class FieldKind { View, Live, Restart };

struct Field {
  std::string name;   // the config key, e.g. "vi.lr"
  std::string label;  // what the page's control says, e.g. "vi learning rate"
  FieldType type = FieldType::Number;
  double min = 0.0, max = 0.0;       // inclusive range (Number, Integer); point count (Points)
  std::vector<std::string> choices;  // Choice
  double default_number = 0.0;       // Number, Integer, Boolean (0 or 1)
  std::string default_choice;        // Choice; the default points' text (Points)
  std::vector<PointCoordinate> coordinates;  // Points
  std::string help;
  std::string group = "Training";  // Data, Model, Training or Display
  std::string unit;                // shown after the value; empty for a pure number
  bool log_scale = false;          // a slider over this field moves in log space
  // The builders derive it from the group (Display: View; otherwise Restart); a lab's schema
  // marks its live fields, and any exception, with mark_kinds().
  FieldKind kind = FieldKind::Restart;
};

using Schema = std::vector<Field>;

// Builders keep the lab files declarative. They take views, so a call site passes pointers to its
// literals and the strings are built once, inside the builder (the module stays small).
Field number_field(std::string_view name, std::string_view label, double def, double min,
                   double max, std::string_view group, std::string_view help,
                   std::string_view unit = "", bool log_scale = false);
Field integer_field(std::string_view name, std::string_view label, int def, int min, int max,
                    std::string_view group, std::string_view help, std::string_view unit = "");
Field boolean_field(std::string_view name, std::string_view label, bool def, std::string_view group,
                    std::string_view help);
Field choice_field(std::string_view name, std::string_view label, std::string_view def,
                   std::initializer_list<std::string_view> choices, std::string_view group,
                   std::string_view help);

Field points_field(std::string_view name, std::string_view label,
                   std::vector<PointCoordinate> coordinates, int max_count, std::string_view group,
                   std::string_view help, int min_count = 0, std::string_view default_text = "");

// The schema with the named fields marked Live and View (every other field keeps its derived
// kind). Throws std::logic_error on a name the schema lacks, so a renamed field cannot slip out.
Schema mark_kinds(Schema schema, std::initializer_list<std::string_view> live,
                  std::initializer_list<std::string_view> view = {});

const char* kind_name(FieldKind kind);

// The largest random seed, in every build and on the page: the largest int32, so a seed fits
// the engine's int fields and JavaScript's small integers alike.
inline constexpr int max_seed = 2147483647;

// The seed field every lab carries.
Field seed_field(int def = 0);

Json schema_to_json(const Schema& schema);
Json defaults_to_json(const Schema& schema);

}  // namespace vi
