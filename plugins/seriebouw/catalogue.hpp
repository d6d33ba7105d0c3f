#pragma once
// The Seriebouw risk catalogue and the planning rules built on it.
#include <optional>
#include <string>
#include <vector>

#include "wkb/sdk/types.hpp"

namespace seriebouw {

struct CatalogueEntry {
  std::string topic;
  wkb::RiskPhase risk_phase;
  int likelihood;
  int impact;
  int recoverability;
  wkb::Phase control_phase;           // when the work can be seen
  wkb::ControlMethod routine_method;  // below the site-inspection threshold
  std::string description;            // what can go wrong (Dutch)
  std::string evidence;               // what must be shown (Dutch)
};

// One entry per taxonomy topic, in taxonomy order.
const std::vector<CatalogueEntry>& catalogue();

std::optional<std::string> not_applicable_reason(const std::string& topic, const wkb::Project& project);
wkb::Risk assess_entry(const CatalogueEntry& entry, const wkb::Project& project);
// The controls for one risk at or above the control threshold. `next_number`
// numbers them (C01, C02, ...) and is advanced.
std::vector<wkb::Control> controls_for(const wkb::Risk& risk, const wkb::Project& project, const wkb::Sample& sample,
                                       int& next_number);
void plan_inspections(const wkb::Project& project, const wkb::Sample& sample, wkb::Plan& plan);
wkb::Ground ground_for(const wkb::Control& control, const std::optional<std::string>& unit,
                       const wkb::Finding& finding);
std::string describe_measure(const wkb::Plan& plan, const wkb::Measure& measure);

}  // namespace seriebouw
