// wkb-admission as a tool people run in CI (issue 9): junit.xml validates
// against the junit-10 layout with crashes as <error> and warnings visible,
// report.html renders in Chromium with the problems on top, report.json
// records every input with its SHA-256, --json prints the summary, progress
// shows on a terminal only, and an unwritable --out stops before any test.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "chromium.hpp"
#include "command.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/trust.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using wkb::test::CommandOutput;
using wkb::test::run_command;

namespace {

std::string fixture(const std::string& name) { return (fs::path(WKB_TEST_PLUGIN_DIR) / name).string(); }
std::string reg(const std::string& name) {
  return (fs::path(WKB_SOURCE_DIR) / "admission/fixtures/registers" / (name + ".json")).string();
}

class ReportOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = wkb::test::fresh_temp_dir("wkb-adm-out-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::vector<std::string> run_args(const std::string& plugin, const std::string& register_name) {
    return {WKB_ADMISSION_EXE, "run", plugin, "--policy", WKB_TEST_POLICY, "--register", reg(register_name),
            "--out", (dir_ / "out").string(), "--seed", "20261201"};
  }
  fs::path dir_;
};

TEST_F(ReportOutputs, JunitValidatesAndTellsErrorsFailuresAndWarningsApart) {
  // The segfault fixture crashes (errors), the shared director is a warning.
  for (const auto& [plugin, register_name] :
       {std::pair{"segfault", "independent"}, std::pair{"toetsbasis", "shared-director"}}) {
    run_command(run_args(fixture(plugin), register_name), "2>/dev/null");
    const fs::path junit = dir_ / "out" / "junit.xml";
    const auto check = run_command({"xmllint", "--noout", "--schema", WKB_JUNIT_SCHEMA, junit.string()});
    EXPECT_EQ(check.code, 0) << plugin << ": " << check.out;
    const std::string x = wkb::host::read_text_file(junit);
    const auto rep = json::parse(wkb::host::read_text_file(dir_ / "out" / "report.json"));
    const auto& counts = rep.at("counts").as_object();
    const auto errors = counts.at("crashed").as_int64() + counts.at("timeout").as_int64();
    EXPECT_NE(x.find("<testsuites name=\"wkb-admission"), std::string::npos);
    EXPECT_NE(x.find("errors=\"" + std::to_string(errors) + "\" time="), std::string::npos) << plugin << x.substr(0, 400);
    if (errors > 0) {
      EXPECT_NE(x.find("<error type=\"crashed\""), std::string::npos);
      EXPECT_EQ(x.find("<failure type=\"crashed\""), std::string::npos);
    }
    if (counts.at("warn").as_int64() > 0) {
      EXPECT_NE(x.find("<system-err>WAARSCHUWING: "), std::string::npos) << x;
      EXPECT_NE(x.find("<property name=\"warnings\" value=\"1\"/>"), std::string::npos) << x;
    }
  }
}

TEST_F(ReportOutputs, HtmlRendersWithTheProblemsSummarisedOnTop) {
  run_command(run_args(fixture("segfault"), "independent"), "2>/dev/null");
  const auto dom = wkb::test::chromium_dom(dir_ / "out" / "report.html");
  if (!dom) GTEST_SKIP() << "Chromium is not installed (scripts/setup.sh installs it)";
  ASSERT_FALSE(dom->empty()) << "Chromium could not render report.html";
  const auto summary = dom->find("<section id=\"samenvatting\">");
  ASSERT_NE(summary, std::string::npos) << dom->substr(0, 500);
  EXPECT_LT(summary, dom->find("Toets en invoer")) << "the summary comes before the details";
  // Every rejecting test is listed in the summary, linked to its row.
  const auto rep = json::parse(wkb::host::read_text_file(dir_ / "out" / "report.json"));
  int listed = 0;
  for (const auto& t : rep.at("tests").as_array()) {
    if (t.at("status").as_string() != "crashed") continue;
    const std::string id(t.at("id").as_string());
    EXPECT_NE(dom->find("<a href=\"#" + id + "\">"), std::string::npos) << id;
    EXPECT_NE(dom->find("<tr id=\"" + id + "\""), std::string::npos) << id;
    ++listed;
  }
  EXPECT_GT(listed, 0);
  EXPECT_NE(dom->find("Oordeel: NIET TOEGELATEN"), std::string::npos);
}

TEST_F(ReportOutputs, ReportRecordsEveryInputWithItsHash) {
  ASSERT_EQ(run_command(run_args(fixture("toetsbasis"), "independent"), "2>/dev/null").code, 0);
  const auto rep = json::parse(wkb::host::read_text_file(dir_ / "out" / "report.json")).as_object();
  EXPECT_EQ(rep.at("policy").at("sha256").as_string(), wkb::host::sha256_file(WKB_TEST_POLICY));
  EXPECT_EQ(rep.at("register").at("sha256").as_string(), wkb::host::sha256_file(reg("independent")));
  EXPECT_EQ(rep.at("seed").as_string(), "20261201");
  // The corpus: one SHA-256 over "path sha256" lines of its files.
  std::string listing;
  const auto files = wkb::host::hash_plugin_files(WKB_CORPUS_DIR);
  for (const auto& f : files) listing += f.path + " " + f.sha256 + "\n";
  EXPECT_EQ(rep.at("corpus").at("sha256").as_string(), wkb::host::sha256_hex(listing));
  EXPECT_EQ(rep.at("corpus").at("files").as_int64(), static_cast<std::int64_t>(files.size()));
  EXPECT_NE(wkb::host::read_text_file(dir_ / "out" / "report.html").find(wkb::host::sha256_hex(listing)),
            std::string::npos);
}

TEST_F(ReportOutputs, JsonPrintsOnlyTheSummaryOnStdout) {
  auto args = run_args(fixture("segfault"), "independent");
  args.insert(args.begin() + 1, "--json");
  const CommandOutput o = run_command(args, "2>/dev/null");
  EXPECT_EQ(o.code, 1);
  json::value v;
  ASSERT_NO_THROW(v = json::parse(o.out)) << o.out.substr(0, 400);
  EXPECT_EQ(v.at("schema").as_string(), "wkb.admission-summary/1");
  EXPECT_EQ(v.at("verdict").as_string(), "rejected");
  EXPECT_FALSE(v.at("problems").as_array().empty());
  const auto rep = json::parse(wkb::host::read_text_file(dir_ / "out" / "report.json"));
  EXPECT_EQ(v.at("counts"), rep.at("counts"));
  EXPECT_EQ(v.at("report_sha256").as_string(),
            wkb::host::sha256_hex(wkb::host::read_text_file(dir_ / "out" / "report.json")));
}

TEST_F(ReportOutputs, ProgressOnATerminalOnly) {
  auto args = run_args(fixture("toetsbasis"), "independent");
  args.insert(args.end(), {"--only", "^load-"});
  // script(1) gives the run a terminal; without it stderr is a file.
  std::string line;
  for (const auto& a : args) line += wkb::test::shell_quote(a) + " ";
  const CommandOutput tty = run_command({"script", "-qec", line, "/dev/null"});
  EXPECT_NE(tty.out.find("[1/2] load-"), std::string::npos) << tty.out;
  const CommandOutput file = run_command(args, "2>&1");
  EXPECT_EQ(file.out.find("[1/2]"), std::string::npos) << file.out;
  EXPECT_EQ(file.out.find('\r'), std::string::npos);
}

TEST_F(ReportOutputs, AnUnwritableOutStopsBeforeAnyTestWithoutAVerdict) {
  fs::create_directories(dir_ / "alleen-lezen");
  fs::permissions(dir_ / "alleen-lezen", fs::perms::owner_read | fs::perms::owner_exec);
  // As root every folder is writable: a file where the folder should be is not.
  std::ofstream(dir_ / "bestand") << "x";
  for (const fs::path& out : {dir_ / "bestand" / "rapport", dir_ / "alleen-lezen" / "rapport"}) {
    auto args = run_args(fixture("toetsbasis"), "independent");
    args[args.size() - 3] = out.string();
    const CommandOutput o = run_command(args, "2>&1");
    if (out.parent_path().filename() == "alleen-lezen" && ::geteuid() == 0) continue;
    EXPECT_EQ(o.code, 2) << o.out;
    EXPECT_EQ(o.out.find("TOEGELATEN"), std::string::npos) << o.out;
    EXPECT_EQ(o.out.find("[geslaagd]"), std::string::npos) << "no test ran: " << o.out;
    EXPECT_NE(o.out.find("--out \"" + out.string() + "\""), std::string::npos) << o.out;
  }
}

}  // namespace
