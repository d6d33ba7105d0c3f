// The command line as a product (issue 9), both programs: Dutch help and
// errors, one rule for exit codes, one JSON problem object per failure under
// --json, standard input, who did it, and the generated completion and man
// page. The real binaries, run through the shell.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "command.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace wkb;

namespace {

constexpr const char* kId = "nl.voorbeeld.seriebouw";

using Outcome = test::SeparatedOutput;

class CommandLine : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::fresh_temp_dir("wkb-cmdline-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `env` and `input` are shell text: "WKB_USER=x", "< file".
  Outcome run(const std::string& exe, const std::vector<std::string>& args, const std::string& env = "",
          const std::string& input = "</dev/null") {
    // env's own options (-u NAME) come before its assignments.
    std::string cmd = "cd " + test::shell_quote(dir_.string()) + " && env " + env + " WKB_PLUGIN_PATH=" +
                      test::shell_quote(test::plugin_dir().string()) + " WKB_DB=sqlite:" +
                      test::shell_quote((dir_ / "wkb.db").string()) + " " + test::shell_quote(exe);
    for (const auto& a : args) cmd += " " + test::shell_quote(a);
    return test::run_separated(cmd + " " + input, dir_);
  }
  Outcome wkb(const std::vector<std::string>& args, const std::string& env = "", const std::string& input = "</dev/null") {
    return run(WKB_CLI, args, env, input);
  }
  Outcome admission(const std::vector<std::string>& args) { return run(WKB_ADMISSION_EXE, args); }

  static std::string project(const std::string& name) { return test::example_project(name).string(); }

  fs::path dir_;
};

// Words that betray untranslated help or errors.
const char* const kEnglish[] = {"Usage", "Options", "Commands", "(default", "default:", "required", "missing", "unknown",
                                "is not", "the ", "must ", "should "};

void expect_dutch(const std::string& text, const std::string& what) {
  for (const char* w : kEnglish) EXPECT_EQ(text.find(w), std::string::npos) << what << " contains \"" << w << "\":\n" << text;
}

TEST_F(CommandLine, HelpIsDutchInBothProgramsForEveryLevel) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> asks = {
      {WKB_CLI, {"--help"}},
      {WKB_CLI, {"project", "--help"}},
      {WKB_CLI, {"help", "project", "close"}},
      {WKB_CLI, {"risk", "override", "--help"}},
      {WKB_CLI, {"--json", "run", "-h"}},
      {WKB_ADMISSION_EXE, {"--help"}},
      {WKB_ADMISSION_EXE, {"help", "run"}},
      {WKB_ADMISSION_EXE, {"certify", "--help"}},
  };
  for (const auto& [exe, args] : asks) {
    const Outcome r = run(exe, args);
    const std::string what = fs::path(exe).filename().string() + " " + args.front();
    EXPECT_EQ(r.code, 0) << what << r.err;
    EXPECT_NE(r.out.find("Gebruik: "), std::string::npos) << what << r.out;
    expect_dutch(r.out, what);
  }
  // A group's help lists its subcommands, not the overview.
  const Outcome group = wkb({"project", "--help"});
  EXPECT_NE(group.out.find("Subopdrachten:"), std::string::npos);
  EXPECT_NE(group.out.find("  close "), std::string::npos);
  EXPECT_EQ(group.out.find("audit verify"), std::string::npos);
  // A command's help names its options with their allowed values.
  const Outcome risk = wkb({"help", "risk", "override"});
  EXPECT_NE(risk.out.find("--likelihood N"), std::string::npos) << risk.out;
  EXPECT_NE(risk.out.find("1 tot en met 5"), std::string::npos) << risk.out;
  EXPECT_NE(admission({"--version"}).out.find("wkb-admission "), std::string::npos);
}

struct Misuse {
  bool admission;
  std::vector<std::string> args;
  int code;
  std::string rule;
  std::string says;  // a fragment of the Dutch message
};

TEST_F(CommandLine, EveryMisuseGivesOneDutchLineOrOneJsonProblemWithTheSameCode) {
  const std::string p = project("kloosterstraat-12");
  const std::vector<Misuse> cases = {
      {false, {"projetc", "list"}, 2, "unknown-command", "bedoelt u \"project\"?"},
      {false, {"project", "lst"}, 2, "unknown-command", "bedoelt u \"project list\"?"},
      {false, {"project"}, 2, "needs-subcommand", "heeft een subopdracht nodig"},
      {false, {}, 2, "no-command", "geen opdracht gegeven"},
      {false, {"assess", "--instrument", kId, "--projetc", p}, 2, "unknown-option", "bedoelt u --project?"},
      {false, {"-x", "instruments"}, 2, "unknown-option", "twee streepjes"},
      {false, {"instruments", "--diff"}, 2, "option-not-applicable", "hoort niet bij \"wkb instruments\""},
      {false, {"risk", "override", "P", "--risk", "r", "--motivation", "m", "--likelihood", "three"}, 2, "bad-value",
       "1 tot en met 5, niet \"three\""},
      {false, {"risk", "override", "P", "--risk", "r", "--motivation", "m", "--likelihood", "9"}, 2, "bad-value",
       "1 tot en met 5, niet \"9\""},
      {false, {"--log-level", "loud", "instruments"}, 2, "bad-value", "een van trace, debug"},
      {false, {"assess", "--instrument", kId, "--project", p, "--project", p}, 2, "repeated-option", "2 keer"},
      {false, {"assess", "--instrument", kId}, 2, "missing-option", "mist de verplichte optie --project"},
      {false, {"assess", "--instrument", kId, "--project"}, 2, "missing-value", "verwacht een waarde"},
      {false, {"--json=ja", "instruments"}, 2, "flag-with-value", "neemt geen waarde"},
      {false, {"project", "show"}, 2, "missing-argument", "mist het argument ID"},
      {false, {"project", "show", "A", "B"}, 2, "unexpected-argument", "onverwacht argument \"B\""},
      {false, {"assess", "--instrument", kId, "--project", ""}, 2, "empty-value", "--project is leeg"},
      {false, {"assess", "--instrument", kId, "--project", (fs::temp_directory_path() / "bestaat-niet.json").string()},
       3, "unreadable-file", "bestaat-niet.json"},
      // An output that cannot be written is refused before any work is done.
      {false, {"project", "notify", "P", "--melder", "m.json", "--out", "/bestaat-niet/bouwmelding.json"}, 2, "unwritable-output",
       "de map /bestaat-niet bestaat niet"},
      {false, {"dossier", "P", "--out", p}, 2, "unwritable-output", "is geen map"},
      {true, {"frobnicate"}, 2, "unknown-command", "onbekende opdracht \"frobnicate\""},
      {true, {"run", "/tmp", "--seed", "1", "--seed", "2"}, 2, "repeated-option", "--seed"},
      {true, {"run", "/tmp", "--sed", "1"}, 2, "unknown-option", "bedoelt u --seed?"},
      {true, {"run", "/tmp", "--seed", "-3"}, 2, "bad-value", "--seed verwacht een geheel getal"},
      {true, {"certify", "--report", "r.json"}, 2, "missing-option", "--key"},
  };
  for (const auto& c : cases) {
    std::string what;
    for (const auto& a : c.args) what += a + " ";
    auto go = [&](bool as_json) {
      std::vector<std::string> args = c.args;
      if (as_json) args.insert(args.begin(), "--json");
      return c.admission ? admission(args) : wkb(args);
    };
    const Outcome text = go(false);
    EXPECT_EQ(text.code, c.code) << what << text.err;
    EXPECT_TRUE(text.out.empty()) << what << text.out;
    EXPECT_EQ(std::count(text.err.begin(), text.err.end(), '\n'), 1) << what << "one line:\n" << text.err;
    EXPECT_NE(text.err.find(c.says), std::string::npos) << what << text.err;
    expect_dutch(text.err, what);

    const Outcome js = go(true);
    EXPECT_EQ(js.code, c.code) << what;
    EXPECT_TRUE(js.err.empty()) << what << js.err;
    json::value v;
    ASSERT_NO_THROW(v = json::parse(js.out)) << what << js.out;
    const auto& o = v.as_object();
    EXPECT_EQ(o.at("status").as_int64(), c.code) << what;
    EXPECT_EQ(o.at("rule").as_string(), c.rule) << what << js.out;
    EXPECT_EQ(o.at("type").as_string(), "urn:wkb:problem:" + c.rule) << what;
    EXPECT_FALSE(o.at("title").as_string().empty());
    EXPECT_NE(std::string(o.at("detail").as_string().c_str()).find(c.says), std::string::npos) << what << js.out;
  }
}

TEST_F(CommandLine, InvalidFilesAreJsonProblemsNamingFileAndPath) {
  {
    std::ofstream(dir_ / "kapot.json") << "{\"schema\": \"wkb.project/1\",\n  \"id\": }";
  }
  const Outcome syntax = wkb({"--json", "assess", "--instrument", kId, "--project", (dir_ / "kapot.json").string()});
  EXPECT_EQ(syntax.code, 3);
  const auto s = json::parse(syntax.out).as_object();
  EXPECT_EQ(s.at("rule").as_string(), "json-syntax");
  EXPECT_EQ(s.at("line").as_int64(), 2);

  json::value p = json::parse(test::read(test::example_project("kloosterstraat-12")));
  p.as_object()["consequence_class"] = 2;
  {
    std::ofstream(dir_ / "gk2.json") << json::serialize(p);
  }
  const Outcome rules = wkb({"--json", "assess", "--instrument", kId, "--project", (dir_ / "gk2.json").string()});
  EXPECT_EQ(rules.code, 3) << rules.out;
  const auto r = json::parse(rules.out).as_object();
  EXPECT_EQ(r.at("file").as_string(), (dir_ / "gk2.json").string());
  EXPECT_EQ(r.at("path").as_string(), "$.consequence_class");
  EXPECT_EQ(r.at("rule").as_string(), r.at("issues").as_array().at(0).at("rule").as_string());
}

TEST_F(CommandLine, ADashReadsTheProjectFromStandardInput) {
  const std::string file = project("kloosterstraat-12");
  const Outcome from_file = wkb({"--json", "plan", "--instrument", kId, "--project", file});
  const Outcome from_stdin = wkb({"--json", "plan", "--instrument", kId, "--project", "-"}, "", "< " + test::shell_quote(file));
  ASSERT_EQ(from_stdin.code, 0) << from_stdin.out << from_stdin.err;
  EXPECT_EQ(from_stdin.out, from_file.out);
  const Outcome twice = wkb({"evaluate", "--instrument", kId, "--project", "-", "--plan", "-", "--findings", "x"}, "",
                        "< " + test::shell_quote(file));
  EXPECT_EQ(twice.code, 2) << twice.err;
  EXPECT_NE(twice.err.find("standaardinvoer"), std::string::npos) << twice.err;
}

TEST_F(CommandLine, InstrumentsFailsWhenNoInstrumentCanBeUsed) {
  fs::create_directories(dir_ / "leeg");
  const Outcome none = wkb({"--plugins", (dir_ / "leeg").string(), "instruments"});
  EXPECT_EQ(none.code, 3) << none.err;
  EXPECT_NE(none.err.find("geen bruikbaar instrument"), std::string::npos) << none.err;
  // --trust with a key nobody certified with: every plugin refused.
  ASSERT_EQ(admission({"keygen", "--out", (dir_ / "tlokb").string()}).code, 0);
  const Outcome refused = wkb({"--trust", (dir_ / "tlokb.pub").string(), "--json", "instruments"});
  EXPECT_EQ(refused.code, 4);
  const auto o = json::parse(refused.out).as_object();
  EXPECT_TRUE(o.at("instruments").as_array().empty());
  EXPECT_FALSE(o.at("problems").as_array().empty());
  EXPECT_EQ(wkb({"instruments"}).code, 0);
}

TEST_F(CommandLine, WhoDidItIsByOrWkbUserAndNeverUnknown) {
  const std::vector<std::string> create = {"project", "create", "--instrument", kId, "--project",
                                           project("kloosterstraat-12")};
  const Outcome anonymous = wkb(create, "-u WKB_USER");
  EXPECT_EQ(anonymous.code, 2);
  EXPECT_NE(anonymous.err.find("geef --by NAAM of zet WKB_USER"), std::string::npos) << anonymous.err;
  const Outcome created = wkb(create, "WKB_USER='Jan de Vries'");
  ASSERT_EQ(created.code, 0) << created.err;
  const Outcome shown = wkb({"--json", "project", "show", "2026-ALM-0042"});
  ASSERT_EQ(shown.code, 0) << shown.err << shown.out;
  const auto v = json::parse(shown.out);
  EXPECT_EQ(v.at("plan_versions").at(0).at("created_by").as_string(), "Jan de Vries");
  EXPECT_EQ(shown.out.find("onbekend"), std::string::npos);
}

// Bash completion from `wkb completion bash`: what a user gets after TAB.
std::string complete(const std::string& exe, const std::string& words, const fs::path& dir) {
  const std::string script = "source <(" + test::shell_quote(exe) + " completion bash)\nCOMP_WORDS=(" + words +
                             ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n" +
                             (fs::path(exe).filename() == "wkb" ? "_wkb" : "_wkb_admission") +
                             "\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
  std::ofstream(dir / "complete.sh") << script;
  return test::run_command({"bash", (dir / "complete.sh").string()}).out;
}

TEST_F(CommandLine, BashCompletionOffersCommandsOptionsAndValues) {
  EXPECT_EQ(test::run_command({"bash", "-n", "-c", "$(" + std::string(WKB_CLI) + " completion bash)"}).code, 0);
  EXPECT_EQ(complete(WKB_CLI, "wkb pro", dir_), "project\n");
  const std::string sub = complete(WKB_CLI, "wkb project c", dir_);
  EXPECT_NE(sub.find("create"), std::string::npos) << sub;
  EXPECT_NE(sub.find("close"), std::string::npos) << sub;
  EXPECT_EQ(complete(WKB_CLI, "wkb --json project create --ins", dir_), "--instrument\n");
  EXPECT_EQ(complete(WKB_CLI, "wkb --log-level d", dir_), "debug\n");
  EXPECT_EQ(complete(WKB_CLI, "wkb finding add P --result unr", dir_), "unrepairable\n");
  EXPECT_EQ(complete(WKB_ADMISSION_EXE, "wkb-admission run x --all", dir_), "--allow-weaker-sandbox\n");
}

TEST_F(CommandLine, ManPagesRenderWithoutWarnings) {
  for (const std::string exe : {WKB_CLI, WKB_ADMISSION_EXE}) {
    const auto page = test::run_command({exe, "--help-man"}, "2>/dev/null").out;
    std::ofstream(dir_ / "page.1") << page;
    // -ww: every warning; -z: no output, only the check.
    const auto check = test::run_command({"groff", "-man", "-Tutf8", "-ww", "-z", (dir_ / "page.1").string()});
    EXPECT_EQ(check.code, 0) << exe;
    EXPECT_TRUE(check.out.empty()) << exe << ":\n" << check.out;
    // -P-cbou: plain text, no bold or underline escapes.
    const auto text =
        test::run_command({"groff", "-man", "-Tutf8", "-P-cbou", (dir_ / "page.1").string()}, "2>/dev/null").out;
    EXPECT_NE(text.find("EXITCODES"), std::string::npos) << exe;
  }
  const auto wkb_page = test::run_command({WKB_CLI, "--help-man"}).out;
  EXPECT_NE(wkb_page.find(".SS project close"), std::string::npos);
  EXPECT_NE(wkb_page.find("WKB_USER"), std::string::npos);
}

TEST_F(CommandLine, InstallPutsProgramsManPagesAndCompletionInPlace) {
  const fs::path prefix = dir_ / "prefix";
  const auto install = test::run_command({"cmake", "--install", test::binary_dir().string(), "--prefix", prefix.string()});
  ASSERT_EQ(install.code, 0) << install.out;
  for (const char* f : {"bin/wkb", "bin/wkb-admission", "bin/wkb-plugin-host", "share/man/man1/wkb.1",
                        "share/man/man1/wkb-admission.1", "share/bash-completion/completions/wkb",
                        "share/bash-completion/completions/wkb-admission"})
    EXPECT_TRUE(fs::exists(prefix / f)) << f;
  EXPECT_EQ(test::read(prefix / "share/man/man1/wkb.1"), test::run_command({WKB_CLI, "--help-man"}).out);
  EXPECT_NE(test::run_command({(prefix / "bin/wkb").string(), "--version"}).out.find("wkb 0."), std::string::npos);
}

}  // namespace
