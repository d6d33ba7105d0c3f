// The host's certificate rules (docs/sdk/certificates.md): an instrument sees
// only the certificates valid on the assessment date; a risk a certificate
// covers always has a certificate-check control; a conform certificate check
// after the certificate expired is refused.
#include <gtest/gtest.h>

#include <algorithm>

#include "host_fixtures.hpp"
#include "wkb/host/certificates.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/host/rules.hpp"

using namespace wkb;
using wkb::test::expect_plugin_failure;
using wkb::test::names_rule;

namespace {

// kloosterstraat-12: one EKV (K12345/01) for drinking water, valid from
// 2024-03-01 to 2031-03-01; Seriebouw lowers the risk's likelihood by 2.
const Date kValid = *Date::parse("2026-05-01");
const Date kExpired = *Date::parse("2031-03-02");

std::unique_ptr<host::CheckedInstrument> seriebouw_on(Date d) {
  auto i = test::seriebouw();
  i->set_assessment_date(d);
  return i;
}

const Risk& drinking_water(const Assessment& a) {
  const Risk* r = a.risk("R-drinking-water");
  if (!r) throw std::runtime_error("no drinking-water risk");
  return *r;
}

std::vector<const Control*> certificate_checks(const Plan& p, const std::string& risk) {
  std::vector<const Control*> out;
  for (const auto& c : p.controls)
    if (c.risk == risk && c.method == ControlMethod::certificate_check) out.push_back(&c);
  return out;
}

Findings all_conform(const Project& p, const Plan& plan, Date date) {
  Findings f{p.id, {}};
  for (const auto& c : plan.controls) {
    if (c.units.empty()) f.findings.push_back({c.id, std::nullopt, FindingResult::conform, "", "t", date});
    for (const auto& u : c.units) f.findings.push_back({c.id, u, FindingResult::conform, "", "t", date});
  }
  return f;
}

}  // namespace

TEST(Certificates, AValidEkvLowersTheRiskAndIsAlwaysChecked) {
  auto i = seriebouw_on(kValid);
  const Project p = test::project("kloosterstraat-12");
  const auto r = host::run_pipeline(*i, p);
  const Risk& risk = drinking_water(r.assessment);
  EXPECT_LT(risk.score, i->description().thresholds.control) << "the EKV brings it below the control threshold";
  EXPECT_NE(risk.rationale.find("EKV"), std::string::npos) << risk.rationale;
  // Below the threshold, and still a certificate check.
  const auto checks = certificate_checks(r.plan, risk.id);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_TRUE(checks[0]->units.empty());
  EXPECT_TRUE(i->warnings().empty());
}

TEST(Certificates, AnExpiredCertificateGivesNoReductionAndAWarning) {
  const Project p = test::project("kloosterstraat-12");
  auto valid = seriebouw_on(kValid);
  auto expired = seriebouw_on(kExpired);
  const int lowered = drinking_water(valid->assess(p)).score;
  const auto r = host::run_pipeline(*expired, p);
  const Risk& risk = drinking_water(r.assessment);
  EXPECT_GT(risk.score, lowered) << "the expired EKV must not lower the risk";
  EXPECT_EQ(risk.rationale.find("EKV"), std::string::npos) << risk.rationale;
  // Not certified for the plugin, so no certificate-check is required or made.
  EXPECT_TRUE(certificate_checks(r.plan, risk.id).empty());
  // One warning, however many calls saw the project.
  ASSERT_EQ(expired->warnings().size(), 1u);
  EXPECT_EQ(expired->warnings()[0].code, "certificate-expired");
  const std::string& m = expired->warnings()[0].message;
  EXPECT_NE(m.find("K12345/01"), std::string::npos) << m;
  EXPECT_NE(m.find("2 maart 2031"), std::string::npos) << m;
  EXPECT_NE(m.find("verlopen"), std::string::npos) << m;
  // The project itself stays as the user gave it.
  EXPECT_EQ(p.certificates.size(), 1u);
  EXPECT_EQ(expired->seen_by_plugin(p).certificates.size(), 0u);
}

TEST(Certificates, ACertificateNotYetValidIsLeftOutToo) {
  auto i = seriebouw_on(*Date::parse("2024-02-29"));
  const Project p = test::project("kloosterstraat-12");
  EXPECT_TRUE(i->seen_by_plugin(p).certificates.empty());
  ASSERT_EQ(i->warnings().size(), 1u);
  EXPECT_EQ(i->warnings()[0].code, "certificate-not-yet-valid");
  // Both ends of the validity are inclusive.
  EXPECT_EQ(seriebouw_on(*Date::parse("2024-03-01"))->seen_by_plugin(p).certificates.size(), 1u);
  EXPECT_EQ(seriebouw_on(*Date::parse("2031-03-01"))->seen_by_plugin(p).certificates.size(), 1u);
}

TEST(Certificates, APlanWithoutTheCertificateCheckIsAPluginFailure) {
  auto i = test::fixture("no-certificate-check");
  i->set_assessment_date(kValid);
  const auto e = expect_plugin_failure([&] { host::run_pipeline(*i, test::project("kloosterstraat-12")); });
  EXPECT_EQ(e.method(), "plan");
  EXPECT_EQ(e.exit_code(), host::kExitPluginFailure);
  ASSERT_TRUE(names_rule(e, "certificate-check")) << e.what();
  const std::string what = e.what();
  EXPECT_NE(what.find("R-drinking-water"), std::string::npos) << what;
  EXPECT_NE(what.find("K12345/01"), std::string::npos) << what;
  // Once the certificate has expired there is nothing to check: the same
  // plugin passes.
  auto later = test::fixture("no-certificate-check");
  later->set_assessment_date(kExpired);
  EXPECT_NO_THROW(host::run_pipeline(*later, test::project("kloosterstraat-12")));
}

TEST(Certificates, CheckPlanRequiresTheControlWhateverTheScore) {
  auto i = seriebouw_on(kValid);
  const Project p = test::project("kloosterstraat-12");
  const auto r = host::run_pipeline(*i, p);
  Plan plan = r.plan;
  // Another method for the same risk does not count.
  for (auto& c : plan.controls)
    if (c.method == ControlMethod::certificate_check) c.method = ControlMethod::document_review;
  Issues issues;
  host::check_plan(i->seen_by_plugin(p), i->description(), r.assessment, r.sample, plan, issues);
  ASSERT_FALSE(issues.empty());
  EXPECT_TRUE(std::any_of(issues.list().begin(), issues.list().end(), [](const Issue& x) {
    return x.rule == "certificate-check" && x.path == "$.controls";
  }));
  // A plan file checked against the instrument says the same (invalid input).
  EXPECT_THROW(host::check_plan_file(*i, p, plan, "plan.json"), ValidationError);
  EXPECT_NO_THROW(host::check_plan_file(*i, p, r.plan, "plan.json"));
}

TEST(Certificates, AConformCheckAfterExpiryIsRefused) {
  auto i = seriebouw_on(kValid);
  const Project p = test::project("kloosterstraat-12");
  const auto r = host::run_pipeline(*i, p);
  const auto checks = certificate_checks(r.plan, "R-drinking-water");
  ASSERT_EQ(checks.size(), 1u);
  Findings f = all_conform(p, r.plan, kValid);
  EXPECT_NO_THROW(host::evaluate_findings(*i, p, r.plan, f, "findings.json"));
  std::size_t at = 0;
  while (f.findings[at].control != checks[0]->id) ++at;
  f.findings[at].date = kExpired;
  try {
    host::evaluate_findings(*i, p, r.plan, f, "findings.json");
    FAIL() << "accepted";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.issues().size(), 1u) << e.what();
    EXPECT_EQ(e.issues()[0].rule, "certificate-expired");
    EXPECT_EQ(e.issues()[0].path, "$.findings[" + std::to_string(at) + "].date");
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("findings.json", 0), 0u) << what;
    EXPECT_NE(what.find("K12345/01"), std::string::npos) << what;
    EXPECT_NE(what.find("tot en met 1 maart 2031"), std::string::npos) << what;
  }
  // Before the validity starts, too; an open finding on that day is the
  // assurer's honest answer and stays allowed.
  f.findings[at].date = *Date::parse("2024-02-29");
  EXPECT_THROW(host::evaluate_findings(*i, p, r.plan, f, "findings.json"), ValidationError);
  f.findings[at].result = FindingResult::open;
  f.findings[at].date = kExpired;
  EXPECT_NO_THROW(host::evaluate_findings(*i, p, r.plan, f, "findings.json"));
}

TEST(Certificates, AnyCertificateOnTheTopicCounts) {
  // Two certificates on the topic: a finding inside either is accepted.
  Project p = test::project("kloosterstraat-12");
  CertificateRef renewed = p.certificates[0];
  renewed.number = "K12345/02";
  renewed.valid_from = *Date::parse("2031-03-02");
  renewed.valid_until = *Date::parse("2036-03-01");
  p.certificates.push_back(renewed);
  Plan plan;
  plan.project = p.id;
  Control c;
  c.id = "C-cert";
  c.risk = "R-drinking-water";
  c.topic = "drinking-water";
  c.method = ControlMethod::certificate_check;
  c.phase = Phase::installations;
  plan.controls.push_back(c);
  Findings f{p.id, {{"C-cert", std::nullopt, FindingResult::conform, "", "t", kExpired}}};
  Issues issues;
  host::check_certificate_findings(p, plan, f, issues);
  EXPECT_TRUE(issues.empty());
  p.certificates.pop_back();
  host::check_certificate_findings(p, plan, f, issues);
  EXPECT_EQ(issues.list().size(), 1u);
}
