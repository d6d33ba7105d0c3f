#pragma once
// The contract's decision table (wkb.decision/1), shared by plugins (which
// decide) and the host (which enforces): the latest finding per required
// (control, unit) pair, and the outcome the table demands.
#include <optional>
#include <string>
#include <vector>

#include "wkb/sdk/types.hpp"

namespace wkb {

// One (control, unit) pair the plan requires a finding for, with the finding
// that counts: the latest by date; on the same date, the later one in the file.
struct FindingStatus {
  const Control* control = nullptr;
  std::optional<std::string> unit;  // none for a project-level control
  const Finding* latest = nullptr;  // null: no finding yet
};

// In plan order. Findings for pairs the plan does not require are ignored
// (the host refuses them before a plugin sees them).
std::vector<FindingStatus> finding_status(const Plan& plan, const Findings& findings);

// The first row of the table that applies.
Outcome required_outcome(const std::vector<FindingStatus>& status);

// Whether a decision with `outcome` must name, in its grounds, a part whose
// latest result is `result`: every unrepairable part of a notice, every open
// or evidence-missing part of open items. The host checks exactly this.
bool ground_required(Outcome outcome, FindingResult result);

}  // namespace wkb
