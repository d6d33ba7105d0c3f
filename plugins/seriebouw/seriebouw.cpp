// Voorbeeldinstrument Seriebouw: a native example instrument for series-built
// dwellings (and simple industrial halls), written against the wkbhost SDK.
//
// Its method, in short:
//  - assess: a fixed risk catalogue covering every Bbl topic of the taxonomy;
//    local conditions, missing documents and the building type adjust it,
//    recognised quality declarations (EKV) lower the likelihood of the topics
//    they cover;
//  - sample: 10% of the units, at least one, drawn with the project's seed;
//  - plan: a control for every risk at or above 12, a site inspection for
//    every risk at or above 40 (for a design risk: is the design as built?),
//    and at least three bijwoonmomenten per reference unit, on working days
//    inside the schedule's phases;
//  - evaluate: wkb::sdk::decide (the contract's decision table), with grounds
//    and measures in Dutch.
#include <algorithm>
#include <string>
#include <vector>

#include "seriebouw.hpp"

#include "catalogue.hpp"
#include "wkb/sdk/decide.hpp"

namespace seriebouw {

using namespace wkb;

Description Seriebouw::describe() {
  Description d;
  d.id = "nl.voorbeeld.seriebouw";
  d.name = "Voorbeeldinstrument Seriebouw";
  d.version = "1.0.0";
  d.provider = {"11223344", "Stichting Voorbeeld Kwaliteitsborging"};
  d.building_types = {BuildingType::dwelling, BuildingType::holiday_dwelling, BuildingType::floating_dwelling,
                      BuildingType::industrial};
  d.thresholds = {kControlThreshold, kSiteInspectionThreshold};
  d.sampling = {0.1, 1, kMinInspectionsPerReferenceUnit,
                "Bij series van gelijke woningen wordt minstens 10% van de woningen (minstens één) als "
                "referentiewoning getrokken met een zaad dat uit het projectnummer volgt. Elke "
                "referentiewoning krijgt minstens drie bijwoonmomenten, verspreid over de uitvoeringsfasen. "
                "Bevindingen op een referentiewoning gelden voor de serie; bij een afwijking wordt de "
                "steekproef voor dat onderwerp uitgebreid tot alle woningen van de serie."};
  d.competence = {
      {"risk-assessment-and-plan", "hbo", 3,
       "Drie jaar aantoonbare ervaring als leidinggevende met risicobeoordeling, borgingsplannen of "
       "toetsing van bouwplannen aan het Bbl, "
       "waarvan minstens één jaar bij grondgebonden woningbouw; aangetoond met een overzicht van "
       "minstens tien projecten."},
      {"structural-safety", "hbo", 3,
       "Drie jaar ervaring als constructeur of toetser constructieve veiligheid (NEN-EN 1990-1997); "
       "ervaring telt alleen bij zelfstandig opgestelde of getoetste berekeningen."},
      {"fire-safety", "hbo", 5,
       "Vijf jaar ervaring met brandveiligheid van bouwwerken (compartimentering, vluchtroutes); "
       "aangetoond met getoetste plannen of uitgevoerde controles."},
      {"building-physics", "mbo-4", 3,
       "Drie jaar ervaring met het controleren van bouwplannen op gezondheid, energiezuinigheid en "
       "milieu (BENG, ventilatie, vochtwering); aangetoond met gecontroleerde berekeningen."},
      {"installations", "mbo-4", 3,
       "Drie jaar ervaring met het controleren van installaties voor ventilatie, drinkwater, riolering "
       "en energie in woningen; ervaring telt bij opleveringen of keuringen onder eigen naam."},
      {"site-inspection", "mbo-4", 3,
       "Drie jaar ervaring als uitvoerder, opzichter of toezichthouder in de woningbouw; ervaring "
       "telt alleen bij werk op de bouwplaats, niet bij kantoorwerk."},
  };
  d.evidence_policy =
      "Erkende kwaliteitsverklaringen (EKV) en productcertificaten verlagen de kans op een gebrek bij "
      "het onderwerp dat zij dekken; de borger controleert altijd of het certificaat geldig is en "
      "op dit werk van toepassing. Bewijs van de aannemer (foto's, meetrapporten, opleverstaten) "
      "wordt door de borger beoordeeld en nooit zonder eigen beoordeling overgenomen.";
  d.supervision = {12,
                   "De aanbieder audit elke borger die het instrument gebruikt minstens eens per twaalf "
                   "maanden op dossiers en bouwplaatsbezoek. Bij een tekortkoming volgt een "
                   "verbeterplan; bij herhaling schorsing van de licentie, gemeld aan de TloKB."};
  return d;
}

Assessment Seriebouw::assess(const Project& project) {
  Assessment a;
  a.project = project.id;
  for (const CatalogueEntry& entry : catalogue()) {
    if (auto reason = not_applicable_reason(entry.topic, project)) {
      a.not_applicable.push_back({entry.topic, *reason});
      continue;
    }
    a.risks.push_back(assess_entry(entry, project));
  }
  return a;
}

Sample Seriebouw::sample(const Project& project, const Assessment&) {
  Sample s;
  s.project = project.id;
  s.seed = derive_seed(project.id);
  const SamplingPolicy policy = describe().sampling;
  const int n = required_sample_size(policy, project.building.units);
  // A partial Fisher-Yates shuffle of unit indices, driven by the project's seed.
  std::vector<std::size_t> index(project.unit_ids.size());
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
  DeterministicRng rng(std::stoull(s.seed));
  for (int i = 0; i < n; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(rng.below(index.size() - i));
    std::swap(index[i], index[j]);
  }
  std::vector<std::size_t> chosen(index.begin(), index.begin() + n);
  std::sort(chosen.begin(), chosen.end());  // report in the project's own order
  for (std::size_t i : chosen) s.reference_units.push_back(project.unit_ids[i]);
  s.rationale = std::to_string(n) + " van " + std::to_string(project.building.units) +
                (project.building.units == 1 ? " eenheid" : " eenheden") +
                " als referentie (minstens 10%, minstens één), getrokken met zaad " + s.seed + ".";
  return s;
}

Plan Seriebouw::plan(const Project& project, const Assessment& assessment, const Sample& sample) {
  Plan p;
  p.project = project.id;
  for (const Risk& r : assessment.risks) {
    std::vector<Control> controls;
    if (r.score >= kControlThreshold) controls = controls_for(r, project, sample);
    // A certified risk is checked whatever its score: an EKV may have
    // lowered it below the threshold.
    if (auto check = certificate_check_for(r, project, controls)) controls.push_back(std::move(*check));
    for (Control& c : controls) p.controls.push_back(std::move(c));
  }
  plan_inspections(project, sample, p);
  return p;
}

Decision Seriebouw::evaluate(const Project& project, const Plan& plan, const Findings& findings) {
  // The SDK decides (the decision table the host enforces); the instrument
  // says it in its own words.
  sdk::DecideHooks hooks;
  hooks.explain = explanation_for;
  hooks.measure = [](const std::string&, const std::vector<const Control*>& controls) {
    return describe_measure(controls);
  };
  return sdk::decide(project, plan, findings, hooks);
}

}  // namespace seriebouw
