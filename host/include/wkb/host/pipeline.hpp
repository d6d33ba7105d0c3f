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

// Checks findings against the plan (throws InputError naming `findings_subject`),
// then evaluates.
Decision evaluate_findings(CheckedInstrument& instrument, const Project& project, const Plan& plan,
                           const Findings& findings, const std::string& findings_subject);

}  // namespace wkb::host
