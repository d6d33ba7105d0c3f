// "wkb instruments lists both example instruments with their kind; wkb run
// works the same with either": the CLI, run as a program, on the native
// Seriebouw and the Lua Kavelbouw instrument.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <set>
#include <string>
#include <sys/wait.h>

namespace {

struct Result {
  int exit_code;
  std::string out;
};

Result wkb(const std::string& args, bool with_stderr = false) {
  const std::string cmd = std::string(WKB_CLI) + " --plugins " + WKB_PLUGIN_DIR + " " + args +
                          (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return {-1, ""};
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

const std::string kProject = std::string(WKB_SOURCE_DIR) + "/examples/projects/kavel-vrijstaand.json";

TEST(LuaCli, InstrumentsListsBothKinds) {
  const Result r = wkb("instruments --json");
  ASSERT_EQ(r.exit_code, 0);
  std::set<std::pair<std::string, std::string>> seen;
  const boost::json::value v = boost::json::parse(r.out);
  for (const auto& i : v.at("instruments").as_array())
    seen.insert({std::string(i.at("id").as_string()), std::string(i.at("kind").as_string())});
  EXPECT_TRUE(seen.count({"nl.voorbeeld.kavelbouw", "lua"}));
  EXPECT_TRUE(seen.count({"nl.voorbeeld.seriebouw", "native"}));
}

TEST(LuaCli, RunGivesTheSameKindOfAnswerWithEitherKind) {
  const Result lua = wkb("run --json --instrument nl.voorbeeld.kavelbouw --project " + kProject);
  const Result native = wkb("run --json --instrument nl.voorbeeld.seriebouw --project " + kProject);
  ASSERT_EQ(lua.exit_code, 0);
  ASSERT_EQ(native.exit_code, 0);
  const auto a = boost::json::parse(lua.out).as_object();
  const auto b = boost::json::parse(native.out).as_object();
  std::set<std::string> ka, kb;
  for (const auto& kv : a) ka.insert(std::string(kv.key()));
  for (const auto& kv : b) kb.insert(std::string(kv.key()));
  EXPECT_EQ(ka, kb);
  EXPECT_EQ(a.at("instrument").at("kind").as_string(), "lua");
  EXPECT_EQ(b.at("instrument").at("kind").as_string(), "native");
  EXPECT_EQ(a.at("plan").at("schema").as_string(), "wkb.plan/1");
  EXPECT_EQ(b.at("plan").at("schema").as_string(), "wkb.plan/1");
}

TEST(LuaCli, RunWithFindingsDecidesAsTheFileNameSays) {
  // plugins/kavelbouw/examples: findings for the Kavelbouw plan of kavel-vrijstaand.
  const std::string dir = std::string(WKB_SOURCE_DIR) + "/plugins/kavelbouw/examples/";
  for (const auto& [file, outcome] : {std::pair<std::string, std::string>{"kavel-vrijstaand.declaration.json", "declaration"},
                                      {"kavel-vrijstaand.notice.json", "non-compliance-notice"}}) {
    const Result r = wkb("run --json --instrument nl.voorbeeld.kavelbouw --project " + kProject + " --findings " + dir + file);
    ASSERT_EQ(r.exit_code, 0) << file;
    EXPECT_EQ(boost::json::parse(r.out).at("decision").at("outcome").as_string(), outcome) << file;
  }
}

TEST(LuaCli, SandboxLimitsAreConfigurable) {
  const Result r = wkb("run --lua-instructions 1000 --instrument nl.voorbeeld.kavelbouw --project " + kProject, true);
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.out.find("budget van 1000 Lua-instructies"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kavelbouw.lua:"), std::string::npos) << r.out;
  EXPECT_EQ(wkb("run --lua-memory 0 --instrument nl.voorbeeld.kavelbouw --project " + kProject).exit_code, 2);
}

}  // namespace
