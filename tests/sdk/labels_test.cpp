// Dutch for people: plurals, numbers in Dutch notation, a label for every
// enum value, and messages that carry labels rather than raw JSON values.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include <boost/json.hpp>

#include "test_paths.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/labels_nl.hpp"

using namespace wkb;

TEST(LabelsNl, PluralFollowsTheCount) {
  EXPECT_EQ(plural_nl(1, "dag", "dagen"), "1 dag");
  EXPECT_EQ(plural_nl(2, "dag", "dagen"), "2 dagen");
  EXPECT_EQ(plural_nl(0, "eenheid", "eenheden"), "0 eenheden");
}

TEST(LabelsNl, NumbersInDutchNotation) {
  EXPECT_EQ(number_nl(0.1), "0,1");
  EXPECT_EQ(number_nl(12.5), "12,5");
  EXPECT_EQ(number_nl(3.0), "3");
  EXPECT_EQ(number_nl(1000), "1000");
  EXPECT_EQ(number_nl(10000000), "10.000.000");
  EXPECT_EQ(number_nl(-12345.5), "-12.345,5");
  EXPECT_EQ(percent_nl(0.1), "10%");
  EXPECT_EQ(percent_nl(0.125), "12,5%");
}

TEST(LabelsNl, EveryEnumValueHasALabelThatIsNotItsJsonValue) {
  // "conform" and "open" are Dutch already; every other label differs from
  // the English JSON value and is never the "?" fallback.
  auto check = [](auto e) {
    const std::string label = label_nl(e), value(to_string(e));
    EXPECT_NE(label, "?") << value;
    if (value != "conform" && value != "open") {
      EXPECT_NE(label, value);
    }
  };
  for (auto e : {BuildingType::dwelling, BuildingType::holiday_dwelling, BuildingType::floating_dwelling,
                 BuildingType::industrial})
    check(e);
  for (auto e : {Phase::design, Phase::foundation, Phase::structure, Phase::envelope, Phase::installations,
                 Phase::finishing, Phase::completion})
    check(e);
  for (auto e : {RiskPhase::design, RiskPhase::execution}) check(e);
  for (auto e : {ControlMethod::document_review, ControlMethod::site_inspection, ControlMethod::contractor_evidence,
                 ControlMethod::certificate_check, ControlMethod::measurement})
    check(e);
  for (auto e : {Performer::assurer, Performer::contractor}) check(e);
  for (auto e : {FindingResult::conform, FindingResult::repaired, FindingResult::open, FindingResult::unrepairable,
                 FindingResult::evidence_missing})
    check(e);
  for (auto e : {Outcome::non_compliance_notice, Outcome::incomplete, Outcome::open_items, Outcome::declaration})
    check(e);
  EXPECT_EQ(label_nl(Performer::assurer), "kwaliteitsborger");
}

TEST(LabelsNl, LabelledValueShowsTheLabelAndWhatTheFileSays) {
  EXPECT_EQ(labelled_nl(Phase::structure), "ruwbouw (\"structure\")");
  EXPECT_EQ(labelled_nl(FindingResult::conform), "\"conform\"");
  EXPECT_EQ(role_label_nl("client"), "opdrachtgever");
  EXPECT_EQ(document_status_label_nl("submitted"), "ingediend");
}

TEST(LabelsNl, AnUnknownPhaseIsExplainedWithDutchLabels) {
  auto v = boost::json::parse(test::read(test::example_project("kloosterstraat-12")));
  v.at("schedule").as_array()[0].as_object()["phase"] = "roof";
  try {
    read_project(boost::json::serialize(v), "project.json");
    FAIL() << "an unknown phase must be refused";
  } catch (const ValidationError& e) {
    ASSERT_FALSE(e.issues().empty());
    const Issue& i = e.issues().front();
    EXPECT_EQ(i.rule, "allowed-value");
    EXPECT_EQ(i.path, "$.schedule[0].phase");
    EXPECT_NE(i.message.find("\"roof\" is hier niet toegestaan"), std::string::npos) << i.message;
    EXPECT_NE(i.message.find("gevel en dak (\"envelope\")"), std::string::npos) << i.message;
    EXPECT_NE(std::string(e.what()).find("project.json: 1 probleem"), std::string::npos) << e.what();
  }
}

// Documents for a gemeente show Dutch time whatever zone the machine runs in:
// CET in winter, CEST from the last Sunday of March to the last Sunday of
// October, switching at 01:00 UTC.
TEST(LabelsNl, TimesAreDutchTimeWhateverTheMachinesZone) {
  const char* before = std::getenv("TZ");
  const std::string saved = before ? before : "";
  for (const char* zone : {"UTC", "America/New_York", "Asia/Tokyo"}) {
    setenv("TZ", zone, 1);
    tzset();
    EXPECT_EQ(datetime_nl("2026-12-01T13:05:00Z"), "1 december 2026 om 14:05") << zone;
    EXPECT_EQ(datetime_nl("2026-07-01T13:05:00Z"), "1 juli 2026 om 15:05") << zone;
    EXPECT_EQ(datetime_nl("2026-12-31T23:30:00Z"), "1 januari 2027 om 00:30") << zone;
    // 2026: summer time from Sunday 29 March, to Sunday 25 October, 01:00 UTC.
    EXPECT_EQ(datetime_nl("2026-03-29T00:59:00Z"), "29 maart 2026 om 01:59") << zone;
    EXPECT_EQ(datetime_nl("2026-03-29T01:00:00Z"), "29 maart 2026 om 03:00") << zone;
    EXPECT_EQ(datetime_nl("2026-10-25T00:59:00Z"), "25 oktober 2026 om 02:59") << zone;
    EXPECT_EQ(datetime_nl("2026-10-25T01:00:00Z"), "25 oktober 2026 om 02:00") << zone;
    // 2027: the last Sundays are 28 March and 31 October.
    EXPECT_EQ(datetime_nl("2027-03-27T12:00:00Z"), "27 maart 2027 om 13:00") << zone;
    EXPECT_EQ(datetime_nl("2027-03-28T12:00:00Z"), "28 maart 2027 om 14:00") << zone;
    EXPECT_EQ(datetime_nl("2027-10-31T00:30:00Z"), "31 oktober 2027 om 02:30") << zone;
    EXPECT_EQ(datetime_nl("2027-10-31T01:30:00Z"), "31 oktober 2027 om 02:30") << zone;
  }
  if (before) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
  EXPECT_EQ(datetime_nl("geen tijdstip"), "geen tijdstip");
  EXPECT_EQ(datetime_nl("2026-12-01T13:05:00"), "2026-12-01T13:05:00");  // no Z: not UTC, shown as it is
}
