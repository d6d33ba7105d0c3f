// wkb.decide in Lua gives exactly what wkb::sdk::decide gives in C++, with
// the SDK's default texts and with every hook in use, for plans of every
// example project and findings that reach every row of the decision table;
// a hook that gives an empty text fails the same way in both.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "lua_test_util.hpp"
#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/decide.hpp"
#include "wkb/sdk/instrument.hpp"

namespace wkb::test {
namespace {

namespace fs = std::filesystem;

// The same hooks in both languages: texts that show every argument a hook gets.
const char* kLuaHooks = R"(
local hooks = {
  explain = function(c, unit, x)
    return x.result .. "|" .. c.id .. "|" .. (unit or "-") .. "|" .. x.note .. "|" .. x.date
  end,
  measure = function(risk, controls)
    local ids = {}
    for i, c in ipairs(controls) do ids[i] = c.id end
    return risk .. ": " .. table.concat(ids, ", ")
  end,
  also_ground = function(outcome, part)
    return part.latest.result == "repaired" or (outcome == "incomplete" and part.unit == nil)
  end,
}
)";

sdk::DecideHooks cpp_hooks() {
  sdk::DecideHooks h;
  h.explain = [](const Control& c, const std::optional<std::string>& unit, const Finding& x) {
    return std::string(to_string(x.result)) + "|" + c.id + "|" + unit.value_or("-") + "|" + x.note + "|" +
           x.date.to_string();
  };
  h.measure = [](const std::string& risk, const std::vector<const Control*>& controls) {
    std::string ids;
    for (const Control* c : controls) ids += (ids.empty() ? "" : ", ") + c->id;
    return risk + ": " + ids;
  };
  h.also_ground = [](Outcome outcome, const FindingStatus& part) {
    return part.latest->result == FindingResult::repaired || (outcome == Outcome::incomplete && !part.unit);
  };
  return h;
}

std::string lua_script(const std::string& evaluate) {
  return std::string(kLuaHooks) +
         "local function alive() return {ok = true} end\n"
         "return {describe = alive, assess = alive, sample = alive, plan = alive, evaluate = " +
         evaluate + "}\n";
}

std::vector<fs::path> projects() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(WKB_SOURCE_DIR "/examples/projects"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Every part gets `base`; part i gets twists[i] when listed. Two findings on
// one part on the same day: the later in the file counts.
Findings findings_for(const Project& p, const Plan& plan, FindingResult base,
                      const std::vector<std::pair<std::size_t, FindingResult>>& twists, bool skip_second = false) {
  Findings f{p.id, {}};
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
      if (skip_second && n == 2) continue;
      const std::string note = n % 3 == 0 ? "" : "bevinding " + std::to_string(n) + " — Zoë";
      f.findings.push_back({c.id, u, FindingResult::open, "eerst open", "J. Jansen", Date::from_ymd(2026, 6, 1)});
      f.findings.push_back({c.id, u, r, note, "J. Jansen", Date::from_ymd(2026, 6, 1)});
    }
  }
  return f;
}

TEST(DecideParity, LuaAndCppGiveTheSameDecision) {
  auto native = host::load_instrument(host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / "reference-native"));
  host::CheckedInstrument planner(std::move(native));
  ScriptPlugin defaults(lua_script("function(req) return wkb.decide(req) end"));
  ScriptPlugin hooked(lua_script("function(req) return wkb.decide(req, hooks) end"));
  auto lua_defaults = defaults.load();
  auto lua_hooked = hooked.load();
  std::set<std::string> outcomes;
  std::size_t grounds = 0, measures = 0;
  for (const auto& file : projects()) {
    SCOPED_TRACE(file.filename().string());
    const Project project = read_project(host::read_text_file(file), file.string());
    const Plan plan = host::run_pipeline(planner, project).plan;
    const std::vector<Findings> cases = {
        Findings{project.id, {}},
        findings_for(project, plan, FindingResult::conform, {}),
        findings_for(project, plan, FindingResult::repaired, {{1, FindingResult::open}, {2, FindingResult::evidence_missing}}),
        findings_for(project, plan, FindingResult::conform, {{0, FindingResult::unrepairable}, {3, FindingResult::repaired}}),
        findings_for(project, plan, FindingResult::conform, {{1, FindingResult::open}}, /*skip_second=*/true),
    };
    for (const auto& f : cases) {
      const std::string request = write_evaluate_request(project, plan, f);
      const Decision d = sdk::decide(project, plan, f);
      EXPECT_EQ(canonicalize(lua_defaults->call(host::Method::evaluate, request), "lua"), write(d));
      const Decision h = sdk::decide(project, plan, f, cpp_hooks());
      EXPECT_EQ(canonicalize(lua_hooked->call(host::Method::evaluate, request), "lua"), write(h));
      // What decide answers passes every host rule, with and without hooks.
      for (const Decision* x : {&d, &h}) {
        Issues issues;
        host::check_decision(project, plan, f, *x, issues);
        EXPECT_TRUE(issues.empty()) << (issues.empty() ? "" : issues.list()[0].to_string());
      }
      // Every ground the table requires is there; with the hooks, the repaired parts too.
      for (const auto& part : finding_status(plan, f)) {
        if (!part.latest) continue;
        auto named = [&](const Decision& x) {
          return std::any_of(x.grounds.begin(), x.grounds.end(), [&](const Ground& g) {
            return g.control == part.control->id && g.unit == part.unit;
          });
        };
        EXPECT_EQ(named(d), ground_required(d.outcome, part.latest->result)) << part.control->id;
        if (part.latest->result == FindingResult::repaired) {
          EXPECT_TRUE(named(h)) << part.control->id;
        }
      }
      // A declaration has one measure per risk of the plan, each naming all of its controls.
      if (d.outcome == Outcome::declaration) {
        std::set<std::string> risks;
        for (const auto& c : plan.controls) risks.insert(c.risk);
        EXPECT_EQ(d.measures.size(), risks.size());
        std::size_t named = 0;
        for (const auto& m : d.measures) named += m.controls.size();
        EXPECT_EQ(named, plan.controls.size());
      } else {
        EXPECT_TRUE(d.measures.empty());
      }
      outcomes.insert(std::string(to_string(d.outcome)));
      grounds += d.grounds.size() + h.grounds.size();
      measures += d.measures.size();
      // The hooks change what is said, never the outcome.
      EXPECT_EQ(d.outcome, h.outcome);
    }
  }
  // The cases reach every row of the table, with grounds and measures to compare.
  EXPECT_EQ(outcomes.size(), 4u);
  EXPECT_GT(grounds, 0u);
  EXPECT_GT(measures, 0u);
}

TEST(DecideParity, AnEmptyHookTextFailsTheSameWayInBoth) {
  const fs::path file = fs::path(WKB_SOURCE_DIR) / "examples/projects/kloosterstraat-12.json";
  const Project project = read_project(host::read_text_file(file), file.string());
  host::CheckedInstrument planner(
      host::load_instrument(host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / "reference-native")));
  const Plan plan = host::run_pipeline(planner, project).plan;
  const Findings f = findings_for(project, plan, FindingResult::conform, {{0, FindingResult::open}});
  sdk::DecideHooks empty;
  empty.explain = [](const Control&, const std::optional<std::string>&, const Finding&) { return std::string(); };
  std::string code, message, path;
  try {
    sdk::decide(project, plan, f, empty);
    ADD_FAILURE() << "an empty explanation was accepted";
  } catch (const sdk::PluginError& e) {
    code = e.code();
    message = e.what();
    path = e.path();
  }
  EXPECT_EQ(code, "decide-hook");
  EXPECT_EQ(path, "$.grounds[0].explanation");
  ScriptPlugin lua(lua_script("function(req) return wkb.decide(req, {explain = function() return '' end}) end"));
  const host::PluginFailure failure =
      expect_failure(*lua.load(), host::Method::evaluate, write_evaluate_request(project, plan, f));
  EXPECT_EQ(failure.code(), code);
  EXPECT_EQ(failure.detail(), message);
  ASSERT_EQ(failure.issues().size(), 1u);
  EXPECT_EQ(failure.issues()[0].path, path);
}

}  // namespace
}  // namespace wkb::test
