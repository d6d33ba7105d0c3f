#include <gtest/gtest.h>

#include "wkb/registrations/monitor.hpp"

namespace wkb::reg {
namespace {

Date d(const char* s) { return *Date::parse(s); }

Registration reg(std::string id, std::string instrument, const char* bouwmelding) {
  Registration r;
  r.project_id = std::move(id);
  r.instrument = std::move(instrument);
  r.assurer_kvk = "87654321";
  r.assurer_name = "Borg BV";
  r.bouwmelding = d(bouwmelding);
  r.state = "in-execution";
  return r;
}

std::vector<Registration> year() {
  auto a = reg("A", "nl.i", "2025-11-03");
  a.verklaring = a.gereedmelding = d("2026-02-02");
  a.inspections_planned = 4, a.inspections_recorded = 3;
  auto b = reg("B", "nl.i", "2026-01-05");
  b.melding_strijdigheid = b.gereedmelding = d("2026-06-01");
  b.reasons = {"energy-performance", "fire-spread", "energy-performance"};
  b.inspections_planned = 2, b.inspections_recorded = 2;
  b.findings_by_topic["fire-spread"] = {{"unrepairable", 1}, {"conform", 3}};
  auto c = reg("C", "nl.j", "2026-03-02");
  c.melding_strijdigheid = c.gereedmelding = d("2026-09-01");
  c.reasons = {"energy-performance"};
  c.inspections_planned = 3, c.inspections_recorded = 1;
  c.findings_by_topic["fire-spread"] = {{"repaired", 2}};
  auto e = reg("E", "nl.j", "2026-04-06");  // still open
  e.inspections_planned = 3, e.inspections_recorded = 0;
  e.assurer_kvk = "23456789";
  return {a, b, c, e};
}

TEST(Monitor, WithoutAPeriodCountsEverything) {
  const auto m = monitor(year(), {});
  EXPECT_EQ(m.projects, 4);
  EXPECT_EQ(m.outcomes.at("declaration"), 1);
  EXPECT_EQ(m.outcomes.at("non-compliance-notice"), 2);
  EXPECT_EQ(m.outcomes.at("open"), 1);
  EXPECT_EQ(m.total.bouwmeldingen, 4);
  EXPECT_EQ(m.total.gereedmeldingen, 3);
  EXPECT_EQ(m.total.open, 1);
  EXPECT_EQ(m.per_year.at(2025).bouwmeldingen, 1);
  EXPECT_EQ(m.per_year.at(2026).bouwmeldingen, 3);
  EXPECT_EQ(m.per_year.at(2026).verklaringen, 1);  // a's verklaring is in 2026
  EXPECT_EQ(m.per_instrument.at("nl.j").meldingen_strijdigheid, 1);
  EXPECT_EQ(m.per_assurer.at("23456789").open, 1);
  // A topic counts once per project.
  EXPECT_EQ(m.reasons_by_topic.at("energy-performance"), 2);
  EXPECT_EQ(m.reasons_by_topic.at("fire-spread"), 1);
  EXPECT_EQ(m.projects_without_verklaring, 2);
  EXPECT_DOUBLE_EQ(m.inspections_planned_mean, 3.0);
  EXPECT_DOUBLE_EQ(m.inspections_recorded_mean, 1.5);
  EXPECT_EQ(m.inspections_planned_distribution.at(3), 2);
  EXPECT_EQ(m.inspections_recorded_distribution.at(0), 1);
  EXPECT_EQ(m.findings_by_topic.at("fire-spread").at("unrepairable"), 1);
  EXPECT_EQ(m.findings_by_topic.at("fire-spread").at("repaired"), 2);
}

TEST(Monitor, APeriodCountsEachEventInItsOwnDates) {
  const auto m = monitor(year(), {d("2026-01-01"), d("2026-06-30")});
  // a: only its verklaring is in the period; e: reported, not closed.
  EXPECT_EQ(m.total.bouwmeldingen, 3);
  EXPECT_EQ(m.total.verklaringen, 1);
  EXPECT_EQ(m.total.meldingen_strijdigheid, 1);  // c closes in September
  EXPECT_EQ(m.outcomes.at("open"), 2);           // c and e at the end of June
  EXPECT_EQ(m.reasons_by_topic.count("energy-performance"), 1u);
  EXPECT_EQ(m.reasons_by_topic.at("energy-performance"), 1);
  EXPECT_EQ(m.inspection_projects, 3);
  EXPECT_EQ(m.per_year.count(2025), 0u);
}

TEST(Monitor, NothingInThePeriod) {
  const auto m = monitor(year(), {d("2030-01-01"), d("2030-12-31")});
  EXPECT_EQ(m.projects, 0);
  EXPECT_TRUE(m.outcomes.empty());
  EXPECT_DOUBLE_EQ(m.inspections_planned_mean, 0.0);
}

}  // namespace
}  // namespace wkb::reg
