// What an instrument declares (describe) against the policy, and the
// independence of its licensed assurers (register).
#include <algorithm>
#include <cctype>

#include "check_support.hpp"

namespace wkb::admission::detail {

// ---- declarations -----------------------------------------------------------

// describe already matched plugin.json when it was read (the loader refuses
// a mismatch). What is left: the contract version. A host ignores members it
// does not know from a plugin that declares a newer minor version
// (docs/sdk/contract.md#versions-and-growth), so this suite could not check
// them: such an instrument is admitted only by a suite that speaks its version.
TestResult describe_consistent(Ctx& c) {
  const std::string& declared = c.desc().contract;
  const auto version = parse_contract_version(declared);
  if (version && version->major == kContractVersion.major && version->minor > kContractVersion.minor)
    return make(Status::fail, "describe verklaart contractversie " + declared + ", nieuwer dan versie " +
                                  kContractVersion.to_string() + " van deze toelatingstoets: leden die versie " +
                                  kContractVersion.to_string() + " niet kent, kan zij niet toetsen; toets het "
                                  "instrument met een wkb-admission die contractversie " + declared + " kent");
  return make(Status::pass, "describe komt overeen met plugin.json en spreekt contractversie " + declared);
}

TestResult declares_building_types(Ctx& c) {
  const auto& d = c.desc();
  if (d.building_types.empty()) return make(Status::fail, "geen bouwwerktypen verklaard");
  std::vector<std::string> list;
  for (auto t : d.building_types) list.push_back(label_nl(t));
  return make(Status::pass, "dekt " + join_nl(list));
}

namespace {

bool mentions_any(std::string_view text, const std::vector<std::string>& words) {
  std::string lower(text);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (auto w : words) {
    for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string area_nl(std::string_view area) {
  return labelled_value_nl(competence_area_label_nl(area), area);
}

}  // namespace

}  // namespace wkb::admission::detail

namespace wkb::admission {

std::vector<std::string> competence_shortfalls(const Description& d, const Policy& pol) {
  using namespace detail;
  std::vector<std::string> details;
  for (const auto& floor : pol.competence_areas) {
    const std::string source = floor.source.empty() ? "" : " (" + floor.source + ")";
    bool declared = false;
    for (std::size_t i = 0; i < d.competence.size(); ++i) {
      const auto& k = d.competence[i];
      if (k.role != floor.area) continue;
      declared = true;
      const std::string at = "$.competence[" + std::to_string(i) + "], deelgebied " + area_nl(floor.area);
      if (education_rank(k.education) < education_rank(floor.education))
        details.push_back(at + ": opleiding \"" + k.education + "\" ligt onder de ondergrens \"" + floor.education +
                          "\"" + source);
      if (k.min_years_experience < floor.min_years_experience)
        details.push_back(at + ": " + plural_nl(k.min_years_experience, "jaar", "jaar") +
                          " werkervaring; ten minste " + plural_nl(floor.min_years_experience, "jaar", "jaar") +
                          " vereist" + source);
      if (!floor.experience_terms.empty() && !mentions_any(k.experience_criteria, floor.experience_terms))
        details.push_back(at + ": de ervaringscriteria noemen niet de vereiste soort ervaring (een van: " +
                          join_nl(floor.experience_terms) + ")" + source);
    }
    if (!declared)
      details.push_back("geen competentie-eis verklaard voor het deelgebied " + area_nl(floor.area) + source +
                        "; voeg in $.competence een eis met role \"" + floor.area + "\" toe");
  }
  for (std::size_t i = 0; i < d.competence.size(); ++i) {
    const auto& k = d.competence[i];
    if (static_cast<int>(k.experience_criteria.size()) < pol.min_experience_criteria_chars)
      details.push_back("$.competence[" + std::to_string(i) + "] (" + k.role +
                        "): de criteria voor welke ervaring telt ontbreken of zijn te vaag (\"" +
                        k.experience_criteria + "\")");
  }
  if (d.competence.empty()) details.push_back("geen enkele competentie-eis verklaard ($.competence is leeg)");
  return details;
}

}  // namespace wkb::admission

namespace wkb::admission::detail {

// Every area of the policy is declared and reaches its floor (education,
// years, what counts as experience); each shortfall is one detail naming the
// area and the source of the floor.
TestResult declares_competence(Ctx& c) {
  const Policy& pol = c.job.policy;
  const auto details = competence_shortfalls(c.desc(), pol);
  if (!details.empty()) return make(Status::fail, "competentie-eisen onvolledig of onder de ondergrens", details);
  return make(Status::pass, "competentie-eisen verklaard voor " +
                                plural_nl(static_cast<long long>(pol.competence_areas.size()), "deelgebied",
                                          "deelgebieden") +
                                " op of boven de ondergrens");
}

TestResult declares_thresholds(Ctx& c) {
  const auto& t = c.desc().thresholds;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (t.control > pol.control_threshold_max)
    details.push_back("$.thresholds.control: de drempel voor een controle (" + std::to_string(t.control) +
                      ") ligt boven het maximum van het beleid (" + std::to_string(pol.control_threshold_max) + ")");
  if (t.site_inspection > pol.site_inspection_threshold_max)
    details.push_back("$.thresholds.site_inspection: de drempel voor een bijwoonmoment (" +
                      std::to_string(t.site_inspection) + ") ligt boven het maximum van het beleid (" +
                      std::to_string(pol.site_inspection_threshold_max) + ")");
  if (t.control > t.site_inspection)
    details.push_back("de drempel voor een controle ligt boven de drempel voor een bijwoonmoment");
  if (!details.empty()) return make(Status::fail, "drempels buiten de grenzen van het beleid", details);
  return make(Status::pass, "drempel voor een controle " + std::to_string(t.control) + ", voor een bijwoonmoment " +
                                std::to_string(t.site_inspection));
}

TestResult declares_sampling(Ctx& c) {
  const auto& s = c.desc().sampling;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.min_fraction + 1e-12 < pol.sampling_min_fraction)
    details.push_back("$.sampling.min_fraction: " + percent_nl(s.min_fraction) +
                      " van de eenheden ligt onder de ondergrens voor toelating van " +
                      percent_nl(pol.sampling_min_fraction));
  if (s.min_units < pol.sampling_min_units)
    details.push_back("$.sampling.min_units: " + plural_nl(s.min_units, "eenheid", "eenheden") +
                      " ligt onder de ondergrens voor toelating van " +
                      plural_nl(pol.sampling_min_units, "eenheid", "eenheden"));
  if (s.min_inspections_per_reference_unit < pol.min_inspections_per_reference_unit)
    details.push_back("$.sampling.min_inspections_per_reference_unit: " +
                      plural_nl(s.min_inspections_per_reference_unit, "bijwoonmoment", "bijwoonmomenten") +
                      " per referentie-eenheid ligt onder de ondergrens voor toelating van " +
                      std::to_string(pol.min_inspections_per_reference_unit));
  if (s.description.size() < 20)
    details.push_back("$.sampling.description: het steekproefbeleid is niet in woorden beschreven");
  if (!details.empty()) return make(Status::fail, "steekproefbeleid onder de ondergrens voor toelating", details);
  return make(Status::pass, percent_nl(s.min_fraction) + " van de eenheden, ten minste " +
                                plural_nl(s.min_units, "eenheid", "eenheden"));
}

TestResult declares_evidence(Ctx& c) {
  const std::string text = lower(c.desc().evidence_policy);
  std::vector<std::string> details;
  for (const auto& [group, words] : c.job.policy.evidence_terms) {
    const bool found = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return text.find(lower(w)) != std::string::npos;
    });
    if (!found) {
      std::string list;
      for (const auto& w : words) list += (list.empty() ? "\"" : ", \"") + w + "\"";
      details.push_back("het bewijsbeleid behandelt de groep \"" + group + "\" niet (geen van de woorden " + list + ")");
    }
  }
  if (!details.empty()) return make(Status::fail, "bewijsbeleid onvolledig", details);
  return make(Status::pass, "certificaten, EKV en eigen controles van de aannemer behandeld");
}

namespace {
// "elke maand", "elke 12 maanden".
std::string every_months(int n) { return n == 1 ? std::string("elke maand") : "elke " + std::to_string(n) + " maanden"; }
}  // namespace

TestResult declares_supervision(Ctx& c) {
  const auto& s = c.desc().supervision;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.audit_interval_months > pol.max_audit_interval_months)
    details.push_back("$.supervision.audit_interval_months: een audit " + every_months(s.audit_interval_months) +
                      "; het beleid vraagt ten minste " +
                      every_months(pol.max_audit_interval_months));
  if (static_cast<int>(s.description.size()) < pol.min_supervision_chars)
    details.push_back("$.supervision.description: het toezicht op kwaliteitsborgers is niet of te kort beschreven (\"" + s.description + "\")");
  if (!details.empty()) return make(Status::fail, "toezicht op kwaliteitsborgers onvoldoende", details);
  return make(Status::pass, "een audit " + every_months(s.audit_interval_months));
}

// ---- independence -----------------------------------------------------------

TestResult independence(const TestJob& job, const host::Manifest& m, host::Involvement kind) {
  if (!job.register_file)
    return job.policy.require_register
               ? make(Status::fail, "geen onafhankelijkheidsregister opgegeven; geef --register BESTAND (wkb.register/1)")
               : make(Status::skip, "geen onafhankelijkheidsregister opgegeven");
  const host::Register reg = host::load_register(*job.register_file);
  const std::string provider = m.provider_kvk;
  const auto assurers = reg.licensed_assurers(m.id);
  std::vector<std::string> details;
  for (const auto& a : assurers) {
    const auto inv = reg.involvement(provider, a);
    if (inv.kind == kind) details.push_back("gelicentieerde kwaliteitsborger " + reg.describe(a) + ": " + inv.explanation);
  }
  const std::string scope = plural_nl(static_cast<long long>(assurers.size()), "gelicentieerde kwaliteitsborger",
                                      "gelicentieerde kwaliteitsborgers") +
                            " van " + m.id + " getoetst tegen aanbieder " + reg.describe(provider);
  if (details.empty()) return make(Status::pass, scope);
  switch (kind) {
    case host::Involvement::same_entity:
      return make(Status::fail,
                  "de aanbieder geeft zijn eigen rechtspersoon een licentie als kwaliteitsborger (voorgenomen "
                  "wijziging van het Bkl uit de Kamerbrief over de Wkb van 2026: aanbieder en kwaliteitsborger niet "
                  "in dezelfde rechtspersoon)",
                  details);
    case host::Involvement::same_group:
      return make(Status::fail, "de aanbieder geeft een kwaliteitsborger in het eigen concern een licentie", details);
    default:
      return make(Status::warn, "de aanbieder deelt een bestuurder met een gelicentieerde kwaliteitsborger", details);
  }
}

}  // namespace wkb::admission::detail
