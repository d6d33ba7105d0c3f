// Parity: the reference instrument written twice, in C++ (native) and in Lua,
// gives byte-identical canonical responses for every example project and
// every method. This proves that the marshalling and the host treat both
// kinds alike. The Lua responses also pass every host rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/sdk/codec.hpp"

namespace wkb::test {
namespace {

namespace fs = std::filesystem;
using host::Method;

std::vector<fs::path> project_files() {
  std::vector<fs::path> out;
  for (const char* dir : {WKB_SOURCE_DIR "/examples/projects", WKB_SOURCE_DIR "/tests/lua/fixtures/projects"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Findings the plan can receive: every (control, unit) pair gets `result`,
// except that the pairs picked by `twist` get another result.
Findings findings_for(const Project& p, const Plan& plan, FindingResult base,
                      std::vector<std::pair<std::size_t, FindingResult>> twists, bool leave_one_out = false) {
  Findings f;
  f.project = p.id;
  std::size_t n = 0;
  for (const auto& c : plan.controls) {
    std::vector<std::optional<std::string>> units;
    if (c.units.empty()) units.push_back(std::nullopt);
    for (const auto& u : c.units) units.push_back(u);
    for (const auto& u : units) {
      FindingResult r = base;
      for (const auto& [at, res] : twists)
        if (at == n) r = res;
      ++n;
      if (leave_one_out && n == 2) continue;
      f.findings.push_back({c.id, u, r, "bevinding " + std::to_string(n) + " — Zoë", "J. Jansen",
                            Date::from_ymd(2026, 6, 1)});
      if (r == FindingResult::open && n % 2 == 0)  // a later repair supersedes an earlier open finding
        f.findings.push_back({c.id, u, FindingResult::repaired, "hersteld", "J. Jansen", Date::from_ymd(2026, 7, 1)});
    }
  }
  return f;
}

class Parity : public ::testing::TestWithParam<fs::path> {
 protected:
  static host::Manifest manifest(const char* folder) { return host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / folder); }
};

TEST_P(Parity, EveryMethodIsByteIdentical) {
  const Project project = read_project(host::read_text_file(GetParam()), GetParam().string());
  auto native = host::load_instrument(manifest("reference-native"));
  auto lua = host::load_instrument(manifest("reference-lua"));
  ASSERT_EQ(native->manifest().kind, "native");
  ASSERT_EQ(lua->manifest().kind, "lua");

  auto both = [&](Method m, const std::string& request) {
    const std::string a = native->call(m, request);
    const std::string b = lua->call(m, request);
    EXPECT_EQ(a, b) << "method " << to_string(m) << ", project " << GetParam().filename();
    return b;
  };
  both(Method::describe, "{}");
  const Assessment assessment = read_assessment(both(Method::assess, write_assess_request(project)), "assessment");
  const Sample sample = read_sample(both(Method::sample, write_sample_request(project, assessment)), "sample");
  const Plan plan = read_plan(both(Method::plan, write_plan_request(project, assessment, sample)), "plan");
  ASSERT_FALSE(plan.controls.empty());

  const std::vector<Findings> cases = {
      Findings{project.id, {}},                                                     // incomplete
      findings_for(project, plan, FindingResult::conform, {}),                      // declaration
      findings_for(project, plan, FindingResult::conform, {{1, FindingResult::open}, {2, FindingResult::evidence_missing}}),
      findings_for(project, plan, FindingResult::repaired, {{0, FindingResult::unrepairable}, {3, FindingResult::open}}),
      findings_for(project, plan, FindingResult::conform, {}, /*leave_one_out=*/true),
  };
  std::set<std::string> outcomes;
  for (const auto& f : cases) {
    const Decision d = read_decision(both(Method::evaluate, write_evaluate_request(project, plan, f)), "decision");
    outcomes.insert(std::string(to_string(d.outcome)));
  }
  // The cases above reach every row of the decision table.
  EXPECT_EQ(outcomes.size(), 4u);
}

TEST_P(Parity, LuaResponsesPassEveryHostRule) {
  const Project project = read_project(host::read_text_file(GetParam()), GetParam().string());
  host::CheckedInstrument lua(host::load_instrument(manifest("reference-lua")));
  const auto r = host::run_pipeline(lua, project);
  for (auto result : {FindingResult::conform, FindingResult::unrepairable}) {
    const Findings f = findings_for(project, r.plan, result, {});
    EXPECT_NO_THROW(host::evaluate_findings(lua, project, r.plan, f, "findings"));
  }
}

TEST(ParityErrors, APluginErrorReadsTheSameFromBothKinds) {
  const fs::path file = fs::path(WKB_SOURCE_DIR) / "examples/projects/kavel-vrijstaand.json";
  Project project = read_project(host::read_text_file(file), file.string());
  auto native = host::load_instrument(host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / "reference-native"));
  auto lua = host::load_instrument(host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / "reference-lua"));
  const Assessment a = read_assessment(native->call(Method::assess, write_assess_request(project)), "a");
  const Sample s = read_sample(native->call(Method::sample, write_sample_request(project, a)), "s");
  project.schedule.resize(1);  // design only: the reference instrument refuses to plan
  ASSERT_EQ(project.schedule[0].phase, Phase::design);
  const std::string request = write_plan_request(project, a, s);
  auto failure = [&](host::Instrument& i) {
    try {
      i.call(Method::plan, request);
    } catch (const host::PluginFailure& e) {
      return e;
    }
    ADD_FAILURE() << i.manifest().kind << ": no failure";
    return host::PluginFailure("", "", "", "");
  };
  const host::PluginFailure n = failure(*native), l = failure(*lua);
  EXPECT_EQ(n.code(), "no-execution-phase");
  EXPECT_EQ(std::string(n.what()), std::string(l.what()));
  EXPECT_EQ(n.code(), l.code());
  ASSERT_EQ(n.issues().size(), 1u);
  ASSERT_EQ(l.issues().size(), 1u);
  EXPECT_EQ(n.issues()[0].path, l.issues()[0].path);
}

std::string param_name(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Projects, Parity, ::testing::ValuesIn(project_files()), param_name);

}  // namespace
}  // namespace wkb::test
