#include "catalogue.hpp"

#include <algorithm>
#include <map>

#include "wkb/sdk/ids.hpp"
#include "wkb/sdk/instrument.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace seriebouw {

using namespace wkb;
using M = ControlMethod;
using P = Phase;
using RP = RiskPhase;

const std::vector<CatalogueEntry>& catalogue() {
  static const std::vector<CatalogueEntry> entries = {
      {"structural-safety", RP::execution, 3, 5, 4, P::structure, M::contractor_evidence,
       "Draagconstructie (fundering, vloeren, wanden, kap) wijkt af van de getoetste berekening en tekeningen.",
       "Wapening, verankering en opleggingen volgens constructietekening; foto's vóór het storten."},
      {"fire-origin", RP::design, 2, 4, 2, P::design, M::document_review,
       "Stookplaatsen en installaties zonder voldoende afstand tot brandbaar materiaal.",
       "Installatietekeningen met opstelplaatsen en afstanden."},
      {"fire-spread", RP::execution, 3, 5, 3, P::finishing, M::contractor_evidence,
       "Brandscheidingen tussen woningen of naar de buren onderbroken door doorvoeringen of spouwen.",
       "Brandwerende afdichting van doorvoeringen en spouwen; productbladen en foto's per woningscheiding."},
      {"smoke", RP::execution, 2, 4, 2, P::finishing, M::contractor_evidence,
       "Rookmelders ontbreken of hangen niet op de voorgeschreven plaatsen.",
       "Rookmelders op elke verdieping in de vluchtroute, op het net aangesloten; opleverstaat."},
      {"escape-routes", RP::design, 2, 5, 2, P::design, M::document_review,
       "Vluchtroute te lang, te smal of niet vrij van obstakels in het ontwerp.",
       "Plattegronden met loopafstanden en breedten van vluchtroutes."},
      {"fire-brigade-access", RP::design, 1, 4, 1, P::design, M::document_review,
       "Opstelplaats voor de brandweer te ver van de toegang.",
       "Situatietekening met bereikbaarheid en bluswatervoorziening."},
      {"fall-protection", RP::execution, 2, 5, 2, P::finishing, M::contractor_evidence,
       "Hekwerken en borstweringen te laag of met te grote openingen.",
       "Hoogte en openingen van hekwerken gemeten en vastgelegd per woning."},
      {"stairs", RP::execution, 2, 4, 2, P::finishing, M::contractor_evidence,
       "Trap met afwijkende optrede, aantrede of vrije hoogte.",
       "Maatvoering van de trap (optrede, aantrede, vrije hoogte) gemeten per woning."},
      {"burglary-resistance", RP::execution, 3, 2, 2, P::envelope, M::contractor_evidence,
       "Gevelelementen zonder inbraakwerende klasse 2.",
       "Certificaat of productbladen inbraakwerendheid klasse 2 van bereikbare gevelelementen."},
      {"outdoor-noise", RP::design, 2, 3, 3, P::envelope, M::document_review,
       "Karakteristieke geluidwering van de gevel onvoldoende voor de geluidbelasting.",
       "Akoestisch rapport gevelwering, afgestemd op de vastgestelde geluidbelasting."},
      {"internal-noise", RP::execution, 3, 3, 3, P::completion, M::measurement,
       "Geluidsisolatie tussen woningen onvoldoende door contactgeluidbruggen.",
       "Geluidmeting tussen woningen (lucht- en contactgeluid) bij oplevering."},
      {"moisture", RP::execution, 3, 3, 3, P::envelope, M::contractor_evidence,
       "Vochtwering van gevel, dak en begane grondvloer onvoldoende aangesloten.",
       "Aansluitdetails van dak, gevel en vloer met foto's vóór het dichtmaken."},
      {"ventilation", RP::execution, 3, 3, 2, P::completion, M::measurement,
       "Ventilatiecapaciteit per ruimte lager dan berekend.",
       "Inregelrapport met gemeten luchthoeveelheden per ruimte."},
      {"flue-gas", RP::execution, 1, 5, 2, P::installations, M::contractor_evidence,
       "Rookgasafvoer van een verbrandingstoestel lekt of mondt verkeerd uit.",
       "Rookgasafvoer gecontroleerd en vastgelegd door een erkend installateur."},
      {"daylight", RP::design, 2, 3, 3, P::design, M::document_review,
       "Equivalente daglichtoppervlakte van verblijfsgebieden te klein.",
       "Daglichtberekening per verblijfsgebied."},
      {"pests", RP::execution, 1, 2, 2, P::envelope, M::contractor_evidence,
       "Openingen in de schil groter dan 10 mm.",
       "Afdichting van openingen en kruipruimte vastgelegd."},
      {"drinking-water", RP::execution, 2, 4, 2, P::installations, M::contractor_evidence,
       "Drinkwaterinstallatie niet gespoeld of met dode leidingen.",
       "Spoel- en afpersrapport drinkwaterinstallatie."},
      {"room-dimensions", RP::design, 1, 3, 3, P::design, M::document_review,
       "Verblijfsgebieden of -ruimten kleiner of lager dan vereist.",
       "Plattegronden en doorsneden met maatvoering."},
      {"accessibility", RP::design, 2, 3, 3, P::design, M::document_review,
       "Toegang of hoogteverschillen niet volgens de eisen.",
       "Tekeningen van toegang, drempels en hoogteverschillen."},
      {"sanitary", RP::design, 1, 2, 2, P::design, M::document_review,
       "Toilet- of badruimte ontbreekt of is te klein.",
       "Plattegronden met sanitaire ruimten."},
      {"storage", RP::design, 1, 2, 2, P::design, M::document_review,
       "Bergruimte ontbreekt of is te klein.",
       "Plattegronden met bergruimte."},
      {"outdoor-space", RP::design, 1, 2, 2, P::design, M::document_review,
       "Buitenruimte ontbreekt of is te klein.",
       "Situatietekening met buitenruimte per woning."},
      {"energy-performance", RP::design, 3, 4, 3, P::design, M::document_review,
       "BENG-berekening ontbreekt of sluit niet aan op het ontwerp.",
       "Actuele BENG-berekening (BENG 1-3) die aansluit op tekeningen en installatieconcept."},
      {"thermal-insulation", RP::execution, 3, 4, 4, P::envelope, M::contractor_evidence,
       "Isolatie van gevel, dak of vloer dunner of anders aangebracht dan berekend (Rc-waarden).",
       "Isolatiedikte en -aansluitingen gecontroleerd vóór het dichtmaken; productbladen."},
      {"airtightness", RP::execution, 3, 3, 3, P::completion, M::measurement,
       "Luchtdichtheid van de schil slechter dan in de BENG-berekening aangenomen.",
       "Luchtdichtheidsmeting (blowerdoortest) met qv;10-waarde."},
      {"overheating", RP::design, 2, 3, 3, P::design, M::document_review,
       "TOjuli boven de grenswaarde zonder maatregelen.",
       "TOjuli-berekening met eventuele zonwering of koeling."},
      {"environmental-performance", RP::design, 2, 2, 3, P::design, M::document_review,
       "Milieuprestatie (MPG) boven de grenswaarde.",
       "MPG-berekening die aansluit op de materiaalkeuze."},
  };
  return entries;
}

namespace {

int clamp5(int v) { return std::clamp(v, 1, 5); }

// Missing documents raise the likelihood of the topic they substantiate.
const std::map<std::string, std::string>& document_topics() {
  static const std::map<std::string, std::string> m = {
      {"beng-calculation", "energy-performance"},     {"structural-calculation", "structural-safety"},
      {"fire-safety-plan", "fire-spread"},            {"mpg-calculation", "environmental-performance"},
      {"ventilation-calculation", "ventilation"},     {"tojuli-calculation", "overheating"},
      {"acoustic-report", "outdoor-noise"},           {"daylight-calculation", "daylight"}};
  return m;
}

// The schedule phase closest to `wanted`: the first later one, else the last earlier one.
std::optional<Phase> scheduled_phase(const Project& project, Phase wanted) {
  const SchedulePhase* best = nullptr;
  for (const auto& s : project.schedule)
    if (s.phase != Phase::design && s.phase >= wanted && (!best || s.phase < best->phase)) best = &s;
  if (!best)
    for (const auto& s : project.schedule)
      if (s.phase != Phase::design && (!best || s.phase > best->phase)) best = &s;
  if (!best) return std::nullopt;
  return best->phase;
}

// Monday to Friday: a building site is visited on working days. Weekends
// move to the Monday, or to the Friday when the phase ends before Monday.
Date working_day(Date d, const SchedulePhase& phase) {
  const int weekday = (d.days() + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  const int forward = weekday == 6 ? 2 : weekday == 0 ? 1 : 0;
  if (forward == 0) return d;
  if (d.plus_days(forward) <= phase.end) return d.plus_days(forward);
  const Date back = d.plus_days(weekday == 6 ? -1 : -2);
  return back >= phase.start ? back : d;
}

}  // namespace

std::optional<std::string> not_applicable_reason(const std::string& topic, const Project& project) {
  const BuildingType type = project.building.type;
  if (topic == "flue-gas" && !project.has_condition("combustion-appliance"))
    return "Geen verbrandingstoestel in het ontwerp (all-electric); zie local_conditions "
           "\"combustion-appliance\" als dat verandert.";
  if (type == BuildingType::industrial) {
    if (topic == "burglary-resistance" || topic == "outdoor-space" || topic == "storage" || topic == "overheating")
      return "Het Bbl stelt deze eis alleen aan woonfuncties; dit project is een industriefunctie.";
  }
  if (type == BuildingType::holiday_dwelling && (topic == "outdoor-space" || topic == "storage"))
    return "Voor een recreatiewoning geldt deze eis niet.";
  return std::nullopt;
}

Risk assess_entry(const CatalogueEntry& e, const Project& project) {
  Risk r;
  r.id = risk_id(e.topic);  // named by its topic, so a replan keeps it
  r.topic = e.topic;
  const Topic* t = find_topic(e.topic);
  r.bbl_ref = t ? t->bbl_ref : "Bbl hoofdstuk 4";
  r.phase = e.risk_phase;
  r.description = e.description;
  int likelihood = e.likelihood, impact = e.impact, recoverability = e.recoverability;
  std::vector<std::string> why;

  if (e.topic == "structural-safety" && project.has_condition("soft-soil")) {
    likelihood += 1;
    why.push_back("slappe bodem: zettingsrisico bij de fundering");
  }
  if (e.topic == "structural-safety" && project.building.type == BuildingType::floating_dwelling) {
    likelihood += 1;
    why.push_back("drijvende woning: drijfvermogen en afmeervoorzieningen");
  }
  if (e.topic == "fire-spread" && project.has_condition("fire-separation-under-5m")) {
    likelihood += 1;
    impact = 5;
    why.push_back("brandscheiding op minder dan 5 m van de perceelgrens");
  }
  if (e.topic == "outdoor-noise" && project.has_condition("noise-zone")) {
    likelihood += 2;
    recoverability += 1;
    r.phase = RiskPhase::execution;  // the facade as built decides, not only the report
    why.push_back("geluidzone: hogere eisen aan de gevelwering");
  }
  if (project.building.units >= 20 && r.phase == RiskPhase::execution && e.topic != "flue-gas") {
    // A systematic error repeats in every unit of a series: harder to put right.
    recoverability += 1;
    why.push_back("serie van " + std::to_string(project.building.units) + " eenheden: een fout herhaalt zich");
  }
  for (const auto& [kind, topic] : document_topics())
    if (topic == e.topic && project.document_missing(kind)) {
      likelihood = 5;
      why.push_back("document \"" + kind + "\" ontbreekt");
    }
  if (project.has_certificate(e.topic, "ekv")) {
    likelihood -= 2;
    why.push_back("erkende kwaliteitsverklaring (EKV) voor dit onderwerp");
  }

  r.likelihood = clamp5(likelihood);
  r.impact = clamp5(impact);
  r.recoverability = clamp5(recoverability);
  r.score = r.likelihood * r.impact * r.recoverability;
  r.rationale = "Catalogus Seriebouw: kans " + std::to_string(e.likelihood) + ", effect " +
                std::to_string(e.impact) + ", herstelbaarheid " + std::to_string(e.recoverability) + ".";
  for (const auto& w : why) r.rationale += " Aangepast: " + w + ".";
  return r;
}

namespace {
const CatalogueEntry& entry_for(const Risk& risk) {
  for (const auto& c : catalogue())
    if (c.topic == risk.topic) return c;
  throw sdk::PluginError("unknown-risk", "no catalogue entry for topic " + risk.topic, "$.assessment");
}

Phase execution_phase_for(const CatalogueEntry& e, const Project& project) {
  const auto phase =
      scheduled_phase(project, e.control_phase == Phase::design ? Phase::installations : e.control_phase);
  if (!phase)
    throw sdk::PluginError("no-execution-phase",
                           "the schedule has no execution phase; add the phases from foundation to completion",
                           "$.project.schedule");
  return *phase;
}
}  // namespace

std::optional<Control> certificate_check_for(const Risk& risk, const Project& project,
                                             const std::vector<Control>& controls) {
  // Every certificate on the topic, not only an EKV: the host cannot see
  // which certificate lowered the score, so it requires a check for each.
  if (!project.has_certificate(risk.topic)) return std::nullopt;
  if (std::any_of(controls.begin(), controls.end(),
                  [](const Control& c) { return c.method == ControlMethod::certificate_check; }))
    return std::nullopt;
  const CatalogueEntry& e = entry_for(risk);
  Control c;
  c.risk = risk.id;
  c.topic = risk.topic;
  c.bbl_ref = risk.bbl_ref;
  c.method = ControlMethod::certificate_check;
  c.performed_by = Performer::assurer;
  c.phase = execution_phase_for(e, project);
  // The certificate covers the project, not a unit.
  c.evidence = "Geldigheid op de dag van de controle, reikwijdte en toepasselijkheid op dit project van het "
               "certificaat; " + e.evidence;
  c.id = control_id(risk.id, c.method, c.phase);
  return c;
}

std::vector<Control> controls_for(const Risk& risk, const Project& project, const Sample& sample) {
  const CatalogueEntry* e = &entry_for(risk);

  auto make = [&](ControlMethod method) {
    Control c;
    c.risk = risk.id;
    c.topic = risk.topic;
    c.bbl_ref = risk.bbl_ref;
    c.evidence = e->evidence;
    c.method = method;
    c.performed_by = Performer::assurer;
    return c;
  };
  auto execution_phase = [&] { return execution_phase_for(*e, project); };

  std::vector<Control> out;
  if (risk.phase == RiskPhase::design) {
    Control review = make(ControlMethod::document_review);
    review.phase = Phase::design;  // project-level: one review of the design documents
    review.id = control_id(risk.id, review.method, review.phase);
    out.push_back(std::move(review));
    if (risk.score >= 40) {
      // A high design risk is also checked on site: is the design as built?
      Control visit = make(ControlMethod::site_inspection);
      visit.phase = execution_phase();
      visit.units = sample.reference_units;
      visit.evidence = "Uitvoering komt overeen met het beoordeelde ontwerp: " + e->evidence;
      visit.id = control_id(risk.id, visit.method, visit.phase);
      out.push_back(std::move(visit));
    }
    return out;
  }

  Control c = make(e->routine_method);
  c.phase = execution_phase();
  c.units = sample.reference_units;
  if (risk.score >= 40) {
    c.method = ControlMethod::site_inspection;
  } else if (project.has_certificate(risk.topic, "ekv")) {
    c.method = ControlMethod::certificate_check;
    c.units.clear();  // the certificate covers the project, not a unit
    c.evidence = "Geldigheid en toepasselijkheid van de erkende kwaliteitsverklaring; " + e->evidence;
  } else {
    // Contractor evidence and measurements are supplied by the contractor and
    // assessed by the assurer.
    c.performed_by = Performer::contractor;
  }
  // Named by risk, method and phase (never by a running number): a replan
  // that adds a control elsewhere leaves this id, and its findings, alone.
  c.id = control_id(risk.id, c.method, c.phase);
  out.push_back(std::move(c));
  return out;
}

void plan_inspections(const Project& project, const Sample& sample, Plan& plan) {
  // Phases that need a visit: those with site-inspection controls first.
  std::vector<Phase> phases;
  for (const auto& c : plan.controls)
    if (c.method == ControlMethod::site_inspection &&
        std::find(phases.begin(), phases.end(), c.phase) == phases.end())
      phases.push_back(c.phase);
  // Then well-placed extra visits until every reference unit gets the minimum:
  // structure, envelope and completion show the most of the work.
  for (Phase p : {Phase::structure, Phase::envelope, Phase::completion, Phase::foundation, Phase::finishing,
                  Phase::installations}) {
    if (static_cast<int>(phases.size()) >= 3) break;
    if (project.phase(p) && std::find(phases.begin(), phases.end(), p) == phases.end()) phases.push_back(p);
  }
  if (phases.empty())
    throw sdk::PluginError("no-execution-phase",
                           "the schedule has no execution phase to plan bijwoonmomenten in", "$.project.schedule");
  std::sort(phases.begin(), phases.end());
  // With fewer than three phases, several visits share a phase on different days.
  const int visits = std::max<int>(3, static_cast<int>(phases.size()));
  std::vector<int> per_phase(phases.size(), 1);
  for (int extra = visits - static_cast<int>(phases.size()), i = 0; extra > 0; --extra, ++i)
    ++per_phase[i % per_phase.size()];

  for (std::size_t i = 0; i < phases.size(); ++i) {
    const SchedulePhase* s = project.phase(phases[i]);
    const int length = s->end.days() - s->start.days();
    for (int k = 1; k <= per_phase[i]; ++k) {
      Inspection in;
      in.phase = phases[i];
      // Evenly inside the phase (the work of that phase is visible by then),
      // moved off the weekend when the phase allows.
      in.date = working_day(s->start.plus_days(length * k / (per_phase[i] + 1)), *s);
      in.units = sample.reference_units;
      for (const auto& c : plan.controls)
        if (c.phase == phases[i] && c.method != ControlMethod::document_review &&
            (k == 1 || c.method == ControlMethod::site_inspection))
          in.controls.push_back(c.id);
      plan.inspections.push_back(std::move(in));
    }
  }
  name_inspections(plan.inspections);  // "structure/1", ...: by phase, not by position in the plan
}

std::string explanation_for(const Control& control, const std::optional<std::string>& unit, const Finding& finding) {
  const std::string where = unit ? " (eenheid " + *unit + ")" : "";
  const std::string note = finding.note.empty() ? "" : " Bevinding: " + finding.note;
  switch (finding.result) {
    case FindingResult::unrepairable:
      return topic_label_nl(control.topic) + where + " voldoet niet aan " + control.bbl_ref +
             " en kan volgens de bevinding van " + finding.assessed_by + " op " + date_nl(finding.date.to_string()) +
             " niet meer worden hersteld." + note;
    case FindingResult::evidence_missing:
      return "Bewijs ontbreekt voor " + topic_label_nl(control.topic) + where + ": " + control.evidence + note;
    default:
      return topic_label_nl(control.topic) + where + " is nog niet in orde (" + label_nl(control.phase) + ")." + note;
  }
}

std::string describe_measure(const std::vector<const Control*>& controls) {
  std::string text;
  for (const Control* c : controls) {
    if (!text.empty()) text += "; ";
    switch (c->method) {
      case ControlMethod::document_review: text += "ontwerp beoordeeld"; break;
      case ControlMethod::site_inspection: text += "bijwoonmoment in fase " + label_nl(c->phase); break;
      case ControlMethod::contractor_evidence: text += "bewijs aannemer beoordeeld"; break;
      case ControlMethod::certificate_check: text += "certificaat gecontroleerd"; break;
      case ControlMethod::measurement: text += "meting beoordeeld"; break;
    }
  }
  return topic_label_nl(controls.front()->topic) + ": " + text;
}

}  // namespace seriebouw
