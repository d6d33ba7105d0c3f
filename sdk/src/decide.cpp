#include "wkb/sdk/decide.hpp"

#include <algorithm>

#include "wkb/sdk/instrument.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::sdk {
namespace {

std::string checked(std::string text, const char* hook, const std::string& path) {
  if (text.empty())
    throw PluginError("decide-hook", std::string("de hook ") + hook + " van decide gaf een lege tekst", path);
  return text;
}

}  // namespace

// Keep the texts in step with decide in sdk/lua/wkb.lua: the parity test
// compares both byte for byte.
std::string default_explanation(const Control& c, const std::optional<std::string>& unit, const Finding& x) {
  const std::string what = topic_label_nl(c.topic) + (unit ? " (eenheid " + *unit + ")" : "");
  std::string text;
  switch (x.result) {
    case FindingResult::unrepairable:
      text = what + " voldoet niet aan " + c.bbl_ref + " en is niet meer te herstellen.";
      break;
    case FindingResult::open: text = what + " is nog niet in orde; na herstel volgt een nieuwe bevinding."; break;
    case FindingResult::evidence_missing: text = what + ": het bewijs ontbreekt (" + c.evidence + ")."; break;
    case FindingResult::repaired: text = what + " is hersteld."; break;
    case FindingResult::conform: text = what + " is in orde."; break;
  }
  return text + " Vastgesteld door " + x.assessed_by + (x.note.empty() ? "." : ": " + x.note);
}

std::string default_measure(const std::string&, const std::vector<const Control*>& controls) {
  const std::string topic = controls.empty() ? std::string("Risico") : topic_label_nl(controls.front()->topic);
  return topic + ": beheerst met " +
         plural_nl(static_cast<long long>(controls.size()), "beheersmaatregel", "beheersmaatregelen") +
         "; alle bevindingen conform of hersteld.";
}

Decision decide(const Project& project, const Plan& plan, const Findings& findings, const DecideHooks& hooks) {
  Decision d;
  d.project = project.id;
  const auto status = finding_status(plan, findings);
  d.outcome = required_outcome(status);
  for (const auto& part : status) {
    if (!part.latest) continue;  // a missing finding is no ground: the outcome says incomplete
    if (!ground_required(d.outcome, part.latest->result) && !(hooks.also_ground && hooks.also_ground(d.outcome, part)))
      continue;
    const Control& c = *part.control;
    const std::string path = "$.grounds[" + std::to_string(d.grounds.size()) + "].explanation";
    d.grounds.push_back({c.id, part.unit, c.topic, c.bbl_ref, part.latest->result,
                         hooks.explain ? checked(hooks.explain(c, part.unit, *part.latest), "explain", path)
                                       : default_explanation(c, part.unit, *part.latest)});
  }
  if (d.outcome != Outcome::declaration) return d;
  // One measure per risk, in the order of the risk's first control.
  std::vector<std::pair<std::string, std::vector<const Control*>>> by_risk;
  for (const Control& c : plan.controls) {
    auto it = std::find_if(by_risk.begin(), by_risk.end(), [&](const auto& m) { return m.first == c.risk; });
    if (it == by_risk.end()) it = by_risk.insert(by_risk.end(), {c.risk, {}});
    it->second.push_back(&c);
  }
  for (const auto& [risk, controls] : by_risk) {
    Measure m;
    m.risk = risk;
    for (const Control* c : controls) m.controls.push_back(c->id);
    const std::string path = "$.measures[" + std::to_string(d.measures.size()) + "].description";
    m.description = hooks.measure ? checked(hooks.measure(risk, controls), "measure", path)
                                  : default_measure(risk, controls);
    d.measures.push_back(std::move(m));
  }
  return d;
}

}  // namespace wkb::sdk
