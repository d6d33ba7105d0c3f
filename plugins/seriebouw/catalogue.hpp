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
// The controls for one risk at or above the control threshold, with stable
// ids (wkb::control_id: risk, method, phase).
std::vector<wkb::Control> controls_for(const wkb::Risk& risk, const wkb::Project& project, const wkb::Sample& sample);
// The certificate-check control for a risk whose topic a certificate of the
// project covers, whatever the score (the host's rule certificate-check,
// docs/sdk/certificates.md); nullopt when no certificate covers it or
// `controls` (the risk's other controls) already check it.
std::optional<wkb::Control> certificate_check_for(const wkb::Risk& risk, const wkb::Project& project,
                                                  const std::vector<wkb::Control>& controls);
void plan_inspections(const wkb::Project& project, const wkb::Sample& sample, wkb::Plan& plan);
// The texts of the decision (hooks of wkb::sdk::decide): why a part is a
// ground, and how a risk's controls controlled it.
std::string explanation_for(const wkb::Control& control, const std::optional<std::string>& unit,
                            const wkb::Finding& finding);
std::string describe_measure(const std::vector<const wkb::Control*>& controls);

}  // namespace seriebouw
