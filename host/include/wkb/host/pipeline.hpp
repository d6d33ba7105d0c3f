#pragma once
// assess -> sample -> plan -> (evaluate): a project through one instrument.
#include <optional>

#include "wkb/host/checked_instrument.hpp"

namespace wkb::host {

struct PipelineResult {
  Assessment assessment;
  Sample sample;
  Plan plan;
};

// Runs assess, sample and plan. CheckedInstrument::assess refuses (InputError)
// a project whose building type the instrument does not cover.
PipelineResult run_pipeline(CheckedInstrument& instrument, const Project& project);

// A plan read from a file (made earlier, or by hand) is only as good as the
// rules it meets: re-runs assess and sample (deterministic) and checks the
// plan against them and the instrument's declarations. Throws ValidationError
// naming `plan_subject` (invalid input: the file is the user's).
void check_plan_file(CheckedInstrument& instrument, const Project& project, const Plan& plan,
                     const std::string& plan_subject);

// Checks findings against the plan (throws InputError naming `findings_subject`),
// then evaluates.
Decision evaluate_findings(CheckedInstrument& instrument, const Project& project, const Plan& plan,
                           const Findings& findings, const std::string& findings_subject);

}  // namespace wkb::host
