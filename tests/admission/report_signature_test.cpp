// Reports that cannot be edited after the fact (issue 8, item 5): the run
// signs report.json with a key pair of its own (report.sig.json), and certify
// checks that signature and recomputes the verdict from the tests.
//
// Unit tests on synthetic reports first, then end to end through the real
// wkb-admission executable: a tampered report, a re-signed forgery, a missing
// signature.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>

#include "command.hpp"
#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/certify.hpp"
#include "wkb/admission/report_signature.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/json.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace wkb;
using namespace wkb::admission;

namespace {

fs::path temp_dir(const std::string& name) { return test::fresh_temp_dir("wkb-adm-sig-", name); }

// ---- forging, as an attacker with write access to the report folder would ----

std::string hex(const unsigned char* p, std::size_t n) {
  return host::to_hex(std::string_view(reinterpret_cast<const char*>(p), n));
}

// report.sig.json for `text`, made with a fresh key pair, in the documented
// format (docs/admission/reading-a-report.md); independent of report.cpp.
std::string forge_signature(const std::string& text, std::string* public_key_hex = nullptr) {
  EXPECT_GE(sodium_init(), 0);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
  crypto_sign_keypair(pk, sk);
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(), sk);
  if (public_key_hex) *public_key_hex = hex(pk, sizeof pk);
  return serialize_canonical(json::object{{"schema", "wkb.admission-report-signature/1"},
                                          {"report", "report.json"},
                                          {"report_sha256", host::sha256_hex(text)},
                                          {"public_key", hex(pk, sizeof pk)},
                                          {"signature", hex(sig, sizeof sig)},
                                          {"algorithm", "ed25519"}}) +
         "\n";
}

std::string text_of(const json::object& rep) { return serialize_canonical(rep) + "\n"; }

// Makes counts, verdict and verdict_line agree with the tests again.
void recount(json::object& rep) {
  RunReport stub;
  stub.complete = rep.at("complete").as_bool();
  for (const auto& t : rep.at("tests").as_array()) {
    TestResult r;
    EXPECT_TRUE(parse_status(std::string(t.at("status").as_string()), r.status));
    stub.results.push_back(r);
  }
  json::object counts;
  for (Status s : {Status::pass, Status::fail, Status::warn, Status::skip, Status::crashed, Status::timeout})
    counts[to_string(s)] =
        std::count_if(stub.results.begin(), stub.results.end(), [&](const TestResult& r) { return r.status == s; });
  rep["counts"] = std::move(counts);
  rep["verdict"] = stub.admitted() ? "admitted" : "rejected";
  rep["verdict_line"] = verdict_line(stub);
}

// Every catalogue test passes, except the ids in `failing`.
RunReport synthetic(const std::set<std::string>& failing = {}) {
  RunReport rep;
  rep.suite_version = std::string(kSuiteVersion);
  rep.plugin_id = "nl.x.y";
  for (const auto& t : catalogue()) {
    TestResult r;
    r.id = t.id;
    r.chapter = t.chapter;
    r.title = t.title;
    r.status = failing.count(t.id) ? Status::fail : Status::pass;
    rep.results.push_back(r);
  }
  return rep;
}

// The Refused message of check_report_consistent, or "" when it accepts.
std::string consistency_refusal(const std::string& text) {
  try {
    check_report_consistent(text);
    return "";
  } catch (const Refused& e) {
    return e.what();
  }
}

std::string signature_refusal(const std::string& text, const std::string& sig, const std::string& name = "report.json") {
  try {
    check_report_signature(text, sig, name);
    return "";
  } catch (const Refused& e) {
    return e.what();
  }
}

}  // namespace

// ---- unit: signing at the end of a run -------------------------------------------------------

TEST(ReportSignature, WriteReportsSignsTheExactBytesWithAFreshKeyWrittenLast) {
  const fs::path dir = temp_dir("write");
  host::write_text_file_atomic(dir / "report.sig.json", "stale");
  const RunReport rep = synthetic();
  const WrittenReports w = write_reports(rep, dir);
  const std::string text = host::read_text_file(dir / "report.json");
  EXPECT_EQ(text, report_json(rep));
  const json::object sig = json::parse(host::read_text_file(dir / "report.sig.json")).as_object();
  EXPECT_EQ(sig.size(), 6u);
  EXPECT_EQ(sig.at("schema").as_string(), "wkb.admission-report-signature/1");
  EXPECT_EQ(sig.at("report").as_string(), "report.json");
  EXPECT_EQ(sig.at("algorithm").as_string(), "ed25519");
  EXPECT_EQ(std::string(sig.at("report_sha256").as_string()), host::sha256_hex(text));
  EXPECT_EQ(w.report_sha256, host::sha256_hex(text));
  ASSERT_EQ(std::string(sig.at("public_key").as_string()), w.public_key_hex);
  ASSERT_EQ(w.public_key_hex.size(), 64u);
  // Verified with libsodium directly, not with the code under test.
  unsigned char pk[32], s[64];
  std::size_t n = 0;
  ASSERT_EQ(sodium_hex2bin(pk, sizeof pk, w.public_key_hex.data(), 64, nullptr, &n, nullptr), 0);
  const std::string sig_hex(sig.at("signature").as_string());
  ASSERT_EQ(sodium_hex2bin(s, sizeof s, sig_hex.data(), sig_hex.size(), nullptr, &n, nullptr), 0);
  ASSERT_EQ(n, 64u);
  EXPECT_EQ(crypto_sign_verify_detached(s, reinterpret_cast<const unsigned char*>(text.data()), text.size(), pk), 0);
  // The file is canonical JSON on one line, like the other reports.
  EXPECT_EQ(host::read_text_file(dir / "report.sig.json"), serialize_canonical(sig) + "\n");
  // Written last: no report file is newer than the signature.
  const auto sig_time = fs::last_write_time(dir / "report.sig.json");
  for (auto f : {"report.json", "junit.xml", "report.html"}) EXPECT_LE(fs::last_write_time(dir / f), sig_time) << f;
  EXPECT_EQ(check_report_signature(text, host::read_text_file(dir / "report.sig.json"), "report.json"),
            w.public_key_hex);
  // A key pair per run: the same report signed twice has two keys.
  EXPECT_NE(write_reports(rep, dir).public_key_hex, w.public_key_hex);
  fs::remove_all(dir);
}

TEST(ReportSignature, RefusesAnyChangeToReportOrSignature) {
  const std::string text = report_json(synthetic({"declares-competence"}));
  std::string pk;
  const std::string sig = forge_signature(text, &pk);
  ASSERT_EQ(signature_refusal(text, sig), "");
  EXPECT_EQ(check_report_signature(text, sig, "report.json"), pk);

  // The verdict edited, nothing else: the hash no longer matches.
  std::string edited = text;
  edited.replace(edited.find("\"verdict\":\"rejected\""), 20, "\"verdict\":\"admitted\"");
  std::string m = signature_refusal(edited, sig);
  EXPECT_NE(m.find("komt niet overeen met zijn handtekening"), std::string::npos) << m;
  EXPECT_NE(m.find("voer de toets opnieuw uit"), std::string::npos) << m;
  // ...and with the hash updated too, the signature fails.
  json::object s = json::parse(sig).as_object();
  s["report_sha256"] = host::sha256_hex(edited);
  m = signature_refusal(edited, serialize_canonical(s));
  EXPECT_NE(m.find("de handtekening in report.sig.json klopt niet"), std::string::npos) << m;
  // The signature of another report.
  m = signature_refusal(text, forge_signature(text + " "));
  EXPECT_NE(m.find("SHA-256 verschilt"), std::string::npos) << m;
  // Another file named, another schema or algorithm, malformed members or JSON.
  m = signature_refusal(text, sig, "rapport.json");
  EXPECT_NE(m.find("ondertekent \"report.json\", niet rapport.json"), std::string::npos) << m;
  auto with = [&](const char* key, json::value v) {
    json::object o = json::parse(sig).as_object();
    if (v.is_null()) o.erase(key);
    else o[key] = std::move(v);
    return signature_refusal(text, serialize_canonical(o));
  };
  EXPECT_NE(with("schema", "wkb.admission-report-signature/2").find("is geen wkb.admission-report-signature/1"),
            std::string::npos);
  EXPECT_NE(with("algorithm", "rsa").find("onbekend algoritme"), std::string::npos);
  EXPECT_NE(with("public_key", json::string_view(pk.substr(2))).find("public_key is geen 64"), std::string::npos);
  EXPECT_NE(with("signature", nullptr).find("\"signature\" ontbreekt"), std::string::npos);
  EXPECT_NE(with("public_key", 7).find("\"public_key\" ontbreekt of is geen tekst"), std::string::npos);
  // Uppercase hex of the right key is still not the recorded form.
  std::string upper = pk;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_NE(with("public_key", json::string_view(upper)).find("public_key is geen 64"), std::string::npos);
  // Another valid key (the attacker's) does not verify the harness's signature.
  std::string other;
  forge_signature(text, &other);
  EXPECT_NE(with("public_key", json::string_view(other)).find("klopt niet"), std::string::npos);
  EXPECT_NE(signature_refusal(text, "{\"schema\":").find("geen JSON"), std::string::npos);
  EXPECT_NE(signature_refusal(text, "[]").find("geen JSON-object"), std::string::npos);
}

// ---- unit: the recompute ---------------------------------------------------------------------

TEST(ReportConsistency, GenuineReportsAgreeWithTheirTests) {
  EXPECT_EQ(consistency_refusal(report_json(synthetic())), "");
  EXPECT_EQ(consistency_refusal(report_json(synthetic({"declares-competence", "decision-all-conform"}))), "");
  // A partial run need not hold every catalogue test (certify refuses it later).
  RunReport partial = synthetic();
  partial.results.resize(2);
  partial.complete = false;
  partial.only = "^load-";
  EXPECT_EQ(consistency_refusal(report_json(partial)), "");
  // Warnings, skips, crashes and time-outs are counted like the others.
  RunReport mixed = synthetic();
  mixed.results[0].status = Status::warn;
  mixed.results[1].status = Status::skip;
  mixed.results[2].status = Status::crashed;
  mixed.results[3].status = Status::timeout;
  EXPECT_EQ(consistency_refusal(report_json(mixed)), "");
}

TEST(ReportConsistency, RefusesAVerdictCountsOrLineThatDoNotFollowFromTheTests) {
  json::object rep = json::parse(report_json(synthetic({"declares-competence"}))).as_object();
  // The verdict alone flipped.
  json::object v = rep;
  v["verdict"] = "admitted";
  std::string m = consistency_refusal(text_of(v));
  EXPECT_NE(m.find("het oordeel TOEGELATEN (\"admitted\") in report.json volgt niet uit de toetsen: 1 gefaald"), std::string::npos)
      << m;
  // The failing test's status flipped, counts and verdict left as they were.
  json::object t = rep;
  for (auto& x : t["tests"].as_array())
    if (x.at("id") == "declares-competence") x.as_object()["status"] = "pass";
  m = consistency_refusal(text_of(t));
  EXPECT_NE(m.find("het oordeel NIET TOEGELATEN (\"rejected\") in report.json volgt niet uit de toetsen"), std::string::npos) << m;
  // ...and the verdict too: the counts give it away.
  t["verdict"] = "admitted";
  m = consistency_refusal(text_of(t));
  EXPECT_NE(m.find("de aantallen in report.json (counts) volgen niet uit de toetsen: voor geslaagd (\"pass\") staat "
                   "in counts"), std::string::npos)
      << m;
  // ...and the counts too: the verdict line still says NIET TOEGELATEN.
  json::object c = t;
  const std::string line(rep.at("verdict_line").as_string());
  recount(c);
  c["verdict_line"] = line;
  m = consistency_refusal(text_of(c));
  EXPECT_NE(m.find("(verdict_line) volgt niet uit de toetsen"), std::string::npos) << m;
  // All three consistent: this report is self-consistent (the signature,
  // not the recompute, is what stops this one).
  recount(c);
  EXPECT_EQ(consistency_refusal(text_of(c)), "");
  // A status the harness does not know, a count of a status that does not exist.
  json::object u = rep;
  u["tests"].as_array()[0].as_object()["status"] = "passed";
  m = consistency_refusal(text_of(u));
  EXPECT_NE(m.find("heeft een onbekende status \"passed\""), std::string::npos) << m;
  json::object k = rep;
  k["counts"].as_object()["ok"] = 0;
  EXPECT_NE(consistency_refusal(text_of(k)).find("onbekende status \"ok\""), std::string::npos);
  json::object missing = rep;
  missing["counts"].as_object().erase("timeout");
  EXPECT_NE(consistency_refusal(text_of(missing)).find("voor time-out (\"timeout\") ontbreekt het aantal in counts"), std::string::npos);
  // No tests at all: never admitted.
  json::object e = rep;
  e["tests"] = json::array();
  recount(e);
  e["verdict"] = "admitted";
  EXPECT_NE(consistency_refusal(text_of(e)).find("er staan geen toetsen in"), std::string::npos);
}

TEST(ReportConsistency, ACompleteReportHoldsEveryCatalogueTestOnce) {
  json::object rep = json::parse(report_json(synthetic({"declares-competence"}))).as_object();
  // The failing test dropped and everything recounted: admitted and consistent, but incomplete.
  json::object d = rep;
  auto& tests = d["tests"].as_array();
  tests.erase(std::remove_if(tests.begin(), tests.end(), [](const json::value& x) { return x.at("id") == "declares-competence"; }),
              tests.end());
  recount(d);
  ASSERT_EQ(d.at("verdict"), "admitted");
  std::string m = consistency_refusal(text_of(d));
  EXPECT_NE(m.find("heet volledig (complete), maar toets \"declares-competence\""), std::string::npos) << m;
  // Marked partial instead, the report is consistent; certify refuses it as partial.
  d["complete"] = false;
  recount(d);
  EXPECT_EQ(consistency_refusal(text_of(d)), "");
  // A passing test twice in place of the failing one.
  json::object twice = rep;
  auto& t2 = twice["tests"].as_array();
  for (auto& x : t2)
    if (x.at("id") == "declares-competence") x = t2[0];
  recount(twice);
  EXPECT_NE(consistency_refusal(text_of(twice)).find("staat meer dan eens in report.json"), std::string::npos);
  // A test the catalogue does not know, or in another chapter.
  json::object unknown = rep;
  unknown["tests"].as_array()[0].as_object()["id"] = "made-up";
  EXPECT_NE(consistency_refusal(text_of(unknown)).find("\"made-up\", die niet in de catalogus"), std::string::npos);
  json::object chapter = rep;
  auto& first = chapter["tests"].as_array()[0].as_object();
  first["chapter"] = first.at("chapter").as_int64() == 5 ? 1 : 5;
  EXPECT_NE(consistency_refusal(text_of(chapter)).find("in de catalogus onder hoofdstuk"), std::string::npos);
}

// ---- end to end: wkb-admission run and certify -----------------------------------------------

namespace {

using Output = test::CommandOutput;

Output run(const std::vector<std::string>& args) { return test::run_command(args, "2>&1"); }

// Runs the full suite once on an admitted and once on a rejected fixture
// (copies, so that no certificate lands in the build tree); each test works
// on its own copy of the report folder.
class SignedReports : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root = new fs::path(temp_dir("e2e"));
    ASSERT_EQ(run({WKB_ADMISSION_EXE, "keygen", "--out", (*root / "tlokb").string()}).code, 0);
    for (auto [fixture, code] : {std::pair{"toetsbasis", 0}, std::pair{"missing-declarations", 1}}) {
      const fs::path plugin = *root / fixture;
      fs::copy(fs::path(WKB_TEST_PLUGIN_DIR) / fixture, plugin, fs::copy_options::recursive);
      const Output o = run({WKB_ADMISSION_EXE, "run", plugin.string(), "--policy", WKB_TEST_POLICY, "--register",
                            (fs::path(WKB_SOURCE_DIR) / "admission/fixtures/registers/independent.json").string(),
                            "--out", (*root / (std::string(fixture) + "-report")).string(), "--seed", "20261126"});
      ASSERT_EQ(o.code, code) << o.out;
      (code == 0 ? admitted_console : rejected_console) = new std::string(o.out);
    }
  }
  void SetUp() override {
    ASSERT_TRUE(admitted_console && rejected_console) << "the runs of SetUpTestSuite failed";
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root);
    delete root;
    delete admitted_console;
    delete rejected_console;
  }
  // A fresh copy of a run's report folder.
  fs::path copy(const std::string& fixture, const std::string& name) {
    const fs::path d = *root / name;
    fs::remove_all(d);
    fs::copy(*root / (fixture + "-report"), d, fs::copy_options::recursive);
    return d;
  }
  Output certify(const fs::path& dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{WKB_ADMISSION_EXE, "certify", "--report", (dir / "report.json").string(),
                                  "--key", (*root / "tlokb.key").string(), "--out", (dir / "certificate.json").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  static json::object report(const fs::path& dir) {
    return json::parse(host::read_text_file(dir / "report.json")).as_object();
  }
  static fs::path* root;
  static std::string* admitted_console;
  static std::string* rejected_console;
};
fs::path* SignedReports::root = nullptr;
std::string* SignedReports::admitted_console = nullptr;
std::string* SignedReports::rejected_console = nullptr;

std::string public_key_of(const fs::path& dir) {
  return std::string(json::parse(host::read_text_file(dir / "report.sig.json")).at("public_key").as_string());
}

}  // namespace

TEST_F(SignedReports, TheRunPrintsItsKeyAndAnUntouchedReportCertifies) {
  const fs::path d = copy("toetsbasis", "clean");
  const std::string pk = public_key_of(d);
  // The console line, just before the verdict line.
  const std::string line = "handtekening van dit rapport: ed25519 " + pk + " (report.sig.json)\n";
  const auto at = admitted_console->find(line);
  ASSERT_NE(at, std::string::npos) << *admitted_console;
  EXPECT_EQ(admitted_console->substr(at + line.size()).rfind("TOEGELATEN (", 0), 0u) << *admitted_console;
  EXPECT_NE(rejected_console->find("handtekening van dit rapport: ed25519 "), std::string::npos);

  Output c = certify(d);
  ASSERT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("rapport ondertekend door de toetsrun: ed25519 " + pk), std::string::npos)
      << c.out;
  EXPECT_TRUE(fs::exists(d / "certificate.json"));
  // --run-key: the printed prefix, or the whole key, in any case.
  EXPECT_EQ(certify(d, {"--run-key", pk.substr(0, 16)}).code, 0);
  std::string upper = pk;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  c = certify(d, {"--run-key", upper});
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("(gelijk aan --run-key)"), std::string::npos) << c.out;
  // Another run's key: refused. Too short, not hex or empty: a usage error.
  c = certify(d, {"--run-key", public_key_of(*root / "missing-declarations-report").substr(0, 16)});
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_NE(c.out.find("niet met de sleutel van --run-key"), std::string::npos) << c.out;
  EXPECT_EQ(certify(d, {"--run-key", pk.substr(0, 15)}).code, 2);
  EXPECT_EQ(certify(d, {"--run-key", "zz" + pk.substr(2, 20)}).code, 2);
  EXPECT_EQ(certify(d, {"--run-key", ""}).code, 2);
}

TEST_F(SignedReports, AnEditedVerdictIsRefusedByTheSignature) {
  const fs::path d = copy("missing-declarations", "edited");
  std::string text = host::read_text_file(d / "report.json");
  const auto at = text.find("\"verdict\":\"rejected\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 20, "\"verdict\":\"admitted\"");
  host::write_text_file_atomic(d / "report.json", text);
  const Output c = certify(d);
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_NE(c.out.find("certificering geweigerd: "), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("komt niet overeen met zijn handtekening in report.sig.json"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("voer de toets opnieuw uit"), std::string::npos) << c.out;
  EXPECT_FALSE(fs::exists(d / "certificate.json"));
}

TEST_F(SignedReports, AReSignedForgeryIsCaughtByTheRecompute) {
  // Control: the forger's signature is accepted on an untouched admitted
  // report, so the refusals below come from the recompute, not the forgery.
  {
    const fs::path d = copy("toetsbasis", "forged-control");
    host::write_text_file_atomic(d / "report.sig.json", forge_signature(host::read_text_file(d / "report.json")));
    const Output c = certify(d);
    ASSERT_EQ(c.code, 0) << c.out;
  }
  const json::object genuine = report(*root / "missing-declarations-report");
  std::set<std::string> failing;
  for (const auto& t : genuine.at("tests").as_array())
    if (t.at("status") == "fail") failing.insert(std::string(t.at("id").as_string()));
  ASSERT_FALSE(failing.empty());
  ASSERT_EQ(genuine.at("verdict"), "rejected");

  // Every failing test rewritten to pass and the verdict to admitted; counts
  // left as they were.
  {
    const fs::path d = copy("missing-declarations", "forged-status");
    json::object rep = genuine;
    for (auto& t : rep["tests"].as_array())
      if (t.at("status") == "fail") t.as_object()["status"] = "pass";
    rep["verdict"] = "admitted";
    const std::string text = text_of(rep);
    host::write_text_file_atomic(d / "report.json", text);
    host::write_text_file_atomic(d / "report.sig.json", forge_signature(text));
    const Output c = certify(d);
    EXPECT_EQ(c.code, 1) << c.out;
    EXPECT_NE(c.out.find("de aantallen in report.json (counts) volgen niet uit de toetsen"), std::string::npos)
        << c.out;
    EXPECT_FALSE(fs::exists(d / "certificate.json"));
  }
  // Consistent in every member, but the failing tests dropped from `tests`.
  {
    const fs::path d = copy("missing-declarations", "forged-dropped");
    json::object rep = genuine;
    auto& tests = rep["tests"].as_array();
    tests.erase(std::remove_if(tests.begin(), tests.end(), [](const json::value& t) { return t.at("status") == "fail"; }),
                tests.end());
    recount(rep);
    ASSERT_EQ(rep.at("verdict"), "admitted");
    const std::string text = text_of(rep);
    host::write_text_file_atomic(d / "report.json", text);
    host::write_text_file_atomic(d / "report.sig.json", forge_signature(text));
    const Output c = certify(d);
    EXPECT_EQ(c.code, 1) << c.out;
    std::string ids;
    for (const auto& id : failing) ids += (ids.empty() ? "" : "|") + id;
    EXPECT_TRUE(std::regex_search(
        c.out, std::regex("heet volledig \\(complete\\), maar toets \"(" + ids + ")\" \\(hoofdstuk \\d\\) ontbreekt")))
        << c.out;
    EXPECT_FALSE(fs::exists(d / "certificate.json"));
  }
}

TEST_F(SignedReports, AMissingSignatureIsRefused) {
  const fs::path d = copy("toetsbasis", "unsigned");
  fs::remove(d / "report.sig.json");
  const Output c = certify(d);
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_NE(c.out.find("report.sig.json ontbreekt"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("voer de toets opnieuw uit"), std::string::npos) << c.out;
  EXPECT_FALSE(fs::exists(d / "certificate.json"));
  // A report renamed away from its signature names another file.
  const fs::path r = copy("toetsbasis", "renamed");
  fs::rename(r / "report.json", r / "rapport.json");
  const Output c2 = run({WKB_ADMISSION_EXE, "certify", "--report", (r / "rapport.json").string(), "--key",
                         (*root / "tlokb.key").string(), "--out", (r / "certificate.json").string()});
  EXPECT_EQ(c2.code, 1) << c2.out;
  EXPECT_NE(c2.out.find("ondertekent \"report.json\", niet rapport.json"), std::string::npos) << c2.out;
}
