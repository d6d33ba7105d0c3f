#pragma once
// What changed between two plan versions (`wkb project show ID --diff`).
#include <string>
#include <vector>

#include "wkb/store/project_store.hpp"

namespace wkb::store {

struct PlanChange {
  std::string kind;     // "added", "removed", "changed"
  std::string subject;  // "schedule", "units", "risk", "sample", "control", "inspection"
  std::string id;       // phase, risk id, control id, ...
  std::string detail;   // Dutch, for people: "score 32 -> 64"
};

std::vector<PlanChange> diff_plans(const PlanVersion& from, const PlanVersion& to);

}  // namespace wkb::store
