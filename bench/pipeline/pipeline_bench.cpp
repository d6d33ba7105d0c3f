// bench_pipeline: how much the JSON boundary costs.
//   Direct*    the Seriebouw class called in-process, no JSON at all
//   Boundary*  the same instrument loaded as a plugin through the C ABI, with
//              request serialisation, response parsing and host validation
//   Part*      the boundary's parts on their own
//   Isolated*  the same plugin in its sandboxed plugin host process (wkb's default)
//   PluginHostStartup  start the plugin host, load, describe, end it
//   Process    `wkb run` as a whole process (isolated, and with --in-process)
// Run: build/bin/bench_pipeline (see docs/performance.md for recorded figures).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include "seriebouw.hpp"
#include "test_paths.hpp"
#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"

extern char** environ;

namespace {

using namespace wkb;

const char* project_name(int units) { return units == 150 ? "nieuwe-kern-150" : "kloosterstraat-12"; }

Project load_project(int units) {
  return read_project(test::read(test::example_project(project_name(units))), project_name(units));
}

// Every control and unit conform: evaluate then walks the whole plan.
Findings all_conform(const Plan& plan) {
  Findings f{plan.project, {}};
  const Date day = *Date::parse("2026-06-01");
  for (const auto& c : plan.controls) {
    if (c.units.empty()) f.findings.push_back({c.id, std::nullopt, FindingResult::conform, "", "bench", day});
    for (const auto& u : c.units) f.findings.push_back({c.id, u, FindingResult::conform, "", "bench", day});
  }
  return f;
}

host::CheckedInstrument& plugin() {
  static auto i = std::make_unique<host::CheckedInstrument>(
      host::load_instrument(host::read_manifest(test::plugin_dir() / "seriebouw")));
  return *i;
}

host::CheckedInstrument& isolated_plugin() {
  static auto i = [] {
    host::LoadOptions o;
    o.isolation = host::Isolation::process;
    return std::make_unique<host::CheckedInstrument>(
        host::load_instrument(host::read_manifest(test::plugin_dir() / "seriebouw"), o));
  }();
  return *i;
}

void DirectPipeline(benchmark::State& state) {
  const Project p = load_project(static_cast<int>(state.range(0)));
  seriebouw::Seriebouw s;
  const Findings f = all_conform(s.plan(p, s.assess(p), s.sample(p, s.assess(p))));
  for (auto _ : state) {
    Assessment a = s.assess(p);
    Sample sm = s.sample(p, a);
    Plan pl = s.plan(p, a, sm);
    Decision d = s.evaluate(p, pl, f);
    benchmark::DoNotOptimize(d);
  }
}

// The four calls and their validation through `i`, with every finding conform.
void pipeline_through(benchmark::State& state, host::CheckedInstrument& i) {
  const Project p = load_project(static_cast<int>(state.range(0)));
  const Findings f = all_conform(host::run_pipeline(i, p).plan);
  for (auto _ : state) {
    auto r = host::run_pipeline(i, p);
    Decision d = host::evaluate_findings(i, p, r.plan, f, "bench");
    benchmark::DoNotOptimize(d);
  }
}

void BoundaryPipeline(benchmark::State& state) { pipeline_through(state, plugin()); }

void IsolatedPipeline(benchmark::State& state) { pipeline_through(state, isolated_plugin()); }

void PluginHostStartup(benchmark::State& state) {
  const host::Manifest m = host::read_manifest(test::plugin_dir() / "seriebouw");
  host::LoadOptions o;
  o.isolation = host::Isolation::process;
  for (auto _ : state) {
    host::CheckedInstrument i(host::load_instrument(m, o));
    benchmark::DoNotOptimize(i.description());
  }
}

void DirectAssess(benchmark::State& state) {
  const Project p = load_project(static_cast<int>(state.range(0)));
  seriebouw::Seriebouw s;
  for (auto _ : state) benchmark::DoNotOptimize(s.assess(p));
}

void BoundaryAssess(benchmark::State& state) {
  const Project p = load_project(static_cast<int>(state.range(0)));
  auto& i = plugin();
  for (auto _ : state) benchmark::DoNotOptimize(i.assess(p));
}

// The parts of one plan call at the boundary, measured alone.
struct PlanCall {
  Project project;
  Assessment assessment;
  Sample sample;
  std::string request;
  std::string response;
  Plan plan;
};
PlanCall plan_call(int units) {
  PlanCall c;
  c.project = load_project(units);
  seriebouw::Seriebouw s;
  c.assessment = s.assess(c.project);
  c.sample = s.sample(c.project, c.assessment);
  c.plan = s.plan(c.project, c.assessment, c.sample);
  c.request = write_plan_request(c.project, c.assessment, c.sample);
  c.response = write(c.plan);
  return c;
}

void PartSerialiseRequest(benchmark::State& state) {
  const PlanCall c = plan_call(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(write_plan_request(c.project, c.assessment, c.sample));
  state.counters["bytes"] = static_cast<double>(c.request.size());
}
void PartParseRequestInPlugin(benchmark::State& state) {
  const PlanCall c = plan_call(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(read_plan_request(c.request, "bench"));
}
void PartSerialiseResponse(benchmark::State& state) {
  const PlanCall c = plan_call(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(write(c.plan));
  state.counters["bytes"] = static_cast<double>(c.response.size());
}
void PartParseResponse(benchmark::State& state) {
  const PlanCall c = plan_call(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(read_plan(c.response, "bench"));
}
void PartValidatePlan(benchmark::State& state) {
  const PlanCall c = plan_call(static_cast<int>(state.range(0)));
  const Description d = plugin().description();
  for (auto _ : state) {
    Issues issues;
    host::check_plan(c.project, d, c.assessment, c.sample, c.plan, issues);
    benchmark::DoNotOptimize(issues);
  }
}

void wkb_run_process(benchmark::State& state, bool in_process) {
  const std::string project = test::example_project(project_name(static_cast<int>(state.range(0)))).string();
  const std::string plugins = test::plugin_dir().string();
  std::vector<std::string> args = {WKB_CLI, "--plugins", plugins, "run", "--instrument", "nl.voorbeeld.seriebouw",
                                   "--project", project, "--json"};
  if (in_process) args.push_back("--in-process");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  for (auto _ : state) {
    pid_t pid;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
      state.SkipWithError("cannot start wkb");
      break;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("wkb run failed");
      break;
    }
  }
  posix_spawn_file_actions_destroy(&actions);
}

void ProcessWkbRun(benchmark::State& state) { wkb_run_process(state, false); }
void ProcessWkbRunInProcess(benchmark::State& state) { wkb_run_process(state, true); }

}  // namespace

BENCHMARK(DirectAssess)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(BoundaryAssess)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(DirectPipeline)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(BoundaryPipeline)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(IsolatedPipeline)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(PluginHostStartup)->Unit(benchmark::kMillisecond);
BENCHMARK(PartSerialiseRequest)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(PartParseRequestInPlugin)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(PartSerialiseResponse)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(PartParseResponse)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(PartValidatePlan)->Arg(12)->Arg(150)->Unit(benchmark::kMicrosecond);
BENCHMARK(ProcessWkbRun)->Arg(12)->Arg(150)->Unit(benchmark::kMillisecond);
BENCHMARK(ProcessWkbRunInProcess)->Arg(12)->Arg(150)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
