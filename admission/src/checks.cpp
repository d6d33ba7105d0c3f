// The checks of the catalogue, run inside the child process that loaded the
// plugin. Each returns a TestResult; a crash or hang here is caught by the
// parent (runner.cpp), never by this code.
#include "wkb/admission/checks.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <set>

#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/generator.hpp"
#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/host/register.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::admission {
namespace {

using host::Method;
using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxDetails = 25;
// The error code with which an instrument declines a project outside its scope
// of application (e.g. more units than it is made for).
constexpr std::string_view kOutOfScope = "out-of-scope";

// Wraps the plugin: a heartbeat for the parent's inactivity watchdog before
// and after every call, and the slowest call per method for the time budget.
class TimingInstrument final : public host::Instrument {
 public:
  TimingInstrument(std::unique_ptr<host::Instrument> inner, int fd) : inner_(std::move(inner)), fd_(fd) {}
  const host::Manifest& manifest() const override { return inner_->manifest(); }
  std::string call(Method m, std::string_view request) override {
    beat();
    const auto start = Clock::now();
    struct After {
      TimingInstrument& self;
      Method m;
      Clock::time_point start;
      ~After() {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
        auto& slot = self.slowest[std::string(host::to_string(m))];
        slot = std::max<long long>(slot, ms);
        self.beat();
      }
    } after{*this, m, start};
    return inner_->call(m, request);
  }
  void beat() const {
    if (fd_ >= 0) {
      const char b = '.';
      [[maybe_unused]] auto n = ::write(fd_, &b, 1);
    }
  }
  std::map<std::string, long long> slowest;

 private:
  std::unique_ptr<host::Instrument> inner_;
  int fd_;
};

struct Ctx {
  const TestJob& job;
  host::Manifest manifest;
  TimingInstrument* timing = nullptr;
  std::unique_ptr<host::CheckedInstrument> inst;
  std::vector<CorpusProject> corpus;
  const Description& desc() { return inst->description(); }
  const std::vector<CorpusProject>& projects() {
    if (corpus.empty()) corpus = load_corpus(job.corpus_dir);
    return corpus;
  }
};

TestResult make(Status s, std::string message, std::vector<std::string> details = {}) {
  TestResult r;
  r.status = s;
  r.message = std::move(message);
  if (details.size() > kMaxDetails) {
    const std::size_t more = details.size() - kMaxDetails;
    details.resize(kMaxDetails);
    details.push_back("... and " + std::to_string(more) + " more");
  }
  // One line per detail: multi-line errors (issues listed below a message) are joined.
  for (auto& d : details)
    for (std::size_t at; (at = d.find("\n  ")) != std::string::npos;) d.replace(at, 3, "; ");
  r.details = std::move(details);
  return r;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool covers(const Description& d, BuildingType t) {
  return std::find(d.building_types.begin(), d.building_types.end(), t) != d.building_types.end();
}

// ---- the raw pipeline on the corpus -----------------------------------------
// Each response is parsed structurally, then every host rule and the
// admission floors are applied separately, so that each test can report its
// own rule ids.

struct RawRun {
  std::string name;
  bool covered = true;        // building type declared and not refused as out of scope
  std::string declined;       // the instrument's out-of-scope message, when it refused the project
  std::string failure;        // a call failed or a response broke the structure
  std::vector<Issue> issues;  // rule issues; paths prefixed with the method
  std::string responses;      // every response text, for determinism
};

void add_issues(RawRun& run, std::string_view method, const Issues& issues) {
  for (const auto& i : issues.list()) run.issues.push_back({std::string(method) + " " + i.path, i.rule, i.message});
}

template <typename T, typename Reader>
bool stage(Ctx& c, RawRun& run, Method m, const std::string& request, Reader reader, T& out) {
  const std::string method(host::to_string(m));
  std::string text;
  try {
    text = c.inst->raw().call(m, request);
  } catch (const host::PluginFailure& e) {
    run.responses += method + " error " + e.code() + "\n";
    // A structured refusal of a project outside the instrument's scope of
    // application is an answer, not a breach (scope-refusals weighs it).
    if (m == Method::assess && e.code() == kOutOfScope) {
      run.covered = false;
      run.declined = e.what();
      return false;
    }
    run.failure = e.what();
    return false;
  }
  run.responses += method + " " + text + "\n";
  boost::json::value v;
  try {
    v = parse_json(text, "response");
  } catch (const SyntaxError& e) {
    run.failure = method + ": the response is not JSON: " + e.detail();
    return false;
  }
  Issues issues;
  out = reader(v, "$", issues);
  if (!issues.empty()) {
    run.failure = method + ": the response does not match the contract";
    for (const auto& i : issues.list()) run.failure += "; " + i.to_string();
    return false;
  }
  return true;
}

RawRun run_raw(Ctx& c, const std::string& name, const Project& p) {
  RawRun run;
  run.name = name;
  const Description& d = c.desc();
  if (!covers(d, p.building.type)) {
    run.covered = false;
    return run;
  }
  const Policy& pol = c.job.policy;
  Assessment a;
  if (!stage(c, run, Method::assess, write_assess_request(p), assessment_from_json, a)) return run;
  Issues ai;
  host::check_assessment(p, a, ai);
  add_issues(run, "assess", ai);
  Sample s;
  if (!stage(c, run, Method::sample, write_sample_request(p, a), sample_from_json, s)) return run;
  Issues si;
  host::check_sample(p, d, s, si);
  SamplingPolicy floor{pol.sampling_min_fraction, pol.sampling_min_units, pol.min_inspections_per_reference_unit, {}};
  const int need = required_sample_size(floor, p.building.units);
  if (static_cast<int>(s.reference_units.size()) < need)
    si.add("$.reference_units", "admission-sampling-floor",
           std::to_string(s.reference_units.size()) + " reference units; the admission floor (" +
               std::to_string(pol.sampling_min_fraction) + " of " + std::to_string(p.building.units) +
               ", at least " + std::to_string(pol.sampling_min_units) + ") requires " + std::to_string(need));
  add_issues(run, "sample", si);
  Plan plan;
  if (!stage(c, run, Method::plan, write_plan_request(p, a, s), plan_from_json, plan)) return run;
  Issues pi;
  host::check_plan(p, d, a, s, plan, pi);
  if (static_cast<int>(plan.inspections.size()) < pol.min_site_inspections_per_project)
    pi.add("$.inspections", "site-inspection-per-project",
           "the plan has " + std::to_string(plan.inspections.size()) + " site inspections (bijwoonmomenten); at least " +
               std::to_string(pol.min_site_inspections_per_project) + " per project are required");
  std::map<std::string, int> per_unit;
  for (const auto& in : plan.inspections)
    for (const auto& u : std::set<std::string>(in.units.begin(), in.units.end())) ++per_unit[u];
  for (const auto& u : s.reference_units)
    if (per_unit[u] < pol.min_inspections_per_reference_unit)
      pi.add("$.inspections", "admission-inspections-per-unit",
             "reference unit \"" + u + "\" has " + std::to_string(per_unit[u]) +
                 " inspections; the admission floor is " + std::to_string(pol.min_inspections_per_reference_unit));
  add_issues(run, "plan", pi);
  return run;
}

std::vector<RawRun> run_corpus(Ctx& c) {
  std::vector<RawRun> runs;
  for (const auto& cp : c.projects()) runs.push_back(run_raw(c, cp.name, cp.project));
  return runs;
}

TestResult rule_test(Ctx& c, std::set<std::string> rules) {
  std::vector<std::string> details;
  int covered = 0, unchecked = 0;
  for (const auto& run : run_corpus(c)) {
    if (!run.covered) continue;
    ++covered;
    if (!run.failure.empty()) ++unchecked;
    for (const auto& i : run.issues)
      if (rules.count(i.rule)) details.push_back(run.name + ": " + i.to_string());
  }
  if (covered == 0) return make(Status::fail, "the instrument covers none of the building types in the corpus");
  if (!details.empty())
    return make(Status::fail, std::to_string(details.size()) + " violation(s) on the reference corpus", details);
  if (unchecked > 0)
    return make(Status::warn, std::to_string(unchecked) + " of " + std::to_string(covered) +
                                  " corpus projects could not be checked completely (see responses-valid-corpus)");
  return make(Status::pass, std::to_string(covered) + " corpus projects checked");
}

TestResult responses_valid(Ctx& c) {
  std::vector<std::string> details;
  int covered = 0, bad = 0;
  std::set<BuildingType> types;
  for (const auto& cp : c.projects()) types.insert(cp.project.building.type);
  for (const auto& run : run_corpus(c)) {
    if (!run.covered) continue;
    ++covered;
    if (!run.failure.empty() || !run.issues.empty()) ++bad;
    if (!run.failure.empty()) details.push_back(run.name + ": " + run.failure);
    for (const auto& i : run.issues) details.push_back(run.name + ": " + i.to_string());
  }
  for (BuildingType t : c.desc().building_types)
    if (!types.count(t))
      details.push_back(std::string("the corpus has no project of declared type ") + std::string(to_string(t)));
  if (covered == 0) return make(Status::fail, "the instrument covers none of the building types in the corpus");
  if (!details.empty())
    return make(Status::fail, std::to_string(bad) + " of " + std::to_string(covered) +
                                  " corpus projects got a response that breaks the contract",
                details);
  return make(Status::pass, "all responses on " + std::to_string(covered) + " corpus projects are valid");
}

TestResult scope_refusals(Ctx& c) {
  std::vector<std::string> details;
  int typed = 0;
  for (const auto& run : run_corpus(c)) {
    if (!run.covered && run.declined.empty()) continue;  // building type not declared
    ++typed;
    if (!run.declined.empty()) details.push_back(run.name + ": " + run.declined);
  }
  if (typed == 0) return make(Status::fail, "the instrument covers none of the building types in the corpus");
  if (details.empty()) return make(Status::pass, "no corpus project of a declared building type was refused");
  const double fraction = static_cast<double>(details.size()) / typed;
  const std::string counts = std::to_string(details.size()) + " of " + std::to_string(typed) +
                             " corpus projects of declared building types refused as out of scope";
  if (fraction > c.job.policy.max_declined_fraction)
    return make(Status::fail, counts + "; more than the policy allows (" +
                                  std::to_string(c.job.policy.max_declined_fraction) + ")",
                details);
  return make(Status::warn, counts + "; the contract has no field to declare this scope, so the TloKB weighs it",
              details);
}

// ---- determinism ------------------------------------------------------------

std::string corpus_transcript(Ctx& c, bool reverse, std::vector<std::string>* per_project = nullptr) {
  std::string all = c.inst->raw().call(Method::describe, "{}") + "\n";
  std::vector<const CorpusProject*> order;
  for (const auto& cp : c.projects()) order.push_back(&cp);
  if (reverse) std::reverse(order.begin(), order.end());
  std::vector<std::string> texts(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) texts[i] = run_raw(c, order[i]->name, order[i]->project).responses;
  if (reverse) std::reverse(texts.begin(), texts.end());
  for (const auto& t : texts) all += t;
  if (per_project) *per_project = texts;
  return all;
}

TestResult determinism_in_process(Ctx& c) {
  std::vector<std::string> first, second, third;
  corpus_transcript(c, false, &first);
  corpus_transcript(c, false, &second);
  corpus_transcript(c, true, &third);
  std::vector<std::string> details;
  const auto& projects = c.projects();
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (first[i] != second[i]) details.push_back(projects[i].name + ": a repeated request got a different response");
    else if (first[i] != third[i])
      details.push_back(projects[i].name + ": the response depends on which projects were asked before");
  }
  if (!details.empty())
    return make(Status::fail, "responses differ for the same request (contract v1, Fixed point 6)", details);
  return make(Status::pass, "three passes over " + std::to_string(first.size()) + " projects gave identical bytes");
}

// ---- robustness -------------------------------------------------------------

TestResult robustness(Ctx& c) {
  Project p = base_project("ROBUUST-1", c.desc().building_types.front(), 3);
  const std::string project = write(p);
  std::string nested(5000, '[');
  nested += std::string(5000, ']');
  std::string bad_utf8 = R"({"project": {"schema": "wkb.project/1", "id": "X", "name": ")";
  bad_utf8 += "\xC3\x28\xFF";
  bad_utf8 += "\"}}";
  std::string cc2 = project;
  cc2.replace(cc2.find("\"consequence_class\":1"), 21, "\"consequence_class\":2");
  std::string zero_units = project;
  zero_units.replace(zero_units.find("\"units\":3"), 9, "\"units\":0");
  std::string no_address = project;
  {
    const auto b = no_address.find("\"address\":");
    const auto e = no_address.find('}', b);
    no_address.erase(b, e - b + 2);
  }
  // Malformed requests (not JSON, not an object of the request's shape) must
  // get a structured error. Well-formed requests whose content breaks the
  // contract (a project the host would never send) should get one too; an
  // answer to them is a warning, a crash is always a crash.
  struct Case {
    Method method;
    std::string request;
    bool malformed;
  };
  const Case cases[] = {
      {Method::assess, "", true},
      {Method::assess, "not json", true},
      {Method::assess, "[]", true},
      {Method::assess, "{}", true},
      {Method::assess, "{\"project\": 42}", true},
      {Method::assess, "{\"project\": {}}", true},
      {Method::assess, "{\"project\": " + cc2 + "}", false},
      {Method::assess, "{\"project\": " + zero_units + "}", false},
      {Method::assess, "{\"project\": " + no_address + "}", false},
      {Method::assess, nested, true},
      {Method::assess, bad_utf8, true},
      {Method::assess, "{\"project\": " + project + "} trailing", true},
      {Method::sample, "{}", true},
      {Method::sample, "{\"project\": " + project + ", \"assessment\": {\"schema\": \"wkb.assessment/1\"}}", false},
      {Method::plan, "{\"project\": " + project + "}", true},
      {Method::evaluate, "{\"project\": " + project + ", \"plan\": [], \"findings\": null}", true},
  };
  std::vector<std::string> details, warnings;
  int n = 0;
  for (const auto& [m, request, malformed] : cases) {
    ++n;
    const std::string label = std::string(host::to_string(m)) + " case " + std::to_string(n);
    try {
      c.inst->raw().call(m, request);
      if (malformed)
        details.push_back(label + ": a malformed request was answered as if valid");
      else
        warnings.push_back(label + ": a request whose content breaks the contract was answered as if valid");
    } catch (const host::PluginFailure& e) {
      static const std::set<std::string> kUnstructured{"malformed-error", "bad-status", "no-response",
                                                       "response-too-large"};
      if (kUnstructured.count(e.code()))
        details.push_back(label + ": the error is not a structured {\"error\": {code, message, path}}: " + e.what());
    }
  }
  if (!details.empty()) {
    details.insert(details.end(), warnings.begin(), warnings.end());
    return make(Status::fail, "malformed or edge input not refused cleanly", details);
  }
  if (!warnings.empty())
    return make(Status::warn, std::to_string(warnings.size()) + " invalid request(s) answered instead of refused",
                warnings);
  return make(Status::pass, std::to_string(n) + " malformed or invalid requests refused with a structured error");
}

// ---- fuzzing and golden scenarios -------------------------------------------

Findings findings_for(const Project& p, const Plan& plan, FindingResult result) {
  Findings f;
  f.project = p.id;
  const Date when = p.schedule.back().start;
  for (const auto& c : plan.controls) {
    if (c.units.empty()) f.findings.push_back({c.id, std::nullopt, result, "", "toetsharnas", when});
    for (const auto& u : c.units) f.findings.push_back({c.id, u, result, "", "toetsharnas", when});
  }
  return f;
}

TestResult fuzz(Ctx& c) {
  const Description& d = c.desc();
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  int failed = 0, declined = 0;
  for (int i = 0; i < pol.fuzz_projects; ++i) {
    const Project p = generate_project(c.job.seed, i, d.building_types, pol.fuzz_max_units);
    const std::string label = p.id + " (" + std::string(to_string(p.building.type)) + ", " +
                              std::to_string(p.building.units) + " units)";
    try {
      const auto r = host::run_pipeline(*c.inst, p);
      if (static_cast<int>(r.plan.inspections.size()) < pol.min_site_inspections_per_project)
        throw std::runtime_error("the plan has no site inspection");
      SamplingPolicy floor{pol.sampling_min_fraction, pol.sampling_min_units, 0, {}};
      if (static_cast<int>(r.sample.reference_units.size()) < required_sample_size(floor, p.building.units))
        throw std::runtime_error("the sample is below the admission floor");
      // Findings drawn from the same seed: mostly conform, some open, repaired,
      // unrepairable or missing; the host's decision table judges the answer.
      DeterministicRng rng(c.job.seed + static_cast<std::uint64_t>(i) * 7919u);
      Findings f = findings_for(p, r.plan, FindingResult::conform);
      std::vector<Finding> kept;
      for (auto& x : f.findings) {
        const auto roll = rng.below(100);
        if (roll < 3) continue;
        if (roll < 8) x.result = FindingResult::open;
        else if (roll < 11) x.result = FindingResult::evidence_missing;
        else if (roll < 15) x.result = FindingResult::repaired;
        else if (roll < 16) x.result = FindingResult::unrepairable;
        if (x.result != FindingResult::conform) x.note = "gegenereerde bevinding";
        kept.push_back(x);
      }
      f.findings = std::move(kept);
      host::evaluate_findings(*c.inst, p, r.plan, f, "generated findings for " + p.id);
    } catch (const host::PluginFailure& e) {
      if (e.method() == "assess" && e.code() == kOutOfScope) {
        ++declined;  // refused as out of scope: weighed below
        continue;
      }
      ++failed;
      details.push_back(label + ": " + e.what());
    } catch (const std::exception& e) {
      ++failed;
      details.push_back(label + ": " + e.what());
    }
  }
  const std::string seed = "seed " + std::to_string(c.job.seed);
  const std::string refused =
      declined ? "; " + std::to_string(declined) + " refused as out of scope" : std::string();
  if (pol.fuzz_projects > 0 && static_cast<double>(declined) / pol.fuzz_projects > pol.max_declined_fraction) {
    ++failed;
    details.push_back(std::to_string(declined) + " of " + std::to_string(pol.fuzz_projects) +
                      " generated projects refused as out of scope; the policy allows a fraction of " +
                      std::to_string(pol.max_declined_fraction));
  }
  if (failed)
    return make(Status::fail,
                std::to_string(failed) + " of " + std::to_string(pol.fuzz_projects) + " generated projects failed (" +
                    seed + "; reproduce with --seed " + std::to_string(c.job.seed) +
                    " --only fuzz-generated-projects" + refused + ")",
                details);
  return make(Status::pass, std::to_string(pol.fuzz_projects - declined) + " generated projects passed (" + seed +
                                refused + ")");
}

TestResult time_budget(Ctx& c) {
  c.desc();
  for (const auto& cp : c.projects()) {
    if (!covers(c.desc(), cp.project.building.type)) continue;
    try {
      const auto r = host::run_pipeline(*c.inst, cp.project);
      c.inst->evaluate(cp.project, r.plan, findings_for(cp.project, r.plan, FindingResult::conform));
    } catch (const host::Error&) {
      // Contract problems are other tests' business; here only time counts.
    }
  }
  std::vector<std::string> details;
  std::string summary;
  for (const auto& [method, budget] : c.job.policy.time_budget_ms) {
    const auto it = c.timing->slowest.find(method);
    if (it == c.timing->slowest.end()) continue;
    summary += (summary.empty() ? "" : ", ") + method + " " + std::to_string(it->second) + " ms";
    if (it->second > budget)
      details.push_back(method + ": slowest call took " + std::to_string(it->second) + " ms; the budget is " +
                        std::to_string(budget) + " ms");
  }
  if (!details.empty()) return make(Status::fail, "calls over the time budget of the policy", details);
  return make(Status::pass, "slowest calls: " + summary);
}

struct Golden {
  Project project;
  host::PipelineResult run;
};

Golden golden(Ctx& c, const std::string& id, const std::function<void(Project&)>& adjust) {
  const Description& d = c.desc();
  const BuildingType type = covers(d, BuildingType::dwelling) ? BuildingType::dwelling : d.building_types.front();
  Golden g{base_project(id, type, 12), {}};
  adjust(g.project);
  g.run = host::run_pipeline(*c.inst, g.project);
  return g;
}

std::string outcome_name(Outcome o) { return std::string(to_string(o)); }

TestResult decision_all_conform(Ctx& c) {
  auto g = golden(c, "GOLDEN-CONFORM", [](Project&) {});
  const Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, "golden findings");
  if (d.outcome != Outcome::declaration)
    return make(Status::fail, "every control is conform, yet the outcome is " + outcome_name(d.outcome) +
                                  "; expected declaration (verklaring)");
  return make(Status::pass, "declaration with " + std::to_string(d.measures.size()) + " measures");
}

TestResult decision_missing_beng(Ctx& c) {
  auto g = golden(c, "GOLDEN-BENG", [](Project& p) {
    for (auto& doc : p.documents)
      if (doc.kind == "beng-calculation") doc.status = "missing";
  });
  Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  int energy = 0;
  for (auto& x : f.findings)
    if (const Control* ctl = g.run.plan.control(x.control); ctl && ctl->topic == "energy-performance") {
      x.result = FindingResult::evidence_missing;
      x.note = "De BENG-berekening ontbreekt.";
      ++energy;
    }
  if (energy == 0)
    return make(Status::fail, "the BENG calculation is missing, yet the plan has no control on energy-performance");
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, "golden findings");
  if (d.outcome != Outcome::open_items)
    return make(Status::fail, "expected open-items for a missing BENG calculation, got " + outcome_name(d.outcome));
  const bool named = std::any_of(d.grounds.begin(), d.grounds.end(),
                                 [](const Ground& gr) { return gr.topic == "energy-performance"; });
  if (!named) return make(Status::fail, "open-items, but no ground names energy-performance");
  return make(Status::pass, "open-items naming energy-performance");
}

TestResult decision_unrepairable(Ctx& c) {
  auto g = golden(c, "GOLDEN-BRAND", [](Project& p) { p.local_conditions.push_back("fire-separation-under-5m"); });
  Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  Finding* target = nullptr;
  for (auto& x : f.findings)
    if (const Control* ctl = g.run.plan.control(x.control); ctl && ctl->topic == "fire-spread") {
      target = &x;
      break;
    }
  if (!target)
    return make(Status::fail,
                "a fire separation under 5 m from the boundary, yet the plan has no control on fire-spread");
  target->result = FindingResult::unrepairable;
  target->note = "De brandscheidende wand op 3,2 m van de perceelgrens haalt 30 in plaats van 60 minuten "
                 "brandwerendheid en is niet te verbeteren zonder sloop.";
  const Finding part = *target;
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, "golden findings");
  if (d.outcome != Outcome::non_compliance_notice)
    return make(Status::fail, "expected non-compliance-notice for an unrepairable fire separation, got " +
                                  outcome_name(d.outcome));
  const auto it = std::find_if(d.grounds.begin(), d.grounds.end(), [&](const Ground& gr) {
    return gr.control == part.control && gr.unit == part.unit;
  });
  if (it == d.grounds.end()) return make(Status::fail, "the notice does not name the unrepairable part");
  if (it->topic != "fire-spread" || it->result != FindingResult::unrepairable)
    return make(Status::fail, "the ground for the part does not carry topic fire-spread and result unrepairable");
  if (it->explanation.size() < 10)
    return make(Status::fail, "the ground does not say why the part cannot be put right");
  return make(Status::pass, "notice names control " + part.control + " and explains why");
}

TestResult decision_missing_findings(Ctx& c) {
  auto g = golden(c, "GOLDEN-ONVOLLEDIG", [](Project&) {});
  if (g.run.plan.controls.empty()) return make(Status::fail, "the plan has no controls at all");
  Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  const std::string dropped = g.run.plan.controls.back().id;
  std::erase_if(f.findings, [&](const Finding& x) { return x.control == dropped; });
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, "golden findings");
  if (d.outcome != Outcome::incomplete)
    return make(Status::fail, "control " + dropped + " has no finding, yet the outcome is " + outcome_name(d.outcome));
  return make(Status::pass, "incomplete while control " + dropped + " has no finding");
}

// ---- declarations -----------------------------------------------------------

TestResult declares_building_types(Ctx& c) {
  const auto& d = c.desc();
  if (d.building_types.empty()) return make(Status::fail, "no building types declared");
  std::string list;
  for (auto t : d.building_types) list += (list.empty() ? "" : ", ") + std::string(to_string(t));
  return make(Status::pass, "covers " + list);
}

TestResult declares_competence(Ctx& c) {
  const auto& d = c.desc();
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  for (const auto& role : pol.required_roles)
    if (std::none_of(d.competence.begin(), d.competence.end(), [&](const Competence& k) { return k.role == role; }))
      details.push_back("no competence declared for required role \"" + role + "\"");
  for (std::size_t i = 0; i < d.competence.size(); ++i) {
    const auto& k = d.competence[i];
    const std::string at = "$.competence[" + std::to_string(i) + "] (" + k.role + ")";
    if (std::find(pol.education_levels.begin(), pol.education_levels.end(), k.education) == pol.education_levels.end())
      details.push_back(at + ": education \"" + k.education + "\" is not a recognised level");
    if (k.min_years_experience < pol.min_years_experience)
      details.push_back(at + ": " + std::to_string(k.min_years_experience) + " years of experience; at least " +
                        std::to_string(pol.min_years_experience) + " required");
    if (static_cast<int>(k.experience_criteria.size()) < pol.min_experience_criteria_chars)
      details.push_back(at + ": the criteria for what experience counts are missing or too vague (\"" +
                        k.experience_criteria + "\")");
  }
  if (d.competence.empty()) details.push_back("no competence declared");
  if (!details.empty()) return make(Status::fail, "competence declarations incomplete", details);
  return make(Status::pass, std::to_string(d.competence.size()) + " roles declared");
}

TestResult declares_thresholds(Ctx& c) {
  const auto& t = c.desc().thresholds;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (t.control > pol.control_threshold_max)
    details.push_back("control threshold " + std::to_string(t.control) + " is above the policy's maximum " +
                      std::to_string(pol.control_threshold_max));
  if (t.site_inspection > pol.site_inspection_threshold_max)
    details.push_back("site-inspection threshold " + std::to_string(t.site_inspection) +
                      " is above the policy's maximum " + std::to_string(pol.site_inspection_threshold_max));
  if (t.control > t.site_inspection) details.push_back("control threshold above the site-inspection threshold");
  if (!details.empty()) return make(Status::fail, "thresholds outside the policy's range", details);
  return make(Status::pass, "control " + std::to_string(t.control) + ", site inspection " +
                                std::to_string(t.site_inspection));
}

TestResult declares_sampling(Ctx& c) {
  const auto& s = c.desc().sampling;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.min_fraction + 1e-12 < pol.sampling_min_fraction)
    details.push_back("min_fraction " + std::to_string(s.min_fraction) + " is below the floor " +
                      std::to_string(pol.sampling_min_fraction));
  if (s.min_units < pol.sampling_min_units)
    details.push_back("min_units " + std::to_string(s.min_units) + " is below the floor " +
                      std::to_string(pol.sampling_min_units));
  if (s.min_inspections_per_reference_unit < pol.min_inspections_per_reference_unit)
    details.push_back("min_inspections_per_reference_unit " + std::to_string(s.min_inspections_per_reference_unit) +
                      " is below the floor " + std::to_string(pol.min_inspections_per_reference_unit));
  if (s.description.size() < 20) details.push_back("the sampling policy is not described in words");
  if (!details.empty()) return make(Status::fail, "sampling policy below the admission floor", details);
  return make(Status::pass, "fraction " + std::to_string(s.min_fraction) + ", at least " +
                                std::to_string(s.min_units) + " unit(s)");
}

TestResult declares_evidence(Ctx& c) {
  const std::string text = lower(c.desc().evidence_policy);
  std::vector<std::string> details;
  for (const auto& [group, words] : c.job.policy.evidence_terms) {
    const bool found = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return text.find(lower(w)) != std::string::npos;
    });
    if (!found) {
      std::string list;
      for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
      details.push_back("the evidence policy does not address " + group + " (none of: " + list + ")");
    }
  }
  if (!details.empty()) return make(Status::fail, "evidence policy incomplete", details);
  return make(Status::pass, "certificates, EKV and contractor's checks addressed");
}

TestResult declares_supervision(Ctx& c) {
  const auto& s = c.desc().supervision;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.audit_interval_months > pol.max_audit_interval_months)
    details.push_back("audits every " + std::to_string(s.audit_interval_months) + " months; at most " +
                      std::to_string(pol.max_audit_interval_months) + " allowed");
  if (static_cast<int>(s.description.size()) < pol.min_supervision_chars)
    details.push_back("the supervision of assurers is not described (\"" + s.description + "\")");
  if (!details.empty()) return make(Status::fail, "supervision of assurers insufficient", details);
  return make(Status::pass, "audit every " + std::to_string(s.audit_interval_months) + " months");
}

// ---- independence -----------------------------------------------------------

TestResult independence(const TestJob& job, const host::Manifest& m, host::Involvement kind) {
  if (!job.register_file)
    return job.policy.require_register
               ? make(Status::fail, "no independence register given; pass --register FILE (wkb.register/1)")
               : make(Status::skip, "no independence register given");
  const host::Register reg = host::load_register(*job.register_file);
  const std::string provider = m.provider_kvk;
  const auto assurers = reg.licensed_assurers(m.id);
  std::vector<std::string> details;
  for (const auto& a : assurers) {
    const auto inv = reg.involvement(provider, a);
    if (inv.kind == kind) details.push_back("licensed assurer " + reg.describe(a) + ": " + inv.explanation);
  }
  const std::string scope = std::to_string(assurers.size()) + " licensed assurer(s) of " + m.id + " checked against provider " +
                            reg.describe(provider);
  if (details.empty()) return make(Status::pass, scope);
  switch (kind) {
    case host::Involvement::same_entity:
      return make(Status::fail, "the provider licenses its own legal entity as assurer", details);
    case host::Involvement::same_group:
      return make(Status::fail, "the provider licenses an assurer in its own group", details);
    default:
      return make(Status::warn, "the provider shares a director with a licensed assurer", details);
  }
}

}  // namespace

TestResult run_test_in_process(const TestJob& job) {
  TestResult r;
  const TestInfo* info = find_test(job.test_id);
  if (!info) return make(Status::fail, "unknown test id " + job.test_id);
  Ctx c{job, {}, nullptr, nullptr, {}};
  try {
    c.manifest = host::read_manifest(job.plugin_dir);
  } catch (const std::exception& e) {
    r = make(Status::fail, e.what());
    return r;
  }
  if (job.test_id == "load-manifest")
    return make(Status::pass, c.manifest.id + " " + c.manifest.version + " (" + c.manifest.kind + ")");
  try {
    if (job.test_id == "independence-same-entity") return independence(job, c.manifest, host::Involvement::same_entity);
    if (job.test_id == "independence-same-group") return independence(job, c.manifest, host::Involvement::same_group);
    if (job.test_id == "independence-shared-director")
      return independence(job, c.manifest, host::Involvement::shared_director);
  } catch (const std::exception& e) {
    return make(Status::fail, std::string("the register cannot be used: ") + e.what());
  }
  try {
    auto timing = std::make_unique<TimingInstrument>(host::load_instrument(c.manifest), job.heartbeat_fd);
    c.timing = timing.get();
    c.inst = std::make_unique<host::CheckedInstrument>(std::move(timing));
  } catch (const std::exception& e) {
    return make(Status::fail, std::string("the plugin could not be loaded: ") + e.what());
  }
  if (job.test_id == "load-abi") return make(Status::pass, "loaded as a " + c.manifest.kind + " plugin");
  try {
    c.desc();
  } catch (const std::exception& e) {
    return make(Status::fail, std::string("describe failed: ") + e.what());
  }
  const std::string& id = job.test_id;
  try {
    if (id == "describe-consistent") return make(Status::pass, "describe matches plugin.json");
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
      TestResult t = make(Status::pass, "transcript digest computed");
      t.digest = host::sha256_hex(corpus_transcript(c, false));
      return t;
    }
    if (id == "robustness-malformed-input") return robustness(c);
    if (id == "time-budget") return time_budget(c);
    if (id == "whole-building-coverage") return rule_test(c, {"whole-building-coverage", "coverage-conflict"});
    if (id == "score-arithmetic") return rule_test(c, {"score-arithmetic"});
    if (id == "thresholds-obeyed") return rule_test(c, {"control-threshold", "site-inspection-threshold"});
    if (id == "sampling-admission-floor")
      return rule_test(c, {"admission-sampling-floor", "admission-inspections-per-unit"});
    if (id == "sampling-declared")
      return rule_test(c, {"declared-sampling", "declared-inspections-per-unit", "seed-derivation"});
    if (id == "site-inspection-per-project")
      return rule_test(c, {"site-inspection-per-project", "site-inspection-scheduled", "site-inspection-by-assurer"});
    if (id == "inspection-dates-in-phase") return rule_test(c, {"inspection-date-in-phase", "phase-in-schedule"});
    if (id == "fuzz-generated-projects") return fuzz(c);
    if (id == "decision-all-conform") return decision_all_conform(c);
    if (id == "decision-missing-beng") return decision_missing_beng(c);
    if (id == "decision-unrepairable-fire-separation") return decision_unrepairable(c);
    if (id == "decision-missing-findings") return decision_missing_findings(c);
  } catch (const std::exception& e) {
    return make(Status::fail, e.what());
  }
  return make(Status::fail, "test " + id + " has no implementation");
}

}  // namespace wkb::admission
