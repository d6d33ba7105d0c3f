// Plugin isolation end to end (issue 8): for each hostile fixture, `wkb run
// --json` ends with the documented exit code and cause (or, where the act is
// harmless to the result, exit 0 with valid JSON), no file the plugin aimed
// at appears, and no plugin process outlives the command. The admission
// harness rejects the fixtures for the right test and survives them.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <thread>

#include "command.hpp"
#include "test_paths.hpp"
#include "wkb/host/instrument.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace wkb;

namespace {

// Where hostile.cpp aims the acts that write files.
const fs::path kTrophy = "/tmp/wkb-hostile-trophy.txt";

struct Result {
  int code = -1;
  std::string out, err;
};

using test::shell_quote;

class Isolation : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("wkb-isolation-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // A plugin host under a name of this test's own, so that leftovers are
    // found even while other tests run plugins at the same time.
    host_ = dir_ / "wkb-plugin-host-under-test";
    fs::create_symlink(WKB_PLUGIN_HOST_EXE, host_);
    fs::remove(kTrophy);
  }
  void TearDown() override {
    EXPECT_FALSE(fs::exists(kTrophy)) << "a plugin wrote " << kTrophy;
    EXPECT_EQ(leftovers(), 0) << "plugin processes outlived the command";
    fs::remove_all(dir_);
  }

  Result run(const std::string& exe, const std::vector<std::string>& args) {
    std::string cmd = "cd " + shell_quote(dir_.string()) + " && WKB_PLUGIN_HOST=" + shell_quote(host_.string()) + " " + shell_quote(exe);
    for (const auto& a : args) cmd += " " + shell_quote(a);
    cmd += " >stdout 2>stderr </dev/null";
    const int status = std::system(cmd.c_str());
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = test::read(dir_ / "stdout");
    r.err = test::read(dir_ / "stderr");
    return r;
  }

  Result wkb_run(const std::string& fixture, const std::string& id, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"run",       "--json",
                                  "--plugins", (test::test_plugin_dir() / fixture).string(),
                                  "--instrument", id,
                                  "--project", test::example_project("kloosterstraat-12").string(),
                                  "--findings", test::example_findings("kloosterstraat-12.declaration").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(WKB_CLI, args);
  }

  // Processes still running this test's plugin host (or its namespace init,
  // which carries the host's command line).
  int leftovers() const {
    int n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc", ec)) {
      std::ifstream in(e.path() / "cmdline");
      std::string argv0;
      std::getline(in, argv0, '\0');
      if (argv0 == host_.string()) ++n;
    }
    return n;
  }

  fs::path dir_, host_;
};

struct Fault {
  std::string fixture;
  std::string id;
  int code;           // exit code of wkb run
  std::string cause;  // in stderr (exit 4) or in the log (exit 0)
};

void PrintTo(const Fault& f, std::ostream* os) { *os << f.fixture; }

class Faults : public Isolation, public ::testing::WithParamInterface<Fault> {};

TEST_P(Faults, CostAClearErrorNeverTheHostOrAFalseVerdict) {
  const Fault& f = GetParam();
  const Result r = wkb_run(f.fixture, f.id, {"--plugin-deadline", "1500"});
  EXPECT_EQ(r.code, f.code) << r.err;
  EXPECT_NE(r.err.find(f.cause), std::string::npos) << r.err;
  if (f.code == 0) {
    // The plugin's output never reaches wkb's stdout: one JSON document.
    json::value v;
    ASSERT_NO_THROW(v = json::parse(r.out)) << r.out.substr(0, 300);
    EXPECT_EQ(v.at("decision").at("outcome").as_string(), "declaration");
  } else {
    EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 300);
    EXPECT_NE(r.err.find(f.id), std::string::npos) << "the error names the plugin: " << r.err;
  }
}

const std::string kSerie = "nl.voorbeeld.seriebouw";
INSTANTIATE_TEST_SUITE_P(
    Hostile, Faults,
    ::testing::Values(
        Fault{"hostile-segfault-describe", kSerie, 4, "segmentatiefout (SIGSEGV) tijdens describe"},
        Fault{"hostile-segfault-plan", kSerie, 4, "segmentatiefout (SIGSEGV) tijdens plan"},
        Fault{"hostile-abort-evaluate", kSerie, 4, "afgebroken (SIGABRT) tijdens evaluate"},
        Fault{"hostile-exit0-assess", kSerie, 4, "stopte tijdens assess met code 0"},
        Fault{"hostile-endless-loop", kSerie, 4, "deadline van 1500 ms verstreken tijdens sample"},
        Fault{"hostile-stdout-spam", kSerie, 0, "bytes naar stdout tijdens assess"},
        Fault{"hostile-thread-after-return", kSerie, 0, ""},
        Fault{"hostile-fork", kSerie, 0, "geweigerde systeemaanroep tijdens assess: fork/clone"},
        Fault{"hostile-setsid-escape", kSerie, 4, "geweigerde systeemaanroep: setsid"},
        Fault{"hostile-kill-parent", kSerie, 4, "een signaal aan een ander proces (kill)"},
        Fault{"hostile-constructor-write", kSerie, 4, "method load: geweigerde systeemaanroep: openat voor schrijven"},
        Fault{"hostile-forge-results", kSerie, 4, "openat voor schrijven"},
        Fault{"oversized-response", "nl.test.oversized-response", 4, "[response-too-large]"},
        Fault{"double-free", "nl.test.double-free", 4, "afgebroken (SIGABRT) tijdens describe"}),
    [](const auto& info) {
      std::string n = info.param.fixture;
      for (char& c : n)
        if (c == '-') c = '_';
      return n;
    });

TEST_F(Isolation, OneBrokenPluginDoesNotHideTheOthers) {
  const std::string path =
      test::plugin_dir().string() + ":" + (test::test_plugin_dir() / "hostile-segfault-describe").string();
  const Result r = run(WKB_CLI, {"instruments", "--json", "--plugins", path});
  ASSERT_EQ(r.code, 0) << r.err;
  const json::value v = json::parse(r.out);
  bool seriebouw = false;
  for (const auto& i : v.at("instruments").as_array()) seriebouw |= i.at("id").as_string() == kSerie;
  EXPECT_TRUE(seriebouw) << r.out;
  bool broken = false;
  for (const auto& p : v.at("problems").as_array())
    broken |= json::value_to<std::string>(p.at("problem")).find("SIGSEGV") != std::string::npos;
  EXPECT_TRUE(broken) << r.out;
}

TEST_F(Isolation, InProcessModeStillRunsTheSamePipeline) {
  const Result isolated = wkb_run("hostile-thread-after-return", kSerie);
  const Result in_process = wkb_run("hostile-thread-after-return", kSerie, {"--in-process"});
  ASSERT_EQ(isolated.code, 0) << isolated.err;
  ASSERT_EQ(in_process.code, 0) << in_process.err;
  EXPECT_EQ(isolated.out, in_process.out);
}

TEST_F(Isolation, TheSandboxIsCompleteHereAsRoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "the PID namespace needs root or user namespaces";
  host::LoadOptions o;
  o.plugin_host_executable = WKB_PLUGIN_HOST_EXE;
  const host::SandboxStatus s = host::probe_sandbox(o);
  EXPECT_TRUE(s.complete()) << s.problems;
}

// ---- admission ------------------------------------------------------------------------

class AdmissionIsolation : public Isolation {
 protected:
  Result admit(const std::string& fixture, const std::string& only) {
    return run(WKB_ADMISSION_EXE, {"run", (test::test_plugin_dir() / fixture).string(), "--out", "out", "--seed",
                                   "7", "--policy", WKB_TEST_POLICY, "--register", WKB_INDEPENDENT_REGISTER,
                                   "--only", only});
  }
  std::string status_of(const std::string& test) {
    const json::value v = json::parse(test::read(dir_ / "out" / "report.json"));
    for (const auto& t : v.at("tests").as_array())
      if (t.at("id").as_string() == test) return json::value_to<std::string>(t.at("status"));
    return "absent";
  }
  static std::string last_line(const std::string& text) {
    std::string t = text;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    return t.substr(t.rfind('\n') + 1);
  }
};

TEST_F(AdmissionIsolation, AForgingPluginCannotWriteItsOwnResult) {
  const Result r = admit("hostile-forge-results", "^(load-abi|describe-consistent)$");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_EQ(last_line(r.out).rfind("NIET TOEGELATEN", 0), 0u) << r.out;
  EXPECT_EQ(status_of("load-abi"), "pass");  // loading does nothing wrong
  EXPECT_EQ(status_of("describe-consistent"), "fail");
  EXPECT_NE(r.out.find("openat voor schrijven"), std::string::npos) << r.out;
}

TEST_F(AdmissionIsolation, AnEscapedPluginCannotRewriteTheReportAfterTheVerdict) {
  const Result r = admit("hostile-setsid-escape", "^describe-consistent$");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  const std::string report = test::read(dir_ / "out" / "report.json");
  // The fixture's child would rewrite report.json two seconds later.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(test::read(dir_ / "out" / "report.json"), report);
  EXPECT_FALSE(fs::exists(dir_ / "report.json"));
  EXPECT_EQ(status_of("describe-consistent"), "fail");
}

TEST_F(AdmissionIsolation, CrashesHangsAndOutputFailTheRightTest) {
  Result r = admit("hostile-segfault-plan", "^(declares-thresholds|responses-valid-corpus)$");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(status_of("declares-thresholds"), "pass");  // describe only
  EXPECT_NE(status_of("responses-valid-corpus"), "pass");
  EXPECT_NE(r.out.find("SIGSEGV"), std::string::npos) << r.out;

  r = admit("hostile-endless-loop", "^decision-all-conform$");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(status_of("decision-all-conform"), "timeout");
  EXPECT_NE(r.out.find("deadline van"), std::string::npos) << r.out;

  r = admit("hostile-stdout-spam", "^responses-valid-corpus$");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(status_of("responses-valid-corpus"), "fail");
  EXPECT_NE(r.out.find("naar stdout"), std::string::npos) << r.out;

  r = admit("hostile-kill-parent", "^responses-valid-corpus$");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(last_line(r.out).rfind("NIET TOEGELATEN", 0), 0u) << r.out;
}

}  // namespace
