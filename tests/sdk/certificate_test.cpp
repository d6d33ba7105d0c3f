// A certificate in wkb.project/1 (docs/sdk/certificates.md): every bad one is
// refused with one issue naming its JSON path and rule; a good one survives
// both writers unchanged.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>

#include "test_paths.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace json = boost::json;
using namespace wkb;

namespace {

// kloosterstraat-12 has one EKV for drinking water.
json::value project_with(const std::function<void(json::object&)>& change) {
  json::value v = json::parse(test::read(test::example_project("kloosterstraat-12")));
  change(v.at("certificates").as_array().at(0).as_object());
  return v;
}

std::vector<Issue> issues_of(const json::value& v) {
  try {
    read_project(json::serialize(v), "project.json");
  } catch (const ValidationError& e) {
    return e.issues();
  }
  return {};
}

struct Case {
  const char* name;
  std::function<void(json::object&)> change;
  const char* path;
  const char* rule;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class BadCertificate : public ::testing::TestWithParam<Case> {};

TEST_P(BadCertificate, OneIssueWithPathAndRule) {
  const auto issues = issues_of(project_with(GetParam().change));
  ASSERT_EQ(issues.size(), 1u) << (issues.empty() ? "accepted" : issues[0].to_string());
  EXPECT_EQ(issues[0].path, GetParam().path) << issues[0].to_string();
  EXPECT_EQ(issues[0].rule, GetParam().rule) << issues[0].to_string();
  EXPECT_FALSE(issues[0].message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BadCertificate,
    ::testing::Values(
        Case{"without_valid_from", [](json::object& c) { c.erase("valid_from"); }, "$.certificates[0].valid_from",
             "certificate-validity"},
        Case{"without_valid_until", [](json::object& c) { c.erase("valid_until"); },
             "$.certificates[0].valid_until", "certificate-validity"},
        Case{"until_before_from", [](json::object& c) { c["valid_until"] = "2024-02-29"; },
             "$.certificates[0].valid_until", "certificate-validity"},
        Case{"impossible_date", [](json::object& c) { c["valid_from"] = "2024-02-30"; },
             "$.certificates[0].valid_from", "date-format"},
        Case{"unknown_kind", [](json::object& c) { c["kind"] = "komo"; }, "$.certificates[0].kind",
             "certificate-kind"},
        Case{"unknown_topic", [](json::object& c) { c["topics"].as_array()[0] = "plumbing"; },
             "$.certificates[0].topics[0]", "unknown-topic"},
        Case{"no_topics", [](json::object& c) { c["topics"] = json::array{}; }, "$.certificates[0].topics",
             "certificate-topics"},
        Case{"topic_twice", [](json::object& c) { c["topics"] = json::array{"drinking-water", "drinking-water"}; },
             "$.certificates[0].topics[1]", "unique"},
        Case{"bad_holder_kvk", [](json::object& c) { c["holder"].as_object()["kvk"] = "1234567"; },
             "$.certificates[0].holder.kvk", "kvk-format"},
        Case{"without_holder", [](json::object& c) { c.erase("holder"); }, "$.certificates[0].holder", "required"},
        Case{"without_number", [](json::object& c) { c.erase("number"); }, "$.certificates[0].number", "required"},
        Case{"without_scheme", [](json::object& c) { c.erase("scheme"); }, "$.certificates[0].scheme", "required"},
        // The members of the old shape are refused like any unknown member.
        Case{"old_topic_member", [](json::object& c) { c["topic"] = "drinking-water"; }, "$.certificates[0].topic",
             "unknown-member"},
        Case{"old_reference_member", [](json::object& c) { c["reference"] = "KIWA K12345/01"; },
             "$.certificates[0].reference", "unknown-member"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(Certificate, MissingValidityNamesTheRuleAndTheFile) {
  try {
    read_project(json::serialize(project_with([](json::object& c) { c.erase("valid_until"); })), "examples/x.json");
    FAIL() << "accepted";
  } catch (const ValidationError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("examples/x.json", 0), 0u) << what;
    EXPECT_NE(what.find("$.certificates[0].valid_until"), std::string::npos) << what;
    EXPECT_NE(what.find("[certificate-validity]"), std::string::npos) << what;
    EXPECT_NE(what.find("geen einddatum van de geldigheid"), std::string::npos) << what;
  }
}

TEST(Certificate, ReadAndWrittenUnchanged) {
  const Project p = read_project(test::read(test::example_project("kloosterstraat-12")), "k.json");
  ASSERT_EQ(p.certificates.size(), 1u);
  const CertificateRef& c = p.certificates[0];
  EXPECT_EQ(c.kind, "ekv");
  EXPECT_EQ(c.scheme, "BRL 14021");
  EXPECT_EQ(c.number, "K12345/01");
  EXPECT_EQ(c.holder.name, "Installatiebedrijf Hofstede BV");
  EXPECT_EQ(c.holder.kvk, std::optional<std::string>("12345678"));
  EXPECT_EQ(c.valid_from, *Date::parse("2024-03-01"));
  EXPECT_EQ(c.valid_until, *Date::parse("2031-03-01"));
  EXPECT_EQ(c.topics, std::vector<std::string>{"drinking-water"});
  const Project again = read_project(json::serialize(to_json(p)), "again.json");
  EXPECT_EQ(write(again), write(p));
  EXPECT_EQ(write(p), serialize_canonical(to_json(p)));  // both writers agree
  // Without the optional kvk too.
  Project no_kvk = p;
  no_kvk.certificates[0].holder.kvk.reset();
  EXPECT_EQ(write(no_kvk), serialize_canonical(to_json(no_kvk)));
  EXPECT_NE(write(p).find("\"holder\":{\"kvk\":\"12345678\",\"name\""), std::string::npos) << write(p);
  EXPECT_NE(write(no_kvk).find("\"holder\":{\"name\""), std::string::npos) << write(no_kvk);
}

TEST(Certificate, CoversAndValidOn) {
  CertificateRef c;
  c.kind = "ekv";
  c.topics = {"drinking-water", "ventilation"};
  c.valid_from = *Date::parse("2024-03-01");
  c.valid_until = *Date::parse("2029-03-01");
  EXPECT_TRUE(c.covers("ventilation"));
  EXPECT_FALSE(c.covers("fire-spread"));
  EXPECT_FALSE(c.valid_on(*Date::parse("2024-02-29")));
  EXPECT_TRUE(c.valid_on(*Date::parse("2024-03-01")));  // both ends inclusive
  EXPECT_TRUE(c.valid_on(*Date::parse("2029-03-01")));
  EXPECT_FALSE(c.valid_on(*Date::parse("2029-03-02")));
  Project p;
  p.certificates = {c};
  EXPECT_TRUE(p.has_certificate("ventilation"));
  EXPECT_TRUE(p.has_certificate("ventilation", "ekv"));
  EXPECT_FALSE(p.has_certificate("ventilation", "product-certificate"));
  EXPECT_FALSE(p.has_certificate("fire-spread"));
}

TEST(Certificate, KindsHaveDutchLabels) {
  for (auto k : certificate_kinds()) EXPECT_NE(certificate_kind_label_nl(k), std::string(k)) << k;
  CertificateRef c;
  c.kind = "ekv";
  c.scheme = "BRL 14021";
  c.number = "K1";
  c.valid_from = *Date::parse("2024-03-01");
  c.valid_until = *Date::parse("2029-03-01");
  EXPECT_EQ(certificate_ref_nl(c),
            "de erkende kwaliteitsverklaring K1 (BRL 14021, geldig van 1 maart 2024 tot en met 1 maart 2029)");
  c.kind = "product-certificate";
  EXPECT_EQ(certificate_ref_nl(c).rfind("het productcertificaat K1 (", 0), 0u) << certificate_ref_nl(c);
}

}  // namespace
