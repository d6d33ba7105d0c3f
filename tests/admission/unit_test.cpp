// Unit tests of the admission harness's parts and of the host modules it
// added (independence register, certificate trust).
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <regex>
#include <set>

#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/generator.hpp"
#include "wkb/admission/policy.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/register.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace fs = std::filesystem;
using namespace wkb;
using namespace wkb::admission;

namespace {

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("wkb-adm-unit-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

const char* kRegister = R"({
  "schema": "wkb.register/1",
  "entities": [
    {"kvk": "10000000", "name": "Moeder NV", "directors": ["R. Visser"]},
    {"kvk": "10000001", "name": "Tussenholding BV", "parent_kvk": "10000000"},
    {"kvk": "11112222", "name": "Aanbieder BV", "parent_kvk": "10000001", "directors": ["A. Jansen", " J. de Vries "], "roles": ["instrument-provider"]},
    {"kvk": "33334444", "name": "Groepsborg BV", "parent_kvk": "10000000", "roles": ["assurer"]},
    {"kvk": "55556666", "name": "Borg Noord BV", "directors": ["J. de Vries"], "roles": ["assurer"]},
    {"kvk": "77778888", "name": "Borg Zuid BV", "directors": ["K. Smit"], "roles": ["assurer"]}
  ],
  "licenses": [
    {"instrument": "nl.x.y", "assurer_kvk": "33334444"},
    {"instrument": "nl.x.y", "assurer_kvk": "55556666"},
    {"instrument": "nl.other.z", "assurer_kvk": "77778888"}
  ]})";

}  // namespace

// ---- independence register -------------------------------------------------------

TEST(Register, RelatesEntitiesBySameKvkGroupAndDirector) {
  const auto reg = host::read_register(kRegister, "register");
  EXPECT_EQ(reg.involvement("11112222", "11112222").kind, host::Involvement::same_entity);
  // Through two levels of ownership to the same ultimate parent.
  EXPECT_EQ(reg.ultimate_parent("11112222"), "10000000");
  const auto group = reg.involvement("11112222", "33334444");
  EXPECT_EQ(group.kind, host::Involvement::same_group);
  EXPECT_NE(group.explanation.find("Moeder NV"), std::string::npos);
  // Director names are compared after trimming.
  const auto director = reg.involvement("11112222", "55556666");
  EXPECT_EQ(director.kind, host::Involvement::shared_director);
  EXPECT_NE(director.explanation.find("J. de Vries"), std::string::npos);
  EXPECT_EQ(reg.involvement("11112222", "77778888").kind, host::Involvement::none);
  // An entity outside the register is only involved with itself.
  EXPECT_EQ(reg.involvement("99999999", "77778888").kind, host::Involvement::none);
  EXPECT_EQ(reg.licensed_assurers("nl.x.y"), (std::vector<std::string>{"33334444", "55556666"}));
  EXPECT_TRUE(reg.is_licensed("nl.other.z", "77778888"));
  EXPECT_FALSE(reg.is_licensed("nl.x.y", "77778888"));
}

TEST(Register, RuntimeRuleRefusesInvolvedOrUnlicensedAssurers) {
  const auto reg = host::read_register(kRegister, "register");
  Project p = base_project("P-1", BuildingType::dwelling, 2);
  auto rules_for = [&](std::string_view instrument) {
    Issues issues;
    host::check_assurer_independence(reg, p, instrument, issues);
    std::vector<std::string> out;
    for (const auto& i : issues.list()) out.push_back(i.path + " " + i.rule);
    return out;
  };
  p.parties.assurer.kvk = "77778888";  // licensed for nl.other.z, unrelated to everyone
  p.parties.contractor.kvk = "12345678";
  EXPECT_TRUE(rules_for("nl.other.z").empty());
  EXPECT_EQ(rules_for("nl.x.y"), (std::vector<std::string>{"$.parties.assurer.kvk assurer-not-licensed"}));
  // The designer sharing a director with the assurer (licensed for nl.x.y).
  p.parties.assurer.kvk = "55556666";
  p.parties.designer = Party{"Architect", std::string("11112222"), std::nullopt};
  EXPECT_EQ(rules_for("nl.x.y"), (std::vector<std::string>{"$.parties.designer.kvk assurer-involved"}));
  // The contractor in the assurer's group (shared ultimate parent).
  p.parties.assurer.kvk = "33334444";
  p.parties.designer.reset();
  p.parties.contractor.kvk = "11112222";
  EXPECT_EQ(rules_for("nl.x.y"), (std::vector<std::string>{"$.parties.contractor.kvk assurer-involved"}));
  p.parties.assurer.kvk.reset();
  EXPECT_EQ(rules_for("nl.x.y"), (std::vector<std::string>{"$.parties.assurer.kvk assurer-kvk-required"}));
}

TEST(Register, RefusesCyclesBadKvkUnknownRolesAndUnknownLicensees) {
  const char* bad = R"({"schema": "wkb.register/1",
    "entities": [
      {"kvk": "10000000", "name": "A", "parent_kvk": "20000000"},
      {"kvk": "20000000", "name": "B", "parent_kvk": "10000000"},
      {"kvk": "1234", "name": "C", "roles": ["builder"]},
      {"kvk": "20000000", "name": "B again"}],
    "licenses": [{"instrument": "nl.x.y", "assurer_kvk": "30000000"}]})";
  try {
    host::read_register(bad, "bad.json");
    FAIL() << "accepted an invalid register";
  } catch (const ValidationError& e) {
    std::set<std::string> rules;
    for (const auto& i : e.issues()) rules.insert(i.rule);
    EXPECT_TRUE(rules.count("ownership-cycle"));
    EXPECT_TRUE(rules.count("kvk-format"));
    EXPECT_TRUE(rules.count("allowed-value"));
    EXPECT_TRUE(rules.count("unique"));
    EXPECT_TRUE(rules.count("unknown-entity"));
    EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
  }
}

TEST(Register, ShippedFixtureRegistersAreValid) {
  for (auto name : {"independent", "self-licence", "same-group", "shared-director"})
    EXPECT_NO_THROW(host::load_register(fs::path(WKB_SOURCE_DIR) / "admission/fixtures/registers" /
                                        (std::string(name) + ".json")))
        << name;
}

// ---- certificates and trust ---------------------------------------------------------

namespace {
struct Keys {
  std::string pk, sk;
  Keys() {
    EXPECT_GE(sodium_init(), 0);
    pk.resize(crypto_sign_PUBLICKEYBYTES);
    sk.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
  }
  std::string sign(const host::CertificatePayload& p) const {
    const std::string m = host::payload_canonical_json(p);
    std::string sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                         reinterpret_cast<const unsigned char*>(sk.data()));
    return host::certificate_json(p, pk, sig);
  }
};

host::CertificatePayload sample_payload() {
  host::CertificatePayload p;
  p.plugin_id = "nl.x.y";
  p.plugin_version = "1.0.0";
  p.files = {{"libx.so", std::string(64, 'a')}, {"plugin.json", std::string(64, 'b')}};
  p.suite_version = "1.0.0";
  p.policy_id = "tlokb";
  p.policy_version = "2026.1";
  p.policy_sha256 = std::string(64, 'c');
  p.report_sha256 = std::string(64, 'd');
  p.verdict = "admitted";
  p.date = "2026-11-26";
  return p;
}
}  // namespace

TEST(Trust, SignedCertificateVerifiesAndAnyChangeBreaksIt) {
  Keys keys;
  const std::string cert = keys.sign(sample_payload());
  const auto p = host::verify_certificate(cert, keys.pk, "certificate.json");
  EXPECT_EQ(p.plugin_id, "nl.x.y");
  EXPECT_EQ(p.files, sample_payload().files);

  std::string altered = cert;
  altered.replace(altered.find("\"version\":\"1.0.0\""), 17, "\"version\":\"1.0.1\"");
  EXPECT_THROW(host::verify_certificate(altered, keys.pk, "c"), host::InputError);
  std::string hash_altered = cert;
  hash_altered.replace(hash_altered.find(std::string(64, 'a')), 64, std::string(64, 'e'));
  EXPECT_THROW(host::verify_certificate(hash_altered, keys.pk, "c"), host::InputError);

  Keys other;
  try {
    host::verify_certificate(cert, other.pk, "c");
    FAIL() << "verified with a key that did not sign";
  } catch (const host::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ondertekend met een andere sleutel"), std::string::npos);
  }
  // A certificate carrying the attacker's own key and signature is still refused.
  const std::string forged = other.sign(sample_payload());
  EXPECT_THROW(host::verify_certificate(forged, keys.pk, "c"), host::InputError);
  EXPECT_THROW(host::verify_certificate("{not json", keys.pk, "c"), host::InputError);
}

TEST(Trust, HashesEveryFileExceptTheCertificateSortedByPath) {
  const fs::path d = temp_dir("hash");
  host::write_text_file_atomic(d / "plugin.json", "{}");
  host::write_text_file_atomic(d / "b.lua", "return {}");
  fs::create_directories(d / "lib");
  host::write_text_file_atomic(d / "lib" / "a.lua", "x");
  host::write_text_file_atomic(d / "certificate.json", "{}");
  const auto files = host::hash_plugin_files(d);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, "b.lua");
  EXPECT_EQ(files[1].path, "lib/a.lua");
  EXPECT_EQ(files[2].path, "plugin.json");
  EXPECT_EQ(files[1].sha256, host::sha256_hex("x"));
  fs::create_symlink(d / "b.lua", d / "link.lua");
  EXPECT_THROW(host::hash_plugin_files(d), host::InputError);
  fs::remove_all(d);
}

TEST(Trust, RequireTrustedChecksIdentityFilesAndKeyFile) {
  const fs::path d = temp_dir("require");
  const fs::path plugin = d / "plugin";
  fs::create_directories(plugin);
  auto manifest_text = [](const std::string& version) {
    return R"({"id": "nl.x.y", "name": "X", "version": ")" + version +
           R"(", "sdk": 1, "kind": "lua", "entry": "main.lua", "provider": {"kvk": "11112222", "name": "P"}})";
  };
  host::write_text_file_atomic(plugin / "plugin.json", manifest_text("1.0.0"));
  host::write_text_file_atomic(plugin / "main.lua", "return {}");
  Keys keys;
  host::write_text_file_atomic(d / "k.pub", host::to_hex(keys.pk) + "\n");
  host::CertificatePayload p = sample_payload();
  p.files = host::hash_plugin_files(plugin);
  host::write_text_file_atomic(plugin / "certificate.json", keys.sign(p));
  EXPECT_NO_THROW(host::require_trusted(host::read_manifest(plugin), d / "k.pub"));

  auto refusal = [&]() -> std::string {
    try {
      host::require_trusted(host::read_manifest(plugin), d / "k.pub");
    } catch (const host::PluginFailure& e) {
      EXPECT_EQ(e.code(), "untrusted");
      return e.what();
    }
    return "(accepted)";
  };
  // A file added next to the certified ones.
  host::write_text_file_atomic(plugin / "extra.lua", "return 1");
  EXPECT_NE(refusal().find("extra.lua is niet gecertificeerd"), std::string::npos);
  fs::remove(plugin / "extra.lua");
  // A certificate of another version than the manifest.
  host::write_text_file_atomic(plugin / "plugin.json", manifest_text("1.0.1"));
  EXPECT_NE(refusal().find("is voor nl.x.y 1.0.0, niet voor nl.x.y 1.0.1"), std::string::npos) << refusal();
  // A key file that is not a key: a usage problem of the command line.
  host::write_text_file_atomic(d / "bad.pub", "not hex");
  EXPECT_THROW(host::require_trusted(host::read_manifest(plugin), d / "bad.pub"), host::UsageError);
  fs::remove_all(d);
}

// ---- policy ---------------------------------------------------------------------------

TEST(Policy, DefaultPolicyLoadsWithItsFloors) {
  const Policy p = load_policy(fs::path(WKB_SOURCE_DIR) / "admission/policy/default.json");
  EXPECT_EQ(p.id, "tlokb-toelatingsbeleid");
  EXPECT_FALSE(p.version.empty());
  // Every area of Omgevingsregeling art. 3.51 lid 1 has a floor.
  std::set<std::string> areas;
  for (const auto& f : p.competence_areas) areas.insert(f.area);
  for (auto a : competence_areas()) EXPECT_TRUE(areas.count(std::string(a))) << a;
  EXPECT_DOUBLE_EQ(p.sampling_min_fraction, 0.1);
  EXPECT_EQ(p.time_budget_ms.size(), 5u);
  EXPECT_EQ(p.evidence_terms.size(), 4u);
  EXPECT_EQ(p.sha256.size(), 64u);
}

namespace {

// A description that meets every area of the default policy.
Description competent_description() {
  Description d;
  d.competence = {
      {"risk-assessment-and-plan", "hbo", 3,
       "Drie jaar werkervaring als leidinggevende met risicobeoordelingen en borgingsplannen."},
      {"structural-safety", "hbo", 3, "Drie jaar controle van constructieberekeningen en -tekeningen."},
      {"fire-safety", "wo", 5, "Vijf jaar toetsing van bouwplannen aan de regels voor brandveiligheid."},
      {"building-physics", "mbo-4", 3, "Drie jaar toetsing aan de regels voor gezondheid en energiezuinigheid."},
      {"installations", "hbo", 4, "Vier jaar controle van installaties voor ventilatie, water en energie."},
      {"site-inspection", "mbo-4", 3, "Drie jaar toezicht op de bouwplaats bij grondgebonden woningen."}};
  return d;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  return all;
}

}  // namespace

TEST(Policy, CompetenceAtTheFloorOfEveryAreaPasses) {
  const Policy p = load_policy(fs::path(WKB_SOURCE_DIR) / "admission/policy/default.json");
  EXPECT_EQ(joined(competence_shortfalls(competent_description(), p)), "");
}

TEST(Policy, CompetenceRefusesAMissingAreaNamingItAndItsSource) {
  const Policy p = load_policy(fs::path(WKB_SOURCE_DIR) / "admission/policy/default.json");
  for (auto area : competence_areas()) {
    Description d = competent_description();
    std::erase_if(d.competence, [&](const Competence& c) { return c.role == area; });
    const auto lines = competence_shortfalls(d, p);
    ASSERT_EQ(lines.size(), 1u) << area << "\n" << joined(lines);
    EXPECT_NE(lines[0].find("geen competentie-eis verklaard voor het deelgebied"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find(competence_area_label_nl(area)), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("\"" + std::string(area) + "\""), std::string::npos) << lines[0];
  }
}

TEST(Policy, CompetenceRefusesMboForCoordinationAndTooFewYearsPerArea) {
  const Policy p = load_policy(fs::path(WKB_SOURCE_DIR) / "admission/policy/default.json");
  Description d = competent_description();
  d.competence[0].education = "mbo-4";  // coordination needs hbo
  d.competence[2].min_years_experience = 4;  // fire safety needs five years
  d.competence[3].education = "mbo";  // bouwfysica needs mbo-4; an unstated level is not enough
  const auto lines = competence_shortfalls(d, p);
  ASSERT_EQ(lines.size(), 3u) << joined(lines);
  EXPECT_NE(lines[0].find("$.competence[0]"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"mbo-4\" ligt onder de ondergrens \"hbo\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("Omgevingsregeling art. 3.51 lid 1 onder a"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("$.competence[2]"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("4 jaar werkervaring; ten minste 5 jaar"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("$.competence[3]"), std::string::npos) << lines[2];
  // Higher than the floor is fine: wo for fire safety, hbo for installations.
  d = competent_description();
  d.competence[0].experience_criteria = "Drie jaar ervaring met risicobeoordelingen en borgingsplannen van woningen.";
  const auto lead = competence_shortfalls(d, p);
  ASSERT_EQ(lead.size(), 1u) << joined(lead);
  EXPECT_NE(lead[0].find("leidinggevend"), std::string::npos) << lead[0];
}

TEST(Policy, RefusesAnUnknownAreaOrEducationLevel) {
  const fs::path d = temp_dir("policy-areas");
  std::string text = host::read_text_file(fs::path(WKB_SOURCE_DIR) / "admission/policy/default.json");
  auto swap = [&](const std::string& from, const std::string& to) {
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
  };
  swap("\"fire-safety\": {", "\"fire\": {");
  swap("\"structural-safety\": {\"education\": \"hbo\"", "\"structural-safety\": {\"education\": \"hbo-plus\"");
  host::write_text_file_atomic(d / "p.json", text);
  try {
    load_policy(d / "p.json");
    FAIL() << "accepted an unknown area";
  } catch (const ValidationError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("$.competence.areas.fire"), std::string::npos) << what;
    EXPECT_NE(what.find("onbekend deelgebied"), std::string::npos) << what;
    EXPECT_NE(what.find("$.competence.areas.structural-safety.education"), std::string::npos) << what;
    EXPECT_NE(what.find("\"hbo-plus\""), std::string::npos) << what;
  }
  fs::remove_all(d);
}

TEST(Policy, RejectsUnknownAndMissingMembersWithPaths) {
  const fs::path d = temp_dir("policy");
  std::string text = host::read_text_file(fs::path(WKB_SOURCE_DIR) / "admission/policy/default.json");
  text.replace(text.find("\"inactivity_timeout_ms\""), 23, "\"inactivity_timeout\"");
  host::write_text_file_atomic(d / "p.json", text);
  try {
    load_policy(d / "p.json");
    FAIL() << "accepted a policy with a misspelt member";
  } catch (const ValidationError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("$.inactivity_timeout"), std::string::npos) << what;
    EXPECT_NE(what.find("$.inactivity_timeout_ms"), std::string::npos) << what;
  }
  fs::remove_all(d);
}

// ---- generated projects and corpus ---------------------------------------------------------

TEST(Generator, SameSeedSameProjectDifferentSeedDifferentProject) {
  const std::vector<BuildingType> all{BuildingType::dwelling, BuildingType::holiday_dwelling,
                                      BuildingType::floating_dwelling, BuildingType::industrial};
  EXPECT_EQ(write(generate_project(42, 3, all, 500)), write(generate_project(42, 3, all, 500)));
  int differ = 0;
  for (int i = 0; i < 20; ++i) differ += write(generate_project(42, i, all, 500)) != write(generate_project(43, i, all, 500));
  EXPECT_GE(differ, 19);
}

TEST(Generator, GeneratedProjectsAreValidAndSpanTheRanges) {
  const std::vector<BuildingType> types{BuildingType::industrial, BuildingType::floating_dwelling};
  std::set<BuildingType> seen;
  int small = 0, large = 0;
  for (int i = 0; i < 300; ++i) {
    const Project p = generate_project(7, i, types, 500);  // read_project inside: valid or it throws
    seen.insert(p.building.type);
    EXPECT_GE(p.building.units, 1);
    EXPECT_LE(p.building.units, 500);
    if (p.building.type == BuildingType::industrial) {
      EXPECT_LE(p.building.storeys, 2);
    }
    small += p.building.units <= 10;
    large += p.building.units > 100;
    const bool execution = std::any_of(p.schedule.begin(), p.schedule.end(),
                                       [](const SchedulePhase& s) { return s.phase != Phase::design; });
    EXPECT_TRUE(execution) << p.id;
  }
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_GT(small, 0);
  EXPECT_GT(large, 0);
}

TEST(Corpus, SpansTypesSizesConditionsDocumentsAndCertificates) {
  const auto corpus = load_corpus(fs::path(WKB_SOURCE_DIR) / "admission/corpus");
  EXPECT_GE(corpus.size(), 20u);
  std::set<BuildingType> types;
  std::set<std::string> conditions;
  int min_units = 1 << 30, max_units = 0;
  bool beng_missing = false, ekv = false;
  for (const auto& c : corpus) {
    types.insert(c.project.building.type);
    min_units = std::min(min_units, c.project.building.units);
    max_units = std::max(max_units, c.project.building.units);
    conditions.insert(c.project.local_conditions.begin(), c.project.local_conditions.end());
    beng_missing |= c.project.document_missing("beng-calculation");
    ekv |= std::any_of(c.project.certificates.begin(), c.project.certificates.end(),
                       [](const CertificateRef& r) { return r.kind == "ekv"; });
  }
  EXPECT_EQ(types.size(), 4u);
  EXPECT_EQ(min_units, 1);
  EXPECT_EQ(max_units, 500);
  for (auto c : {"soft-soil", "fire-separation-under-5m", "noise-zone"}) EXPECT_TRUE(conditions.count(c)) << c;
  EXPECT_TRUE(beng_missing);
  EXPECT_TRUE(ekv);
}

// ---- catalogue and reports ---------------------------------------------------------------------

TEST(Catalogue, StableKebabCaseIdsOverAllFiveChapters) {
  const std::regex kebab("^[a-z0-9]+(-[a-z0-9]+)*$");
  std::set<std::string> ids;
  std::set<int> chapters;
  for (const auto& t : catalogue()) {
    EXPECT_TRUE(std::regex_match(t.id, kebab)) << t.id;
    EXPECT_TRUE(ids.insert(t.id).second) << "duplicate " << t.id;
    EXPECT_GE(t.chapter, 1);
    EXPECT_LE(t.chapter, 5);
    chapters.insert(t.chapter);
    EXPECT_FALSE(t.title.empty());
  }
  EXPECT_EQ(chapters.size(), 5u);
  for (auto id : {"load-manifest", "responses-valid-corpus", "determinism-across-processes", "fuzz-generated-projects",
                  "time-budget", "independence-same-entity", "decision-missing-beng"})
    EXPECT_TRUE(find_test(id)) << id;
}

TEST(Reports, CrashRejectsAndIsReportedInEveryFormatWithEscaping) {
  RunReport rep;
  rep.suite_version = "1.0.0";
  rep.plugin_id = "nl.x.y";
  rep.plugin_name = "X <script>alert(1)</script>";
  rep.seed = 18446744073709551615ull;
  TestResult ok;
  ok.id = "load-manifest";
  ok.chapter = 1;
  ok.status = Status::pass;
  TestResult crash;
  crash.id = "responses-valid-corpus";
  crash.chapter = 2;
  crash.status = Status::crashed;
  crash.message = "signal 11 & more";
  rep.results = {ok, crash};
  EXPECT_FALSE(rep.admitted());
  EXPECT_EQ(verdict_line(rep).rfind("NIET TOEGELATEN", 0), 0u);
  const std::string junit = junit_xml(rep);
  // A crash is the instrument failing to run: JUnit's <error>, counted in errors=.
  EXPECT_NE(junit.find("<error type=\"crashed\" message=\"signal 11 &amp; more\""), std::string::npos) << junit;
  EXPECT_EQ(junit.find("<failure"), std::string::npos) << junit;
  EXPECT_NE(junit.find("errors=\"1\""), std::string::npos) << junit;
  const std::string html = report_html(rep);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("gecrasht"), std::string::npos);
  const std::string json = report_json(rep);
  // The seed is a string: no JSON reader rounds it.
  EXPECT_NE(json.find("\"seed\":\"18446744073709551615\""), std::string::npos);
  rep.results[1].status = Status::warn;
  EXPECT_TRUE(rep.admitted());
  EXPECT_EQ(verdict_line(rep).rfind("TOEGELATEN", 0), 0u);
  rep.results.clear();
  EXPECT_FALSE(rep.admitted()) << "an empty run admits nothing";
}
