// The smallest instrument that the host accepts: a starting point for a
// provider's own method. It scores every Bbl topic the same, samples every
// unit, reviews design documents and visits the site three times.
// A real instrument differentiates: examples/reference-instrument shows a
// complete one, in C++ and in Lua.
#include <algorithm>

#include "wkb/sdk/decide.hpp"
#include "wkb/sdk/ids.hpp"
#include "wkb/sdk/instrument.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace {

using namespace wkb;

class Minimal final : public sdk::InstrumentBase {
 public:
  Description describe() override {
    Description d;
    d.id = "nl.voorbeeld.minimaal";  // equals "id" in plugin.json
    d.name = "Minimaal voorbeeldinstrument";
    d.version = "0.1.0";
    d.provider = {"11223344", "Stichting Voorbeeld Kwaliteitsborging"};
    d.building_types = {BuildingType::dwelling};
    d.thresholds = {12, 40};
    d.sampling = {1.0, 1, 3, "Elke woning is referentiewoning."};
    // Every area of Omgevingsregeling art. 3.51 lid 1, at least at its floor.
    d.competence = {
        {"risk-assessment-and-plan", "hbo", 3, "Drie jaar als leidinggevende bij risicobeoordelingen en borgingsplannen."},
        {"structural-safety", "hbo", 3, "Drie jaar controle van constructieberekeningen en -tekeningen."},
        {"fire-safety", "hbo", 5, "Vijf jaar toetsing van bouwplannen aan de regels voor brandveiligheid."},
        {"building-physics", "mbo-4", 3, "Drie jaar toetsing aan de regels voor gezondheid en energiezuinigheid."},
        {"installations", "mbo-4", 3, "Drie jaar controle van installaties voor ventilatie, water en energie."},
        {"site-inspection", "mbo-4", 3, "Drie jaar toezicht op de bouwplaats bij grondgebonden woningen."}};
    // Admission checks that certificates, EKV and the contractor's own checks
    // are addressed, and that the assurer still assesses them.
    d.evidence_policy =
        "Certificaten en erkende kwaliteitsverklaringen (EKV) gebruikt de borger alleen na controle dat zij "
        "geldig zijn en op dit werk van toepassing. Bewijs van de aannemer wordt altijd door de borger "
        "beoordeeld.";
    d.supervision = {12, "Jaarlijkse audit van elke borger."};
    return d;
  }

  // Every topic of the taxonomy must be assessed (or declared not applicable).
  Assessment assess(const Project& project) override {
    Assessment a;
    a.project = project.id;
    for (const Topic& t : taxonomy()) {
      Risk r;
      r.id = risk_id(t.id);  // ids name what they are for: "energy-performance"
      r.topic = t.id;
      r.bbl_ref = t.bbl_ref;
      r.phase = RiskPhase::design;
      r.description = t.label_nl + ": afwijking van het Bbl in het ontwerp.";
      r.likelihood = 2;
      r.impact = 3;
      r.recoverability = 2;
      r.score = r.likelihood * r.impact * r.recoverability;  // the host checks this
      r.rationale = "Gelijke basisscore voor elk onderwerp.";
      a.risks.push_back(r);
    }
    return a;
  }

  // The seed must be derive_seed(project id); here every unit is sampled.
  Sample sample(const Project& project, const Assessment&) override {
    return {project.id, project.unit_ids, "Alle eenheden.", derive_seed(project.id)};
  }

  Plan plan(const Project& project, const Assessment& assessment, const Sample& sample) override {
    Plan p;
    p.project = project.id;
    for (const Risk& r : assessment.risks) {
      if (r.score < 12) continue;  // below the declared control threshold
      Control c;
      c.risk = r.id;
      c.topic = r.topic;
      c.bbl_ref = r.bbl_ref;  // copied from the risk, so the plan stands alone
      c.method = ControlMethod::document_review;
      c.phase = Phase::design;
      c.evidence = "Ontwerpstukken voor " + r.topic;
      // Never a running number: a replan that adds a control keeps this id,
      // so findings recorded against it stay valid.
      c.id = control_id(c.risk, c.method, c.phase);
      p.controls.push_back(c);
    }
    // A risk a certificate covers is checked whatever its score: the host
    // requires a certificate-check control (docs/sdk/certificates.md).
    for (const Risk& r : assessment.risks) {
      if (!project.has_certificate(r.topic)) continue;
      Control c;
      c.risk = r.id;
      c.topic = r.topic;
      c.bbl_ref = r.bbl_ref;
      c.method = ControlMethod::certificate_check;
      c.phase = Phase::design;
      c.evidence = "Geldigheid, reikwijdte en toepasselijkheid van het certificaat voor " + r.topic;
      c.id = control_id(c.risk, c.method, c.phase);
      p.controls.push_back(c);
    }
    // Three bijwoonmomenten per reference unit, each in the middle of a phase.
    int n = 1;
    for (const SchedulePhase& s : project.schedule) {
      if (s.phase == Phase::design || n > 3) continue;
      ++n;
      p.inspections.push_back({"", s.phase, Date::from_days((s.start.days() + s.end.days()) / 2),
                               sample.reference_units, {}});
    }
    if (n <= 3) throw sdk::PluginError("schedule-too-short", "need three execution phases", "$.project.schedule");
    name_inspections(p.inspections);  // "foundation/1", ...
    return p;
  }

  // sdk::decide applies the contract's decision table (the same code the host
  // enforces) and writes grounds and measures with the SDK's Dutch texts;
  // DecideHooks put them in the instrument's own words (docs/sdk/decide.md).
  Decision evaluate(const Project& project, const Plan& plan, const Findings& findings) override {
    return sdk::decide(project, plan, findings);
  }
};

}  // namespace

WKB_EXPORT_INSTRUMENT(Minimal)
