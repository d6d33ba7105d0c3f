// The chain's reconciliation: each kind of gap, found for the right ids and
// only then; matching on the BAG id where both sides have one.
#include <gtest/gtest.h>

#include <algorithm>

#include "wkb/registrations/chain.hpp"

namespace wkb::reg {
namespace {

Date d(const char* s) { return *Date::parse(s); }

Melding melding(std::string id, std::string postcode, int number, std::string letter = "", std::string addition = "",
                std::optional<std::string> bag = std::nullopt) {
  Melding m;
  m.id = std::move(id);
  m.date = d("2026-03-02");
  m.postcode = std::move(postcode);
  m.house = {number, std::move(letter), std::move(addition)};
  m.bag_id = std::move(bag);
  m.gemeente = "Almelo";
  m.assurer_kvk = "87654321";
  m.instrument = "nl.i";
  m.line = 2;
  return m;
}

Registration registration(std::string id, std::string postcode, int number, std::string letter = "",
                          std::string addition = "", std::optional<std::string> bag = std::nullopt) {
  Registration r;
  r.project_id = std::move(id);
  r.instrument = "nl.i";
  r.assurer_kvk = "87654321";
  r.street = "Straat";
  r.postcode = std::move(postcode);
  r.house = {number, std::move(letter), std::move(addition)};
  r.city = "Almelo";
  r.bag_id = std::move(bag);
  r.bouwmelding = d("2026-03-01");
  r.last_phase_end = d("2026-11-30");
  r.state = "in-execution";
  return r;
}

ChainReport run(const std::vector<Melding>& m, const std::vector<Registration>& r) {
  return reconcile(m, r, {d("2026-12-01"), 8});
}

std::vector<const Gap*> of(const ChainReport& r, GapKind k) {
  std::vector<const Gap*> out;
  for (const auto& g : r.gaps)
    if (g.kind == k) out.push_back(&g);
  return out;
}

TEST(Chain, ClosedWhenEveryMeldingHasItsProject) {
  const auto r = run({melding("M1", "7607AB", 12, "A", "2"), melding("M2", "7607AB", 14, "", "", "0141200000000014")},
                     {registration("P1", "7607AB", 12, "A", "2"), registration("P2", "7600XX", 1, "", "", "0141200000000014")});
  EXPECT_TRUE(r.closed());
  EXPECT_EQ(r.matched, 2u);
  EXPECT_EQ(r.meldingen, 2u);
  EXPECT_EQ(r.registrations, 2u);
}

TEST(Chain, LetterAndAdditionMatter) {
  const auto r = run({melding("M1", "7607AB", 12, "A")}, {registration("P1", "7607AB", 12, "", "A")});
  ASSERT_EQ(of(r, GapKind::melding_unregistered).size(), 1u);
  EXPECT_EQ(of(r, GapKind::melding_unregistered)[0]->meldingen, std::vector<std::string>{"M1"});
  ASSERT_EQ(of(r, GapKind::registration_without_melding).size(), 1u);
  EXPECT_EQ(of(r, GapKind::registration_without_melding)[0]->projects, std::vector<std::string>{"P1"});
}

TEST(Chain, BagIdDecidesWhereBothHaveOne) {
  // Same address, different BAG ids: not the same object.
  auto r = run({melding("M1", "7607AB", 12, "", "", "0141200000000012")},
               {registration("P1", "7607AB", 12, "", "", "0141200000000099")});
  EXPECT_EQ(of(r, GapKind::melding_unregistered).size(), 1u);
  // One side without a BAG id: the address decides.
  r = run({melding("M1", "7607AB", 12, "", "", "0141200000000012")}, {registration("P1", "7607AB", 12)});
  EXPECT_TRUE(r.closed());
}

TEST(Chain, RegistrationWithoutBouwmeldingIsNotExpectedYet) {
  Registration planned = registration("P1", "7607AB", 12);
  planned.bouwmelding.reset();
  EXPECT_TRUE(run({}, {planned}).closed());
  EXPECT_EQ(of(run({}, {registration("P1", "7607AB", 12)}), GapKind::registration_without_melding).size(), 1u);
}

TEST(Chain, ARegistrationIsExpectedOnlyInThePeriodOfTheMeldingen) {
  // The meldingen cover 2 March 2026; a bouwmelding a week earlier or later is
  // expected, one of the year before is not.
  Registration before = registration("P1", "7607AB", 12);
  before.bouwmelding = d("2025-06-01");
  Registration week = registration("P2", "7607AB", 14);
  week.bouwmelding = d("2026-02-23");
  Registration after = registration("P3", "7607AB", 16);
  after.bouwmelding = d("2026-03-10");
  const auto r = run({melding("M1", "7607AB", 99)}, {before, week, after});
  const auto missing = of(r, GapKind::registration_without_melding);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]->projects, std::vector<std::string>{"P2"});
}

TEST(Chain, DuplicateMeldingen) {
  const auto r = run({melding("M1", "7607AB", 12), melding("M2", "7607AB", 12), melding("M3", "7607AB", 13, "", "", "0141200000000013"),
                      melding("M4", "7607AB", 99, "", "", "0141200000000013")},
                     {registration("P1", "7607AB", 12), registration("P3", "7607AB", 13)});
  const auto dups = of(r, GapKind::duplicate_melding);
  ASSERT_EQ(dups.size(), 2u);
  EXPECT_EQ(dups[0]->meldingen, (std::vector<std::string>{"M1", "M2"}));
  EXPECT_EQ(dups[0]->projects, std::vector<std::string>{"P1"});
  EXPECT_EQ(dups[1]->meldingen, (std::vector<std::string>{"M3", "M4"}));  // one BAG id, two addresses typed
}

TEST(Chain, DuplicateRegistrations) {
  Registration other = registration("P2", "7607AB", 12);
  other.instrument = "nl.j";
  const auto r = run({melding("M1", "7607AB", 12)}, {registration("P1", "7607AB", 12), other});
  const auto dups = of(r, GapKind::duplicate_registration);
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0]->projects, (std::vector<std::string>{"P1", "P2"}));
  // The melding matches both; the one with another instrument is a mismatch.
  EXPECT_EQ(r.matched, 0u);
  ASSERT_EQ(of(r, GapKind::instrument_mismatch).size(), 1u);
  EXPECT_EQ(of(r, GapKind::instrument_mismatch)[0]->projects, std::vector<std::string>{"P2"});
}

TEST(Chain, OverdueAfterTheConfiguredWeeks) {
  Registration late = registration("P1", "7607AB", 12);
  late.last_phase_end = d("2026-10-05");  // 57 days before 2026-12-01: more than 8 weeks
  Registration just = registration("P2", "7607AB", 14);
  just.last_phase_end = d("2026-10-06");  // exactly 8 weeks
  Registration closed = late;
  closed.project_id = "P3";
  closed.house.number = 16;
  closed.melding_strijdigheid = d("2026-10-20");
  const auto r = run({melding("M1", "7607AB", 12), melding("M2", "7607AB", 14), melding("M3", "7607AB", 16)}, {late, just, closed});
  const auto overdue = of(r, GapKind::overdue);
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0]->projects, std::vector<std::string>{"P1"});
  EXPECT_EQ(overdue[0]->meldingen, std::vector<std::string>{"M1"});
  EXPECT_NE(overdue[0]->detail.find("8 weken geleden"), std::string::npos) << overdue[0]->detail;
  // With 4 weeks, P2 is late too.
  EXPECT_EQ(reconcile({}, {late, just, closed}, {d("2026-12-01"), 4}).count(GapKind::overdue), 2u);
}

TEST(Chain, AssurerMismatch) {
  Melding m = melding("M1", "7607AB", 12);
  m.assurer_kvk = "11112222";
  const auto r = run({m}, {registration("P1", "7607AB", 12)});
  ASSERT_EQ(of(r, GapKind::assurer_mismatch).size(), 1u);
  EXPECT_EQ(of(r, GapKind::assurer_mismatch)[0]->meldingen, std::vector<std::string>{"M1"});
  EXPECT_EQ(of(r, GapKind::assurer_mismatch)[0]->projects, std::vector<std::string>{"P1"});
  EXPECT_EQ(r.gaps.size(), 1u);
}

TEST(Chain, GapsAreOrderedByKind) {
  Melding m = melding("M9", "9999ZZ", 1);
  Registration r = registration("P1", "7607AB", 12);
  r.last_phase_end = d("2026-01-01");
  const auto report = run({m}, {r});
  ASSERT_EQ(report.gaps.size(), 3u);
  EXPECT_TRUE(std::is_sorted(report.gaps.begin(), report.gaps.end(),
                             [](const Gap& a, const Gap& b) { return static_cast<int>(a.kind) < static_cast<int>(b.kind); }));
}

}  // namespace
}  // namespace wkb::reg
