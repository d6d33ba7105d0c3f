// wkb.registrations/1: what is written reads back the same; what is not the
// message is refused with its JSON path.
#include <gtest/gtest.h>

#include "wkb/registrations/registration.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb::reg {
namespace {

Registration sample() {
  Registration r;
  r.project_id = "2026-ALM-0002";
  r.project_name = "4 appartementen";
  r.instrument = "nl.voorbeeld.seriebouw";
  r.assurer_kvk = "87654321";
  r.assurer_name = "Borg Twente BV";
  r.street = "Grotestraat";
  r.house = {5, "A", "2"};
  r.postcode = "7607CD";
  r.city = "Almelo";
  r.bag_id = "0141200000000005";
  r.bouwmelding = *Date::parse("2026-02-02");
  r.start = *Date::parse("2026-03-02");
  r.melding_strijdigheid = *Date::parse("2026-11-13");
  r.gereedmelding = *Date::parse("2026-11-13");
  r.last_phase_end = *Date::parse("2026-10-30");
  r.state = "completed";
  r.reasons = {"energy-performance"};
  r.inspections_planned = 3;
  r.inspections_recorded = 2;
  r.findings_by_topic["energy-performance"]["open"] = 2;
  return r;
}

std::string text_of(const Registration& r) { return write_registrations({"2026-12-01T08:00:00Z", {r}}); }

std::vector<Issue> issues_of(const std::string& text) {
  try {
    read_registrations(text, "r.json");
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.subject(), "r.json");
    return e.issues();
  }
  return {};
}

TEST(Registrations, RoundTrip) {
  const Registration r = sample();
  const auto back = read_registrations(text_of(r), "r.json");
  ASSERT_EQ(back.registrations.size(), 1u);
  const Registration& b = back.registrations[0];
  EXPECT_EQ(back.generated_at, "2026-12-01T08:00:00Z");
  EXPECT_EQ(b.project_id, r.project_id);
  EXPECT_EQ(b.house, r.house);
  EXPECT_EQ(b.postcode, "7607CD");
  EXPECT_EQ(b.bag_id, r.bag_id);
  EXPECT_EQ(b.bouwmelding, r.bouwmelding);
  EXPECT_EQ(b.start, r.start);
  EXPECT_FALSE(b.verklaring.has_value());
  EXPECT_EQ(b.melding_strijdigheid, r.melding_strijdigheid);
  EXPECT_EQ(b.last_phase_end, r.last_phase_end);
  EXPECT_EQ(b.reasons, r.reasons);
  EXPECT_EQ(b.inspections_recorded, 2);
  EXPECT_EQ(b.findings_by_topic, r.findings_by_topic);
  EXPECT_EQ(text_of(b), text_of(r));
  // The postcode is written as people write it.
  EXPECT_NE(text_of(r).find("\"postcode\":\"7607 CD\""), std::string::npos);
}

TEST(Registrations, AnotherSchemaIsRefusedWithItsPath) {
  auto issues = issues_of(R"({"schema":"wkb.project/1","id":"x"})");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].path, "$.schema");
  EXPECT_EQ(issues[0].rule, "schema-kind");
  issues = issues_of(R"({"schema":"wkb.registrations/2","registrations":[]})");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].rule, "schema-version");
}

TEST(Registrations, StrictChecks) {
  std::string t = text_of(sample());
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = t;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  struct Case {
    std::string from, to, path, rule;
  };
  for (const Case& c : std::vector<Case>{
           {"\"postcode\":\"7607 CD\"", "\"postcode\":\"7607\"", "$.registrations[0].address.postcode", "postcode-format"},
           {"\"kvk\":\"87654321\"", "\"kvk\":\"8765\"", "$.registrations[0].assurer.kvk", "kvk-format"},
           {"\"bag_id\":\"0141200000000005\"", "\"bag_id\":\"12\"", "$.registrations[0].address.bag_id", "bag-id-format"},
           {"\"bouwmelding\":\"2026-02-02\"", "\"bouwmelding\":\"2 februari\"", "$.registrations[0].dates.bouwmelding", "date-format"},
           {"\"state\":\"completed\"", "\"state\":\"klaar\"", "$.registrations[0].state", "allowed-value"},
           {"\"state\":\"completed\"", "\"state\":\"completed\",\"price\":1", "$.registrations[0].price", "unknown-member"},
           {"\"house_letter\":\"A\"", "\"house_letter\":\"AB\"", "$.registrations[0].address.house_letter", "house-letter"},
           {"\"reasons\":[\"energy-performance\"]", "\"reasons\":[\"beng\"]", "$.registrations[0].monitor.reasons[0]", "unknown-topic"},
           {"\"open\":2", "\"half-open\":2", "$.registrations[0].monitor.findings_by_topic.energy-performance.half-open", "allowed-value"},
           {"\"gereedmelding\":\"2026-11-13\"", "\"gereedmelding\":\"2026-11-13\",\"verklaring\":\"2026-11-13\"",
            "$.registrations[0].dates.melding_strijdigheid", "closure-twice"},
       }) {
    const auto issues = issues_of(replace(c.from, c.to));
    ASSERT_FALSE(issues.empty()) << c.to;
    EXPECT_EQ(issues[0].path, c.path) << c.to;
    EXPECT_EQ(issues[0].rule, c.rule) << c.to;
  }
}

TEST(Registrations, DuplicateProjectAndMalformedJson) {
  const Registration r = sample();
  const auto issues = issues_of(write_registrations({"2026-12-01T08:00:00Z", {r, r}}));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].path, "$.registrations[1].project");
  EXPECT_EQ(issues[0].rule, "duplicate-project");
  EXPECT_THROW(read_registrations("{\"schema\":", "r.json"), SyntaxError);
  EXPECT_THROW(read_registrations(R"({"schema":"wkb.registrations/1","schema":"x"})", "r.json"), SyntaxError);
}

}  // namespace
}  // namespace wkb::reg
