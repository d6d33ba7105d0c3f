// Plugin isolation end to end (issue 8), `wkb`'s side: for each hostile
// fixture, `wkb run --json` ends with the documented exit code and cause (or,
// where the act is harmless to the result, exit 0 with valid JSON), no file
// the plugin aimed at appears, and no plugin process outlives the command.
#include "isolation_fixture.hpp"

#include "wkb/host/instrument.hpp"
#include "wkb/host/manifest.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace wkb;
using test::Isolation;
using test::kSerie;
using test::Result;

namespace {

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
  if (f.code == 0) {
    EXPECT_NE(r.err.find(f.cause), std::string::npos) << r.err;
    // The plugin's output never reaches wkb's stdout: one JSON document.
    json::value v;
    ASSERT_NO_THROW(v = json::parse(r.out)) << r.out.substr(0, 300);
    EXPECT_EQ(v.at("decision").at("outcome").as_string(), "declaration");
  } else {
    // Under --json the failure is one problem object on stdout, naming the
    // plugin and the cause, with the exit code as its status; no verdict.
    json::value v;
    ASSERT_NO_THROW(v = json::parse(r.out)) << r.out.substr(0, 300);
    const auto& o = v.as_object();
    EXPECT_FALSE(o.contains("decision"));
    EXPECT_EQ(o.at("status").as_int64(), f.code);
    EXPECT_EQ(o.at("plugin").as_string(), f.id) << "the error names the plugin";
    EXPECT_EQ(o.at("type").as_string(), "urn:wkb:problem:" + std::string(o.at("rule").as_string().c_str()));
    EXPECT_NE(std::string(o.at("detail").as_string().c_str()).find(f.cause), std::string::npos) << r.out;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, Faults,
    ::testing::Values(
        Fault{"hostile-segfault-describe", kSerie, 4, "segmentatiefout (SIGSEGV) tijdens describe"},
        Fault{"hostile-segfault-plan", kSerie, 4, "segmentatiefout (SIGSEGV) tijdens plan"},
        Fault{"hostile-abort-evaluate", kSerie, 4, "afgebroken (SIGABRT) tijdens evaluate"},
        Fault{"hostile-exit0-assess", kSerie, 4, "stopte tijdens assess met code 0"},
        Fault{"hostile-endless-loop", kSerie, 4, "deadline van 1500 ms verstreken tijdens sample"},
        Fault{"hostile-stdout-spam", kSerie, 0, "bytes to stdout (assess)"},
        Fault{"hostile-thread-after-return", kSerie, 0, ""},
        Fault{"hostile-fork", kSerie, 0, "refused system call (assess), harmless to the answer: fork/clone"},
        Fault{"hostile-setsid-escape", kSerie, 4, "geweigerde systeemaanroep: setsid"},
        Fault{"hostile-kill-parent", kSerie, 4, "een signaal aan een ander proces (kill)"},
        Fault{"hostile-constructor-write", kSerie, 4, "bij het laden: geweigerde systeemaanroep: openat voor schrijven"},
        Fault{"hostile-forge-results", kSerie, 4, "openat voor schrijven"},
        Fault{"hostile-hide-refusals", kSerie, 4, "bij het laden: geweigerde systeemaanroep: rt_sigaction"},
        Fault{"hostile-forge-ready", kSerie, 4, "meldde het laden met een onverwacht frame"},
        Fault{"hostile-note-flood", kSerie, 4, "stuurde meer dan een melding"},
        Fault{"oversized-response", "nl.test.oversized-response", 4, "[response-too-large]"},
        Fault{"double-free", "nl.test.double-free", 4, "afgebroken (SIGABRT) tijdens describe"}),
    [](const auto& info) { return test::case_name(info.param.fixture); });

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

TEST_F(Isolation, AMissingLayerIsAWarningInWkbNeverSilent) {
  const Result r = run("env", {"WKB_SANDBOX_WITHOUT=seccomp", WKB_CLI, "run", "--json", "--instrument", kSerie,
                               "--plugins", test::plugin_dir().string(), "--project",
                               test::example_project("kloosterstraat-12").string()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("sandbox without seccomp"), std::string::npos) << r.err;
  EXPECT_NO_THROW(json::parse(r.out));
}

// RTLD_NODELETE: the plugin's code stays mapped after its instance and
// library are gone, so a thread it left running cannot jump into unmapped
// memory and take the host down. In process, where nothing else protects.
TEST(InProcess, AThreadLeftBehindCannotCrashTheHostAtUnload) {
  {
    auto plugin = host::load_instrument(host::read_manifest(test::test_plugin_dir() / "thread-after-unload"));
    plugin->call(host::Method::describe, "{}");
  }  // unloaded while the thread sleeps
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the thread wakes, writes, ends
  SUCCEED() << "the host is still running";
}

// The host's environment and memory are not the plugin's to read, also when
// wkb runs as root: the plugin host has no capabilities, wkb is not dumpable.
// With its PID namespace it does not even see them: its /proc is the
// namespace's own.
TEST_F(Isolation, APluginCannotReadTheHostsEnvironmentOrMemory) {
  Result r = wkb_run("hostile-read-host", kSerie);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find("READABLE"), std::string::npos) << r.err;
  if (::geteuid() == 0) {
    // Landlock leaves it its own /proc entries only; the namespace's /proc
    // alone would show the init and itself.
    const auto at = r.err.find("visible processes: ");
    ASSERT_NE(at, std::string::npos) << r.err;
    EXPECT_LE(std::stoi(r.err.substr(at + 19)), 2) << r.err;
  }
  // Without the namespace and Landlock it sees its ancestors, and still
  // cannot read them: no capabilities, and the host is not dumpable.
  r = run("env", {"WKB_SANDBOX_WITHOUT=pid-namespace,landlock", WKB_CLI, "run", "--json", "--plugins",
                  (test::test_plugin_dir() / "hostile-read-host").string(), "--instrument", kSerie, "--project",
                  test::example_project("kloosterstraat-12").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("of the parent of"), std::string::npos) << "the fixture did not look: " << r.err;
  EXPECT_EQ(r.err.find("READABLE"), std::string::npos) << r.err;
}

// Landlock: of the file system the plugin reads only its folder and the
// system's libraries, so no user file and no library from elsewhere.
TEST_F(Isolation, APluginReadsNothingOutsideItsFolderAndTheSystemLibraries) {
  const fs::path outside = "/tmp/wkb-hostile-outside.txt";
  { std::ofstream(outside) << "a document of the assurer\n"; }
  const Result r = wkb_run("hostile-read-outside", kSerie);
  fs::remove(outside);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("outside file: denied"), std::string::npos) << r.err;
}

TEST_F(Isolation, TheSandboxIsCompleteHereAsRoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "the PID namespace needs root or user namespaces";
  host::LoadOptions o;
  o.plugin_host_executable = WKB_PLUGIN_HOST_EXE;
  const host::SandboxStatus s = host::probe_sandbox(o);
  EXPECT_TRUE(s.complete()) << s.problems;
}

}  // namespace
