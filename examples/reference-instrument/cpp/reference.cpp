// Referentie-instrument, native half: a complete, deliberately plain
// instrument for grondgebonden woningen and simple industrial halls, written
// against the installed SDK alone. ../lua/reference.lua is the same instrument
// in Lua: both give byte-identical answers for every project (the host's
// parity test checks it), so read whichever language you will write in.
// README.md explains the method for providers.
//
// What it shows, method by method:
//  - describe: every declaration the TloKB admission asks for, in Dutch;
//  - assess: every Bbl topic of the taxonomy scored or declared not
//    applicable, with scores that follow from the project (local conditions,
//    documents, construction, certificates) and say why in the rationale;
//  - sample: the project's seed and the SDK's generator, so the sample can be
//    reproduced by anyone;
//  - plan: controls that follow the declared thresholds, with stable ids
//    (wkb::control_id), and bijwoonmomenten inside the schedule;
//  - evaluate: wkb::sdk::decide, with the instrument's own explanations.
#include "reference.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "wkb/sdk/decide.hpp"
#include "wkb/sdk/ids.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace referentie {

using namespace wkb;

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// The execution phase in which a topic's work can be seen on site.
Phase execution_phase(const std::string& topic, const std::string& group) {
  if (topic == "structural-safety") return Phase::foundation;  // piles and reinforcement before pouring
  if (group == "safety") return Phase::structure;
  if (group == "health") return Phase::installations;
  if (group == "usability") return Phase::finishing;
  return Phase::envelope;  // energy and environment: insulation and airtightness before closing up
}

// k/n of the way through a schedule phase (integer days, as wkb.schedule.date_at in Lua).
Date date_at(const SchedulePhase& p, int k, int n) {
  return Date::from_days(p.start.days() + (p.end.days() - p.start.days()) * k / n);
}

}  // namespace

Description Reference::describe() {
  Description d;
  d.id = "nl.voorbeeld.referentie";  // equals "id" in plugin.json
  d.name = "Referentie-instrument";
  d.version = "1.0.0";
  d.provider = {"11223344", "Stichting Voorbeeld Kwaliteitsborging"};
  d.building_types = {BuildingType::dwelling, BuildingType::industrial};
  d.thresholds = {kControlThreshold, kSiteInspectionThreshold};
  d.sampling.min_fraction = 0.25;
  d.sampling.min_units = 1;
  d.sampling.min_inspections_per_reference_unit = 2;
  d.sampling.description =
      "Een kwart van de bouwnummers, minstens één, is referentiewoning; getrokken met de seed die uit het "
      "projectnummer volgt, zodat iedereen de trekking kan herhalen. Elke referentiewoning krijgt minstens twee "
      "bijwoonmomenten.";
  d.competence = {{"risk-assessment-and-plan", "hbo", 3,
                   "Drie jaar als leidinggevende bij borging of toetsing van grondgebonden woningen aan het Bbl, "
                   "aangetoond met een projectlijst."},
                  {"structural-safety", "hbo", 3,
                   "Drie jaar controle van constructieberekeningen, -tekeningen en constructieve bouwmaterialen."},
                  {"fire-safety", "hbo", 5, "Vijf jaar toetsing van bouwplannen aan de regels voor brandveiligheid."},
                  {"building-physics", "mbo-4", 3,
                   "Drie jaar toetsing van bouwplannen aan de regels voor gezondheid, energiezuinigheid en milieu."},
                  {"installations", "mbo-4", 3,
                   "Drie jaar controle van installaties voor ventilatie, drinkwater en energie in woningen."},
                  {"site-inspection", "mbo-4", 3,
                   "Drie jaar toezicht op de bouwplaats, waarvan één jaar onder begeleiding van een ervaren "
                   "kwaliteitsborger."}};
  // Admission checks that certificates, EKV and the contractor's own
  // checks are addressed, and that the assurer still judges them.
  d.evidence_policy =
      "Erkende kwaliteitsverklaringen (EKV), certificaten en eigen controles van de aannemer worden gebruikt; "
      "de kwaliteitsborger controleert of een certificaat geldig is en op dit werk van toepassing, en "
      "beoordeelt het bewijs van de aannemer altijd zelf.";
  d.supervision = {12, "Jaarlijkse audit per kwaliteitsborger op dossier en bouwplaats; bij tekortkomingen een "
                       "heraudit binnen drie maanden."};
  return d;
}

// Every topic is scored (or declared not applicable, with a reason): the
// host refuses an assessment that skips one.
Assessment Reference::assess(const Project& p) {
  Assessment a;
  a.project = p.id;
  for (const Topic& t : taxonomy()) {
    if (p.building.type == BuildingType::industrial && (t.id == "outdoor-space" || t.id == "storage")) {
      a.not_applicable.push_back({t.id, "Geen woonfunctie: " + t.label_nl + " is niet van toepassing."});
      continue;
    }
    // A base score per group of topics, then what this project changes.
    int l = 2, i = 3, rec = 2;
    RiskPhase phase = RiskPhase::execution;
    if (t.group == "safety") {
      i = 4;
      rec = 3;
    } else if (t.group == "usability") {
      i = 2;
      phase = RiskPhase::design;
    } else if (t.group == "energy-environment") {
      l = 3;
      phase = RiskPhase::design;
    }
    std::vector<std::string> notes;
    if (t.id == "structural-safety") {
      i = 5;
      rec = 5;  // a foundation cannot be put right once the house stands on it
      if (p.has_condition("soft-soil")) {
        l = 4;
        notes.push_back("slappe bodem");
      }
    }
    if (t.id == "fire-spread" && p.has_condition("fire-separation-under-5m")) {
      l = 4;
      notes.push_back("brandscheiding binnen 5 m");
    }
    if (t.id == "energy-performance" && p.document_missing("beng-calculation")) {
      l = 5;
      notes.push_back("BENG-berekening ontbreekt");
    }
    if (p.building.construction == "timber-frame" && (t.id == "fire-spread" || t.id == "moisture")) {
      l = std::min(5, l + 1);
      notes.push_back("houtskeletbouw");
    }
    if (p.building.storeys >= 3 && (t.id == "fall-protection" || t.id == "stairs" || t.id == "escape-routes")) {
      i = std::min(5, i + 1);
      notes.push_back(std::to_string(p.building.storeys) + " bouwlagen");
    }
    if (p.has_certificate(t.id)) {
      l = std::max(1, l - 1);
      notes.push_back("certificaat aanwezig");
    }
    Risk r;
    r.id = risk_id(t.id);  // "R-<topic>": the same risk keeps its id in every plan version
    r.topic = t.id;
    r.bbl_ref = t.bbl_ref;
    r.phase = phase;
    r.likelihood = l;
    r.impact = i;
    r.recoverability = rec;
    r.score = l * i * rec;  // the host checks the arithmetic
    r.description = "Tekortkoming op " + t.label_nl;
    r.rationale = t.group_nl + "; aanpassingen: " + (notes.empty() ? std::string("geen") : join(notes, ", "));
    a.risks.push_back(std::move(r));
  }
  return a;
}

// The seed must be derive_seed(project id): a sample that depends on a
// clock or a global generator cannot be checked afterwards.
Sample Reference::sample(const Project& p, const Assessment&) {
  Sample s;
  s.project = p.id;
  s.seed = derive_seed(p.id);
  DeterministicRng rng = DeterministicRng::for_project(p.id);
  const int n = static_cast<int>(p.unit_ids.size());
  const int k = required_sample_size(describe().sampling, n);
  // wkb.choose in Lua: a partial Fisher-Yates shuffle, the result in list order.
  std::vector<int> idx(n);
  for (int i = 0; i < n; ++i) idx[i] = i;
  for (int i = 0; i < k; ++i) std::swap(idx[i], idx[i + rng.below(static_cast<std::uint64_t>(n - i))]);
  std::vector<int> chosen(idx.begin(), idx.begin() + k);
  std::sort(chosen.begin(), chosen.end());
  for (int c : chosen) s.reference_units.push_back(p.unit_ids[c]);
  s.rationale = std::to_string(k) + " van " + std::to_string(n) + " bouwnummers, gekozen met seed " + s.seed;
  return s;
}

Plan Reference::plan(const Project& p, const Assessment& a, const Sample& s) {
  if (std::none_of(p.schedule.begin(), p.schedule.end(),
                   [](const SchedulePhase& ph) { return ph.phase != Phase::design; }))
    throw sdk::PluginError("no-execution-phase", "Het bouwschema bevat geen uitvoeringsfase; plan die eerst.",
                           "$.project.schedule");
  Plan plan;
  plan.project = p.id;
  // Execution controls happen in the phase where the work can be seen.
  auto add = [&](Control c, const Topic* t) {
    if (c.method != ControlMethod::document_review) {
      c.phase = execution_phase(c.topic, t->group);
      if (!p.phase(c.phase)) c.phase = p.schedule.back().phase;
    }
    // Named by what it is for, never by a running number: a risk override
    // that adds a control elsewhere keeps this id and its findings.
    c.id = control_id(c.risk, c.method, c.phase);
    plan.controls.push_back(std::move(c));
  };
  for (const Risk& r : a.risks) {
    // A certificate lowers the likelihood, so its risk is always checked by
    // a certificate-check control, whatever the score (the host's rule
    // certificate-check, docs/sdk/certificates.md).
    const bool certified = p.has_certificate(r.topic);
    if (r.score < kControlThreshold && !certified) continue;
    const Topic* t = find_topic(r.topic);
    Control c;
    c.risk = r.id;
    c.topic = r.topic;
    c.bbl_ref = r.bbl_ref;  // copied from the risk, so the plan stands alone
    c.phase = Phase::design;
    Control check = c;
    check.method = ControlMethod::certificate_check;
    check.evidence = "Geldig certificaat voor " + t->label_nl;
    if (r.score < kControlThreshold) {
      add(std::move(check), t);
      continue;
    }
    if (r.score >= kSiteInspectionThreshold && r.phase == RiskPhase::execution) {
      c.method = ControlMethod::site_inspection;
      c.units = s.reference_units;
      c.evidence = "Waarneming op de bouwplaats met foto's";
    } else if (certified) {
      c = check;
    } else if (r.phase == RiskPhase::design) {
      c.method = ControlMethod::document_review;
      c.evidence = "Beoordeling van tekeningen en berekeningen";
    } else {
      // The contractor shows, the assurer judges: performed_by says who
      // supplies the evidence, never who decides.
      c.method = ControlMethod::contractor_evidence;
      c.units = p.unit_ids;
      c.performed_by = Performer::contractor;
      c.evidence = "Opleverdossier van de aannemer, beoordeeld door de kwaliteitsborger";
    }
    const bool also_check = certified && c.method != ControlMethod::certificate_check;
    add(std::move(c), t);
    if (also_check) add(std::move(check), t);
  }
  // One bijwoonmoment per phase with site inspections, in the middle of the phase.
  for (const SchedulePhase& ph : p.schedule) {
    Inspection in;
    for (const Control& c : plan.controls)
      if (c.method == ControlMethod::site_inspection && c.phase == ph.phase) in.controls.push_back(c.id);
    if (in.controls.empty()) continue;
    in.phase = ph.phase;
    in.date = date_at(ph, 1, 2);
    in.units = s.reference_units;
    plan.inspections.push_back(std::move(in));
  }
  // At least two bijwoonmomenten per reference unit (the declared minimum):
  // more from the end of the schedule, in phases without one.
  for (auto it = p.schedule.rbegin(); it != p.schedule.rend() && plan.inspections.size() < 2; ++it) {
    if (std::any_of(plan.inspections.begin(), plan.inspections.end(),
                    [&](const Inspection& x) { return x.phase == it->phase; }))
      continue;
    Inspection in;
    in.phase = it->phase;
    in.date = date_at(*it, 2, 3);
    in.units = s.reference_units;
    plan.inspections.push_back(std::move(in));
  }
  name_inspections(plan.inspections);  // "foundation/1", ...: by phase, not by position
  return plan;
}

// The SDK's decision helper applies the decision table the host enforces;
// the hooks say it in this instrument's words.
Decision Reference::evaluate(const Project& p, const Plan& plan, const Findings& f) {
  sdk::DecideHooks hooks;
  // An unrepairable part ends in a melding strijdigheid: say what that
  // means; the other grounds keep the SDK's text.
  hooks.explain = [](const Control& c, const std::optional<std::string>& unit, const Finding& x) {
    std::string text = sdk::default_explanation(c, unit, x);
    if (x.result == FindingResult::unrepairable)
      text += " De gereedmelding gaat daarom vergezeld van een melding strijdigheid aan het bevoegd gezag.";
    return text;
  };
  // With a notice, the repaired parts are named too: the bevoegd gezag sees
  // what was put right and what was not.
  hooks.also_ground = [](Outcome outcome, const FindingStatus& part) {
    return outcome == Outcome::non_compliance_notice && part.latest->result == FindingResult::repaired;
  };
  // A measure per risk, described by how closely it was followed.
  hooks.measure = [](const std::string&, const std::vector<const Control*>& controls) {
    const Control& c = *controls.front();
    const std::string topic = topic_label_nl(c.topic);
    if (c.method == ControlMethod::site_inspection)
      return topic + ": hoog risico, op de bouwplaats waargenomen bij " +
             plural_nl(static_cast<long long>(c.units.size()), "referentiewoning", "referentiewoningen") +
             "; alle bevindingen in orde.";
    if (!c.units.empty())
      return topic + ": per woning beoordeeld (" +
             plural_nl(static_cast<long long>(c.units.size()), "woning", "woningen") + "); alle bevindingen in orde.";
    return topic + ": op projectniveau beoordeeld; de bevinding is in orde.";
  };
  return sdk::decide(p, plan, f, hooks);
}

}  // namespace referentie
