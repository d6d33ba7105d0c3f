// The staff register (wkb.staff/1): every bad input named with its JSON path
// and rule; who may be named for a role of a borgingsplan; who may assess a
// finding. The shipped example registers are the base of every case.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_paths.hpp"
#include "wkb/host/staff.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/validation.hpp"

using namespace wkb;
using host::StaffMember;

namespace {

std::string example_text() { return test::read(test::source_dir() / "examples/staff/borg-twente.staff.json"); }

host::StaffRegister example() { return host::parse_staff(example_text(), "borg-twente.staff.json"); }

// The example with one change made to its JSON.
template <typename Change>
std::string mutated(Change change) {
  boost::json::value v = boost::json::parse(example_text());
  change(v.as_object());
  return boost::json::serialize(v);
}

// The issues parse_staff reports for `text`, as "path rule" lines.
std::vector<std::string> problems(const std::string& text) {
  try {
    host::parse_staff(text, "register.json");
  } catch (const ValidationError& e) {
    std::vector<std::string> out;
    for (const auto& i : e.issues()) out.push_back(i.path + " " + i.rule);
    return out;
  }
  return {};
}

boost::json::object& person(boost::json::object& doc, std::size_t i) { return doc["persons"].as_array()[i].as_object(); }

// A Description with the legal floors of the six areas (docs/sdk/competence.md).
Description floors() {
  Description d;
  d.name = "Testinstrument";
  d.competence = {{"risk-assessment-and-plan", "hbo", 3, "Drie jaar als leidinggevende bij het coördineren van projecten."},
                  {"structural-safety", "hbo", 3, "Drie jaar controle van constructies."},
                  {"fire-safety", "hbo", 5, "Vijf jaar toetsing aan de brandveiligheidsvoorschriften."},
                  {"building-physics", "mbo-4", 3, "Drie jaar controle op gezondheid, energie en milieu."},
                  {"installations", "mbo-4", 3, "Drie jaar controle van installaties."},
                  {"site-inspection", "mbo-4", 3, "Drie jaar toezicht op de bouw."}};
  return d;
}

const Date kJan2026 = *Date::parse("2026-01-15");
constexpr std::string_view kBorgTwente = "87654321";

const StaffMember& in(const host::StaffRegister& r, std::string_view id) {
  const StaffMember* m = r.find(id);
  if (!m) throw std::runtime_error("example has no " + std::string(id));
  return *m;
}

bool mentions(const std::vector<std::string>& gaps, std::string_view text) {
  for (const auto& g : gaps)
    if (g.find(text) != std::string::npos) return true;
  return false;
}

Control control(std::string topic, ControlMethod method) {
  Control c;
  c.id = "R-" + topic + "/x";
  c.topic = std::move(topic);
  c.method = method;
  return c;
}

}  // namespace

TEST(StaffRegister, TheExampleReadsAndSurvivesTheStoresRoundTrip) {
  const auto r = example();
  ASSERT_EQ(r.persons.size(), 5u);
  EXPECT_EQ(r.assurer.kvk, "87654321");
  const StaffMember& jansen = in(r, "BT-001");
  EXPECT_EQ(jansen.kvk, "87654321") << "a person without kvk works for the register's assurer";
  EXPECT_TRUE(jansen.has_role("structural-safety"));
  ASSERT_NE(jansen.experience_in("risk-assessment-and-plan"), nullptr);
  EXPECT_TRUE(jansen.experience_in("risk-assessment-and-plan")->leading);
  EXPECT_EQ(jansen.experience_in("fire-safety"), nullptr);
  for (const auto& p : r.persons) EXPECT_EQ(host::parse_staff_member(host::staff_member_json(p), "rij"), p) << p.id;
  const auto again = host::parse_staff(host::staff_json(r), "canonical");
  EXPECT_EQ(again.persons, r.persons);
  EXPECT_EQ(host::staff_json(again), host::staff_json(r));
}

TEST(StaffRegister, ActiveFromAndUntilAreInclusive) {
  const auto r = example();
  const StaffMember& smit = in(r, "BT-005");  // active 2018-01-01 .. 2025-12-31
  EXPECT_TRUE(smit.active_on(*Date::parse("2018-01-01")));
  EXPECT_TRUE(smit.active_on(*Date::parse("2025-12-31")));
  EXPECT_FALSE(smit.active_on(*Date::parse("2026-01-01")));
  EXPECT_FALSE(smit.active_on(*Date::parse("2017-12-31")));
  EXPECT_TRUE(in(r, "BT-001").active_on(*Date::parse("2040-01-01"))) << "no active_until: still active";
}

TEST(StaffRegister, EveryBadInputIsNamedWithItsPathAndRule) {
  using V = std::vector<std::string>;
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 0)["roles"].as_array().emplace_back("plumbing"); })),
            V{"$.persons[0].roles[2] staff-role"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 0)["roles"].as_array().emplace_back("structural-safety"); })),
            V{"$.persons[0].roles[2] unique"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 1)["roles"] = boost::json::array(); })),
            V{"$.persons[1].roles staff-role"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 1)["education"] = "bachelor"; })),
            V{"$.persons[1].education allowed-value"});
  for (long long years : {-1LL, 61LL, 400LL})
    EXPECT_EQ(problems(mutated([&](auto& d) {
                person(d, 2)["experience"].as_array()[0].as_object()["years"] = years;
              })),
              V{"$.persons[2].experience[0].years range"})
        << years;
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 2)["experience"].as_array()[1].as_object()["area"] = "installations"; })),
            V{"$.persons[2].experience[1].area unique"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 2)["experience"].as_array()[0].as_object()["area"] = "electrics"; })),
            V{"$.persons[2].experience[0].area staff-role"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 3)["active_until"] = "2024-03-31"; })),
            V{"$.persons[3].active_until active-period"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 3)["active_from"] = "2024-02-30"; })),
            V{"$.persons[3].active_from date-format"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 4)["id"] = "BT-001"; })), V{"$.persons[4].id unique"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 4)["id"] = "BT 005"; })), V{"$.persons[4].id id-format"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 0)["kvk"] = "1234"; })), V{"$.persons[0].kvk kvk-format"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 0)["rol"] = "fire-safety"; })), V{"$.persons[0].rol unknown-member"});
  EXPECT_EQ(problems(mutated([](auto& d) { person(d, 0).erase("experience"); })), V{"$.persons[0].experience required"});
  EXPECT_EQ(problems(mutated([](auto& d) { d.erase("assurer"); })), V{"$.assurer required"});
  EXPECT_EQ(problems(mutated([](auto& d) { d["persons"] = boost::json::array(); })), V{"$.persons staff-empty"});
  EXPECT_EQ(problems(mutated([](auto& d) { d["schema"] = "wkb.staff/2"; })), V{"$.schema schema-version"});
  // Several problems at once: all of them, not only the first.
  EXPECT_EQ(problems(mutated([](auto& d) {
              person(d, 0)["education"] = "phd";
              person(d, 1)["roles"].as_array()[0] = "brand";
            })).size(),
            2u);
}

TEST(StaffRegister, TheMessageNamesTheFileAndSaysHowToFix) {
  try {
    host::parse_staff(mutated([](auto& d) { person(d, 1)["education"] = "bachelor"; }), "personeel.json");
    FAIL() << "accepted";
  } catch (const ValidationError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("personeel.json"), std::string::npos) << what;
    EXPECT_NE(what.find("\"hbo\""), std::string::npos) << "the vocabulary is offered: " << what;
  }
}

TEST(Competence, AQualifiedPersonHasNoGaps) {
  const auto r = example();
  const Description d = floors();
  EXPECT_EQ(host::competence_gaps(in(r, "BT-001"), "risk-assessment-and-plan", d, kBorgTwente, kJan2026),
            std::vector<std::string>{});
  EXPECT_EQ(host::competence_gaps(in(r, "BT-002"), "fire-safety", d, kBorgTwente, kJan2026), std::vector<std::string>{});
  EXPECT_EQ(host::competence_gaps(in(r, "BT-003"), "site-inspection", d, kBorgTwente, kJan2026),
            std::vector<std::string>{});
}

TEST(Competence, EachGapIsNamed) {
  const auto r = example();
  const Description d = floors();
  // Two years where the instrument asks three.
  auto gaps = host::competence_gaps(in(r, "BT-004"), "site-inspection", d, kBorgTwente, kJan2026);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_TRUE(mentions(gaps, "2 jaar ervaring")) << gaps[0];
  // mbo-4 and no such role, for structural safety.
  gaps = host::competence_gaps(in(r, "BT-003"), "structural-safety", d, kBorgTwente, kJan2026);
  EXPECT_TRUE(mentions(gaps, "heeft de rol constructieve veiligheid niet"));
  EXPECT_TRUE(mentions(gaps, "opleiding mbo-4 ligt onder het niveau hbo"));
  EXPECT_TRUE(mentions(gaps, "0 jaar ervaring"));
  // Gone from the firm.
  gaps = host::competence_gaps(in(r, "BT-005"), "structural-safety", d, kBorgTwente, kJan2026);
  EXPECT_TRUE(mentions(gaps, "niet actief")) << (gaps.empty() ? "" : gaps[0]);
  // Another firm.
  gaps = host::competence_gaps(in(r, "BT-001"), "structural-safety", d, "11111111", kJan2026);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_TRUE(mentions(gaps, "KvK 11111111"));
}

TEST(Competence, CoordinationAsksForLeadingExperienceWhenTheCriteriaSaySo) {
  auto r = host::parse_staff(mutated([](auto& d) {
                               person(d, 0)["experience"].as_array()[0].as_object()["leading"] = false;
                             }),
                             "r.json");
  Description d = floors();
  auto gaps = host::competence_gaps(in(r, "BT-001"), "risk-assessment-and-plan", d, kBorgTwente, kJan2026);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_TRUE(mentions(gaps, "leidinggevende"));
  d.competence[0].experience_criteria = "Drie jaar bij het coördineren van projecten.";
  EXPECT_TRUE(host::competence_gaps(in(r, "BT-001"), "risk-assessment-and-plan", d, kBorgTwente, kJan2026).empty())
      << "criteria that do not ask for it are not read into";
}

TEST(Competence, BijscholingCountsForTwoYears) {
  const auto r = example();
  const Description d = floors();
  // BT-002's last course: 2024-11-05.
  EXPECT_TRUE(host::competence_gaps(in(r, "BT-002"), "fire-safety", d, kBorgTwente, *Date::parse("2026-11-05")).empty());
  const auto gaps = host::competence_gaps(in(r, "BT-002"), "fire-safety", d, kBorgTwente, *Date::parse("2026-11-06"));
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_TRUE(mentions(gaps, "bijscholing")) << gaps[0];
  // A course after the date does not count for it.
  EXPECT_FALSE(host::competence_gaps(in(r, "BT-002"), "fire-safety", d, kBorgTwente, *Date::parse("2024-11-04")).empty());
}

TEST(Competence, AnInstrumentThatDeclaresNothingForTheRoleQualifiesNobody) {
  const auto r = example();
  Description d = floors();
  d.competence.erase(d.competence.begin() + 2);  // fire-safety
  const auto gaps = host::competence_gaps(in(r, "BT-002"), "fire-safety", d, kBorgTwente, kJan2026);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_TRUE(mentions(gaps, "stelt geen eisen aan het deelgebied brandveiligheid"));
}

TEST(Assessor, TheRoleMustFitTheControl) {
  const auto r = example();
  const auto& bakker = in(r, "BT-003");  // installations, site-inspection
  EXPECT_EQ(host::assessor_problem(bakker, control("structural-safety", ControlMethod::site_inspection), kBorgTwente,
                                   kJan2026),
            std::nullopt)
      << "a site inspector assesses what he sees on site";
  const auto review = host::assessor_problem(bakker, control("structural-safety", ControlMethod::document_review),
                                             kBorgTwente, kJan2026);
  ASSERT_TRUE(review);
  EXPECT_NE(review->find("constructieve veiligheid"), std::string::npos) << *review;
  EXPECT_EQ(host::assessor_problem(bakker, control("drinking-water", ControlMethod::certificate_check), kBorgTwente,
                                   kJan2026),
            std::nullopt);
  EXPECT_EQ(host::assessor_problem(in(r, "BT-002"), control("fire-spread", ControlMethod::document_review), kBorgTwente,
                                   kJan2026),
            std::nullopt);
  EXPECT_TRUE(host::assessor_problem(in(r, "BT-002"), control("drinking-water", ControlMethod::contractor_evidence),
                                     kBorgTwente, kJan2026));
}

TEST(Assessor, AnotherFirmOrADateOutsideThePersonsPeriodIsRefused) {
  const auto r = example();
  const auto c = control("structural-safety", ControlMethod::site_inspection);
  const auto other = host::assessor_problem(in(r, "BT-001"), c, "12345678", kJan2026);
  ASSERT_TRUE(other);
  EXPECT_NE(other->find("KvK 12345678"), std::string::npos) << *other;
  EXPECT_TRUE(host::assessor_problem(in(r, "BT-005"), c, kBorgTwente, kJan2026));
  EXPECT_EQ(host::assessor_problem(in(r, "BT-005"), c, kBorgTwente, *Date::parse("2025-06-01")), std::nullopt);
}

TEST(RolesNeeded, CoordinationAlwaysTheControlsAreasAndSiteInspectionWhenThereIsOne) {
  Plan p;
  EXPECT_EQ(host::roles_needed(p), std::vector<std::string>{"risk-assessment-and-plan"});
  p.controls = {control("drinking-water", ControlMethod::certificate_check),
                control("structural-safety", ControlMethod::document_review),
                control("storage", ControlMethod::document_review)};
  EXPECT_EQ(host::roles_needed(p), (std::vector<std::string>{"risk-assessment-and-plan", "structural-safety", "installations"}));
  p.controls.push_back(control("fire-spread", ControlMethod::site_inspection));
  EXPECT_EQ(host::roles_needed(p), (std::vector<std::string>{"risk-assessment-and-plan", "structural-safety",
                                                             "fire-safety", "installations", "site-inspection"}));
  Plan q;
  q.inspections.push_back({});
  EXPECT_EQ(host::roles_needed(q), (std::vector<std::string>{"risk-assessment-and-plan", "site-inspection"}));
  EXPECT_EQ(host::area_of_topic("moisture"), "building-physics");
  EXPECT_EQ(host::area_of_topic("plumbing"), "");
}
