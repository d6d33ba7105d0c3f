// Lua against native: the reference instrument (examples/reference-instrument),
// written once in C++ and once in Lua, through the whole checked pipeline
// (assess, sample, plan, evaluate with a finding for every control and unit)
// on the 12- and the 150-dwelling example projects. Results and machine:
// docs/performance.md, "Lua against native". Wall time (UseRealTime): a Lua
// call runs on a watchdog thread, which the process CPU clock of the main
// thread would not see.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/sdk/codec.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wkb;

Project example(const char* name) {
  const fs::path path = fs::path(WKB_SOURCE_DIR) / "examples/projects" / name;
  return read_project(host::read_text_file(path), path.string());
}

Findings conform(const Project& p, const Plan& plan) {
  Findings f{p.id, {}};
  for (const auto& c : plan.controls) {
    if (c.units.empty()) f.findings.push_back({c.id, std::nullopt, FindingResult::conform, "", "bench", Date::from_ymd(2026, 9, 1)});
    for (const auto& u : c.units)
      f.findings.push_back({c.id, u, FindingResult::conform, "", "bench", Date::from_ymd(2026, 9, 1)});
  }
  return f;
}

void pipeline(benchmark::State& state, const char* folder, const char* project_file) {
  const Project project = example(project_file);
  host::CheckedInstrument instrument(
      host::load_instrument(host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / folder)));
  const auto first = host::run_pipeline(instrument, project);
  const Findings findings = conform(project, first.plan);
  for (auto _ : state) {
    const auto r = host::run_pipeline(instrument, project);
    const Decision d = host::evaluate_findings(instrument, project, r.plan, findings, "findings");
    benchmark::DoNotOptimize(d);
  }
  state.counters["controls"] = static_cast<double>(first.plan.controls.size());
  state.counters["findings"] = static_cast<double>(findings.findings.size());
}

// One raw describe call: the fixed cost of a call (for Lua: a thread start
// for the watchdog, marshalling, the interpreter).
void describe_call(benchmark::State& state, const char* folder) {
  auto instrument = host::load_instrument(host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / folder));
  for (auto _ : state) benchmark::DoNotOptimize(instrument->call(host::Method::describe, "{}"));
}

void load(benchmark::State& state, const char* folder) {
  const auto manifest = host::read_manifest(fs::path(WKB_TEST_PLUGIN_DIR) / folder);
  for (auto _ : state) benchmark::DoNotOptimize(host::load_instrument(manifest));
}

}  // namespace

BENCHMARK_CAPTURE(pipeline, native_12, "reference-native", "kloosterstraat-12.json")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(pipeline, lua_12, "reference-lua", "kloosterstraat-12.json")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(pipeline, native_150, "reference-native", "nieuwe-kern-150.json")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(pipeline, lua_150, "reference-lua", "nieuwe-kern-150.json")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(describe_call, native, "reference-native")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(describe_call, lua, "reference-lua")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(load, native, "reference-native")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(load, lua, "reference-lua")->Unit(benchmark::kMicrosecond)->UseRealTime();

BENCHMARK_MAIN();
