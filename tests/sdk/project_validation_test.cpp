// Every bad project input gives the rule and JSON path that explain it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_paths.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"

namespace json = boost::json;
using namespace wkb;

namespace {

json::value base_project() {
  return json::parse(test::read(test::example_project("kloosterstraat-12")));
}

// Follows a JSON pointer to the parent of its last segment.
json::value& parent_of(json::value& root, const std::string& pointer, std::string& last) {
  const auto slash = pointer.rfind('/');
  last = pointer.substr(slash + 1);
  return slash == 0 ? root : root.at_pointer(pointer.substr(0, slash));
}

std::string with(const std::string& pointer, const json::value& v) {
  json::value root = base_project();
  std::string last;
  json::value& parent = parent_of(root, pointer, last);
  if (parent.is_array()) parent.as_array()[std::stoul(last)] = v;
  else parent.as_object()[last] = v;
  return json::serialize(root);
}

std::string without(const std::string& pointer) {
  json::value root = base_project();
  std::string last;
  parent_of(root, pointer, last).as_object().erase(last);
  return json::serialize(root);
}

struct Expectation {
  std::string path;
  std::string rule;
};

// The issues of a project text, or a failure when it is accepted.
std::vector<Issue> issues_of(const std::string& text) {
  try {
    read_project(text, "project.json");
  } catch (const ValidationError& e) {
    return e.issues();
  }
  return {};
}

bool has(const std::vector<Issue>& issues, const Expectation& e) {
  for (const auto& i : issues)
    if (i.path == e.path && i.rule == e.rule) return true;
  return false;
}

std::string dump(const std::vector<Issue>& issues) {
  std::string s;
  for (const auto& i : issues) s += "\n  " + i.to_string();
  return s.empty() ? " (accepted)" : s;
}

}  // namespace

TEST(ProjectValidation, TheExampleIsValid) { EXPECT_TRUE(issues_of(json::serialize(base_project())).empty()); }

struct Case {
  const char* name;
  std::string text;
  Expectation expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class BadProject : public ::testing::TestWithParam<Case> {};

TEST_P(BadProject, NamesPathAndRule) {
  const auto issues = issues_of(GetParam().text);
  EXPECT_TRUE(has(issues, GetParam().expected))
      << "expected " << GetParam().expected.path << " [" << GetParam().expected.rule << "], got" << dump(issues);
  for (const auto& i : issues) EXPECT_FALSE(i.message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BadProject,
    ::testing::Values(
        Case{"consequence_class_2", with("/consequence_class", 2), {"$.consequence_class", "consequence-class"}},
        Case{"unknown_building_type", with("/building/type", "office"), {"$.building.type", "allowed-value"}},
        Case{"no_address", without("/address"), {"$.address", "address-required"}},
        Case{"postcode_without_space", with("/address/postcode", "7607AB"), {"$.address.postcode", "postcode-format"}},
        Case{"postcode_lowercase", with("/address/postcode", "7607 ab"), {"$.address.postcode", "postcode-format"}},
        Case{"postcode_leading_zero", with("/address/postcode", "0607 AB"), {"$.address.postcode", "postcode-format"}},
        Case{"kvk_short", with("/parties/contractor/kvk", "1234567"), {"$.parties.contractor.kvk", "kvk-format"}},
        Case{"kvk_letters", with("/parties/assurer/kvk", "8765432A"), {"$.parties.assurer.kvk", "kvk-format"}},
        Case{"bag_id_short", with("/address/bag_id", "014101000012345"), {"$.address.bag_id", "bag-id-format"}},
        Case{"units_zero", with("/building/units", 0), {"$.building.units", "range"}},
        Case{"units_absurd", with("/building/units", 2000000), {"$.building.units", "range"}},
        Case{"units_fraction", with("/building/units", 2.5), {"$.building.units", "type"}},
        Case{"units_text", with("/building/units", "12"), {"$.building.units", "type"}},
        Case{"duplicate_unit_ids", with("/unit_ids/1", "bn1"), {"$.unit_ids[1]", "unique"}},
        Case{"unit_ids_count", with("/building/units", 13), {"$.unit_ids", "unit-ids-count"}},
        Case{"phases_out_of_order", with("/schedule/1/phase", "finishing"), {"$.schedule[2].phase", "schedule-order"}},
        Case{"phase_ends_before_start", with("/schedule/1/end", "2026-03-01"), {"$.schedule[1].end", "schedule-dates"}},
        Case{"impossible_date", with("/schedule/0/start", "2026-02-30"), {"$.schedule[0].start", "date-format"}},
        Case{"empty_schedule", with("/schedule", json::array{}), {"$.schedule", "schedule-required"}},
        Case{"unknown_schema_version", with("/schema", "wkb.project/2"), {"$.schema", "schema-version"}},
        Case{"wrong_message_kind", with("/schema", "wkb.plan/1"), {"$.schema", "schema-kind"}},
        Case{"unknown_member_typo", with("/local_condition", json::array{}), {"$.local_condition", "unknown-member"}},
        Case{"certificate_unknown_topic", with("/certificates/0/topics/0", "plumbing"),
             {"$.certificates[0].topics[0]", "unknown-topic"}},
        Case{"certificate_without_validity", without("/certificates/0/valid_from"),
             {"$.certificates[0].valid_from", "certificate-validity"}},
        Case{"industrial_three_storeys",
             [] {
               json::value v = base_project();
               v.at("building").as_object()["type"] = "industrial";
               v.at("building").as_object()["storeys"] = 3;
               return json::serialize(v);
             }(),
             {"$.building.storeys", "industrial-storeys"}},
        Case{"missing_assurer",
             [] {
               json::value v = base_project();
               v.at("parties").as_object().erase("assurer");
               return json::serialize(v);
             }(),
             {"$.parties.assurer", "required"}},
        Case{"assurer_is_the_contractor", with("/parties/assurer/kvk", "12345678"),
             {"$.parties.assurer.kvk", "assurer-independence"}},
        Case{"project_not_an_object", "[1, 2]", {"$", "type"}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(ProjectValidation, ReportsAllProblemsAtOnce) {
  json::value v = base_project();
  v.as_object()["consequence_class"] = 2;
  v.at("address").as_object()["postcode"] = "bad";
  v.at("building").as_object()["units"] = 0;
  const auto issues = issues_of(json::serialize(v));
  EXPECT_TRUE(has(issues, {"$.consequence_class", "consequence-class"})) << dump(issues);
  EXPECT_TRUE(has(issues, {"$.address.postcode", "postcode-format"})) << dump(issues);
  EXPECT_TRUE(has(issues, {"$.building.units", "range"})) << dump(issues);
}

TEST(ProjectValidation, MessageNamesTheFile) {
  try {
    read_project(with("/consequence_class", 3), "examples/x.json");
    FAIL();
  } catch (const ValidationError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("examples/x.json", 0), 0u) << what;
    EXPECT_NE(what.find("gevolgklasse 3 valt nu niet onder de Wkb"), std::string::npos) << what;
    EXPECT_NE(what.find("[consequence-class]"), std::string::npos) << what;
    EXPECT_NE(what.find("1 probleem"), std::string::npos) << what;
  }
}

// ---- the gevolgklasse-1 gate (Bbl art. 2.17) ------------------------------------

TEST(ProjectScope, EveryExclusionIsRefusedNamingItAndItsSource) {
  ASSERT_GE(scope_exclusions().size(), 10u);
  for (const auto& e : scope_exclusions()) {
    const std::string text = with("/scope", json::object{{e.key, true}});
    const auto issues = issues_of(text);
    const std::string path = "$.scope." + std::string(e.key);
    ASSERT_EQ(issues.size(), 1u) << e.key << dump(issues);
    EXPECT_EQ(issues[0].path, path);
    EXPECT_EQ(issues[0].rule, "consequence-class-exclusion");
    EXPECT_NE(issues[0].message.find(e.what_nl), std::string::npos) << issues[0].message;
    EXPECT_NE(issues[0].message.find(e.source), std::string::npos) << issues[0].message;
    EXPECT_NE(issues[0].message.find("niet onder gevolgklasse 1"), std::string::npos) << issues[0].message;
  }
}

TEST(ProjectScope, FalseOrAbsentIsInScopeAndSurvivesTheRoundTrip) {
  json::object all;
  for (const auto& e : scope_exclusions()) all[e.key] = false;
  const Project p = read_project(with("/scope", all), "project.json");
  ASSERT_TRUE(p.scope.has_value());
  const Project again = read_project(json::serialize(to_json(p)), "again.json");
  ASSERT_TRUE(again.scope.has_value());
  EXPECT_EQ(write(again), write(p));
  EXPECT_EQ(write(p), serialize_canonical(to_json(p)));  // both writers agree
  EXPECT_NE(write(p).find("\"scope\":{\"care_dwelling\":false"), std::string::npos) << write(p);
  // Absent: nothing written, so the canonical text of older projects is unchanged.
  const Project old = read_project(json::serialize(base_project()), "old.json");
  EXPECT_FALSE(old.scope.has_value());
  EXPECT_EQ(write(old).find("scope"), std::string::npos);
}

TEST(ProjectScope, RefusesUnknownMembersAndNonBooleans) {
  EXPECT_TRUE(has(issues_of(with("/scope", json::object{{"monumentt", false}})), {"$.scope.monumentt", "unknown-member"}));
  EXPECT_TRUE(has(issues_of(with("/scope", json::object{{"room_rental", "nee"}})), {"$.scope.room_rental", "type"}));
  EXPECT_TRUE(has(issues_of(with("/scope", json::array{})), {"$.scope", "type"}));
}
