// Host rules on hand-altered responses: each alteration is caught with its
// rule and JSON path; an instrument may be stricter than the table.
#include <gtest/gtest.h>

#include "host_fixtures.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/host/rules.hpp"

using namespace wkb;

namespace {

struct Run {
  Project project;
  Description description;
  host::PipelineResult result;
};

const Run& run12() {
  static const Run r = [] {
    auto i = test::seriebouw();
    Run out{test::project("kloosterstraat-12"), {}, {}};
    out.description = i->description();
    out.result = host::run_pipeline(*i, out.project);
    return out;
  }();
  return r;
}

bool has(const Issues& issues, const std::string& rule, const std::string& path = "") {
  for (const auto& i : issues.list())
    if (i.rule == rule && (path.empty() || i.path == path)) return true;
  return false;
}

std::string dump(const Issues& issues) {
  std::string s;
  for (const auto& i : issues.list()) s += "\n  " + i.to_string();
  return s;
}

Issues sample_issues(const Sample& s) {
  Issues issues;
  host::check_sample(run12().project, run12().description, s, issues);
  return issues;
}

Issues plan_issues(const Plan& p) {
  Issues issues;
  host::check_plan(run12().project, run12().description, run12().result.assessment, run12().result.sample, p, issues);
  return issues;
}

Issues decision_issues(const Findings& f, const Decision& d) {
  Issues issues;
  host::check_decision(run12().project, run12().result.plan, f, d, issues);
  return issues;
}

Findings all_conform() {
  Findings f{run12().project.id, {}};
  for (const auto& c : run12().result.plan.controls) {
    if (c.units.empty()) f.findings.push_back({c.id, std::nullopt, FindingResult::conform, "", "t", *Date::parse("2026-05-01")});
    for (const auto& u : c.units) f.findings.push_back({c.id, u, FindingResult::conform, "", "t", *Date::parse("2026-05-01")});
  }
  return f;
}

}  // namespace

TEST(Rules, UnalteredResponsesPass) {
  EXPECT_TRUE(sample_issues(run12().result.sample).empty()) << dump(sample_issues(run12().result.sample));
  EXPECT_TRUE(plan_issues(run12().result.plan).empty()) << dump(plan_issues(run12().result.plan));
}

TEST(Rules, SeedMustComeFromTheProjectId) {
  Sample s = run12().result.sample;
  s.seed = "42";
  EXPECT_TRUE(has(sample_issues(s), "seed-derivation", "$.seed"));
}

TEST(Rules, SampleBelowTheDeclaredPolicy) {
  Sample s = run12().result.sample;
  s.reference_units.resize(1);
  const Issues issues = sample_issues(s);
  ASSERT_TRUE(has(issues, "declared-sampling", "$.reference_units")) << dump(issues);
  // A person reads the policy as a percentage in Dutch notation, with plurals.
  EXPECT_NE(dump(issues).find("1 referentie-eenheid, maar het eigen steekproefbeleid"), std::string::npos)
      << dump(issues);
  EXPECT_NE(dump(issues).find("%"), std::string::npos) << dump(issues);
}

TEST(Rules, SampleUnitsMustBeProjectUnits) {
  Sample s = run12().result.sample;
  s.reference_units.push_back("bn99");
  EXPECT_TRUE(has(sample_issues(s), "unknown-unit", "$.reference_units[2]"));
}

TEST(Rules, ControlMustCopyItsRisksBblReference) {
  Plan p = run12().result.plan;
  p.controls[0].bbl_ref = "Bbl art. 1.1";
  EXPECT_TRUE(has(plan_issues(p), "control-bbl-ref", "$.controls[0].bbl_ref"));
}

TEST(Rules, ControlForAnUnknownRisk) {
  Plan p = run12().result.plan;
  p.controls[0].risk = "R-nothing";
  EXPECT_TRUE(has(plan_issues(p), "unknown-risk", "$.controls[0].risk"));
}

TEST(Rules, RiskAboveControlThresholdWithoutControl) {
  Plan p = run12().result.plan;
  p.controls.erase(p.controls.begin() + 1);  // a design review
  EXPECT_TRUE(has(plan_issues(p), "control-threshold"));
}

TEST(Rules, SiteInspectionControlMustBeScheduled) {
  Plan p = run12().result.plan;
  for (auto& in : p.inspections) in.controls.clear();
  EXPECT_TRUE(has(plan_issues(p), "site-inspection-scheduled"));
}

TEST(Rules, TooFewInspectionsPerReferenceUnit) {
  Plan p = run12().result.plan;
  p.inspections.back().units.clear();
  EXPECT_TRUE(has(plan_issues(p), "declared-inspections-per-unit"));
}

TEST(Rules, DuplicateControlIds) {
  Plan p = run12().result.plan;
  p.controls[1].id = p.controls[0].id;
  EXPECT_TRUE(has(plan_issues(p), "unique-id", "$.controls[1].id"));
}

TEST(Rules, InspectionInAPhaseTheScheduleLacks) {
  Project p = run12().project;
  p.schedule.erase(p.schedule.begin() + 2);  // no structure phase
  Issues issues;
  host::check_plan(p, run12().description, run12().result.assessment, run12().result.sample, run12().result.plan,
                   issues);
  EXPECT_TRUE(has(issues, "phase-in-schedule", "$.inspections[0].phase")) << dump(issues);
  // The phase by its Dutch label, with the value the plan file holds.
  EXPECT_NE(dump(issues).find("in de fase ruwbouw (\"structure\")"), std::string::npos) << dump(issues);
}

TEST(Rules, StricterOutcomeIsAllowedLaxerIsNot) {
  const Findings f = all_conform();
  Decision strict{run12().project.id, Outcome::open_items, {}, {}};
  EXPECT_FALSE(has(decision_issues(f, strict), "decision-table"));
  Decision notice{run12().project.id, Outcome::non_compliance_notice, {}, {}};
  const Issues issues = decision_issues(f, notice);
  EXPECT_TRUE(has(issues, "decision-table", "$.outcome")) << dump(issues);
  EXPECT_NE(dump(issues).find("de bevindingen geven verklaring (\"declaration\")"), std::string::npos) << dump(issues);
}

TEST(Rules, OpenItemsMustNameEveryOpenPart) {
  Findings f = all_conform();
  f.findings[0].result = FindingResult::open;
  f.findings[3].result = FindingResult::evidence_missing;
  Decision d{run12().project.id, Outcome::open_items, {}, {}};
  const Control* c = run12().result.plan.control(f.findings[0].control);
  d.grounds.push_back({c->id, f.findings[0].unit, c->topic, c->bbl_ref, FindingResult::open, "x"});
  const auto issues = decision_issues(f, d);
  EXPECT_TRUE(has(issues, "grounds-complete")) << dump(issues);
  EXPECT_NE(dump(issues).find(f.findings[3].control), std::string::npos) << dump(issues);
}

TEST(Rules, DeclarationMustListMeasuresPerRisk) {
  Decision d{run12().project.id, Outcome::declaration, {}, {}};
  EXPECT_TRUE(has(decision_issues(all_conform(), d), "measures-complete"));
}

TEST(Rules, FindingsAreCheckedAgainstThePlan) {
  Findings f = all_conform();
  f.findings.push_back({"C99-nothing", std::nullopt, FindingResult::conform, "", "t", *Date::parse("2026-05-01")});
  const Control& unitwise = *std::find_if(run12().result.plan.controls.begin(), run12().result.plan.controls.end(),
                                          [](const Control& c) { return !c.units.empty(); });
  const Control& project_level = *std::find_if(run12().result.plan.controls.begin(), run12().result.plan.controls.end(),
                                               [](const Control& c) { return c.units.empty(); });
  f.findings.push_back({unitwise.id, std::nullopt, FindingResult::conform, "", "t", *Date::parse("2026-05-01")});
  f.findings.push_back({unitwise.id, std::string("bn11"), FindingResult::conform, "", "t", *Date::parse("2026-05-01")});
  f.findings.push_back({project_level.id, std::string("bn2"), FindingResult::conform, "", "t", *Date::parse("2026-05-01")});
  f.project = "someone-else";
  Issues issues;
  host::check_findings(run12().project, run12().result.plan, f, issues);
  const std::size_t n = all_conform().findings.size();
  EXPECT_TRUE(has(issues, "unknown-control", "$.findings[" + std::to_string(n) + "].control")) << dump(issues);
  EXPECT_TRUE(has(issues, "unit-required", "$.findings[" + std::to_string(n + 1) + "].unit")) << dump(issues);
  EXPECT_TRUE(has(issues, "unknown-unit", "$.findings[" + std::to_string(n + 2) + "].unit")) << dump(issues);
  EXPECT_TRUE(has(issues, "project-level-control", "$.findings[" + std::to_string(n + 3) + "].unit")) << dump(issues);
  EXPECT_TRUE(has(issues, "project-id", "$.project")) << dump(issues);
}

TEST(Rules, GroundsMustStateTheFindingTheyRestOn) {
  Findings f = all_conform();
  f.findings[0].result = FindingResult::open;
  const Control* c = run12().result.plan.control(f.findings[0].control);
  Decision d{run12().project.id, Outcome::open_items, {}, {}};
  // Names the right part but calls it repaired: the dossier would contradict the outcome.
  d.grounds.push_back({c->id, f.findings[0].unit, c->topic, c->bbl_ref, FindingResult::repaired, "hersteld"});
  auto issues = decision_issues(f, d);
  EXPECT_TRUE(has(issues, "ground-result", "$.grounds[0].result")) << dump(issues);
  d.grounds[0].result = FindingResult::open;
  d.grounds[0].unit = "bn-nowhere";
  issues = decision_issues(f, d);
  EXPECT_TRUE(has(issues, "ground-unit", "$.grounds[0].unit")) << dump(issues);
  d.grounds[0].unit = f.findings[0].unit;
  EXPECT_TRUE(decision_issues(f, d).empty()) << dump(decision_issues(f, d));
}
