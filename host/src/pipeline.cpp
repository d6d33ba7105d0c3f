#include "wkb/host/pipeline.hpp"

#include "wkb/host/errors.hpp"
#include "wkb/host/rules.hpp"

namespace wkb::host {

Decision evaluate_findings(CheckedInstrument& instrument, const Project& project, const Plan& plan,
                           const Findings& findings, const std::string& findings_subject) {
  Issues issues;
  check_findings(project, plan, findings, issues);
  if (!issues.empty()) throw ValidationError(findings_subject, issues.list());
  return instrument.evaluate(project, plan, findings);
}

void check_plan_file(CheckedInstrument& instrument, const Project& project, const Plan& plan,
                     const std::string& plan_subject) {
  const Assessment assessment = instrument.assess(project);
  const Sample sample = instrument.sample(project, assessment);
  Issues issues;
  check_plan(instrument.seen_by_plugin(project), instrument.description(), assessment, sample, plan, issues);
  if (!issues.empty())
    throw ValidationError(plan_subject + " (getoetst aan de risicobeoordeling en steekproef van " +
                              instrument.manifest().id + " voor project " + project.id + ")",
                          issues.list());
}

PipelineResult run_pipeline(CheckedInstrument& instrument, const Project& project) {
  PipelineResult r;
  r.assessment = instrument.assess(project);
  r.sample = instrument.sample(project, r.assessment);
  r.plan = instrument.plan(project, r.assessment, r.sample);
  return r;
}

}  // namespace wkb::host
