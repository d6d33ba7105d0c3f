// Runs one test of the catalogue inside the checker process. The plugin runs
// in a sandboxed plugin host process (host/src/isolation/); its crash, exit,
// hang, stray output or refused system call ends this test with the cause.
// The checks themselves are in checks_*.cpp.
#include "wkb/admission/checks.hpp"

#include "check_support.hpp"
#include "wkb/admission/catalogue.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/instrument.hpp"

#include <algorithm>

namespace wkb::admission {

using namespace detail;

namespace {

host::LoadOptions sandboxed(const TestJob& job) {
  host::LoadOptions o;
  o.isolation = host::Isolation::process;
  o.require_full_sandbox = job.require_full_sandbox;
  // A call ends well inside the inactivity window, so that a hanging plugin
  // costs one deadline and a clear time-out; the harness's watchdog stays
  // the backstop for the checker itself.
  o.plugin_deadline_ms = std::max(100, job.policy.inactivity_timeout_ms * 3 / 4);
  o.lua_deadline_ms = o.plugin_deadline_ms;
  if (job.policy.memory_limit_mb > 0) o.plugin_memory_limit = static_cast<std::size_t>(job.policy.memory_limit_mb) << 20;
  o.plugin_cpu_seconds = std::max(1, job.policy.max_test_duration_ms / 1000);
  return o;
}

// The plugin's own process ended or hung: a crash or a time-out of this
// test, as the old harness reported when the plugin took its process down.
TestResult from_failure(const host::PluginFailure& e) {
  if (e.code() == "deadline") return make(Status::timeout, e.detail());
  if (TimingInstrument::ends_process(e.code()) || e.code() == "plugin-host-gone")
    return make(Status::crashed, "het proces van de plugin eindigde: " + e.detail());
  return make(Status::fail, e.what());
}

TestResult run_checks(const TestJob& job, Ctx& c);

// The plugin kind ("native", "lua") as a person reads it, with the value of
// plugin.json.
std::string kind_nl(const std::string& kind) {
  if (kind == "native") return "gedeelde bibliotheek (\"native\")";
  if (kind == "lua") return "Lua-script (\"lua\")";
  return "pluginsoort \"" + kind + "\"";
}

}  // namespace

TestResult run_test_in_process(const TestJob& job) {
  TestResult r;
  const TestInfo* info = find_test(job.test_id);
  if (!info) return make(Status::fail, "onbekende toets \"" + job.test_id + "\"; zie wkb-admission list");
  Ctx c{job, {}, nullptr, nullptr, {}};
  try {
    c.manifest = host::read_manifest(job.plugin_dir);
  } catch (const std::exception& e) {
    r = make(Status::fail, e.what());
    return r;
  }
  if (job.test_id == "load-manifest")
    return make(Status::pass, c.manifest.id + " " + c.manifest.version + ", " + kind_nl(c.manifest.kind));
  try {
    if (job.test_id == "independence-same-entity") return independence(job, c.manifest, host::Involvement::same_entity);
    if (job.test_id == "independence-same-group") return independence(job, c.manifest, host::Involvement::same_group);
    if (job.test_id == "independence-shared-director")
      return independence(job, c.manifest, host::Involvement::shared_director);
  } catch (const std::exception& e) {
    return make(Status::fail, std::string("het register is niet bruikbaar: ") + e.what());
  }
  try {
    auto timing = std::make_unique<TimingInstrument>(host::load_instrument(c.manifest, sandboxed(job)), job.heartbeat_fd);
    c.timing = timing.get();
    c.inst = std::make_unique<host::CheckedInstrument>(std::move(timing));
  } catch (const host::PluginFailure& e) {
    if (e.code() == "sandbox-incomplete" || e.code() == "plugin-host-missing" || e.code() == "plugin-host-start")
      return make(Status::fail, std::string("de toetsomgeving kon de plugin niet afgeschermd starten: ") + e.what());
    TestResult r = from_failure(e);
    if (r.status == Status::fail) r.message = std::string("de plugin kon niet worden geladen: ") + e.what();
    return r;
  } catch (const std::exception& e) {
    return make(Status::fail, std::string("de plugin kon niet worden geladen: ") + e.what());
  }
  try {
    r = run_checks(job, c);
  } catch (const host::PluginFailure& e) {
    r = from_failure(e);
  }
  // The plugin's process died during the test, even where a check caught
  // the failure and carried on: the test ends as crashed or timeout.
  if (c.timing->process_ended && r.status != Status::crashed && r.status != Status::timeout) {
    TestResult ended = from_failure(*c.timing->process_ended);
    ended.details = r.details;
    r = ended;
  }
  // Output on stdout or stderr and attempts to start a process change no
  // answer, but an instrument that tries them is not admitted.
  std::vector<std::string> incidents = c.timing->take_incidents();
  if (!incidents.empty() && !rejects(r.status)) {
    TestResult bad = make(Status::fail, "de plugin deed iets buiten zijn antwoorden om: " + incidents.front(), incidents);
    return bad;
  }
  for (auto& i : incidents) r.details.push_back("ook: " + i);
  return r;
}

namespace {

TestResult run_checks(const TestJob& job, Ctx& c) {
  if (job.test_id == "load-abi") return make(Status::pass, "geladen: " + kind_nl(c.manifest.kind));
  try {
    c.desc();
  } catch (const host::PluginFailure& e) {
    TestResult r = from_failure(e);
    if (r.status == Status::fail) r.message = std::string("describe mislukte: ") + e.what();
    return r;
  } catch (const std::exception& e) {
    return make(Status::fail, std::string("describe mislukte: ") + e.what());
  }
  const std::string& id = job.test_id;
  try {
    if (id == "describe-consistent") return describe_consistent(c);
    if (id == "declares-building-types") return declares_building_types(c);
    if (id == "scope-refusals") return scope_refusals(c);
    if (id == "declares-competence") return declares_competence(c);
    if (id == "declares-thresholds") return declares_thresholds(c);
    if (id == "declares-sampling") return declares_sampling(c);
    if (id == "declares-evidence-policy") return declares_evidence(c);
    if (id == "declares-supervision") return declares_supervision(c);
    if (id == "responses-valid-corpus") return responses_valid(c);
    if (id == "determinism-in-process") return determinism_in_process(c);
    if (id == "determinism-across-processes") {
      TestResult t = make(Status::pass, "samenvatting (SHA-256) van alle antwoorden berekend");
      t.digest = host::sha256_hex(corpus_transcript(c, false));
      return t;
    }
    if (id == "robustness-malformed-input") return robustness(c);
    if (id == "time-budget") return time_budget(c);
    if (id == "whole-building-coverage") return rule_test(c, {"whole-building-coverage", "coverage-conflict"});
    if (id == "score-arithmetic") return rule_test(c, {"score-arithmetic"});
    if (id == "thresholds-obeyed") return rule_test(c, {"control-threshold", "site-inspection-threshold"});
    if (id == "certificate-checks") return rule_test(c, {"certificate-check"});
    if (id == "sampling-admission-floor")
      return rule_test(c, {"admission-sampling-floor", "admission-inspections-per-unit"});
    if (id == "sampling-declared")
      return rule_test(c, {"declared-sampling", "declared-inspections-per-unit", "seed-derivation"});
    if (id == "site-inspection-per-project")
      return rule_test(c, {"site-inspection-per-project", "site-inspection-required-topic", "site-inspection-scheduled",
                           "site-inspection-by-assurer"});
    if (id == "inspection-dates-in-phase") return rule_test(c, {"inspection-date-in-phase", "phase-in-schedule"});
    if (id == "fuzz-generated-projects") return fuzz(c);
    if (id == "decision-all-conform") return decision_all_conform(c);
    if (id == "decision-missing-beng") return decision_missing_beng(c);
    if (id == "decision-unrepairable-fire-separation") return decision_unrepairable(c);
    if (id == "decision-missing-findings") return decision_missing_findings(c);
  } catch (const host::PluginFailure& e) {
    return from_failure(e);
  } catch (const std::exception& e) {
    return make(Status::fail, e.what());
  }
  return make(Status::fail, "toets " + id + " staat in de catalogus, maar is niet geïmplementeerd");
}

}  // namespace

}  // namespace wkb::admission
