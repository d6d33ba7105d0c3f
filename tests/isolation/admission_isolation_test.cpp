// Plugin isolation end to end (issue 8), the admission harness's side: a
// hostile plugin is rejected for the right test with its cause, cannot write
// its own result or rewrite the report, leaves nothing running, and a system
// without every sandbox layer is refused unless the TloKB accepts it.
#include "isolation_fixture.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace wkb;
using test::Isolation;
using test::Result;

namespace {

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

// Each fixture against the tests that reach its act: a test that only
// describes passes where the act is in a later method, and the test that
// reaches the act ends with the status that says what happened.
struct Rejection {
  std::string fixture;
  std::string only;                                             // --only
  std::vector<std::pair<std::string, std::string>> statuses;    // test id -> status
  std::string cause;                                            // on the console
};

void PrintTo(const Rejection& r, std::ostream* os) { *os << r.fixture; }

class Rejected : public AdmissionIsolation, public ::testing::WithParamInterface<Rejection> {};

TEST_P(Rejected, ForTheRightTestWithTheCause) {
  const Rejection& c = GetParam();
  const Result r = admit(c.fixture, c.only);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  // The harness survived: its last line is the verdict.
  EXPECT_EQ(last_line(r.out).rfind("NIET TOEGELATEN (", 0), 0u) << r.out;
  for (const auto& [test, status] : c.statuses) EXPECT_EQ(status_of(test), status) << test << "\n" << r.out;
  EXPECT_NE(r.out.find(c.cause), std::string::npos) << r.out;
  // The report it signed is the report it wrote.
  EXPECT_TRUE(fs::exists(dir_ / "out" / "report.sig.json"));
}

const std::string kDescribeAndCorpus = "^(load-abi|describe-consistent|responses-valid-corpus)$";
INSTANTIATE_TEST_SUITE_P(
    Hostile, Rejected,
    ::testing::Values(
        Rejection{"hostile-segfault-describe", kDescribeAndCorpus,
                  {{"load-abi", "pass"}, {"describe-consistent", "crashed"}}, "segmentatiefout (SIGSEGV) tijdens describe"},
        Rejection{"hostile-segfault-plan", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "crashed"}}, "SIGSEGV) tijdens plan"},
        Rejection{"hostile-abort-evaluate", "^(responses-valid-corpus|decision-all-conform)$",
                  {{"responses-valid-corpus", "pass"}, {"decision-all-conform", "crashed"}}, "SIGABRT) tijdens evaluate"},
        Rejection{"hostile-exit0-assess", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "crashed"}}, "stopte tijdens assess met code 0"},
        Rejection{"hostile-endless-loop", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "timeout"}}, "verstreken tijdens sample"},
        Rejection{"hostile-stdout-spam", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "fail"}}, "naar stdout tijdens assess"},
        Rejection{"hostile-thread-after-return", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "fail"}}, "naar stderr"},
        Rejection{"hostile-fork", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "fail"}}, "fork/clone"},
        Rejection{"hostile-setsid-escape", kDescribeAndCorpus,
                  {{"load-abi", "pass"}, {"describe-consistent", "fail"}}, "setsid"},
        Rejection{"hostile-kill-parent", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "fail"}}, "een signaal aan een ander proces"},
        Rejection{"hostile-constructor-write", kDescribeAndCorpus, {{"load-abi", "fail"}}, "openat voor schrijven"},
        Rejection{"hostile-forge-results", kDescribeAndCorpus,
                  {{"load-abi", "pass"}, {"describe-consistent", "fail"}}, "openat voor schrijven"},
        // It would answer correctly only where it sees the admission checker.
        Rejection{"hostile-dieselgate", kDescribeAndCorpus,
                  {{"describe-consistent", "pass"}, {"responses-valid-corpus", "crashed"}}, "SIGSEGV) tijdens plan"},
        Rejection{"oversized-response", kDescribeAndCorpus, {{"describe-consistent", "fail"}}, "response-too-large"},
        Rejection{"double-free", kDescribeAndCorpus, {{"describe-consistent", "crashed"}}, "SIGABRT"}),
    [](const auto& info) { return test::case_name(info.param.fixture); });

TEST_F(AdmissionIsolation, AWeakerSandboxIsRefusedUnlessAcceptedAndThenReported) {
  const fs::path plugin = test::plugin_dir() / "seriebouw";
  auto admit_without = [&](const std::string& layers, std::vector<std::string> extra) {
    std::vector<std::string> args{"WKB_SANDBOX_WITHOUT=" + layers, WKB_ADMISSION_EXE, "run", plugin.string(),
                                  "--out", "out", "--policy", WKB_TEST_POLICY, "--register",
                                  WKB_INDEPENDENT_REGISTER, "--only", "^describe-consistent$"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run("env", args);
  };
  Result r = admit_without("seccomp", {});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("seccomp"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--allow-weaker-sandbox"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out" / "report.json")) << "no test runs on a weaker sandbox unasked";

  r = admit_without("seccomp,pid-namespace", {"--allow-weaker-sandbox"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("WAARSCHUWING: zwakkere sandbox"), std::string::npos) << r.out;
  const json::value rep = json::parse(test::read(dir_ / "out" / "report.json"));
  const auto& sandbox = rep.at("sandbox");
  EXPECT_FALSE(sandbox.at("complete").as_bool());
  std::vector<std::string> missing;
  for (const auto& m : sandbox.at("missing").as_array()) missing.emplace_back(m.as_string());
  EXPECT_EQ(missing, (std::vector<std::string>{"seccomp", "pid-namespace"}));
  EXPECT_NE(test::read(dir_ / "out" / "report.html").find("Zwakkere sandbox"), std::string::npos);
}

// Under --trust a Lua instrument runs from the certified text the host read
// and hashed, in the plugin host as in process; a changed script is refused.
TEST_F(AdmissionIsolation, ACertifiedLuaInstrumentRunsOnlyAsCertified) {
  const fs::path plugin = dir_ / "kavelbouw";
  fs::copy(test::plugin_dir() / "kavelbouw", plugin, fs::copy_options::recursive);
  Result r = run(WKB_ADMISSION_EXE, {"run", plugin.string(), "--out", "out", "--seed", "7", "--policy",
                                     WKB_TEST_POLICY, "--register", WKB_INDEPENDENT_REGISTER});
  ASSERT_EQ(r.code, 0) << r.out;
  ASSERT_EQ(run(WKB_ADMISSION_EXE, {"keygen", "--out", "tlokb"}).code, 0);
  r = run(WKB_ADMISSION_EXE, {"certify", "--report", "out/report.json", "--key", "tlokb.key"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  auto assess = [&](bool in_process) {
    std::vector<std::string> args{"--plugins", dir_.string(), "--trust", "tlokb.pub", "assess", "--json",
                                  "--instrument", "nl.voorbeeld.kavelbouw", "--project",
                                  test::example_project("kloosterstraat-12").string()};
    if (in_process) args.push_back("--in-process");
    return run(WKB_CLI, args);
  };
  const Result isolated = assess(false), in_process = assess(true);
  EXPECT_EQ(isolated.code, 0) << isolated.err;
  EXPECT_EQ(in_process.code, 0) << in_process.err;
  EXPECT_EQ(isolated.out, in_process.out);
  {
    std::ofstream script(plugin / "kavelbouw.lua", std::ios::app);
    script << "\n-- changed after certification\n";
  }
  for (bool mode : {false, true}) {
    const Result refused = assess(mode);
    EXPECT_EQ(refused.code, 4) << refused.err;
    // --json: the refusal is the problem object on stdout.
    EXPECT_NE(refused.out.find("kavelbouw.lua is gewijzigd na de certificering"), std::string::npos) << refused.out;
  }
}

}  // namespace

// ---- Lua request checks (issue 10) -----------------------------------------------

namespace {
class LuaAdmission : public Isolation {
 protected:
  Result admit(const std::string& fixture, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"run", (test::test_plugin_dir() / fixture).string(), "--out", "out", "--seed", "7",
                                  "--policy", WKB_DEFAULT_POLICY, "--register", WKB_INDEPENDENT_REGISTER};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(WKB_ADMISSION_EXE, args);
  }
  json::object test_of(const std::string& id) {
    const json::value v = json::parse(test::read(dir_ / "out" / "report.json"));
    for (const auto& t : v.at("tests").as_array())
      if (t.at("id").as_string() == id) return t.as_object();
    return {};
  }
};
}  // namespace

TEST_F(LuaAdmission, ALuaInstrumentWhoseMethodsOnlyCallCheckRequestIsAdmitted) {
  // The reference instrument's Lua half (examples/reference-instrument): no
  // request checks of its own, only wkb.check_request first in every method
  // (and wkb.decide), under the default policy.
  const Result r = admit("reference-lua");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  const auto t = test_of("robustness-malformed-input");
  ASSERT_FALSE(t.empty()) << r.out;
  EXPECT_EQ(t.at("status").as_string(), "pass") << json::serialize(t);
}

TEST_F(LuaAdmission, AnInstrumentOfANewerContractMinorIsNotAdmittedByThisSuite) {
  // wkb reads it (ignoring what 1.0 does not know); the suite cannot check
  // those members, so it does not admit it. The 1.0 reference passes the same test.
  const Result newer = admit("lua-contract-1.1", {"--only", "^describe-consistent$"});
  EXPECT_EQ(newer.code, 1) << newer.out << newer.err;
  const auto t = test_of("describe-consistent");
  ASSERT_FALSE(t.empty()) << newer.out << newer.err;
  EXPECT_EQ(t.at("status").as_string(), "fail") << json::serialize(t);
  const std::string message(t.at("message").as_string());
  EXPECT_NE(message.find("contractversie 1.1"), std::string::npos) << message;
  EXPECT_NE(message.find("versie 1.0 van deze toelatingstoets"), std::string::npos) << message;

  const Result same = admit("reference-lua", {"--only", "^describe-consistent$"});
  EXPECT_EQ(test_of("describe-consistent").at("status").as_string(), "pass") << same.out << same.err;
}

TEST_F(LuaAdmission, WithoutCheckRequestTheDetailLinesSayWhatWasSent) {
  // The same instrument without the check lines answers requests that break the
  // contract; each detail line names the input, not only its number.
  const Result r = admit("lua-unchecked", {"--only", "^robustness-malformed-input$"});
  const auto t = test_of("robustness-malformed-input");
  ASSERT_FALSE(t.empty()) << r.out << r.err;
  EXPECT_NE(t.at("status").as_string(), "pass") << json::serialize(t);
  std::string details;
  for (const auto& d : t.at("details").as_array()) details += std::string(d.as_string()) + "\n";
  EXPECT_NE(details.find("geval 7 (assess, een project in gevolgklasse 2)"), std::string::npos) << details;
  EXPECT_NE(details.find("geval 8 (assess, een project met 0 eenheden)"), std::string::npos) << details;
}
