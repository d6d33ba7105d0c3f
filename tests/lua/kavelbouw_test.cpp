// Voorbeeldinstrument Kavelbouw (plugins/kavelbouw, Lua) through the checked
// host interface: every host rule holds on every example project it covers,
// and its own method shows (no sampling in small projects, document review
// of design risks, three bijwoonmomenten, half of a large series sampled).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/sdk/codec.hpp"

namespace wkb::test {
namespace {

namespace fs = std::filesystem;

host::CheckedInstrument kavelbouw() {
  return host::CheckedInstrument(host::load_instrument(host::read_manifest(fs::path(WKB_PLUGIN_DIR) / "kavelbouw")));
}

Project example(const std::string& name) {
  const fs::path path = fs::path(WKB_SOURCE_DIR) / "examples/projects" / (name + ".json");
  return read_project(host::read_text_file(path), path.string());
}

Findings all(const Project& p, const Plan& plan, FindingResult result) {
  Findings f{p.id, {}};
  for (const auto& c : plan.controls) {
    if (c.units.empty()) f.findings.push_back({c.id, std::nullopt, result, "", "A. de Boer", Date::from_ymd(2026, 9, 9)});
    for (const auto& u : c.units) f.findings.push_back({c.id, u, result, "", "A. de Boer", Date::from_ymd(2026, 9, 9)});
  }
  return f;
}

TEST(Kavelbouw, DescribesItselfAsALuaInstrument) {
  auto k = kavelbouw();
  EXPECT_EQ(k.manifest().kind, "lua");
  const Description& d = k.description();
  EXPECT_EQ(d.id, "nl.voorbeeld.kavelbouw");
  EXPECT_GE(d.competence.size(), 3u);
  for (const auto& c : d.competence) {
    EXPECT_GE(c.min_years_experience, 3) << c.role;
    EXPECT_FALSE(c.experience_criteria.empty()) << c.role;
  }
}

TEST(Kavelbouw, PassesEveryHostRuleOnTheExamplesItCovers) {
  int covered = 0;
  for (const auto& e : fs::directory_iterator(fs::path(WKB_SOURCE_DIR) / "examples/projects")) {
    const Project p = read_project(host::read_text_file(e.path()), e.path().string());
    if (p.building.type == BuildingType::industrial) continue;
    auto k = kavelbouw();
    SCOPED_TRACE(e.path().filename().string());
    const auto r = host::run_pipeline(k, p);  // throws on any rule broken
    EXPECT_EQ(r.plan.inspections.size(), 3u);
    EXPECT_EQ(host::evaluate_findings(k, p, r.plan, all(p, r.plan, FindingResult::conform), "findings").outcome,
              Outcome::declaration);
    EXPECT_EQ(host::evaluate_findings(k, p, r.plan, all(p, r.plan, FindingResult::unrepairable), "findings").outcome,
              Outcome::non_compliance_notice);
    ++covered;
  }
  EXPECT_GE(covered, 5);
}

TEST(Kavelbouw, SmallProjectsAreNotSampled) {
  auto k = kavelbouw();
  const Project p = example("kloosterstraat-12");  // 12 units: at least half
  const auto r = host::run_pipeline(k, p);
  EXPECT_EQ(r.sample.reference_units.size(), 6u);
  const Project one = example("kavel-vrijstaand");
  const auto r1 = host::run_pipeline(k, one);
  EXPECT_EQ(r1.sample.reference_units, one.unit_ids);
}

TEST(Kavelbouw, EveryDesignRiskAtTheThresholdIsReviewed) {
  auto k = kavelbouw();
  const Project p = example("kavel-vrijstaand");
  const auto r = host::run_pipeline(k, p);
  for (const auto& risk : r.assessment.risks) {
    if (risk.phase != RiskPhase::design || risk.score < k.description().thresholds.control) continue;
    EXPECT_TRUE(std::any_of(r.plan.controls.begin(), r.plan.controls.end(), [&](const Control& c) {
      return c.risk == risk.id && c.method == ControlMethod::document_review;
    })) << risk.id;
  }
}

TEST(Kavelbouw, LargeSeriesAreHalfSampledWithAnAdvice) {
  auto k = kavelbouw();
  const Project p = example("nieuwe-kern-150");
  const auto r = host::run_pipeline(k, p);
  EXPECT_EQ(r.sample.reference_units.size(), 75u);
  EXPECT_NE(r.sample.rationale.find("instrument voor seriebouw"), std::string::npos) << r.sample.rationale;
}

TEST(Kavelbouw, IndustrialBuildingsAreNotCovered) {
  auto k = kavelbouw();
  EXPECT_THROW(k.assess(example("bedrijfshal-2-lagen")), host::InputError);
}

TEST(Kavelbouw, MissingBengRaisesTheEnergyRisk) {
  auto k = kavelbouw();
  const auto a = k.assess(example("beng-ontbreekt"));
  const auto b = k.assess(example("kloosterstraat-12"));
  auto score = [](const Assessment& x) {
    for (const auto& r : x.risks)
      if (r.topic == "energy-performance") return r.score;
    return 0;
  };
  EXPECT_GT(score(a), score(b));
}

}  // namespace
}  // namespace wkb::test
