// The host enforces the contract whatever the instrument says: each
// deliberately lax fixture is refused with the rule it breaks.
#include <gtest/gtest.h>

#include "host_fixtures.hpp"
#include "wkb/host/pipeline.hpp"

using namespace wkb;
using wkb::test::expect_plugin_failure;
using wkb::test::names_rule;

TEST(Enforcement, ExamplePipelinePassesEveryRule) {
  auto i = test::seriebouw();
  for (const char* name : {"kloosterstraat-12", "kavel-vrijstaand", "nieuwe-kern-150", "bedrijfshal-2-lagen",
                           "beng-ontbreekt", "slappe-bodem-brandscheiding"}) {
    SCOPED_TRACE(name);
    EXPECT_NO_THROW(host::run_pipeline(*i, test::project(name)));
  }
}

TEST(Enforcement, SkippedTopicBreaksWholeBuildingCoverage) {
  auto i = test::fixture("skip-topic");
  const auto e = expect_plugin_failure([&] { i->assess(test::project("kloosterstraat-12")); });
  EXPECT_EQ(e.method(), "assess");
  EXPECT_TRUE(names_rule(e, "whole-building-coverage")) << e.what();
  EXPECT_NE(std::string(e.what()).find("structural-safety"), std::string::npos) << e.what();
}

TEST(Enforcement, WrongScoreBreaksArithmetic) {
  auto i = test::fixture("bad-score");
  const auto e = expect_plugin_failure([&] { i->assess(test::project("kloosterstraat-12")); });
  EXPECT_TRUE(names_rule(e, "score-arithmetic")) << e.what();
  EXPECT_EQ(e.issues().front().path, "$.risks[0].score");
}

TEST(Enforcement, InspectionOutsideItsPhaseIsRefused) {
  auto i = test::fixture("inspection-outside-phase");
  const auto e = expect_plugin_failure([&] { host::run_pipeline(*i, test::project("kloosterstraat-12")); });
  EXPECT_EQ(e.method(), "plan");
  EXPECT_TRUE(names_rule(e, "inspection-date-in-phase")) << e.what();
  EXPECT_EQ(e.issues().front().path, "$.inspections[0].date");
}

TEST(Enforcement, HighRiskWithoutSiteInspectionIsRefused) {
  auto i = test::fixture("no-site-inspection");
  const auto e = expect_plugin_failure([&] { host::run_pipeline(*i, test::project("kloosterstraat-12")); });
  EXPECT_TRUE(names_rule(e, "site-inspection-threshold")) << e.what();
}

TEST(Enforcement, LaxDeclarationDespiteUnrepairableFindingIsRefused) {
  auto i = test::fixture("lax-decision");
  const Project p = test::project("slappe-bodem-brandscheiding");
  const auto r = host::run_pipeline(*i, p);
  const Findings f = test::findings("slappe-bodem-brandscheiding.notice");
  const auto e = expect_plugin_failure([&] { host::evaluate_findings(*i, p, r.plan, f, "findings.json"); });
  EXPECT_EQ(e.method(), "evaluate");
  EXPECT_TRUE(names_rule(e, "decision-table")) << e.what();
  EXPECT_NE(std::string(e.what()).find("non-compliance-notice"), std::string::npos) << e.what();
}

TEST(Enforcement, LaxDeclarationOnIncompleteFindingsIsRefused) {
  auto i = test::fixture("lax-decision");
  const Project p = test::project("kloosterstraat-12");
  const auto r = host::run_pipeline(*i, p);
  const auto e = expect_plugin_failure(
      [&] { host::evaluate_findings(*i, p, r.plan, test::findings("kloosterstraat-12.incomplete"), "f"); });
  EXPECT_TRUE(names_rule(e, "decision-table")) << e.what();
}

TEST(Enforcement, TheSameLaxPluginIsAcceptedWhereADeclarationIsRight) {
  // The host refuses laxness, not the plugin: with all findings conform the
  // fixture's declaration is what the table demands.
  auto i = test::fixture("lax-decision");
  const Project p = test::project("kloosterstraat-12");
  const auto r = host::run_pipeline(*i, p);
  const Decision d = host::evaluate_findings(*i, p, r.plan, test::findings("kloosterstraat-12.declaration"), "f");
  EXPECT_EQ(d.outcome, Outcome::declaration);
}

struct OutcomeCase {
  const char* project;
  const char* findings;
  Outcome expected;
};

class ExampleOutcomes : public ::testing::TestWithParam<OutcomeCase> {};

TEST_P(ExampleOutcomes, SeriebouwDecidesPerTheTable) {
  auto i = test::seriebouw();
  const Project p = test::project(GetParam().project);
  const auto r = host::run_pipeline(*i, p);
  const Decision d = host::evaluate_findings(*i, p, r.plan, test::findings(GetParam().findings), "f");
  EXPECT_EQ(d.outcome, GetParam().expected);
  if (d.outcome == Outcome::open_items) {
    ASSERT_FALSE(d.grounds.empty());
    EXPECT_EQ(d.grounds.front().topic, "energy-performance");
  }
  if (d.outcome == Outcome::non_compliance_notice) {
    ASSERT_EQ(d.grounds.size(), 1u);
    EXPECT_EQ(d.grounds.front().topic, "fire-spread");
    EXPECT_TRUE(d.grounds.front().unit.has_value());
    EXPECT_NE(d.grounds.front().explanation.find("niet meer worden hersteld"), std::string::npos);
  }
  if (d.outcome == Outcome::declaration) {
    EXPECT_FALSE(d.measures.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Findings, ExampleOutcomes,
    ::testing::Values(OutcomeCase{"kloosterstraat-12", "kloosterstraat-12.declaration", Outcome::declaration},
                      OutcomeCase{"kloosterstraat-12", "kloosterstraat-12.incomplete", Outcome::incomplete},
                      OutcomeCase{"beng-ontbreekt", "beng-ontbreekt.open-items", Outcome::open_items},
                      OutcomeCase{"slappe-bodem-brandscheiding", "slappe-bodem-brandscheiding.notice",
                                  Outcome::non_compliance_notice}));

TEST(Enforcement, Determinism) {
  auto a = test::seriebouw();
  auto b = test::seriebouw();
  const Project p = test::project("nieuwe-kern-150");
  const auto ra = host::run_pipeline(*a, p);
  const auto rb = host::run_pipeline(*b, p);
  EXPECT_EQ(write(ra.assessment), write(rb.assessment));
  EXPECT_EQ(write(ra.sample), write(rb.sample));
  EXPECT_EQ(write(ra.plan), write(rb.plan));
  EXPECT_EQ(ra.sample.reference_units.size(), 15u);
}

TEST(Enforcement, TheMinimalExampleInstrumentPassesEveryRule) {
  // examples/minimal-instrument is what docs/sdk/author-guide.md walks through.
  auto i = test::fixture("minimal-instrument");
  const Project p = test::project("kloosterstraat-12");
  const auto r = host::run_pipeline(*i, p);
  EXPECT_EQ(r.sample.reference_units.size(), 12u);
  EXPECT_EQ(r.plan.inspections.size(), 3u);
  Findings f{p.id, {}};
  for (const auto& c : r.plan.controls)
    f.findings.push_back({c.id, std::nullopt, FindingResult::conform, "", "t", *Date::parse("2026-02-20")});
  EXPECT_EQ(host::evaluate_findings(*i, p, r.plan, f, "f").outcome, Outcome::declaration);
  f.findings.front().result = FindingResult::evidence_missing;
  const Decision d = host::evaluate_findings(*i, p, r.plan, f, "f");
  EXPECT_EQ(d.outcome, Outcome::open_items);
  EXPECT_EQ(d.grounds.size(), 1u);
}
