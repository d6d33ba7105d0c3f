#pragma once
// Stable ids for risks, controls and inspections (docs/sdk/decide.md#stable-ids).
//
// An id says what a thing is for, never where it stands in a list: a replan
// or a risk override that adds one control then leaves every other id as it
// was, the plan diff shows only that control, and findings recorded against
// an earlier plan version still name the controls that remain. Ids are
// contract words ([a-z0-9-]) joined by "/" from the general to the specific;
// they stay far below the store's 200 characters.
#include <string>
#include <string_view>
#include <vector>

#include "wkb/sdk/types.hpp"

namespace wkb {

// "R-<topic>", e.g. "R-structural-safety"; an instrument that scores one
// topic as several risks adds an aspect: "R-structural-safety/foundation".
// The "R-" keeps a risk id from reading as the topic itself.
std::string risk_id(std::string_view topic, std::string_view aspect = {});
// "<risk>/<method>/<phase>", e.g. "R-structural-safety/site-inspection/foundation";
// an aspect ("/<aspect>") tells two controls with the same risk, method and
// phase apart.
std::string control_id(std::string_view risk, ControlMethod method, Phase phase, std::string_view aspect = {});
// "<phase>/<n>": the n-th (from 1) bijwoonmoment in that phase, e.g. "structure/2".
std::string inspection_id(Phase phase, int n);
// Gives every inspection its inspection_id(), numbered per phase by date (on
// the same date, in list order); the order of the list is left as it is.
void name_inspections(std::vector<Inspection>& inspections);

}  // namespace wkb
