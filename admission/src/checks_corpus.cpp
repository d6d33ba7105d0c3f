// Tests on the reference corpus and on generated projects: contract and rule
// conformance, scope refusals, determinism, robustness, fuzzing, time budget.
#include <algorithm>

#include "check_support.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/sdk/codec.hpp"

namespace wkb::admission::detail {

TestResult rule_test(Ctx& c, std::set<std::string> rules) {
  std::vector<std::string> details;
  int covered = 0, unchecked = 0;
  for (const auto& run : run_corpus(c)) {
    if (!run.covered) continue;
    ++covered;
    if (!run.failure.empty()) ++unchecked;
    for (const auto& i : run.issues)
      if (rules.count(i.rule)) details.push_back(run.name + ": " + i.to_string());
  }
  if (covered == 0) return make(Status::fail, "het instrument dekt geen enkel bouwwerktype uit het corpus");
  if (!details.empty())
    return make(Status::fail,
                plural_nl(static_cast<long long>(details.size()), "overtreding", "overtredingen") +
                    " op het referentiecorpus",
                details);
  if (unchecked > 0)
    return make(Status::warn, of_nl(unchecked, covered, "corpusproject", "corpusprojecten") +
                                  (unchecked == 1 ? " kon" : " konden") +
                                  " niet volledig worden getoetst; zie de toets responses-valid-corpus");
  return make(Status::pass, plural_nl(covered, "corpusproject", "corpusprojecten") + " getoetst");
}

TestResult responses_valid(Ctx& c) {
  std::vector<std::string> details;
  int covered = 0, bad = 0;
  std::set<BuildingType> types;
  for (const auto& cp : c.projects()) types.insert(cp.project.building.type);
  for (const auto& run : run_corpus(c)) {
    if (!run.covered) continue;
    ++covered;
    if (!run.failure.empty() || !run.issues.empty()) ++bad;
    if (!run.failure.empty()) details.push_back(run.name + ": " + run.failure);
    for (const auto& i : run.issues) details.push_back(run.name + ": " + i.to_string());
  }
  for (BuildingType t : c.desc().building_types)
    if (!types.count(t))
      details.push_back("het corpus heeft geen project van het verklaarde bouwwerktype " + labelled_nl(t));
  if (covered == 0) return make(Status::fail, "het instrument dekt geen enkel bouwwerktype uit het corpus");
  if (!details.empty())
    return make(Status::fail, of_nl(bad, covered, "corpusproject", "corpusprojecten") +
                                  (bad == 1 ? " kreeg" : " kregen") + " een antwoord dat het contract schendt",
                details);
  return make(Status::pass, covered == 1 ? std::string("alle antwoorden op 1 corpusproject zijn geldig")
                                         : "alle antwoorden op " + std::to_string(covered) + " corpusprojecten zijn geldig");
}

TestResult scope_refusals(Ctx& c) {
  std::vector<std::string> details;
  int typed = 0;
  for (const auto& run : run_corpus(c)) {
    if (!run.covered && run.declined.empty()) continue;  // building type not declared
    ++typed;
    if (!run.declined.empty()) details.push_back(run.name + ": " + run.declined);
  }
  if (typed == 0) return make(Status::fail, "het instrument dekt geen enkel bouwwerktype uit het corpus");
  if (details.empty()) return make(Status::pass, "geen corpusproject van een verklaard bouwwerktype geweigerd");
  const double fraction = static_cast<double>(details.size()) / typed;
  const std::string counts = of_nl(static_cast<long long>(details.size()), typed, "corpusproject", "corpusprojecten") +
                             " van verklaarde bouwwerktypen geweigerd als buiten het toepassingsbereik";
  if (fraction > c.job.policy.max_declined_fraction)
    return make(Status::fail, counts + "; het beleid staat ten hoogste " +
                                  percent_nl(c.job.policy.max_declined_fraction) + " toe",
                details);
  return make(Status::warn,
              counts + "; het contract kent geen veld voor het toepassingsbereik, dus de TloKB weegt deze weigeringen",
              details);
}

// ---- determinism ------------------------------------------------------------

TestResult determinism_in_process(Ctx& c) {
  std::vector<std::string> first, second, third;
  corpus_transcript(c, false, &first);
  corpus_transcript(c, false, &second);
  corpus_transcript(c, true, &third);
  std::vector<std::string> details;
  const auto& projects = c.projects();
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (first[i] != second[i]) details.push_back(projects[i].name + ": dezelfde vraag kreeg bij herhaling een ander antwoord");
    else if (first[i] != third[i])
      details.push_back(projects[i].name + ": het antwoord hangt af van de projecten die eerder zijn gevraagd");
  }
  if (!details.empty())
    return make(Status::fail, "antwoorden verschillen bij dezelfde vraag (contract v1, vast punt 6)", details);
  return make(Status::pass, "drie rondes over " + plural_nl(static_cast<long long>(first.size()), "project", "projecten") +
                                " gaven byte voor byte dezelfde antwoorden");
}

// ---- robustness -------------------------------------------------------------

TestResult robustness(Ctx& c) {
  Project p = base_project("ROBUUST-1", c.desc().building_types.front(), 3);
  const std::string project = write(p);
  std::string nested(5000, '[');
  nested += std::string(5000, ']');
  std::string bad_utf8 = R"({"project": {"schema": "wkb.project/1", "id": "X", "name": ")";
  bad_utf8 += "\xC3\x28\xFF";
  bad_utf8 += "\"}}";
  std::string cc2 = project;
  cc2.replace(cc2.find("\"consequence_class\":1"), 21, "\"consequence_class\":2");
  std::string zero_units = project;
  zero_units.replace(zero_units.find("\"units\":3"), 9, "\"units\":0");
  std::string no_address = project;
  {
    const auto b = no_address.find("\"address\":");
    const auto e = no_address.find('}', b);
    no_address.erase(b, e - b + 2);
  }
  // Malformed requests (not JSON, not an object of the request's shape) must
  // get a structured error. Well-formed requests whose content breaks the
  // contract (a project the host would never send) should get one too; an
  // answer to them is a warning, a crash is always a crash.
  struct Case {
    Method method;
    std::string request;
    bool malformed;
  };
  const Case cases[] = {
      {Method::assess, "", true},
      {Method::assess, "not json", true},
      {Method::assess, "[]", true},
      {Method::assess, "{}", true},
      {Method::assess, "{\"project\": 42}", true},
      {Method::assess, "{\"project\": {}}", true},
      {Method::assess, "{\"project\": " + cc2 + "}", false},
      {Method::assess, "{\"project\": " + zero_units + "}", false},
      {Method::assess, "{\"project\": " + no_address + "}", false},
      {Method::assess, nested, true},
      {Method::assess, bad_utf8, true},
      {Method::assess, "{\"project\": " + project + "} trailing", true},
      {Method::sample, "{}", true},
      {Method::sample, "{\"project\": " + project + ", \"assessment\": {\"schema\": \"wkb.assessment/1\"}}", false},
      {Method::plan, "{\"project\": " + project + "}", true},
      {Method::evaluate, "{\"project\": " + project + ", \"plan\": [], \"findings\": null}", true},
  };
  std::vector<std::string> details, warnings;
  int n = 0;
  for (const auto& [m, request, malformed] : cases) {
    ++n;
    const std::string label = "geval " + std::to_string(n) + " (" + std::string(host::to_string(m)) + ")";
    try {
      c.inst->raw().call(m, request);
      if (malformed)
        details.push_back(label + ": een onjuiste vraag werd beantwoord alsof ze geldig was");
      else
        warnings.push_back(label + ": een vraag die inhoudelijk het contract schendt werd beantwoord alsof ze geldig was");
    } catch (const host::PluginFailure& e) {
      static const std::set<std::string> kUnstructured{"malformed-error", "bad-status", "no-response",
                                                       "response-too-large"};
      if (kUnstructured.count(e.code()))
        details.push_back(label + ": de fout is niet gestructureerd als {\"error\": {code, message, path}}: " + e.what());
    }
  }
  if (!details.empty()) {
    details.insert(details.end(), warnings.begin(), warnings.end());
    return make(Status::fail, "onjuiste invoer of grensinvoer niet met een gestructureerde fout geweigerd", details);
  }
  if (!warnings.empty())
    return make(Status::warn,
                plural_nl(static_cast<long long>(warnings.size()), "ongeldige vraag", "ongeldige vragen") +
                    " beantwoord in plaats van geweigerd",
                warnings);
  return make(Status::pass, std::to_string(n) + " onjuiste of ongeldige vragen geweigerd met een gestructureerde fout");
}

// ---- fuzzing and golden scenarios -------------------------------------------
TestResult fuzz(Ctx& c) {
  const Description& d = c.desc();
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  int failed = 0, declined = 0;
  for (int i = 0; i < pol.fuzz_projects; ++i) {
    const Project p = generate_project(c.job.seed, i, d.building_types, pol.fuzz_max_units);
    const std::string label =
        p.id + " (" + label_nl(p.building.type) + ", " + plural_nl(p.building.units, "eenheid", "eenheden") + ")";
    try {
      const auto r = host::run_pipeline(*c.inst, p);
      Issues minimum;
      check_minimum_controls(pol, r.assessment, r.plan, minimum);
      if (!minimum.empty()) throw std::runtime_error(minimum.list().front().message);
      SamplingPolicy floor{pol.sampling_min_fraction, pol.sampling_min_units, 0, {}};
      if (static_cast<int>(r.sample.reference_units.size()) < required_sample_size(floor, p.building.units))
        throw std::runtime_error("de steekproef ligt onder de ondergrens voor toelating");
      // Findings drawn from the same seed: mostly conform, some open, repaired,
      // unrepairable or missing; the host's decision table judges the answer.
      DeterministicRng rng(c.job.seed + static_cast<std::uint64_t>(i) * 7919u);
      Findings f = findings_for(p, r.plan, FindingResult::conform);
      std::vector<Finding> kept;
      for (auto& x : f.findings) {
        const auto roll = rng.below(100);
        if (roll < 3) continue;
        if (roll < 8) x.result = FindingResult::open;
        else if (roll < 11) x.result = FindingResult::evidence_missing;
        else if (roll < 15) x.result = FindingResult::repaired;
        else if (roll < 16) x.result = FindingResult::unrepairable;
        if (x.result != FindingResult::conform) x.note = "gegenereerde bevinding";
        kept.push_back(x);
      }
      f.findings = std::move(kept);
      host::evaluate_findings(*c.inst, p, r.plan, f, "de gegenereerde bevindingen voor " + p.id);
    } catch (const host::PluginFailure& e) {
      if (e.method() == "assess" && e.code() == kOutOfScope) {
        ++declined;  // refused as out of scope: weighed below
        continue;
      }
      ++failed;
      details.push_back(label + ": " + e.what());
    } catch (const std::exception& e) {
      ++failed;
      details.push_back(label + ": " + e.what());
    }
  }
  const std::string seed = "startwaarde (seed) " + std::to_string(c.job.seed);
  const std::string refused =
      declined ? "; " + std::to_string(declined) + " geweigerd als buiten het toepassingsbereik" : std::string();
  if (pol.fuzz_projects > 0 && static_cast<double>(declined) / pol.fuzz_projects > pol.max_declined_fraction) {
    ++failed;
    details.push_back(of_nl(declined, pol.fuzz_projects, "gegenereerd project", "gegenereerde projecten") +
                      " geweigerd als buiten het toepassingsbereik; het beleid staat ten hoogste " +
                      percent_nl(pol.max_declined_fraction) + " toe");
  }
  if (failed)
    return make(Status::fail,
                of_nl(failed, pol.fuzz_projects, "gegenereerd project", "gegenereerde projecten") +
                    (failed == 1 ? " faalde" : " faalden") + " bij " + seed + refused + "; herhaal met --seed " +
                    std::to_string(c.job.seed) + " --only fuzz-generated-projects",
                details);
  const int passed = pol.fuzz_projects - declined;
  return make(Status::pass, plural_nl(passed, "gegenereerd project", "gegenereerde projecten") +
                                " geslaagd" + " bij " + seed + refused);
}

TestResult time_budget(Ctx& c) {
  c.desc();
  for (const auto& cp : c.projects()) {
    if (!covers(c.desc(), cp.project.building.type)) continue;
    try {
      const auto r = host::run_pipeline(*c.inst, cp.project);
      c.inst->evaluate(cp.project, r.plan, findings_for(cp.project, r.plan, FindingResult::conform));
    } catch (const host::Error&) {
      // Contract problems are other tests' business; here only time counts.
    }
  }
  std::vector<std::string> details;
  std::string summary;
  for (const auto& [method, budget] : c.job.policy.time_budget_ms) {
    const auto it = c.timing->slowest.find(method);
    if (it == c.timing->slowest.end()) continue;
    summary += (summary.empty() ? "" : ", ") + method + " " + number_nl(static_cast<double>(it->second)) + " ms";
    if (it->second > budget)
      details.push_back(method + ": de traagste aanroep duurde " + number_nl(static_cast<double>(it->second)) +
                        " ms; het tijdsbudget is " + number_nl(budget) + " ms");
  }
  if (!details.empty()) return make(Status::fail, "aanroepen duurden langer dan het tijdsbudget van het beleid", details);
  return make(Status::pass, "traagste aanroepen: " + summary);
}

}  // namespace wkb::admission::detail
