#pragma once
// One decision helper: the whole wkb.decision/1 from the plan and the findings
// (docs/sdk/decide.md). It does what every instrument's evaluate does:
//
//   1. per control and unit the latest finding (finding_status),
//   2. the outcome from the contract's decision table (required_outcome),
//   3. a ground for every part the outcome rests on (ground_required), with
//      the instrument's explanation,
//   4. with a declaration, one measure per risk naming its controls.
//
// What an instrument wants to say goes in the hooks; an empty hook gives the
// SDK's Dutch default. The Lua module's wkb.decide gives the same result,
// byte for byte (tests/lua/decide_parity_test.cpp).
//
//   Decision evaluate(const Project& p, const Plan& plan, const Findings& f) override {
//     sdk::DecideHooks hooks;
//     hooks.explain = [](const Control& c, const auto& unit, const Finding& x) { return ...; };
//     return sdk::decide(p, plan, f, hooks);
//   }
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wkb/sdk/decision_table.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::sdk {

struct DecideHooks {
  // Why this part (control, and unit for a per-unit control) makes the outcome
  // what it is, for the people who read the decision. Must not be empty.
  std::function<std::string(const Control& control, const std::optional<std::string>& unit, const Finding& latest)>
      explain;
  // How one risk was controlled, for a declaration: its controls in plan
  // order. Must not be empty.
  std::function<std::string(const std::string& risk, const std::vector<const Control*>& controls)> measure;
  // Whether to name a part that the table does not require as a ground (for
  // example the repaired parts of a notice, to show what was put right).
  // Asked for every part with a finding that is not already a ground.
  std::function<bool(Outcome outcome, const FindingStatus& part)> also_ground;
};

// The decision for `findings` on `plan`. Grounds in plan order (control, then
// unit); measures only with a declaration, one per risk, in the order of the
// risk's first control. Throws PluginError "decide-hook" when a hook gives an
// empty text.
Decision decide(const Project& project, const Plan& plan, const Findings& findings, const DecideHooks& hooks = {});

// The defaults the hooks replace, for an instrument that adds to them.
//   unrepairable:     "<Onderwerp> (eenheid 3) voldoet niet aan <bbl_ref> en is niet meer te herstellen."
//   open:             "<Onderwerp> (eenheid 3) is nog niet in orde; na herstel volgt een nieuwe bevinding."
//   evidence-missing: "<Onderwerp> (eenheid 3): het bewijs ontbreekt (<evidence>)."
//   repaired/conform: "<Onderwerp> (eenheid 3) is hersteld." / "... is in orde."
// each followed by " Vastgesteld door <assessed_by>: <note>" (or "." without a note).
std::string default_explanation(const Control& control, const std::optional<std::string>& unit,
                                const Finding& latest);
//   "<Onderwerp>: beheerst met 2 beheersmaatregelen; alle bevindingen conform of hersteld."
std::string default_measure(const std::string& risk, const std::vector<const Control*>& controls);

}  // namespace wkb::sdk
