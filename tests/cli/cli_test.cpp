// `wkb` end to end: the real binary on the examples, checking output and exit
// codes (0 ok, 2 usage, 3 invalid input, 4 plugin failure).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <functional>

#include "command.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace wkb;

namespace {

using Result = test::SeparatedOutput;

using test::shell_quote;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("wkb-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs wkb with `args` (plugin path: the build's plugins unless given).
  Result wkb(const std::vector<std::string>& args, const std::string& env = "") {
    std::string cmd = env + " WKB_PLUGIN_PATH=" + shell_quote(test::plugin_dir().string()) + " " + shell_quote(WKB_CLI);
    if (!env.empty() && env.find("WKB_PLUGIN_PATH") != std::string::npos) cmd = env + " " + shell_quote(WKB_CLI);
    // ctest runs this suite twice: with plugins in their sandboxed process
    // (wkb's default) and with --in-process (tests/cli/CMakeLists.txt).
    if (std::getenv("WKB_TEST_IN_PROCESS")) cmd += " --in-process";
    for (const auto& a : args) cmd += " " + shell_quote(a);
    return test::run_separated(cmd, dir_);
  }

  std::string file(const std::string& name, const std::string& text) {
    const auto p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  static std::string project(const std::string& name) { return test::example_project(name).string(); }
  static std::string findings(const std::string& name) { return test::example_findings(name).string(); }
  static constexpr const char* kId = "nl.voorbeeld.seriebouw";

  fs::path dir_;
};

std::string with_member(const std::string& name, const std::string& key, json::value v) {
  json::value p = json::parse(test::read(test::example_project(name)));
  p.as_object()[key] = std::move(v);
  return json::serialize(p);
}

}  // namespace

TEST_F(Cli, HelpListsEveryCommandAndExitsZero) {
  const auto r = wkb({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* c : {"instruments", "assess", "sample", "plan", "evaluate", "run"})
    EXPECT_NE(r.out.find(std::string("  ") + c), std::string::npos) << c;
  EXPECT_NE(r.out.find("Exitcodes"), std::string::npos);
}

TEST_F(Cli, EveryCommandHasHelp) {
  for (const char* c : {"instruments", "assess", "sample", "plan", "evaluate", "run"}) {
    const auto r = wkb({c, "--help"});
    EXPECT_EQ(r.code, 0) << c;
    EXPECT_NE(r.out.find(std::string("Gebruik: wkb ") + c), std::string::npos) << r.out;
  }
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(wkb({}).code, 2);
  const auto unknown = wkb({"frobnicate"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("onbekende opdracht \"frobnicate\""), std::string::npos) << unknown.err;
  const auto missing = wkb({"run", "--instrument", kId});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--project"), std::string::npos) << missing.err;
  EXPECT_EQ(wkb({"run", "--frobnicate"}).code, 2);
  const auto stray = wkb({"assess", "--instrument", kId, "--project", project("kloosterstraat-12"), "extra"});
  EXPECT_EQ(stray.code, 2);
  EXPECT_NE(stray.err.find("onverwacht argument \"extra\""), std::string::npos) << stray.err;
  EXPECT_EQ(wkb({"instruments", "--project", "x"}).code, 2);  // option of another command
  EXPECT_EQ(wkb({"--log-level", "loud", "instruments"}).code, 2);
  const auto unknown_id = wkb({"run", "--instrument", "nl.x.y", "--project", project("kloosterstraat-12")});
  EXPECT_EQ(unknown_id.code, 2);
  EXPECT_NE(unknown_id.err.find(kId), std::string::npos) << "lists what is available: " << unknown_id.err;
}

TEST_F(Cli, InstrumentsJsonListsIdVersionKindAndProvider) {
  const auto r = wkb({"instruments", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto v = json::parse(r.out);
  const auto& list = v.at("instruments").as_array();
  const auto it = std::find_if(list.begin(), list.end(), [](const json::value& i) { return i.at("id") == kId; });
  ASSERT_NE(it, list.end()) << r.out;
  EXPECT_EQ(it->at("kind"), "native");
  EXPECT_EQ(it->at("manifest").at("version"), "1.0.0");
  EXPECT_EQ(it->at("describe").at("provider").at("kvk"), "11223344");
  EXPECT_EQ(it->at("describe").at("thresholds").at("site_inspection"), 40);
  EXPECT_FALSE(it->at("describe").at("competence").as_array().empty());
}

static std::string staff_register(const std::string& name) {
  return (test::source_dir() / "examples" / "staff" / (name + ".staff.json")).string();
}

TEST_F(Cli, RunShowsAssessmentSamplePlanAndDecisionInDutch) {
  const auto r = wkb({"run", "--instrument", kId, "--project", project("kloosterstraat-12"), "--findings",
                      findings("kloosterstraat-12.declaration"), "--staff", staff_register("borg-twente")});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* part : {"Risicobeoordeling:", "Steekproef:", "Borgingsplan:", "Bijwoonmomenten:", "Oordeel: VERKLARING",
                           "Constructieve veiligheid"})
    EXPECT_NE(r.out.find(part), std::string::npos) << part;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(Cli, GlobalOptionsWorkBeforeAndAfterTheCommand) {
  const auto before = wkb({"--json", "plan", "--instrument", kId, "--project", project("kavel-vrijstaand")});
  const auto after = wkb({"plan", "--instrument", kId, "--project", project("kavel-vrijstaand"), "--json"});
  ASSERT_EQ(before.code, 0) << before.err;
  EXPECT_EQ(before.out, after.out);
  EXPECT_EQ(json::parse(before.out).at("schema"), "wkb.plan/1");
}

TEST_F(Cli, JsonRunCarriesEveryMessage) {
  const auto r = wkb({"run", "--json", "--instrument", kId, "--project", project("beng-ontbreekt"), "--findings",
                      findings("beng-ontbreekt.open-items")});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto v = json::parse(r.out);
  EXPECT_EQ(v.at("assessment").at("schema"), "wkb.assessment/1");
  EXPECT_EQ(v.at("sample").at("schema"), "wkb.sample/1");
  EXPECT_EQ(v.at("plan").at("schema"), "wkb.plan/1");
  EXPECT_EQ(v.at("decision").at("outcome"), "open-items");
  EXPECT_EQ(v.at("decision").at("grounds").at(0).at("topic"), "energy-performance");
}

TEST_F(Cli, EvaluateJudgesAPlanMadeEarlier) {
  const auto plan = wkb({"plan", "--json", "--instrument", kId, "--project", project("slappe-bodem-brandscheiding")});
  ASSERT_EQ(plan.code, 0) << plan.err;
  const auto plan_file = file("plan.json", plan.out);
  const auto r = wkb({"evaluate", "--json", "--instrument", kId, "--project", project("slappe-bodem-brandscheiding"),
                      "--plan", plan_file, "--findings", findings("slappe-bodem-brandscheiding.notice")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).at("outcome"), "non-compliance-notice");
  // The assessors: without --staff a warning that nobody checked them; with
  // the register of the project's assurer accepted; with another firm's
  // register (whose ids are not those of the file) every finding is refused,
  // naming it, and no decision is given.
  EXPECT_NE(r.err.find("beoordelaars van de bevindingen zijn niet gecontroleerd"), std::string::npos) << r.err;
  const auto checked = wkb({"evaluate", "--json", "--instrument", kId, "--project",
                            project("slappe-bodem-brandscheiding"), "--plan", plan_file, "--findings",
                            findings("slappe-bodem-brandscheiding.notice"), "--staff",
                            staff_register("kwaliteitsborging-west")});
  EXPECT_EQ(checked.code, 0) << checked.err;
  EXPECT_TRUE(checked.err.empty()) << checked.err;
  const auto refused = wkb({"evaluate", "--instrument", kId, "--project", project("slappe-bodem-brandscheiding"),
                            "--plan", plan_file, "--findings", findings("slappe-bodem-brandscheiding.notice"),
                            "--staff", staff_register("borg-twente")});
  EXPECT_EQ(refused.code, 3);
  EXPECT_TRUE(refused.out.empty()) << refused.out;
  for (const char* part : {"slappe-bodem-brandscheiding.notice.json", "$.findings[0]", "[assessor]", "\"KW-01\" staat niet in het personeelsregister"})
    EXPECT_NE(refused.err.find(part), std::string::npos) << part << "\n" << refused.err;
  // A plan for another project is refused.
  const auto other = wkb({"evaluate", "--instrument", kId, "--project", project("kloosterstraat-12"), "--plan",
                          plan_file, "--findings", findings("kloosterstraat-12.declaration")});
  EXPECT_EQ(other.code, 3);
}

TEST_F(Cli, EveryExampleRunsAndEveryFindingsFileGivesItsOutcome) {
  for (const char* p : {"kloosterstraat-12", "kavel-vrijstaand", "nieuwe-kern-150", "bedrijfshal-2-lagen",
                        "beng-ontbreekt", "slappe-bodem-brandscheiding"})
    EXPECT_EQ(wkb({"run", "--instrument", kId, "--project", project(p)}).code, 0) << p;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"kloosterstraat-12.declaration", "declaration"},
      {"kloosterstraat-12.incomplete", "incomplete"},
      {"beng-ontbreekt.open-items", "open-items"},
      {"slappe-bodem-brandscheiding.notice", "non-compliance-notice"}};
  for (const auto& [f, outcome] : cases) {
    const auto r = wkb({"run", "--json", "--instrument", kId, "--project", project(f.substr(0, f.find('.'))),
                        "--findings", findings(f)});
    ASSERT_EQ(r.code, 0) << f << r.err;
    EXPECT_EQ(json::parse(r.out).at("decision").at("outcome"), outcome.c_str()) << f;
  }
}

TEST_F(Cli, InvalidProjectExitsThreeNamingFilePathAndRule) {
  const auto bad = file("bad.json", with_member("kloosterstraat-12", "consequence_class", 2));
  const auto r = wkb({"plan", "--instrument", kId, "--project", bad});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("$.consequence_class"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[consequence-class]"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

// The gevolgklasse-1 gate: an excluded project is refused before any plugin
// call. The plugin here exits in assess; reaching it would be exit 4.
TEST_F(Cli, ProjectOutsideGevolgklasse1IsRefusedBeforeAnyPluginCall) {
  const std::string env = "WKB_PLUGIN_PATH=" + shell_quote((test::test_plugin_dir() / "hostile-exit0-assess").string());
  const auto ok = file("ok.json", with_member("kloosterstraat-12", "scope", json::object{{"monument", false}}));
  // In scope, the plugin is reached and stops wkb in assess: exit 4 in its
  // sandbox, the host process itself (exit 0, nothing printed) in-process.
  const auto reached = wkb({"assess", "--instrument", kId, "--project", ok}, env);
  EXPECT_NE(reached.code, 3) << reached.err;
  EXPECT_TRUE(reached.out.empty()) << reached.out;
  const auto bad = file("monument.json", with_member("kloosterstraat-12", "scope", json::object{{"monument", true}}));
  for (const char* cmd : {"assess", "plan", "run"}) {
    const auto r = wkb({cmd, "--instrument", kId, "--project", bad}, env);
    EXPECT_EQ(r.code, 3) << cmd << r.err;
    EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("$.scope.monument"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("monument"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Bbl art. 2.17 lid 2 onder a"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[consequence-class-exclusion]"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST_F(Cli, MalformedJsonExitsThreeWithLineAndColumn) {
  const auto bad = file("broken.json", "{\n  \"schema\": \"wkb.project/1\",\n  \"id\": }\n");
  const auto r = wkb({"plan", "--instrument", kId, "--project", bad});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find(bad + ":3:9"), std::string::npos) << r.err;
}

TEST_F(Cli, MissingFileExitsThree) {
  const auto r = wkb({"plan", "--instrument", kId, "--project", (dir_ / "nope.json").string()});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("nope.json: kan niet worden gelezen: het bestand of de map bestaat niet"), std::string::npos) << r.err;
}

TEST_F(Cli, FindingsForUnknownControlsExitThree) {
  const auto f = file("findings.json", R"({"schema": "wkb.findings/1", "project": "2026-ALM-0042",
    "findings": [{"control": "C77-nothing", "result": "conform", "assessed_by": "x", "date": "2026-05-01"}]})");
  const auto r = wkb({"run", "--instrument", kId, "--project", project("kloosterstraat-12"), "--findings", f});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("$.findings[0].control"), std::string::npos) << r.err;
}

TEST_F(Cli, PluginBreakingARuleExitsFourNamingPluginMethodAndRule) {
  const std::string env = "WKB_PLUGIN_PATH=" + shell_quote((test::test_plugin_dir() / "skip-topic").string());
  const auto r = wkb({"assess", "--instrument", kId, "--project", project("kloosterstraat-12")}, env);
  EXPECT_EQ(r.code, 4);
  EXPECT_NE(r.err.find("plugin nl.voorbeeld.seriebouw, methode assess"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[whole-building-coverage]"), std::string::npos) << r.err;
}

TEST_F(Cli, ThrowingPluginExitsFour) {
  const auto r = wkb({"--plugins", (test::test_plugin_dir() / "throws").string(), "run", "--instrument", kId,
                      "--project", project("kloosterstraat-12")});
  EXPECT_EQ(r.code, 4);
  EXPECT_NE(r.err.find("risk catalogue could not be opened"), std::string::npos) << r.err;
}

TEST_F(Cli, RegisterRefusesAnAssurerWhoIsNotIndependent) {
  const auto registers = test::source_dir() / "examples" / "registers";
  const auto ok = wkb({"--register", (registers / "register.json").string(), "plan", "--instrument", kId,
                       "--project", project("kloosterstraat-12")});
  EXPECT_EQ(ok.code, 0) << ok.err;
  const auto group = wkb({"plan", "--instrument", kId, "--project", project("kloosterstraat-12"), "--register",
                          (registers / "register-same-group.json").string()});
  EXPECT_EQ(group.code, 3);
  EXPECT_NE(group.err.find("[assurer-involved]"), std::string::npos) << group.err;
  EXPECT_NE(group.err.find("$.parties.contractor.kvk"), std::string::npos) << group.err;
  EXPECT_TRUE(group.out.empty());
  // Through the environment, for a team that always works with its register.
  const std::string env = "WKB_REGISTER=" + shell_quote((registers / "register.json").string());
  const auto unlicensed =
      wkb({"run", "--instrument", kId, "--project", project("slappe-bodem-brandscheiding")}, env);
  EXPECT_EQ(unlicensed.code, 3);
  EXPECT_NE(unlicensed.err.find("[assurer-not-licensed]"), std::string::npos) << unlicensed.err;
}

TEST_F(Cli, EvaluateRefusesAPlanWithControlsRemovedByHand) {
  // Deleting the controls one cannot pass must not lead to a declaration.
  const auto plan = wkb({"plan", "--json", "--instrument", kId, "--project", project("kloosterstraat-12")});
  ASSERT_EQ(plan.code, 0) << plan.err;
  json::value v = json::parse(plan.out);
  v.at("controls").as_array().clear();
  v.at("inspections").as_array().clear();
  const auto plan_file = file("emptied.json", json::serialize(v));
  const auto findings_file = file("none.json", R"({"schema": "wkb.findings/1", "project": "2026-ALM-0042", "findings": []})");
  const auto r = wkb({"evaluate", "--instrument", kId, "--project", project("kloosterstraat-12"), "--plan", plan_file,
                      "--findings", findings_file});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("[control-threshold]"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("VERKLARING"), std::string::npos) << r.out;
}

// ---- certificates (docs/sdk/certificates.md) ------------------------------------

namespace {
std::string with_certificate(const std::function<void(json::object&)>& change) {
  json::value p = json::parse(test::read(test::example_project("kloosterstraat-12")));
  change(p.at("certificates").as_array().at(0).as_object());
  return json::serialize(p);
}
constexpr const char* kFixedClock = "WKB_ALLOW_FIXED_CLOCK=1 WKB_NOW=";
}  // namespace

TEST_F(Cli, CertificateWithoutValidityDatesExitsThreeWithOneMessage) {
  const auto bad = file("no-dates.json", with_certificate([](json::object& c) { c.erase("valid_until"); }));
  for (const char* cmd : {"assess", "plan", "run"}) {
    const auto r = wkb({cmd, "--instrument", kId, "--project", bad});
    EXPECT_EQ(r.code, 3) << cmd << r.err;
    EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("$.certificates[0].valid_until"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[certificate-validity]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("1 probleem"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST_F(Cli, ExpiredCertificateGivesNoReductionAndAWarning) {
  const std::string valid = std::string(kFixedClock) + "2026-05-01T09:00:00Z";
  const std::string expired = std::string(kFixedClock) + "2031-03-02T09:00:00Z";
  const auto p = project("kloosterstraat-12");
  const auto before = wkb({"--json", "assess", "--instrument", kId, "--project", p}, valid);
  const auto after = wkb({"--json", "assess", "--instrument", kId, "--project", p}, expired);
  ASSERT_EQ(before.code, 0) << before.err;
  ASSERT_EQ(after.code, 0) << after.err;
  auto score = [](const std::string& text) {
    const json::value v = json::parse(text);
    for (const auto& r : v.at("risks").as_array())
      if (r.at("topic").as_string() == "drinking-water") return r.at("score").as_int64();
    return std::int64_t{-1};
  };
  EXPECT_GT(score(after.out), score(before.out));
  EXPECT_EQ(before.err.find("K12345/01"), std::string::npos) << before.err;
  EXPECT_NE(after.err.find("K12345/01"), std::string::npos) << after.err;  // the warning, on stderr
  // In the Dutch output the warning is part of the result.
  const auto text = wkb({"plan", "--instrument", kId, "--project", p}, expired);
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("Let op: de erkende kwaliteitsverklaring K12345/01"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("verlopen"), std::string::npos) << text.out;
}

TEST_F(Cli, PluginSkippingTheCertificateCheckExitsFour) {
  const std::string env = std::string(kFixedClock) + "2026-05-01T09:00:00Z WKB_PLUGIN_PATH=" +
                          shell_quote((test::test_plugin_dir() / "no-certificate-check").string());
  const auto r = wkb({"plan", "--instrument", kId, "--project", project("kloosterstraat-12")}, env);
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("methode plan"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[certificate-check]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("K12345/01"), std::string::npos) << r.err;
}
