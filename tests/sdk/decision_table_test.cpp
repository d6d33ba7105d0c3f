#include <gtest/gtest.h>

#include "wkb/sdk/decision_table.hpp"

using namespace wkb;

namespace {
Plan two_controls() {
  Plan p;
  p.project = "P";
  Control unitwise;
  unitwise.id = "C1";
  unitwise.units = {"1", "2"};
  Control project_level;
  project_level.id = "C2";
  p.controls = {unitwise, project_level};
  return p;
}
Finding f(const char* control, std::optional<std::string> unit, FindingResult r, const char* date) {
  return {control, std::move(unit), r, "", "tester", *Date::parse(date)};
}
}  // namespace

TEST(DecisionTable, OnePairPerUnitAndOnePerProjectLevelControl) {
  const Plan plan = two_controls();
  const auto status = finding_status(plan, Findings{"P", {}});
  ASSERT_EQ(status.size(), 3u);
  EXPECT_EQ(status[0].unit, "1");
  EXPECT_EQ(status[1].unit, "2");
  EXPECT_FALSE(status[2].unit);
  EXPECT_EQ(required_outcome(status), Outcome::incomplete);
}

TEST(DecisionTable, LatestDateCountsAndLaterEntryBreaksTies) {
  const Plan plan = two_controls();
  Findings fs{"P",
              {f("C1", "1", FindingResult::repaired, "2026-05-02"), f("C1", "1", FindingResult::open, "2026-05-01"),
               f("C1", "2", FindingResult::open, "2026-05-03"), f("C1", "2", FindingResult::conform, "2026-05-03"),
               f("C2", std::nullopt, FindingResult::conform, "2026-05-01")}};
  const auto status = finding_status(plan, fs);
  EXPECT_EQ(status[0].latest->result, FindingResult::repaired);
  EXPECT_EQ(status[1].latest->result, FindingResult::conform);
  EXPECT_EQ(required_outcome(status), Outcome::declaration);
}

TEST(DecisionTable, FirstApplicableRowWins) {
  const Plan plan = two_controls();
  // Unrepairable beats a missing finding and an open one.
  Findings notice{"P", {f("C1", "1", FindingResult::unrepairable, "2026-05-01"),
                        f("C2", std::nullopt, FindingResult::open, "2026-05-01")}};
  EXPECT_EQ(required_outcome(finding_status(plan, notice)), Outcome::non_compliance_notice);
  // Missing beats open.
  Findings incomplete{"P", {f("C1", "1", FindingResult::open, "2026-05-01")}};
  EXPECT_EQ(required_outcome(finding_status(plan, incomplete)), Outcome::incomplete);
  Findings open{"P", {f("C1", "1", FindingResult::conform, "2026-05-01"), f("C1", "2", FindingResult::conform, "2026-05-01"),
                      f("C2", std::nullopt, FindingResult::evidence_missing, "2026-05-01")}};
  EXPECT_EQ(required_outcome(finding_status(plan, open)), Outcome::open_items);
}

TEST(DecisionTable, FindingsForUnknownPairsAreIgnored) {
  const Plan plan = two_controls();
  Findings fs{"P", {f("C9", "1", FindingResult::unrepairable, "2026-05-01")}};
  EXPECT_EQ(required_outcome(finding_status(plan, fs)), Outcome::incomplete);
}
