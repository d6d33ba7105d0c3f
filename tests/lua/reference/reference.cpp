// The parity reference instrument, native half. reference.lua is the same
// instrument in Lua; the parity test demands byte-identical canonical
// responses from both for every example project and every method. Keep the
// two in step: same rules, same order, same texts.
#include <algorithm>
#include <string>
#include <vector>

#include "wkb/sdk/decision_table.hpp"
#include "wkb/sdk/instrument.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace {

using namespace wkb;

constexpr int kControlThreshold = 12;
constexpr int kSiteInspectionThreshold = 36;

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// Execution phase in which a topic is inspected.
Phase execution_phase(const std::string& topic, const std::string& group) {
  if (topic == "structural-safety") return Phase::foundation;
  if (group == "safety") return Phase::structure;
  if (group == "health") return Phase::installations;
  if (group == "usability") return Phase::finishing;
  return Phase::envelope;
}

Date date_at(const SchedulePhase& p, int k, int n) {
  return Date::from_days(p.start.days() + (p.end.days() - p.start.days()) * k / n);
}

class Reference final : public sdk::InstrumentBase {
 public:
  Description describe() override {
    Description d;
    d.id = "nl.wkbhost.test.reference";
    d.name = "Referentie-instrument (pariteitstest)";
    d.version = "1.0.0";
    d.provider = {"12345678", "Stichting Referentie"};
    d.building_types = {BuildingType::dwelling, BuildingType::industrial};
    d.thresholds = {kControlThreshold, kSiteInspectionThreshold};
    d.sampling.min_fraction = 0.25;
    d.sampling.min_units = 1;
    d.sampling.min_inspections_per_reference_unit = 2;
    d.sampling.description = "Een kwart van de bouwnummers, minstens één; gekozen met de seed van het project.";
    d.competence = {{"risk-assessment-and-plan", "hbo", 3, "Drie jaar borging of toetsing van grondgebonden woningen."},
                    {"site-inspection", "mbo", 3, "Drie jaar toezicht op de bouwplaats, waarvan één jaar onder begeleiding."}};
    d.evidence_policy = "EKV's en eigen controles van de aannemer worden gebruikt; de kwaliteitsborger beoordeelt ze altijd.";
    d.supervision = {12, "Jaarlijkse audit per kwaliteitsborger; bij tekortkomingen een heraudit binnen drie maanden."};
    return d;
  }

  Assessment assess(const Project& p) override {
    Assessment a;
    a.project = p.id;
    for (const Topic& t : taxonomy()) {
      if (p.building.type == BuildingType::industrial && (t.id == "outdoor-space" || t.id == "storage")) {
        a.not_applicable.push_back({t.id, "Geen woonfunctie: " + t.label_nl + " is niet van toepassing."});
        continue;
      }
      Risk r;
      r.id = "r-" + t.id;
      r.topic = t.id;
      r.bbl_ref = t.bbl_ref;
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
        rec = 5;
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
      r.phase = phase;
      r.likelihood = l;
      r.impact = i;
      r.recoverability = rec;
      r.score = l * i * rec;
      r.description = "Tekortkoming op " + t.label_nl;
      r.rationale = t.group_nl + "; aanpassingen: " + (notes.empty() ? std::string("geen") : join(notes, ", "));
      a.risks.push_back(std::move(r));
    }
    return a;
  }

  Sample sample(const Project& p, const Assessment&) override {
    Sample s;
    s.project = p.id;
    s.seed = derive_seed(p.id);
    DeterministicRng rng = DeterministicRng::for_project(p.id);
    const int n = static_cast<int>(p.unit_ids.size());
    const int k = required_sample_size(describe().sampling, n);
    // wkb.choose: partial Fisher-Yates, result in list order.
    std::vector<int> idx(n);
    for (int i = 0; i < n; ++i) idx[i] = i;
    for (int i = 0; i < k; ++i) std::swap(idx[i], idx[i + rng.below(static_cast<std::uint64_t>(n - i))]);
    std::vector<int> chosen(idx.begin(), idx.begin() + k);
    std::sort(chosen.begin(), chosen.end());
    for (int c : chosen) s.reference_units.push_back(p.unit_ids[c]);
    s.rationale = std::to_string(k) + " van " + std::to_string(n) + " bouwnummers, gekozen met seed " + s.seed;
    return s;
  }

  Plan plan(const Project& p, const Assessment& a, const Sample& s) override {
    if (std::none_of(p.schedule.begin(), p.schedule.end(),
                     [](const SchedulePhase& ph) { return ph.phase != Phase::design; }))
      throw sdk::PluginError("no-execution-phase", "Het bouwschema bevat geen uitvoeringsfase; plan die eerst.",
                             "$.project.schedule");
    Plan plan;
    plan.project = p.id;
    for (const Risk& r : a.risks) {
      if (r.score < kControlThreshold) continue;
      const Topic* t = find_topic(r.topic);
      Control c;
      c.id = "c-" + r.topic;
      c.risk = r.id;
      c.topic = r.topic;
      c.bbl_ref = r.bbl_ref;
      c.phase = Phase::design;
      if (r.score >= kSiteInspectionThreshold && r.phase == RiskPhase::execution) {
        c.method = ControlMethod::site_inspection;
        c.units = s.reference_units;
        c.evidence = "Waarneming op de bouwplaats met foto's";
      } else if (p.has_certificate(r.topic)) {
        c.method = ControlMethod::certificate_check;
        c.evidence = "Geldig certificaat voor " + t->label_nl;
      } else if (r.phase == RiskPhase::design) {
        c.method = ControlMethod::document_review;
        c.evidence = "Beoordeling van tekeningen en berekeningen";
      } else {
        c.method = ControlMethod::contractor_evidence;
        c.units = p.unit_ids;
        c.performed_by = Performer::contractor;
        c.evidence = "Opleverdossier van de aannemer, beoordeeld door de kwaliteitsborger";
      }
      if (c.method != ControlMethod::document_review) {
        c.phase = execution_phase(r.topic, t->group);
        if (!p.phase(c.phase)) c.phase = p.schedule.back().phase;
      }
      plan.controls.push_back(std::move(c));
    }
    for (const SchedulePhase& ph : p.schedule) {
      Inspection in;
      for (const Control& c : plan.controls)
        if (c.method == ControlMethod::site_inspection && c.phase == ph.phase) in.controls.push_back(c.id);
      if (in.controls.empty()) continue;
      in.id = "i-" + std::string(to_string(ph.phase));
      in.phase = ph.phase;
      in.date = date_at(ph, 1, 2);
      in.units = s.reference_units;
      plan.inspections.push_back(std::move(in));
    }
    // At least two bijwoonmomenten per reference unit: add checks from the end of the schedule.
    for (auto it = p.schedule.rbegin(); it != p.schedule.rend() && plan.inspections.size() < 2; ++it) {
      const std::string id = "i-" + std::string(to_string(it->phase));
      if (std::any_of(plan.inspections.begin(), plan.inspections.end(),
                      [&](const Inspection& x) { return x.id == id; }))
        continue;
      Inspection in;
      in.id = id;
      in.phase = it->phase;
      in.date = date_at(*it, 2, 3);
      in.units = s.reference_units;
      plan.inspections.push_back(std::move(in));
    }
    return plan;
  }

  Decision evaluate(const Project& p, const Plan& plan, const Findings& f) override {
    Decision d;
    d.project = p.id;
    const auto status = finding_status(plan, f);
    d.outcome = required_outcome(status);
    for (const auto& st : status) {
      if (!st.latest) continue;
      const FindingResult r = st.latest->result;
      const bool ground = ground_required(d.outcome, r);
      if (!ground) continue;
      d.grounds.push_back({st.control->id, st.unit, st.control->topic, st.control->bbl_ref, r,
                           std::string(to_string(r)) + ": " + st.latest->note});
    }
    if (d.outcome == Outcome::declaration) {
      for (const Control& c : plan.controls) {
        auto it = std::find_if(d.measures.begin(), d.measures.end(), [&](const Measure& m) { return m.risk == c.risk; });
        if (it == d.measures.end()) {
          d.measures.push_back({c.risk, {}, ""});
          it = d.measures.end() - 1;
        }
        it->controls.push_back(c.id);
      }
      for (Measure& m : d.measures)
        m.description = "Beheerst door " + std::to_string(m.controls.size()) + " controle(s)";
    }
    return d;
  }
};

}  // namespace

WKB_EXPORT_INSTRUMENT(Reference)
