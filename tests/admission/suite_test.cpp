// End-to-end: wkb-admission on the fixtures (each rejected for its own
// reason), on the example plugins (admitted), certify/verify and the host's
// production mode (--trust).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "command.hpp"
#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/types.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

using Output = wkb::test::CommandOutput;

Output run(const std::vector<std::string>& args, bool with_stderr = false) {
  return wkb::test::run_command(args, with_stderr ? "2>&1" : "2>/dev/null");
}

fs::path temp_dir(const std::string& name) { return wkb::test::fresh_temp_dir("wkb-adm-suite-", name); }

std::string registers(const std::string& name) {
  return (fs::path(WKB_SOURCE_DIR) / "admission/fixtures/registers" / (name + ".json")).string();
}

Output admission_run(const fs::path& plugin, const fs::path& out, const std::string& reg,
                     const std::vector<std::string>& extra = {}, const std::string& policy = WKB_TEST_POLICY) {
  std::vector<std::string> args{WKB_ADMISSION_EXE, "run", plugin.string(), "--policy", policy,
                                "--out", out.string(), "--seed", "20261126"};
  if (!reg.empty()) {
    args.push_back("--register");
    args.push_back(registers(reg));
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

json::object report(const fs::path& out) {
  return json::parse(wkb::host::read_text_file(out / "report.json")).as_object();
}

std::map<std::string, std::string> statuses(const json::object& rep) {
  std::map<std::string, std::string> s;
  for (const auto& t : rep.at("tests").as_array())
    s[std::string(t.at("id").as_string())] = std::string(t.at("status").as_string());
  return s;
}

// ---- no raw enum values in Dutch text -------------------------------------------------------

// Every value of the contract's enumerations whose Dutch label differs from
// it ("structure" -> "ruwbouw"; not "conform"), from the SDK's own tables
// (all_labelled_values), each once ("design" is a phase and a risk phase).
const std::vector<std::string>& raw_enum_values() {
  static const std::vector<std::string> values = [] {
    std::vector<std::string> v;
    for (const auto& l : wkb::all_labelled_values())
      if (l.label != l.value && std::find(v.begin(), v.end(), l.value) == v.end()) v.push_back(l.value);
    return v;
  }();
  return values;
}

// The raw values in `text` as whole words (a rule or test id such as
// "site-inspection-per-project", or a stable control id such as
// "R-x/site-inspection/structure", is one word), except where quoted as the
// JSON value next to its label: `ruwbouw ("structure")`, or where it is the
// rule id in brackets that ends every issue: `[certificate-check]`.
std::vector<std::string> raw_values_in(const std::string& text) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '/'; };
  std::vector<std::string> found;
  for (const auto& v : raw_enum_values())
    for (auto at = text.find(v); at != std::string::npos; at = text.find(v, at + 1)) {
      const auto end = at + v.size();
      if ((at > 0 && word(text[at - 1])) || (end < text.size() && word(text[end]))) continue;
      if (at > 0 && text[at - 1] == '"' && end < text.size() && text[end] == '"') continue;
      if (at > 0 && text[at - 1] == '[' && end < text.size() && text[end] == ']') continue;
      found.push_back(v);
      break;
    }
  return found;
}

// Every Dutch text of every test in report.json: title, message, details.
void expect_no_raw_values(const json::object& rep) {
  for (const auto& t : rep.at("tests").as_array()) {
    const auto& o = t.as_object();
    std::vector<std::string> texts{std::string(o.at("title").as_string()), std::string(o.at("message").as_string())};
    for (const auto& d : o.at("details").as_array()) texts.emplace_back(d.as_string());
    for (const auto& text : texts)
      for (const auto& v : raw_values_in(text))
        ADD_FAILURE() << o.at("id").as_string() << ": raw value \"" << v << "\" in Dutch text: " << text;
  }
}

}  // namespace

TEST(DutchText, RawEnumValuesAreFoundAsWholeWordsOnly) {
  // Taken from the SDK: a value added there is checked too.
  EXPECT_NE(std::find(raw_enum_values().begin(), raw_enum_values().end(), "open-items"), raw_enum_values().end());
  EXPECT_EQ(std::find(raw_enum_values().begin(), raw_enum_values().end(), "conform"), raw_enum_values().end());
  EXPECT_EQ(raw_values_in("fase design, uitkomst open-items"), (std::vector<std::string>{"design", "open-items"}));
  EXPECT_TRUE(raw_values_in("fase ruwbouw (\"structure\"), 3 bijwoonmomenten").empty());
  EXPECT_TRUE(raw_values_in("zie de toets site-inspection-per-project [seed-derivation]").empty());
  EXPECT_TRUE(raw_values_in("controle R-fire-spread/site-inspection/structure, bijwoonmoment structure/1").empty());
  EXPECT_TRUE(raw_values_in("$.parties.designer ontbreekt").empty());
  // A rule id in brackets is a code, not text; the same word outside is not.
  EXPECT_TRUE(raw_values_in("geen certificaatcontrole [certificate-check]").empty());
  EXPECT_EQ(raw_values_in("methode certificate-check [x]"), (std::vector<std::string>{"certificate-check"}));
}

TEST(AdmissionRun, CorrectBaseInstrumentIsAdmittedWithAllReports) {
  const fs::path out = temp_dir("base");
  const fs::path plugin = fs::path(WKB_TEST_PLUGIN_DIR) / "toetsbasis";
  const Output o = admission_run(plugin, out, "independent");
  EXPECT_EQ(o.code, 0) << o.out;
  EXPECT_EQ(o.last_line().rfind("TOEGELATEN (", 0), 0u) << o.last_line();
  const auto rep = report(out);
  EXPECT_EQ(rep.at("verdict").as_string(), "admitted");
  EXPECT_EQ(rep.at("seed").as_string(), "20261126");
  EXPECT_TRUE(rep.at("complete").as_bool());
  for (const auto& [id, status] : statuses(rep)) EXPECT_EQ(status, "pass") << id;
  expect_no_raw_values(rep);
  // The report pins every file of the plugin by SHA-256.
  const auto& files = rep.at("plugin").as_object().at("files").as_array();
  ASSERT_EQ(files.size(), 2u);
  for (const auto& f : files)
    EXPECT_EQ(std::string(f.at("sha256").as_string()),
              wkb::host::sha256_file(plugin / std::string(f.at("path").as_string())));
  const std::string junit = wkb::host::read_text_file(out / "junit.xml");
  EXPECT_NE(junit.find("<testcase"), std::string::npos);
  EXPECT_EQ(junit.find("<failure"), std::string::npos);
  const std::string html = wkb::host::read_text_file(out / "report.html");
  EXPECT_NE(html.find("Oordeel: TOEGELATEN"), std::string::npos);
  fs::remove_all(out);
}

struct FixtureCase {
  std::string fixture;
  std::string reg;
  std::string only;  // empty: the whole suite
  std::map<std::string, std::string> expected;  // test id -> status
  int exit_code = 1;
  std::string policy = WKB_TEST_POLICY;
};

void PrintTo(const FixtureCase& c, std::ostream* os) { *os << c.fixture << " with register " << c.reg; }

class FixtureRejected : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(FixtureRejected, ForItsOwnReason) {
  const FixtureCase& c = GetParam();
  const fs::path out = temp_dir(c.fixture + "-" + c.reg);
  std::vector<std::string> extra;
  if (!c.only.empty()) extra = {"--only", c.only};
  const Output o = admission_run(fs::path(WKB_TEST_PLUGIN_DIR) / c.fixture, out, c.reg, extra, c.policy);
  EXPECT_EQ(o.code, c.exit_code) << o.out;
  // The verdict is the last line, also after a crash or a hang.
  EXPECT_EQ(o.last_line().rfind(c.exit_code == 0 ? "TOEGELATEN (" : "NIET TOEGELATEN (", 0), 0u) << o.last_line();
  const auto rep = report(out);
  const auto s = statuses(rep);
  // Every message and detail is Dutch: no raw enum value of the contract.
  expect_no_raw_values(rep);
  for (const auto& [id, status] : c.expected) {
    ASSERT_TRUE(s.count(id)) << id << " did not run";
    EXPECT_EQ(s.at(id), status) << id;
  }
  // It loads and describes itself correctly: the rejection is for the defect.
  for (auto id : {"load-manifest", "load-abi", "describe-consistent"})
    if (s.count(id)) {
      EXPECT_EQ(s.at(id), "pass") << id;
    }
  EXPECT_TRUE(fs::exists(out / "junit.xml"));
  EXPECT_TRUE(fs::exists(out / "report.html"));
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, FixtureRejected,
    ::testing::Values(
        FixtureCase{"segfault", "independent", "", {{"responses-valid-corpus", "crashed"}, {"declares-competence", "pass"}}},
        FixtureCase{"abort", "independent", "", {{"decision-all-conform", "crashed"}, {"responses-valid-corpus", "pass"}}},
        // The hang is stopped by the watchdog and the next test still runs.
        FixtureCase{"hang", "independent", "^(load-abi|responses-valid-corpus|decision-all-conform)$",
                    {{"responses-valid-corpus", "timeout"}, {"decision-all-conform", "pass"}}},
        FixtureCase{"nondeterministic", "independent", "",
                    {{"determinism-in-process", "fail"}, {"determinism-across-processes", "fail"},
                     {"responses-valid-corpus", "pass"}}},
        FixtureCase{"lax-declaration", "independent", "",
                    {{"decision-missing-beng", "fail"}, {"decision-all-conform", "pass"}}},
        FixtureCase{"missing-declarations", "independent", "",
                    {{"declares-competence", "fail"}, {"declares-evidence-policy", "fail"},
                     {"declares-supervision", "fail"}, {"responses-valid-corpus", "pass"}}},
        // Lowers on a certificate without checking it: refused for that, the
        // rest of the plan is sound.
        FixtureCase{"no-certificate-check", "independent", "",
                    {{"certificate-checks", "fail"}, {"thresholds-obeyed", "pass"}}},
        FixtureCase{"schema-violation", "independent", "",
                    {{"responses-valid-corpus", "fail"}, {"declares-competence", "pass"}}},
        FixtureCase{"eigenborger", "self-licence", "",
                    {{"independence-same-entity", "fail"}, {"responses-valid-corpus", "pass"}}},
        FixtureCase{"toetsbasis", "same-group", "", {{"independence-same-group", "fail"}, {"independence-same-entity", "pass"}}},
        // A shared director is a warning only: admitted.
        FixtureCase{"toetsbasis", "shared-director", "", {{"independence-shared-director", "warn"}}, 0},
        // Slow but alive: within the inactivity timeout, over the policy's per-call budget.
        FixtureCase{"slow", "independent", "^(time-budget|decision-all-conform)$",
                    {{"time-budget", "fail"}, {"decision-all-conform", "pass"}}, 1, WKB_TIGHT_POLICY},
        // A structured out-of-scope refusal of large projects is weighed, not a breach...
        FixtureCase{"scope-100", "independent", "",
                    {{"scope-refusals", "warn"}, {"responses-valid-corpus", "pass"}, {"fuzz-generated-projects", "pass"}},
                    0},
        // ...but refusing most projects is not an instrument for the declared types.
        FixtureCase{"scope-5", "independent", "", {{"scope-refusals", "fail"}, {"fuzz-generated-projects", "fail"}}},
        // Without a register the independence criteria cannot be shown.
        FixtureCase{"toetsbasis", "", "^independence-", {{"independence-same-entity", "fail"}}}),
    [](const auto& info) {
      std::string n = info.param.fixture + "_" + (info.param.reg.empty() ? "noregister" : info.param.reg);
      for (auto& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

TEST(AdmissionRun, SeedMakesFuzzingReproducible) {
  const fs::path a = temp_dir("seed-a"), b = temp_dir("seed-b");
  const fs::path plugin = fs::path(WKB_TEST_PLUGIN_DIR) / "lax-declaration";
  admission_run(plugin, a, "independent", {"--only", "^fuzz-generated-projects$"});
  admission_run(plugin, b, "independent", {"--only", "^fuzz-generated-projects$"});
  const auto ra = report(a), rb = report(b);
  const auto& ta = ra.at("tests").as_array().at(0).as_object();
  const auto& tb = rb.at("tests").as_array().at(0).as_object();
  EXPECT_EQ(ta.at("status").as_string(), "fail");  // the lax decision shows up in generated projects
  EXPECT_EQ(ta.at("details"), tb.at("details"));
  EXPECT_NE(std::string(ta.at("message").as_string()).find("startwaarde (seed) 20261126"), std::string::npos)
      << ta.at("message");
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(AdmissionCli, UsageErrorsAndCatalogue) {
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "run", "/nonexistent/plugin"}).code, 2);
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "run", WKB_TEST_PLUGIN_DIR, "--frobnicate"}).code, 2);
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "run", std::string(WKB_TEST_PLUGIN_DIR) + "/toetsbasis", "--seed", "-3"}).code, 2);
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "run", std::string(WKB_TEST_PLUGIN_DIR) + "/toetsbasis", "--only", "("}).code, 2);
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "certify", "--report", "x.json"}).code, 2);
  const std::string base = std::string(WKB_TEST_PLUGIN_DIR) + "/toetsbasis";
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "run", base, "--out", base + "/reports"}).code, 2);
  EXPECT_FALSE(fs::exists(base + "/reports"));
  const Output list = run({WKB_ADMISSION_EXE, "list"});
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("independence-same-group\t4\t"), std::string::npos) << list.out;
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "--help"}).code, 0);
}

// ---- certify, verify and production mode ---------------------------------------------------

class Certification : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = temp_dir("cert-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    plugin = dir / "toetsbasis";
    fs::copy(fs::path(WKB_TEST_PLUGIN_DIR) / "toetsbasis", plugin, fs::copy_options::recursive);
    ASSERT_EQ(run({WKB_ADMISSION_EXE, "keygen", "--out", (dir / "tlokb").string()}).code, 0);
  }
  void TearDown() override { fs::remove_all(dir); }
  Output certify(const fs::path& out_dir) {
    return run({WKB_ADMISSION_EXE, "certify", "--report", (out_dir / "report.json").string(), "--key",
                (dir / "tlokb.key").string()},
               true);
  }
  std::unique_ptr<wkb::host::Instrument> load_trusted(const fs::path& pub) {
    wkb::host::LoadOptions opts;
    opts.trusted_public_key_file = pub.string();
    return wkb::host::load_instrument(wkb::host::read_manifest(plugin), opts);
  }
  fs::path dir, plugin;
};

TEST_F(Certification, RoundTripAndProductionModeRefusesChangedFiles) {
  EXPECT_EQ(fs::status(dir / "tlokb.key").permissions() & fs::perms::group_all, fs::perms::none);
  ASSERT_EQ(admission_run(plugin, dir / "out", "independent").code, 0);
  const Output c = certify(dir / "out");
  ASSERT_EQ(c.code, 0) << c.out;
  const fs::path cert = plugin / "certificate.json";
  ASSERT_TRUE(fs::exists(cert));
  const std::string text = wkb::host::read_text_file(cert);
  EXPECT_EQ(text.find("certificate.json"), std::string::npos) << "the certificate must not list itself";

  const Output ok = run({WKB_ADMISSION_EXE, "verify", cert.string(), "--pubkey", (dir / "tlokb.pub").string()});
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_EQ(ok.last_line(), "GELDIG");

  // Production mode: the certified plugin loads and answers.
  {
    auto inst = load_trusted(dir / "tlokb.pub");
    wkb::host::CheckedInstrument checked(std::move(inst));
    EXPECT_EQ(checked.description().id, "nl.toetsing.basis");
  }
  // Another key: refused.
  ASSERT_EQ(run({WKB_ADMISSION_EXE, "keygen", "--out", (dir / "other").string()}).code, 0);
  EXPECT_EQ(run({WKB_ADMISSION_EXE, "verify", cert.string(), "--pubkey", (dir / "other.pub").string()}).code, 1);
  EXPECT_THROW(load_trusted(dir / "other.pub"), wkb::host::PluginFailure);

#ifdef WKB_CLI_EXE
  const std::string project = (fs::path(WKB_SOURCE_DIR) / "examples/projects/kloosterstraat-12.json").string();
  const std::vector<std::string> assess{WKB_CLI_EXE, "--plugins", dir.string(), "--trust", (dir / "tlokb.pub").string(),
                                        "assess", "--instrument", "nl.toetsing.basis", "--project", project};
  const Output cli_ok = run(assess, true);
  EXPECT_EQ(cli_ok.code, 0) << cli_ok.out;
  // The pinned library loads in wkb's own process too (a sealed memfd there).
  std::vector<std::string> in_process = assess;
  in_process.insert(in_process.begin() + 1, "--in-process");
  const Output cli_in_process = run(in_process, true);
  EXPECT_EQ(cli_in_process.code, 0) << cli_in_process.out;
  EXPECT_EQ(cli_in_process.out, cli_ok.out);
#endif
  // A file changed after certification: verify and the host both refuse.
  const fs::path lib = plugin / "libfixture_toetsbasis.so";
  {
    std::ofstream f(lib, std::ios::app | std::ios::binary);
    f << '\0';
  }
  const Output bad = run({WKB_ADMISSION_EXE, "verify", cert.string(), "--pubkey", (dir / "tlokb.pub").string()});
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("gewijzigd na de certificering"), std::string::npos) << bad.out;
  try {
    load_trusted(dir / "tlokb.pub");
    FAIL() << "production mode loaded a changed plugin";
  } catch (const wkb::host::PluginFailure& e) {
    EXPECT_EQ(e.code(), "untrusted");
    EXPECT_EQ(e.method(), "load");
    EXPECT_NE(std::string(e.what()).find("libfixture_toetsbasis.so is gewijzigd na de certificering"), std::string::npos)
        << e.what();
  }
#ifdef WKB_CLI_EXE
  const Output cli_bad = run(assess, true);
  EXPECT_EQ(cli_bad.code, 4) << cli_bad.out;  // plugin failure
  EXPECT_NE(cli_bad.out.find("geweigerd in productiemodus (--trust)"), std::string::npos) << cli_bad.out;
  EXPECT_NE(cli_bad.out.find("gewijzigd na de certificering"), std::string::npos) << cli_bad.out;
  // Without --trust the same plugin still loads: production mode is opt-in.
  std::vector<std::string> plain = assess;
  plain.erase(plain.begin() + 3, plain.begin() + 5);
  EXPECT_EQ(run(plain, true).code, 0);
#endif
  // Without a certificate: refused with a clear message.
  fs::remove(cert);
  try {
    load_trusted(dir / "tlokb.pub");
    FAIL() << "production mode loaded an uncertified plugin";
  } catch (const wkb::host::PluginFailure& e) {
    EXPECT_NE(std::string(e.what()).find("de plugin heeft geen certificaat"), std::string::npos) << e.what();
  }
}

TEST_F(Certification, RefusesRejectedAndPartialReportsAndAddedFiles) {
  const fs::path rejected = dir / "rejected";
  ASSERT_EQ(admission_run(fs::path(WKB_TEST_PLUGIN_DIR) / "missing-declarations", rejected, "independent").code, 1);
  Output c = certify(rejected);
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_NE(c.out.find("certificering geweigerd: het oordeel van het rapport is NIET TOEGELATEN (\"rejected\")"),
            std::string::npos)
      << c.out;
  EXPECT_FALSE(fs::exists(fs::path(WKB_TEST_PLUGIN_DIR) / "missing-declarations" / "certificate.json"));

  const fs::path partial = dir / "partial";
  ASSERT_EQ(admission_run(plugin, partial, "independent", {"--only", "^load-"}).code, 0);
  c = certify(partial);
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_FALSE(fs::exists(plugin / "certificate.json"));

  // Admitted, but a file was added after the run: the report no longer
  // describes the folder.
  const fs::path full = dir / "full";
  ASSERT_EQ(admission_run(plugin, full, "independent").code, 0);
  wkb::host::write_text_file_atomic(plugin / "extra.lua", "return {}");
  c = certify(full);
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_FALSE(fs::exists(plugin / "certificate.json"));
}

// ---- the example plugins --------------------------------------------------------------------

TEST(ExamplePlugins, AreAdmitted) {
  std::vector<fs::path> examples;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(WKB_PLUGIN_DIR, ec))
    if (fs::exists(e.path() / "plugin.json")) examples.push_back(e.path());
  if (examples.empty()) GTEST_SKIP() << "no example plugins built in " << WKB_PLUGIN_DIR;
  for (const auto& p : examples) {
    const fs::path out = temp_dir("example-" + p.filename().string());
    const Output o = admission_run(p, out, "independent");
    EXPECT_EQ(o.code, 0) << p << "\n" << o.out;
    EXPECT_EQ(o.last_line().rfind("TOEGELATEN (", 0), 0u) << o.last_line();
    fs::remove_all(out);
  }
}

// The reference instrument for providers (examples/reference-instrument), in
// both languages, under the default policy.
TEST(ExamplePlugins, TheReferenceInstrumentIsAdmittedInBothLanguages) {
  for (const char* half : {"reference-native", "reference-lua"}) {
    const fs::path plugin = fs::path(WKB_TEST_PLUGIN_DIR) / half;
    const fs::path out = temp_dir(std::string("example-") + half);
    const Output o = admission_run(plugin, out, "independent");
    EXPECT_EQ(o.code, 0) << plugin << "\n" << o.out;
    EXPECT_EQ(o.last_line().rfind("TOEGELATEN (", 0), 0u) << o.last_line();
    const auto rep = report(out);
    for (const auto& [id, status] : statuses(rep)) {
      EXPECT_EQ(status, "pass") << half << ": " << id;
    }
    expect_no_raw_values(rep);
    fs::remove_all(out);
  }
}
