#include "wkb/sdk/labels_nl.hpp"

#include "wkb/sdk/taxonomy.hpp"

namespace wkb {

std::string label_nl(BuildingType t) {
  switch (t) {
    case BuildingType::dwelling: return "grondgebonden woning";
    case BuildingType::holiday_dwelling: return "recreatiewoning";
    case BuildingType::floating_dwelling: return "drijvende woning";
    case BuildingType::industrial: return "industriefunctie";
  }
  return "?";
}

std::string label_nl(Phase p) {
  switch (p) {
    case Phase::design: return "ontwerp";
    case Phase::foundation: return "fundering";
    case Phase::structure: return "ruwbouw";
    case Phase::envelope: return "gevel en dak";
    case Phase::installations: return "installaties";
    case Phase::finishing: return "afbouw";
    case Phase::completion: return "oplevering";
  }
  return "?";
}

std::string label_nl(RiskPhase p) { return p == RiskPhase::design ? "ontwerp" : "uitvoering"; }

std::string label_nl(ControlMethod m) {
  switch (m) {
    case ControlMethod::document_review: return "documentbeoordeling";
    case ControlMethod::site_inspection: return "bijwoonmoment";
    case ControlMethod::contractor_evidence: return "bewijs aannemer";
    case ControlMethod::certificate_check: return "certificaatcontrole";
    case ControlMethod::measurement: return "meting";
  }
  return "?";
}

std::string label_nl(Performer p) { return p == Performer::assurer ? "borger" : "aannemer"; }

std::string label_nl(FindingResult r) {
  switch (r) {
    case FindingResult::conform: return "conform";
    case FindingResult::repaired: return "hersteld";
    case FindingResult::open: return "open";
    case FindingResult::unrepairable: return "onherstelbaar";
    case FindingResult::evidence_missing: return "bewijs ontbreekt";
  }
  return "?";
}

std::string label_nl(Outcome o) {
  switch (o) {
    case Outcome::non_compliance_notice: return "melding strijdigheid";
    case Outcome::incomplete: return "onvolledig";
    case Outcome::open_items: return "openstaande punten";
    case Outcome::declaration: return "verklaring";
  }
  return "?";
}

std::string topic_label_nl(std::string_view topic) {
  const Topic* t = find_topic(topic);
  return t ? t->label_nl : std::string(topic);
}

}  // namespace wkb
