#pragma once
// The topic taxonomy v1 (Bbl hoofdstuk 4), shipped as data: sdk/data/taxonomy.json
// is compiled in, so a correction to the data needs no code change.
#include <string>
#include <string_view>
#include <vector>

namespace wkb {

struct Topic {
  std::string id;        // e.g. "fire-spread"
  std::string group;     // "safety", "health", "usability", "energy-environment"
  std::string group_nl;  // "Veiligheid", ...
  std::string label_nl;  // "Beperking van uitbreiding van brand"
  std::string bbl_ref;   // a reference an instrument may start from
  // The area of expertise whose persons assess the topic: one of
  // competence_areas() (Omgevingsregeling art. 3.51 lid 1; docs/staff.md).
  std::string area;
};

const std::vector<Topic>& taxonomy();
const Topic* find_topic(std::string_view id);
// The raw shipped JSON (for `wkb taxonomy --json` and the Lua SDK).
std::string_view taxonomy_json();

}  // namespace wkb
