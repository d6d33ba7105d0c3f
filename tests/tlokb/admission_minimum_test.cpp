// Policy options for minimum controls (issue 13, item 5): the same instrument
// is admitted under the default policy and rejected under a stricter one, for
// the test site-inspection-per-project; the policy file's new member is
// checked like every other.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "command.hpp"
#include "test_paths.hpp"
#include "wkb/admission/policy.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/validation.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

fs::path default_policy() { return wkb::test::source_dir() / "admission/policy/default.json"; }

// The default policy with `topics` required (and nothing else changed).
fs::path stricter(const fs::path& dir, const std::vector<std::string>& topics) {
  json::object p = json::parse(wkb::test::read(default_policy())).as_object();
  json::array list;
  for (const auto& t : topics) list.push_back(json::value(t));
  p["required_site_inspection_topics"] = list;
  p["version"] = "2027.1-strenger";
  const fs::path file = dir / "strenger.json";
  std::ofstream(file) << json::serialize(p);
  return file;
}

json::object site_inspection_test(const fs::path& policy, const fs::path& out) {
  const auto o = wkb::test::run_command(
      {WKB_ADMISSION_EXE, "run", (wkb::test::plugin_dir() / "seriebouw").string(), "--policy", policy.string(), "--out",
       out.string(), "--seed", "20261126", "--only", "^site-inspection-per-project$", "--register",
       (wkb::test::source_dir() / "admission/fixtures/registers/independent.json").string()},
      "2>/dev/null");
  const json::value rep = json::parse(wkb::test::read(out / "report.json"));
  for (const auto& t : rep.at("tests").as_array())
    if (t.at("id").as_string() == "site-inspection-per-project") return t.as_object();
  ADD_FAILURE() << "no site-inspection-per-project in the report (exit " << o.code << ")";
  return {};
}

TEST(MinimumControls, DefaultPolicyAsksNoTopicAndSaysWhy) {
  const auto p = wkb::admission::load_policy(default_policy());
  EXPECT_TRUE(p.required_site_inspection_topics.empty());
  EXPECT_EQ(p.min_site_inspections_per_project, 1);
  EXPECT_NE(wkb::test::read(default_policy()).find("evaluatie van 2027"), std::string::npos);
}

TEST(MinimumControls, UnknownOrRepeatedTopicsAreRefused) {
  const auto dir = wkb::test::fresh_temp_dir("wkb-tlokb-policy-", "refused");
  for (const auto& [topics, rule] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"constructie"}, "unknown-topic"}, {{"fire-spread", "fire-spread"}, "duplicate-topic"}}) {
    try {
      wkb::admission::load_policy(stricter(dir, topics));
      ADD_FAILURE() << rule << " accepted";
    } catch (const wkb::ValidationError& e) {
      ASSERT_FALSE(e.issues().empty());
      EXPECT_EQ(e.issues()[0].rule, rule);
      EXPECT_EQ(e.issues()[0].path, topics.size() == 1 ? "$.required_site_inspection_topics[0]"
                                                         : "$.required_site_inspection_topics[1]");
    }
  }
  fs::remove_all(dir);
}

TEST(MinimumControls, AdmittedUnderTheDefaultRejectedUnderAStricterPolicy) {
  const auto dir = wkb::test::fresh_temp_dir("wkb-tlokb-policy-", "strict");
  const auto ok = site_inspection_test(default_policy(), dir / "default");
  EXPECT_EQ(ok.at("status").as_string(), "pass") << json::serialize(ok);
  // Every topic of the taxonomy: an instrument that checks any risk only on
  // paper now fails, for this test and this rule.
  std::vector<std::string> all;
  for (const auto& t : wkb::taxonomy()) all.push_back(t.id);
  const auto strict = site_inspection_test(stricter(dir, all), dir / "strict");
  EXPECT_EQ(strict.at("status").as_string(), "fail") << json::serialize(strict);
  EXPECT_NE(json::serialize(strict).find("bijwoonmoment"), std::string::npos) << json::serialize(strict);
  EXPECT_NE(json::serialize(strict).find("required_site_inspection_topics"), std::string::npos) << json::serialize(strict);
  fs::remove_all(dir);
}

}  // namespace
