// The raw pipeline on the corpus and small helpers shared by the checks.
#include <algorithm>
#include <boost/json.hpp>

#include "check_support.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::admission::detail {

TestResult make(Status s, std::string message, std::vector<std::string> details) {
  TestResult r;
  r.status = s;
  r.message = std::move(message);
  if (details.size() > kMaxDetails) {
    const std::size_t more = details.size() - kMaxDetails;
    details.resize(kMaxDetails);
    details.push_back("... en nog " + std::to_string(more));
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

std::string join_nl(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " en " : ", ") + items[i];
  return out;
}

std::string of_nl(long long n, long long total, std::string_view one, std::string_view many) {
  if (total == 1) return std::to_string(n) + " van 1 " + std::string(one);
  if (n == total) return "alle " + plural_nl(total, one, many);
  return std::to_string(n) + " van de " + plural_nl(total, one, many);
}

bool covers(const Description& d, BuildingType t) {
  return std::find(d.building_types.begin(), d.building_types.end(), t) != d.building_types.end();
}

// ---- the raw pipeline on the corpus -----------------------------------------
// Each response is parsed structurally, then every host rule and the
// admission floors are applied separately, so that each test can report its
// own rule ids.

namespace {

void add_issues(RawRun& run, std::string_view method, const Issues& issues) {
  for (const auto& i : issues.list()) run.issues.push_back({std::string(method) + " " + i.path, i.rule, i.message});
}

template <typename T, typename Reader>
bool stage(Ctx& c, RawRun& run, Method m, const std::string& request, Reader reader, T& out) {
  const std::string method(host::to_string(m));
  const std::string where = host::method_context_nl(method) + ": ";
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
    v = parse_json(text, "antwoord");
  } catch (const SyntaxError& e) {
    // The wording of host::CheckedInstrument (host/src/checked_instrument.cpp).
    run.failure = where + "het antwoord is geen geldige JSON (regel " + std::to_string(e.line()) + ", kolom " +
                  std::to_string(e.column()) + ": " + e.detail() + ")";
    return false;
  }
  Issues issues;
  out = reader(v, "$", issues);
  if (!issues.empty()) {
    run.failure = where + "het antwoord past niet bij het contract";
    for (const auto& i : issues.list()) run.failure += "; " + i.to_string();
    return false;
  }
  return true;
}

}  // namespace

void check_minimum_controls(const Policy& pol, const Assessment& a, const Plan& plan, Issues& issues) {
  if (static_cast<int>(plan.inspections.size()) < pol.min_site_inspections_per_project)
    issues.add("$.inspections", "site-inspection-per-project",
               "het plan heeft " +
                   plural_nl(static_cast<long long>(plan.inspections.size()), "bijwoonmoment", "bijwoonmomenten") +
                   "; ten minste " + std::to_string(pol.min_site_inspections_per_project) + " per project vereist");
  for (const auto& topic : pol.required_site_inspection_topics) {
    const bool at_risk = std::any_of(a.risks.begin(), a.risks.end(), [&](const Risk& r) { return r.topic == topic; });
    if (!at_risk) continue;
    const bool inspected = std::any_of(plan.controls.begin(), plan.controls.end(), [&](const Control& c) {
      return c.topic == topic && c.method == ControlMethod::site_inspection;
    });
    if (!inspected)
      issues.add("$.controls", "site-inspection-required-topic",
                 "de risicobeoordeling noemt een risico op " + topic_ref_nl(topic) +
                     ", maar het plan heeft daarvoor geen beheersmaatregel met een bijwoonmoment; het "
                     "toelatingsbeleid vraagt er een (required_site_inspection_topics)");
  }
}

RawRun run_raw(Ctx& c, const std::string& name, const Project& given) {
  // As the host does: the plugin sees only the certificates valid on the
  // assessment date, and the plan rules (certificate-check) are about those.
  const Project p = c.inst->seen_by_plugin(given);
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
           "de steekproef heeft " +
               plural_nl(static_cast<long long>(s.reference_units.size()), "referentie-eenheid", "referentie-eenheden") +
               "; de ondergrens voor toelating (" + percent_nl(pol.sampling_min_fraction) + " van " +
               plural_nl(p.building.units, "eenheid", "eenheden") + ", ten minste " +
               std::to_string(pol.sampling_min_units) + ") vraagt er " + std::to_string(need));
  add_issues(run, "sample", si);
  Plan plan;
  if (!stage(c, run, Method::plan, write_plan_request(p, a, s), plan_from_json, plan)) return run;
  Issues pi;
  host::check_plan(p, d, a, s, plan, pi);
  check_minimum_controls(pol, a, plan, pi);
  std::map<std::string, int> per_unit;
  for (const auto& in : plan.inspections)
    for (const auto& u : std::set<std::string>(in.units.begin(), in.units.end())) ++per_unit[u];
  for (const auto& u : s.reference_units)
    if (per_unit[u] < pol.min_inspections_per_reference_unit)
      pi.add("$.inspections", "admission-inspections-per-unit",
             "referentie-eenheid \"" + u + "\" heeft " + plural_nl(per_unit[u], "bijwoonmoment", "bijwoonmomenten") +
                 "; de ondergrens voor toelating is " + std::to_string(pol.min_inspections_per_reference_unit) +
                 " per referentie-eenheid");
  add_issues(run, "plan", pi);
  return run;
}

std::vector<RawRun> run_corpus(Ctx& c) {
  std::vector<RawRun> runs;
  for (const auto& cp : c.projects()) runs.push_back(run_raw(c, cp.name, cp.project));
  return runs;
}

std::string corpus_transcript(Ctx& c, bool reverse, std::vector<std::string>* per_project) {
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

}  // namespace wkb::admission::detail
