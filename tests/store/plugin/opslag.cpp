// A small, deterministic test instrument for the project store's tests and
// benchmark. It scores three risks from the project's properties, so that a
// risk override visibly changes the plan (a risk below the control threshold
// gets no control), and evaluates by the contract's decision table.
// WKB_TEST_PLUGIN_VARIANT=1 changes a rationale text: `audit replay` must notice.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "wkb/sdk/decide.hpp"
#include "wkb/sdk/ids.hpp"
#include "wkb/sdk/instrument.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace {
using namespace wkb;

constexpr int kControlThreshold = 12;
constexpr int kSiteThreshold = 40;

bool variant() {
  const char* v = std::getenv("WKB_TEST_PLUGIN_VARIANT");
  return v && std::string(v) == "1";
}

Risk make_risk(const std::string& topic, RiskPhase phase, int l, int i, int r,
               const std::string& why) {
  Risk k;
  k.id = risk_id(topic);
  k.topic = topic;
  k.bbl_ref = find_topic(topic) ? find_topic(topic)->bbl_ref : "Bbl hoofdstuk 4";
  k.phase = phase;
  k.description = "Risico op " + topic;
  k.likelihood = l;
  k.impact = i;
  k.recoverability = r;
  k.score = l * i * r;
  k.rationale = why;
  return k;
}

// The first execution phase of the schedule (foundation if the schedule has none).
const SchedulePhase* first_execution_phase(const Project& p) {
  for (const auto& s : p.schedule)
    if (s.phase != Phase::design) return &s;
  return nullptr;
}

class Opslag : public sdk::InstrumentBase {
 public:
  Description describe() override {
    Description d;
    d.id = "nl.test.opslag";
    d.name = "Testinstrument voor de projectopslag";
    d.version = "1.0.0";
    d.provider = {"99887766", "Stichting Testinstrumenten"};
    d.building_types = {BuildingType::dwelling, BuildingType::industrial};
    d.thresholds = {kControlThreshold, kSiteThreshold};
    d.sampling = {0.1, 1, 1, "ten procent van de woningen, ten minste een"};
    // Every area (the staff tests name persons for each role the plan needs);
    // site inspection asks three years, so that a person with two falls short.
    d.competence = {{"risk-assessment-and-plan", "hbo", 3, "drie jaar als leidinggevende borging in gevolgklasse 1"},
                    {"structural-safety", "hbo", 3, "drie jaar toetsing van constructies"},
                    {"fire-safety", "hbo", 3, "drie jaar toetsing van brandveiligheid"},
                    {"building-physics", "hbo", 3, "drie jaar toetsing van bouwfysica"},
                    {"installations", "mbo-4", 3, "drie jaar controle van installaties"},
                    {"site-inspection", "mbo-4", 3, "drie jaar toezicht op de bouwplaats"}};
    d.evidence_policy = "EKV's worden gebruikt; de borger beoordeelt ze zelf";
    d.supervision = {12, "jaarlijkse audit"};
    return d;
  }

  Assessment assess(const Project& p) override {
    Assessment a;
    a.project = p.id;
    const int soil = p.has_condition("soft-soil") ? 4 : 2;
    a.risks.push_back(make_risk("structural-safety", RiskPhase::execution, soil, 4, 4,
                                variant() ? "gewijzigde motivering" : "funderingsrisico volgt uit de bodem"));
    a.risks.push_back(make_risk("energy-performance", RiskPhase::design,
                                p.document_missing("beng-calculation") ? 4 : 2, 3, 2, "BENG-berekening"));
    a.risks.push_back(make_risk("fire-spread", RiskPhase::execution,
                                p.has_condition("fire-separation-under-5m") ? 3 : 1, 3, 3, "brandscheiding"));
    std::set<std::string> used{"structural-safety", "energy-performance", "fire-spread"};
    for (const auto& t : taxonomy())
      if (!used.count(t.id)) a.not_applicable.push_back({t.id, "geen bijzonder risico bij dit bouwwerk"});
    return a;
  }

  Sample sample(const Project& p, const Assessment&) override {
    Sample s;
    s.project = p.id;
    s.seed = derive_seed(p.id);
    const int n = required_sample_size(describe().sampling, static_cast<int>(p.unit_ids.size()));
    std::vector<std::string> pool = p.unit_ids;
    auto rng = DeterministicRng::for_project(p.id);
    for (int i = 0; i < n; ++i) {
      const auto k = rng.below(pool.size());
      s.reference_units.push_back(pool[k]);
      pool.erase(pool.begin() + static_cast<long>(k));
    }
    s.rationale = std::to_string(n) + " van " + std::to_string(p.unit_ids.size()) + " woningen";
    return s;
  }

  Plan plan(const Project& p, const Assessment& a, const Sample& s) override {
    Plan plan;
    plan.project = p.id;
    const SchedulePhase* exec = first_execution_phase(p);
    if (!exec) throw sdk::PluginError("no-execution-phase", "the schedule has no execution phase", "$.project.schedule");
    std::vector<std::string> inspected;
    for (const auto& r : a.risks) {
      if (r.score < kControlThreshold) continue;
      Control c;
      c.risk = r.id;
      c.topic = r.topic;
      c.bbl_ref = r.bbl_ref;
      if (r.phase == RiskPhase::design) {
        c.method = ControlMethod::document_review;
        c.phase = Phase::design;
        c.evidence = "berekening en tekeningen";
      } else {
        c.method = r.score >= kSiteThreshold ? ControlMethod::site_inspection : ControlMethod::contractor_evidence;
        c.performed_by = r.score >= kSiteThreshold ? Performer::assurer : Performer::contractor;
        c.phase = exec->phase;
        c.units = s.reference_units;
        c.evidence = "foto's en meetrapport";
      }
      c.id = control_id(c.risk, c.method, c.phase);
      if (c.method == ControlMethod::site_inspection) inspected.push_back(c.id);
      plan.controls.push_back(c);
    }
    // One bijwoonmoment for the reference units, at the start of the first execution phase.
    Inspection in;
    in.id = inspection_id(exec->phase, 1);
    in.phase = exec->phase;
    in.date = exec->start;
    in.units = s.reference_units;
    in.controls = inspected;
    plan.inspections.push_back(in);
    return plan;
  }

  // The SDK's decision helper: the decision table the host enforces, with
  // the SDK's Dutch texts.
  Decision evaluate(const Project& p, const Plan& plan, const Findings& f) override { return sdk::decide(p, plan, f); }
};
}  // namespace

WKB_EXPORT_INSTRUMENT(Opslag)
