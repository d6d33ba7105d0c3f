#include "wkb/sdk/decision_table.hpp"

#include <map>
#include <utility>

namespace wkb {

std::vector<FindingStatus> finding_status(const Plan& plan, const Findings& findings) {
  std::vector<FindingStatus> out;
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> index;
  for (const auto& c : plan.controls) {
    if (c.units.empty()) {
      index[{c.id, ""}] = out.size();
      out.push_back({&c, std::nullopt, nullptr});
    }
    for (const auto& u : c.units) {
      index[{c.id, u}] = out.size();
      out.push_back({&c, u, nullptr});
    }
  }
  for (const auto& f : findings.findings) {
    auto it = index.find({f.control, f.unit ? std::string_view(*f.unit) : std::string_view()});
    if (it == index.end()) continue;
    FindingStatus& s = out[it->second];
    if (!s.latest || !(f.date < s.latest->date)) s.latest = &f;
  }
  return out;
}

Outcome required_outcome(const std::vector<FindingStatus>& status) {
  bool unrepairable = false, missing = false, open = false;
  for (const auto& s : status) {
    if (!s.latest) {
      missing = true;
      continue;
    }
    switch (s.latest->result) {
      case FindingResult::unrepairable: unrepairable = true; break;
      case FindingResult::open:
      case FindingResult::evidence_missing: open = true; break;
      case FindingResult::conform:
      case FindingResult::repaired: break;
    }
  }
  if (unrepairable) return Outcome::non_compliance_notice;
  if (missing) return Outcome::incomplete;
  if (open) return Outcome::open_items;
  return Outcome::declaration;
}

bool ground_required(Outcome outcome, FindingResult result) {
  switch (outcome) {
    case Outcome::non_compliance_notice: return result == FindingResult::unrepairable;
    case Outcome::open_items: return result == FindingResult::open || result == FindingResult::evidence_missing;
    case Outcome::incomplete:
    case Outcome::declaration: return false;
  }
  return false;
}

}  // namespace wkb
