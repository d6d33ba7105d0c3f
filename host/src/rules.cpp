#include "wkb/host/rules.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "wkb/sdk/decision_table.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace wkb::host {
namespace {

std::string at(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }
std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

void unique_ids(const std::vector<std::string>& ids, const std::string& base, const std::string& field,
                std::string_view what, Issues& issues) {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!ids[i].empty() && !seen.insert(ids[i]).second)
      issues.add(at(base, i) + "." + field, "unique-id", std::string(what) + " id " + q(ids[i]) + " is used twice");
}

void project_matches(const std::string& got, const Project& p, Issues& issues) {
  if (got != p.id)
    issues.add("$.project", "project-id", "the response is for project " + q(got) + ", the request for " + q(p.id));
}

// The project's unit ids, for membership checks (built once per check).
using UnitSet = std::unordered_set<std::string_view>;
UnitSet unit_set(const Project& p) { return UnitSet(p.unit_ids.begin(), p.unit_ids.end()); }

void units_of_project(const Project& p, const UnitSet& known, const std::vector<std::string>& units,
                      const std::string& path, Issues& issues) {
  for (std::size_t i = 0; i < units.size(); ++i)
    if (!known.count(units[i]))
      issues.add(at(path, i), "unknown-unit", "unit " + q(units[i]) + " is not a unit of project " + q(p.id));
}

}  // namespace

void check_description(const Description& d, const Manifest& m, Issues& issues) {
  if (d.id != m.id)
    issues.add("$.id", "manifest-id", "describe() says id " + q(d.id) + " but plugin.json says " + q(m.id));
  if (d.version != m.version)
    issues.add("$.version", "manifest-version",
               "describe() says version " + q(d.version) + " but plugin.json says " + q(m.version));
  if (!m.provider_kvk.empty() && d.provider.kvk != m.provider_kvk)
    issues.add("$.provider.kvk", "manifest-provider",
               "describe() names provider KvK " + q(d.provider.kvk) + " but plugin.json says " + q(m.provider_kvk));
  if (!is_semver(d.version)) issues.add("$.version", "semver", q(d.version) + " is not a semantic version");
  if (d.building_types.empty())
    issues.add("$.building_types", "building-types", "an instrument covers at least one building type");
  if (d.thresholds.control > d.thresholds.site_inspection)
    issues.add("$.thresholds", "thresholds-order",
               "the control threshold (" + std::to_string(d.thresholds.control) +
                   ") must not be above the site-inspection threshold (" +
                   std::to_string(d.thresholds.site_inspection) + ")");
  if (d.sampling.min_fraction <= 0.0)
    issues.add("$.sampling.min_fraction", "sampling-fraction", "a sampling fraction above 0 is required");
  if (d.competence.empty())
    issues.add("$.competence", "competence", "declare the competence required per role");
}

void check_assessment(const Project& p, const Assessment& a, Issues& issues) {
  project_matches(a.project, p, issues);
  std::vector<std::string> ids;
  std::set<std::string> covered;
  for (std::size_t i = 0; i < a.risks.size(); ++i) {
    const Risk& r = a.risks[i];
    const std::string path = at("$.risks", i);
    ids.push_back(r.id);
    covered.insert(r.topic);
    if (r.score != r.likelihood * r.impact * r.recoverability)
      issues.add(path + ".score", "score-arithmetic",
                 "score " + std::to_string(r.score) + " is not likelihood x impact x recoverability = " +
                     std::to_string(r.likelihood) + " x " + std::to_string(r.impact) + " x " +
                     std::to_string(r.recoverability) + " = " +
                     std::to_string(r.likelihood * r.impact * r.recoverability));
  }
  unique_ids(ids, "$.risks", "id", "risk", issues);
  std::set<std::string> not_applicable;
  for (std::size_t i = 0; i < a.not_applicable.size(); ++i) {
    const auto& n = a.not_applicable[i];
    if (covered.count(n.topic))
      issues.add(at("$.not_applicable", i) + ".topic", "coverage-conflict",
                 "topic " + q(n.topic) + " has risks and is also declared not applicable");
    if (!not_applicable.insert(n.topic).second)
      issues.add(at("$.not_applicable", i) + ".topic", "unique-id", "topic " + q(n.topic) + " is listed twice");
  }
  for (const auto& t : taxonomy())
    if (!covered.count(t.id) && !not_applicable.count(t.id))
      issues.add("$", "whole-building-coverage",
                 "topic " + q(t.id) + " (" + t.label_nl +
                     ") is neither assessed nor declared not applicable; the whole building must be assessed");
}

void check_sample(const Project& p, const Description& d, const Sample& s, Issues& issues) {
  project_matches(s.project, p, issues);
  units_of_project(p, unit_set(p), s.reference_units, "$.reference_units", issues);
  const int required = required_sample_size(d.sampling, p.building.units);
  if (static_cast<int>(s.reference_units.size()) < required)
    issues.add("$.reference_units", "declared-sampling",
               std::to_string(s.reference_units.size()) + " reference units, but the instrument's own policy (" +
                   std::to_string(d.sampling.min_fraction) + " of " + std::to_string(p.building.units) +
                   " units, at least " + std::to_string(d.sampling.min_units) + ") requires " +
                   std::to_string(required));
  if (s.seed != derive_seed(p.id))
    issues.add("$.seed", "seed-derivation",
               "seed " + q(s.seed) + " is not derived from the project id (expected " + q(derive_seed(p.id)) +
                   "); sampling must not depend on a clock or a global generator");
}

void check_plan(const Project& p, const Description& d, const Assessment& a, const Sample& s, const Plan& plan,
                Issues& issues) {
  project_matches(plan.project, p, issues);
  const UnitSet units = unit_set(p);
  std::vector<std::string> control_ids;
  std::map<std::string, std::vector<const Control*>> by_risk;
  for (std::size_t i = 0; i < plan.controls.size(); ++i) {
    const Control& c = plan.controls[i];
    const std::string path = at("$.controls", i);
    control_ids.push_back(c.id);
    const Risk* r = a.risk(c.risk);
    if (!r) {
      issues.add(path + ".risk", "unknown-risk", "control " + q(c.id) + " refers to risk " + q(c.risk) +
                                                     ", which the assessment does not contain");
    } else {
      by_risk[c.risk].push_back(&c);
      if (c.topic != r->topic)
        issues.add(path + ".topic", "control-topic",
                   "control " + q(c.id) + " has topic " + q(c.topic) + " but its risk has " + q(r->topic));
      if (c.bbl_ref != r->bbl_ref)
        issues.add(path + ".bbl_ref", "control-bbl-ref",
                   "control " + q(c.id) + " must copy the Bbl reference of its risk (" + q(r->bbl_ref) + ")");
    }
    units_of_project(p, units, c.units, path + ".units", issues);
    if (c.method == ControlMethod::site_inspection && c.performed_by != Performer::assurer)
      issues.add(path + ".performed_by", "site-inspection-by-assurer",
                 "a site inspection (bijwoonmoment) is performed by the assurer");
    if (c.method != ControlMethod::document_review && c.phase != Phase::design && !p.phase(c.phase))
      issues.add(path + ".phase", "phase-in-schedule",
                 "control " + q(c.id) + " is planned in phase " + q(to_string(c.phase)) +
                     ", which the project schedule does not contain");
  }
  unique_ids(control_ids, "$.controls", "id", "control", issues);

  for (std::size_t i = 0; i < a.risks.size(); ++i) {
    const Risk& r = a.risks[i];
    const auto it = by_risk.find(r.id);
    const std::size_t n = it == by_risk.end() ? 0 : it->second.size();
    if (r.score >= d.thresholds.control && n == 0)
      issues.add("$.controls", "control-threshold",
                 "risk " + q(r.id) + " (" + r.topic + ", score " + std::to_string(r.score) +
                     ") is at or above the control threshold " + std::to_string(d.thresholds.control) +
                     " but has no control");
    if (r.score >= d.thresholds.site_inspection) {
      const bool inspected = n > 0 && std::any_of(it->second.begin(), it->second.end(), [](const Control* c) {
                               return c->method == ControlMethod::site_inspection;
                             });
      if (!inspected)
        issues.add("$.controls", "site-inspection-threshold",
                   "risk " + q(r.id) + " (" + r.topic + ", score " + std::to_string(r.score) +
                       ") is at or above the site-inspection threshold " +
                       std::to_string(d.thresholds.site_inspection) + " but no control inspects it on site");
    }
  }

  std::vector<std::string> inspection_ids;
  std::map<std::string, int> inspections_per_unit;
  std::set<std::string> inspected_controls;
  for (std::size_t i = 0; i < plan.inspections.size(); ++i) {
    const Inspection& in = plan.inspections[i];
    const std::string path = at("$.inspections", i);
    inspection_ids.push_back(in.id);
    const SchedulePhase* ph = p.phase(in.phase);
    if (!ph)
      issues.add(path + ".phase", "phase-in-schedule",
                 "inspection " + q(in.id) + " is in phase " + q(to_string(in.phase)) +
                     ", which the project schedule does not contain");
    else if (in.date < ph->start || in.date > ph->end)
      issues.add(path + ".date", "inspection-date-in-phase",
                 "inspection " + q(in.id) + " on " + in.date.to_string() + " is outside phase " +
                     q(to_string(in.phase)) + " (" + ph->start.to_string() + " to " + ph->end.to_string() + ")");
    units_of_project(p, units, in.units, path + ".units", issues);
    for (const auto& u : std::set<std::string>(in.units.begin(), in.units.end())) ++inspections_per_unit[u];
    for (std::size_t j = 0; j < in.controls.size(); ++j) {
      const Control* c = plan.control(in.controls[j]);
      if (!c)
        issues.add(at(path + ".controls", j), "unknown-control",
                   "inspection " + q(in.id) + " lists control " + q(in.controls[j]) + ", which the plan lacks");
      else
        inspected_controls.insert(c->id);
    }
  }
  unique_ids(inspection_ids, "$.inspections", "id", "inspection", issues);
  for (std::size_t i = 0; i < plan.controls.size(); ++i) {
    const Control& c = plan.controls[i];
    if (c.method == ControlMethod::site_inspection && !inspected_controls.count(c.id))
      issues.add(at("$.controls", i), "site-inspection-scheduled",
                 "site-inspection control " + q(c.id) + " is not part of any inspection (bijwoonmoment)");
  }
  const int need = d.sampling.min_inspections_per_reference_unit;
  for (const auto& u : s.reference_units) {
    const int have = inspections_per_unit.count(u) ? inspections_per_unit[u] : 0;
    if (have < need)
      issues.add("$.inspections", "declared-inspections-per-unit",
                 "reference unit " + q(u) + " has " + std::to_string(have) +
                     " inspections; the instrument declares at least " + std::to_string(need));
  }
}

void check_findings(const Project& p, const Plan& plan, const Findings& f, Issues& issues) {
  if (f.project != p.id)
    issues.add("$.project", "project-id", "these findings are for project " + q(f.project) + ", not " + q(p.id));
  for (std::size_t i = 0; i < f.findings.size(); ++i) {
    const Finding& x = f.findings[i];
    const std::string path = at("$.findings", i);
    const Control* c = plan.control(x.control);
    if (!c) {
      issues.add(path + ".control", "unknown-control",
                 "control " + q(x.control) + " is not in the plan; see `wkb plan` for the control ids");
      continue;
    }
    if (c->units.empty() && x.unit)
      issues.add(path + ".unit", "project-level-control",
                 "control " + q(c->id) + " is project-level; its finding has no \"unit\"");
    if (!c->units.empty()) {
      if (!x.unit)
        issues.add(path + ".unit", "unit-required",
                   "control " + q(c->id) + " is performed per unit; name the \"unit\" (one of its units)");
      else if (std::find(c->units.begin(), c->units.end(), *x.unit) == c->units.end())
        issues.add(path + ".unit", "unknown-unit",
                   "unit " + q(*x.unit) + " is not one of the units of control " + q(c->id));
    }
  }
}

namespace {
// Strictness for outcomes other than a notice: a plugin may answer a stricter
// outcome than the table demands, never a laxer one.
int strictness(Outcome o) {
  switch (o) {
    case Outcome::declaration: return 0;
    case Outcome::open_items: return 1;
    case Outcome::incomplete: return 2;
    case Outcome::non_compliance_notice: return 3;
  }
  return 0;
}

bool grounds_name(const Decision& d, const FindingStatus& s) {
  return std::any_of(d.grounds.begin(), d.grounds.end(),
                     [&](const Ground& g) { return g.control == s.control->id && g.unit == s.unit; });
}

std::string part(const FindingStatus& s) {
  return "control " + q(s.control->id) + (s.unit ? ", unit " + q(*s.unit) : std::string());
}
}  // namespace

void check_decision(const Project& p, const Plan& plan, const Findings& f, const Decision& d, Issues& issues) {
  project_matches(d.project, p, issues);
  const auto status = finding_status(plan, f);
  const Outcome required = required_outcome(status);
  const std::string got(to_string(d.outcome)), want(to_string(required));
  if (required == Outcome::non_compliance_notice && d.outcome != required) {
    issues.add("$.outcome", "decision-table",
               "outcome " + q(got) + " ignores an unrepairable finding; the decision table demands " + q(want));
  } else if (required != Outcome::non_compliance_notice && d.outcome == Outcome::non_compliance_notice) {
    issues.add("$.outcome", "decision-table",
               "a non-compliance notice needs an unrepairable finding; the findings give " + q(want));
  } else if (strictness(d.outcome) < strictness(required)) {
    issues.add("$.outcome", "decision-table",
               "outcome " + q(got) + " is laxer than the decision table allows (" + q(want) +
                   "); an instrument may be stricter, never laxer");
  }

  for (std::size_t i = 0; i < d.grounds.size(); ++i) {
    const Ground& g = d.grounds[i];
    const std::string path = at("$.grounds", i);
    const Control* c = plan.control(g.control);
    if (!c) {
      issues.add(path + ".control", "unknown-control", "ground names control " + q(g.control) + ", not in the plan");
      continue;
    }
    if (g.topic != c->topic || g.bbl_ref != c->bbl_ref)
      issues.add(path, "ground-topic", "a ground must repeat the topic and Bbl reference of control " + q(c->id));
    // A ground states the finding it rests on: the part and its latest result.
    const auto it = std::find_if(status.begin(), status.end(),
                                 [&](const FindingStatus& s) { return s.control == c && s.unit == g.unit; });
    if (it == status.end()) {
      issues.add(path + ".unit", "ground-unit",
                 g.unit ? "unit " + q(*g.unit) + " is not one of the units of control " + q(c->id)
                        : "control " + q(c->id) + " is performed per unit; the ground must name the unit");
    } else if (!it->latest || it->latest->result != g.result) {
      issues.add(path + ".result", "ground-result",
                 "the ground says " + q(to_string(g.result)) + " but the latest finding for " + part(*it) + " is " +
                     (it->latest ? q(to_string(it->latest->result)) : std::string("missing")));
    }
  }
  for (std::size_t i = 0; i < d.measures.size(); ++i) {
    const Measure& m = d.measures[i];
    for (std::size_t j = 0; j < m.controls.size(); ++j) {
      const Control* c = plan.control(m.controls[j]);
      if (!c)
        issues.add(at(at("$.measures", i) + ".controls", j), "unknown-control",
                   "measure names control " + q(m.controls[j]) + ", not in the plan");
      else if (c->risk != m.risk)
        issues.add(at(at("$.measures", i) + ".controls", j), "measure-risk",
                   "control " + q(c->id) + " covers risk " + q(c->risk) + ", not " + q(m.risk));
    }
  }

  // Grounds must name every part that makes the outcome what it is.
  for (const auto& s : status) {
    if (!s.latest) continue;
    const FindingResult r = s.latest->result;
    const bool needs_ground = ground_required(d.outcome, r);
    if (needs_ground && !grounds_name(d, s))
      issues.add("$.grounds", "grounds-complete",
                 part(s) + " is " + q(to_string(r)) + " but the decision's grounds do not name it");
  }
  if (d.outcome == Outcome::declaration) {
    std::set<std::string> measured;
    for (const auto& m : d.measures) measured.insert(m.risk);
    std::set<std::string> controlled;
    for (const auto& c : plan.controls) controlled.insert(c.risk);
    for (const auto& r : controlled)
      if (!measured.count(r))
        issues.add("$.measures", "measures-complete",
                   "a declaration lists the measures taken against each planned risk; risk " + q(r) + " is missing");
  }
}

}  // namespace wkb::host
