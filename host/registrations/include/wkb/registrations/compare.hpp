#pragma once
// Instruments side by side on one project, for a private client choosing an
// assurer and instrument (docs/tlokb.md#vergelijken): what each instrument
// does with this project, never a ranking and never a price.
#include <map>
#include <string>
#include <vector>

#include "wkb/sdk/types.hpp"

namespace wkb::reg {

// Risk score bands used to compare instruments on one scale (score 1-125).
struct ScoreBand {
  int from, to;
  const char* key;    // "1-8"
  const char* label;  // "laag (1 tot en met 8)"
};
inline constexpr ScoreBand kScoreBands[] = {{1, 8, "1-8", "laag (1 tot en met 8)"},
                                            {9, 27, "9-27", "middel (9 tot en met 27)"},
                                            {28, 64, "28-64", "hoog (28 tot en met 64)"},
                                            {65, 125, "65-125", "zeer hoog (65 tot en met 125)"}};

struct InstrumentView {
  std::string id, name, version, kind, folder;
  std::string provider;  // name, KvK
  bool refused = false;
  std::string refusal_code;  // "out-of-scope", "not-covered", "untrusted", ...
  std::string refusal;       // Dutch
  bool covers_building_type = false;
  Description description;  // the declarations
  // When it ran:
  int risks = 0;
  std::map<std::string, int> risks_by_band;     // ScoreBand::key -> count
  std::map<std::string, int> controls_by_method;  // ControlMethod as written in JSON -> count
  int controls = 0;
  std::vector<Inspection> inspections;
  std::vector<std::string> reference_units;
};

struct Comparison {
  Project project;
  std::vector<InstrumentView> instruments;  // in plugin path order
};

// The figures of one instrument that ran.
InstrumentView view_of(const Description& d, const Project& p, const Assessment& a, const Sample& s, const Plan& plan);
// One that did not (refused, not covering the building type, not admitted).
InstrumentView refused_view(const Description* d, const std::string& id, const std::string& code,
                            const std::string& reason, const Project& p);

std::string compare_json(const Comparison& c);  // canonical; one entry per instrument
std::string compare_html(const Comparison& c);  // Dutch
// A declared competence role in Dutch ("site-inspection" -> "bijwoonmomenten
// op de bouwplaats"); an unknown role quoted as written.
std::string competence_role_nl(std::string_view role);
// Plain Dutch sentences for an instrument's declarations.
std::vector<std::string> declarations_nl(const Description& d);

}  // namespace wkb::reg
