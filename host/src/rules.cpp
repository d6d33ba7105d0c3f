#include "wkb/host/rules.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "wkb/host/certificates.hpp"
#include "wkb/sdk/decision_table.hpp"
#include "wkb/sdk/labels_nl.hpp"
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
      issues.add(at(base, i) + "." + field, "unique-id",
                 std::string(what) + "-id " + q(ids[i]) + " komt meer dan eens voor; een id hoort bij één " + std::string(what));
}

void project_matches(const std::string& got, const Project& p, Issues& issues) {
  if (got != p.id)
    issues.add("$.project", "project-id",
               "het antwoord is voor project " + q(got) + ", het verzoek was voor project " + q(p.id));
}

// The project's unit ids, for membership checks (built once per check).
using UnitSet = std::unordered_set<std::string_view>;
UnitSet unit_set(const Project& p) { return UnitSet(p.unit_ids.begin(), p.unit_ids.end()); }

std::string unit_not_of_control(const std::string& unit, const Control& c) {
  return "eenheid " + q(unit) + " is geen eenheid van controle " + q(c.id);
}

void units_of_project(const Project& p, const UnitSet& known, const std::vector<std::string>& units,
                      const std::string& path, Issues& issues) {
  for (std::size_t i = 0; i < units.size(); ++i)
    if (!known.count(units[i]))
      issues.add(at(path, i), "unknown-unit", "eenheid " + q(units[i]) + " is geen eenheid van project " + q(p.id));
}

}  // namespace

void check_description(const Description& d, const Manifest& m, Issues& issues) {
  if (d.id != m.id)
    issues.add("$.id", "manifest-id", "describe() geeft id " + q(d.id) + ", maar plugin.json zegt " + q(m.id));
  if (d.version != m.version)
    issues.add("$.version", "manifest-version",
               "describe() geeft versie " + q(d.version) + ", maar plugin.json zegt " + q(m.version));
  if (!m.provider_kvk.empty() && d.provider.kvk != m.provider_kvk)
    issues.add("$.provider.kvk", "manifest-provider",
               "describe() noemt een aanbieder met KvK-nummer " + q(d.provider.kvk) + ", maar plugin.json zegt " +
                   q(m.provider_kvk));
  if (!is_semver(d.version)) issues.add("$.version", "semver", not_semver_message(d.version));
  if (d.building_types.empty())
    issues.add("$.building_types", "building-types", "een instrument dekt ten minste één bouwwerktype");
  if (d.thresholds.control > d.thresholds.site_inspection)
    issues.add("$.thresholds", "thresholds-order",
               "de drempel voor een controle (" + std::to_string(d.thresholds.control) +
                   ") mag niet hoger zijn dan de drempel voor een bijwoonmoment (" +
                   std::to_string(d.thresholds.site_inspection) + ")");
  if (d.sampling.min_fraction <= 0.0)
    issues.add("$.sampling.min_fraction", "sampling-fraction",
               "de steekproef moet een deel van de eenheden omvatten: min_fraction moet groter zijn dan 0");
  if (d.competence.empty())
    issues.add("$.competence", "competence", "geef per rol de vereiste competentie op");
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
                 "score " + std::to_string(r.score) + " is niet kans × effect × herstelbaarheid = " +
                     std::to_string(r.likelihood) + " × " + std::to_string(r.impact) + " × " +
                     std::to_string(r.recoverability) + " = " +
                     std::to_string(r.likelihood * r.impact * r.recoverability));
  }
  unique_ids(ids, "$.risks", "id", "risico", issues);
  std::set<std::string> not_applicable;
  for (std::size_t i = 0; i < a.not_applicable.size(); ++i) {
    const auto& n = a.not_applicable[i];
    if (covered.count(n.topic))
      issues.add(at("$.not_applicable", i) + ".topic", "coverage-conflict",
                 topic_ref_nl(n.topic) + " heeft risico's en staat ook bij niet van toepassing (not_applicable)");
    if (!not_applicable.insert(n.topic).second)
      issues.add(at("$.not_applicable", i) + ".topic", "unique-id",
                 topic_ref_nl(n.topic) + " staat twee keer bij niet van toepassing");
  }
  for (const auto& t : taxonomy())
    if (!covered.count(t.id) && !not_applicable.count(t.id))
      issues.add("$", "whole-building-coverage",
                 topic_ref_nl(t.id) +
                     " is niet beoordeeld en ook niet als niet van toepassing opgegeven; het hele bouwwerk moet worden "
                     "beoordeeld");
}

void check_sample(const Project& p, const Description& d, const Sample& s, Issues& issues) {
  project_matches(s.project, p, issues);
  units_of_project(p, unit_set(p), s.reference_units, "$.reference_units", issues);
  const int required = required_sample_size(d.sampling, p.building.units);
  if (static_cast<int>(s.reference_units.size()) < required)
    issues.add("$.reference_units", "declared-sampling",
               plural_nl(static_cast<long long>(s.reference_units.size()), "referentie-eenheid",
                         "referentie-eenheden") +
                   ", maar het eigen steekproefbeleid van het instrument (" + percent_nl(d.sampling.min_fraction) +
                   " van " + plural_nl(p.building.units, "eenheid", "eenheden") + ", ten minste " +
                   std::to_string(d.sampling.min_units) + ") vraagt er " + std::to_string(required));
  if (s.seed != derive_seed(p.id))
    issues.add("$.seed", "seed-derivation",
               "startwaarde (seed) " + q(s.seed) + " is niet afgeleid van de project-id (verwacht " +
                   q(derive_seed(p.id)) + "); een steekproef mag niet afhangen van een klok of een globale generator");
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
      issues.add(path + ".risk", "unknown-risk", "controle " + q(c.id) + " verwijst naar risico " + q(c.risk) +
                                                     ", dat niet in de risicobeoordeling staat");
    } else {
      by_risk[c.risk].push_back(&c);
      if (c.topic != r->topic)
        issues.add(path + ".topic", "control-topic",
                   "controle " + q(c.id) + " heeft " + topic_ref_nl(c.topic) + ", maar haar risico heeft " +
                       topic_ref_nl(r->topic));
      if (c.bbl_ref != r->bbl_ref)
        issues.add(path + ".bbl_ref", "control-bbl-ref",
                   "controle " + q(c.id) + " moet de Bbl-verwijzing van haar risico overnemen (" + q(r->bbl_ref) + ")");
    }
    units_of_project(p, units, c.units, path + ".units", issues);
    if (c.method == ControlMethod::site_inspection && c.performed_by != Performer::assurer)
      issues.add(path + ".performed_by", "site-inspection-by-assurer",
                 "een bijwoonmoment (site-inspection) wordt uitgevoerd door de kwaliteitsborger; zet performed_by op "
                 "\"assurer\"");
    if (c.method != ControlMethod::document_review && c.phase != Phase::design && !p.phase(c.phase))
      issues.add(path + ".phase", "phase-in-schedule",
                 "controle " + q(c.id) + " is gepland in de fase " + labelled_nl(c.phase) +
                     ", die niet in de planning (schedule) van het project staat");
  }
  unique_ids(control_ids, "$.controls", "id", "controle", issues);

  for (std::size_t i = 0; i < a.risks.size(); ++i) {
    const Risk& r = a.risks[i];
    const auto it = by_risk.find(r.id);
    const std::size_t n = it == by_risk.end() ? 0 : it->second.size();
    if (r.score >= d.thresholds.control && n == 0)
      issues.add("$.controls", "control-threshold",
                 "risico " + q(r.id) + " (" + topic_ref_nl(r.topic) + ", score " + std::to_string(r.score) +
                     ") ligt op of boven de drempel voor een controle (" + std::to_string(d.thresholds.control) +
                     "), maar heeft geen controle");
    if (r.score >= d.thresholds.site_inspection) {
      const bool inspected = n > 0 && std::any_of(it->second.begin(), it->second.end(), [](const Control* c) {
                               return c->method == ControlMethod::site_inspection;
                             });
      if (!inspected)
        issues.add("$.controls", "site-inspection-threshold",
                   "risico " + q(r.id) + " (" + topic_ref_nl(r.topic) + ", score " + std::to_string(r.score) +
                       ") ligt op of boven de drempel voor een bijwoonmoment (" +
                       std::to_string(d.thresholds.site_inspection) +
                       "), maar geen controle bekijkt het op de bouwplaats (methode site-inspection)");
    }
  }

  check_certificate_controls(p, a, plan, issues);

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
                 "bijwoonmoment " + q(in.id) + " valt in de fase " + labelled_nl(in.phase) +
                     ", die niet in de planning (schedule) van het project staat");
    else if (in.date < ph->start || in.date > ph->end)
      issues.add(path + ".date", "inspection-date-in-phase",
                 "bijwoonmoment " + q(in.id) + " op " + in.date.to_string() + " valt buiten de fase " +
                     labelled_nl(in.phase) + " (" + ph->start.to_string() + " tot en met " + ph->end.to_string() +
                     ")");
    units_of_project(p, units, in.units, path + ".units", issues);
    for (const auto& u : std::set<std::string>(in.units.begin(), in.units.end())) ++inspections_per_unit[u];
    for (std::size_t j = 0; j < in.controls.size(); ++j) {
      const Control* c = plan.control(in.controls[j]);
      if (!c)
        issues.add(at(path + ".controls", j), "unknown-control",
                   "bijwoonmoment " + q(in.id) + " noemt controle " + q(in.controls[j]) +
                       ", die niet in het borgingsplan staat");
      else
        inspected_controls.insert(c->id);
    }
  }
  unique_ids(inspection_ids, "$.inspections", "id", "bijwoonmoment", issues);
  for (std::size_t i = 0; i < plan.controls.size(); ++i) {
    const Control& c = plan.controls[i];
    if (c.method == ControlMethod::site_inspection && !inspected_controls.count(c.id))
      issues.add(at("$.controls", i), "site-inspection-scheduled",
                 "controle " + q(c.id) + " heeft de methode bijwoonmoment (site-inspection), maar hoort bij geen "
                 "enkel bijwoonmoment in inspections");
  }
  const int need = d.sampling.min_inspections_per_reference_unit;
  for (const auto& u : s.reference_units) {
    const int have = inspections_per_unit.count(u) ? inspections_per_unit[u] : 0;
    if (have < need)
      issues.add("$.inspections", "declared-inspections-per-unit",
                 "referentie-eenheid " + q(u) + " heeft " + plural_nl(have, "bijwoonmoment", "bijwoonmomenten") +
                     "; het instrument belooft er ten minste " + std::to_string(need));
  }
}

void check_findings(const Project& p, const Plan& plan, const Findings& f, Issues& issues) {
  if (f.project != p.id)
    issues.add("$.project", "project-id",
               "deze bevindingen horen bij project " + q(f.project) + ", niet bij project " + q(p.id));
  for (std::size_t i = 0; i < f.findings.size(); ++i) {
    const Finding& x = f.findings[i];
    const std::string path = at("$.findings", i);
    const Control* c = plan.control(x.control);
    if (!c) {
      issues.add(path + ".control", "unknown-control",
                 "controle " + q(x.control) + " staat niet in het borgingsplan; de id's van de controles staan "
                     "in het plan: `wkb project show " + p.id + "` voor een opgeslagen project, anders `wkb plan`");
      continue;
    }
    if (c->units.empty() && x.unit)
      issues.add(path + ".unit", "project-level-control",
                 "controle " + q(c->id) + " geldt voor het hele project; laat \"unit\" weg bij haar bevinding");
    if (!c->units.empty()) {
      if (!x.unit)
        issues.add(path + ".unit", "unit-required",
                   "controle " + q(c->id) + " wordt per eenheid uitgevoerd; noem de \"unit\" (een van haar eenheden)");
      else if (std::find(c->units.begin(), c->units.end(), *x.unit) == c->units.end())
        issues.add(path + ".unit", "unknown-unit",
                   unit_not_of_control(*x.unit, *c));
    }
  }
  check_certificate_findings(p, plan, f, issues);
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
  return "controle " + q(s.control->id) + (s.unit ? ", eenheid " + q(*s.unit) : std::string());
}
}  // namespace

void check_decision(const Project& p, const Plan& plan, const Findings& f, const Decision& d, Issues& issues) {
  project_matches(d.project, p, issues);
  const auto status = finding_status(plan, f);
  const Outcome required = required_outcome(status);
  const std::string got = labelled_nl(d.outcome), want = labelled_nl(required);
  if (required == Outcome::non_compliance_notice && d.outcome != required) {
    issues.add("$.outcome", "decision-table",
               "uitkomst " + got + " gaat voorbij aan een onherstelbare bevinding; de beslistabel vraagt " + want);
  } else if (required != Outcome::non_compliance_notice && d.outcome == Outcome::non_compliance_notice) {
    issues.add("$.outcome", "decision-table",
               "een melding strijdigheid vraagt om een onherstelbare bevinding; de bevindingen geven " + want);
  } else if (strictness(d.outcome) < strictness(required)) {
    issues.add("$.outcome", "decision-table",
               "uitkomst " + got + " is soepeler dan de beslistabel toestaat (" + want +
                   "); een instrument mag strenger zijn, nooit soepeler");
  }

  for (std::size_t i = 0; i < d.grounds.size(); ++i) {
    const Ground& g = d.grounds[i];
    const std::string path = at("$.grounds", i);
    const Control* c = plan.control(g.control);
    if (!c) {
      issues.add(path + ".control", "unknown-control",
                 "de grond noemt controle " + q(g.control) + ", die niet in het borgingsplan staat");
      continue;
    }
    if (g.topic != c->topic || g.bbl_ref != c->bbl_ref)
      issues.add(path, "ground-topic",
                 "een grond herhaalt het onderwerp en de Bbl-verwijzing van controle " + q(c->id));
    // A ground states the finding it rests on: the part and its latest result.
    const auto it = std::find_if(status.begin(), status.end(),
                                 [&](const FindingStatus& s) { return s.control == c && s.unit == g.unit; });
    if (it == status.end()) {
      issues.add(path + ".unit", "ground-unit",
                 g.unit ? unit_not_of_control(*g.unit, *c)
                        : "controle " + q(c->id) + " wordt per eenheid uitgevoerd; de grond moet de eenheid noemen");
    } else if (!it->latest || it->latest->result != g.result) {
      issues.add(path + ".result", "ground-result",
                 "de grond zegt " + labelled_nl(g.result) + ", maar de laatste bevinding voor " + part(*it) +
                     (it->latest ? " is " + labelled_nl(it->latest->result) : std::string(" ontbreekt")));
    }
  }
  for (std::size_t i = 0; i < d.measures.size(); ++i) {
    const Measure& m = d.measures[i];
    for (std::size_t j = 0; j < m.controls.size(); ++j) {
      const Control* c = plan.control(m.controls[j]);
      if (!c)
        issues.add(at(at("$.measures", i) + ".controls", j), "unknown-control",
                   "de maatregel noemt controle " + q(m.controls[j]) + ", die niet in het borgingsplan staat");
      else if (c->risk != m.risk)
        issues.add(at(at("$.measures", i) + ".controls", j), "measure-risk",
                   "controle " + q(c->id) + " dekt risico " + q(c->risk) + ", niet " + q(m.risk));
    }
  }

  // Grounds must name every part that makes the outcome what it is.
  for (const auto& s : status) {
    if (!s.latest) continue;
    const FindingResult r = s.latest->result;
    const bool needs_ground = ground_required(d.outcome, r);
    if (needs_ground && !grounds_name(d, s))
      issues.add("$.grounds", "grounds-complete",
                 part(s) + " is " + labelled_nl(r) + ", maar de gronden van het oordeel noemen dit onderdeel niet");
  }
  if (d.outcome == Outcome::declaration) {
    std::set<std::string> measured;
    for (const auto& m : d.measures) measured.insert(m.risk);
    std::set<std::string> controlled;
    for (const auto& c : plan.controls) controlled.insert(c.risk);
    for (const auto& r : controlled)
      if (!measured.count(r))
        issues.add("$.measures", "measures-complete",
                   "een verklaring noemt de genomen maatregelen tegen elk gepland risico; risico " + q(r) +
                       " ontbreekt");
  }
}

}  // namespace wkb::host
