// Chapter 5: the decision table on golden scenarios.
#include <algorithm>
#include <functional>

#include "check_support.hpp"
#include "wkb/host/pipeline.hpp"

namespace wkb::admission::detail {
namespace {

struct Golden {
  Project project;
  host::PipelineResult run;
};

Golden golden(Ctx& c, const std::string& id, const std::function<void(Project&)>& adjust) {
  const Description& d = c.desc();
  const BuildingType type = covers(d, BuildingType::dwelling) ? BuildingType::dwelling : d.building_types.front();
  Golden g{base_project(id, type, 12), {}};
  adjust(g.project);
  g.run = host::run_pipeline(*c.inst, g.project);
  return g;
}

// The received outcome against the expected one: `de uitkomst is verklaring
// ("declaration"); verwacht: openstaande punten ("open-items")`.
std::string outcome_vs(Outcome got, Outcome want) {
  return "de uitkomst is " + labelled_nl(got) + "; verwacht: " + labelled_nl(want);
}

constexpr const char* kFindingsSubject = "de bevindingen van het toetsscenario";

}  // namespace

TestResult decision_all_conform(Ctx& c) {
  auto g = golden(c, "GOLDEN-CONFORM", [](Project&) {});
  const Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, kFindingsSubject);
  if (d.outcome != Outcome::declaration)
    return make(Status::fail, "alle controles conform, maar " + outcome_vs(d.outcome, Outcome::declaration));
  return make(Status::pass, "verklaring met " + plural_nl(static_cast<long long>(d.measures.size()), "genomen maatregel",
                                                          "genomen maatregelen"));
}

TestResult decision_missing_beng(Ctx& c) {
  auto g = golden(c, "GOLDEN-BENG", [](Project& p) {
    for (auto& doc : p.documents)
      if (doc.kind == "beng-calculation") doc.status = "missing";
  });
  Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  int energy = 0;
  for (auto& x : f.findings)
    if (const Control* ctl = g.run.plan.control(x.control); ctl && ctl->topic == "energy-performance") {
      x.result = FindingResult::evidence_missing;
      x.note = "De BENG-berekening ontbreekt.";
      ++energy;
    }
  if (energy == 0)
    return make(Status::fail, "de BENG-berekening ontbreekt, maar het plan heeft geen controle op het " +
                                  topic_ref_nl("energy-performance"));
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, kFindingsSubject);
  if (d.outcome != Outcome::open_items)
    return make(Status::fail, "de BENG-berekening ontbreekt, maar " + outcome_vs(d.outcome, Outcome::open_items));
  const bool named = std::any_of(d.grounds.begin(), d.grounds.end(),
                                 [](const Ground& gr) { return gr.topic == "energy-performance"; });
  if (!named)
    return make(Status::fail, label_nl(Outcome::open_items) + ", maar geen grond noemt het " +
                                  topic_ref_nl("energy-performance"));
  return make(Status::pass, label_nl(Outcome::open_items) + " met een grond over het onderwerp " +
                                topic_label_nl("energy-performance"));
}

TestResult decision_unrepairable(Ctx& c) {
  auto g = golden(c, "GOLDEN-BRAND", [](Project& p) { p.local_conditions.push_back("fire-separation-under-5m"); });
  Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  Finding* target = nullptr;
  for (auto& x : f.findings)
    if (const Control* ctl = g.run.plan.control(x.control); ctl && ctl->topic == "fire-spread") {
      target = &x;
      break;
    }
  if (!target)
    return make(Status::fail,
                "brandscheiding op minder dan 5 m van de perceelgrens, maar het plan heeft geen controle op het " +
                    topic_ref_nl("fire-spread"));
  target->result = FindingResult::unrepairable;
  target->note = "De brandscheidende wand op 3,2 m van de perceelgrens haalt 30 in plaats van 60 minuten "
                 "brandwerendheid en is niet te verbeteren zonder sloop.";
  const Finding part = *target;
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, kFindingsSubject);
  if (d.outcome != Outcome::non_compliance_notice)
    return make(Status::fail,
                "de brandscheiding is onherstelbaar, maar " + outcome_vs(d.outcome, Outcome::non_compliance_notice));
  const auto it = std::find_if(d.grounds.begin(), d.grounds.end(), [&](const Ground& gr) {
    return gr.control == part.control && gr.unit == part.unit;
  });
  if (it == d.grounds.end())
    return make(Status::fail, "de melding strijdigheid noemt het onherstelbare onderdeel (controle " + part.control +
                                  ") niet als grond");
  if (it->topic != "fire-spread" || it->result != FindingResult::unrepairable)
    return make(Status::fail, "de grond voor het onderdeel noemt niet het " + topic_ref_nl("fire-spread") +
                                  " met resultaat " + labelled_nl(FindingResult::unrepairable));
  if (it->explanation.size() < 10)
    return make(Status::fail, "de grond zegt niet waarom het onderdeel niet te herstellen is");
  return make(Status::pass, "de melding strijdigheid noemt controle " + part.control +
                                " en zegt waarom het onderdeel niet te herstellen is");
}

TestResult decision_missing_findings(Ctx& c) {
  auto g = golden(c, "GOLDEN-ONVOLLEDIG", [](Project&) {});
  if (g.run.plan.controls.empty()) return make(Status::fail, "het plan heeft geen enkele controle");
  Findings f = findings_for(g.project, g.run.plan, FindingResult::conform);
  const std::string dropped = g.run.plan.controls.back().id;
  std::erase_if(f.findings, [&](const Finding& x) { return x.control == dropped; });
  const Decision d = host::evaluate_findings(*c.inst, g.project, g.run.plan, f, kFindingsSubject);
  if (d.outcome != Outcome::incomplete)
    return make(Status::fail,
                "controle " + dropped + " heeft geen bevinding, maar " + outcome_vs(d.outcome, Outcome::incomplete));
  return make(Status::pass, label_nl(Outcome::incomplete) + " zolang controle " + dropped + " geen bevinding heeft");
}

}  // namespace wkb::admission::detail
