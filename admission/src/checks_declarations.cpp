// What an instrument declares (describe) against the policy, and the
// independence of its licensed assurers (register).
#include <algorithm>

#include "check_support.hpp"

namespace wkb::admission::detail {

// ---- declarations -----------------------------------------------------------

TestResult declares_building_types(Ctx& c) {
  const auto& d = c.desc();
  if (d.building_types.empty()) return make(Status::fail, "geen bouwwerktypen verklaard");
  std::string list;
  for (auto t : d.building_types) list += (list.empty() ? "" : ", ") + std::string(to_string(t));
  return make(Status::pass, "dekt " + list);
}

TestResult declares_competence(Ctx& c) {
  const auto& d = c.desc();
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  for (const auto& role : pol.required_roles)
    if (std::none_of(d.competence.begin(), d.competence.end(), [&](const Competence& k) { return k.role == role; }))
      details.push_back("geen deskundigheid verklaard voor de vereiste rol \"" + role + "\"");
  for (std::size_t i = 0; i < d.competence.size(); ++i) {
    const auto& k = d.competence[i];
    const std::string at = "$.competence[" + std::to_string(i) + "] (" + k.role + ")";
    if (std::find(pol.education_levels.begin(), pol.education_levels.end(), k.education) == pol.education_levels.end())
      details.push_back(at + ": opleiding \"" + k.education + "\" is geen erkend niveau");
    if (k.min_years_experience < pol.min_years_experience)
      details.push_back(at + ": " + std::to_string(k.min_years_experience) + " jaar ervaring; ten minste " +
                        std::to_string(pol.min_years_experience) + " vereist");
    if (static_cast<int>(k.experience_criteria.size()) < pol.min_experience_criteria_chars)
      details.push_back(at + ": de criteria voor welke ervaring telt ontbreken of zijn te vaag (\"" +
                        k.experience_criteria + "\")");
  }
  if (d.competence.empty()) details.push_back("geen deskundigheid verklaard");
  if (!details.empty()) return make(Status::fail, "verklaring van deskundigheid onvolledig", details);
  return make(Status::pass, std::to_string(d.competence.size()) + " rollen verklaard");
}

TestResult declares_thresholds(Ctx& c) {
  const auto& t = c.desc().thresholds;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (t.control > pol.control_threshold_max)
    details.push_back("control threshold " + std::to_string(t.control) + " ligt boven het maximum van het beleid " +
                      std::to_string(pol.control_threshold_max));
  if (t.site_inspection > pol.site_inspection_threshold_max)
    details.push_back("site-inspection threshold " + std::to_string(t.site_inspection) +
                      " ligt boven het maximum van het beleid " + std::to_string(pol.site_inspection_threshold_max));
  if (t.control > t.site_inspection) details.push_back("controledrempel boven de drempel voor bijwoonmomenten");
  if (!details.empty()) return make(Status::fail, "drempels buiten de grenzen van het beleid", details);
  return make(Status::pass, "controle " + std::to_string(t.control) + ", bijwoonmoment " +
                                std::to_string(t.site_inspection));
}

TestResult declares_sampling(Ctx& c) {
  const auto& s = c.desc().sampling;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.min_fraction + 1e-12 < pol.sampling_min_fraction)
    details.push_back("min_fraction " + std::to_string(s.min_fraction) + " ligt onder de ondergrens " +
                      std::to_string(pol.sampling_min_fraction));
  if (s.min_units < pol.sampling_min_units)
    details.push_back("min_units " + std::to_string(s.min_units) + " ligt onder de ondergrens " +
                      std::to_string(pol.sampling_min_units));
  if (s.min_inspections_per_reference_unit < pol.min_inspections_per_reference_unit)
    details.push_back("min_inspections_per_reference_unit " + std::to_string(s.min_inspections_per_reference_unit) +
                      " ligt onder de ondergrens " + std::to_string(pol.min_inspections_per_reference_unit));
  if (s.description.size() < 20) details.push_back("het steekproefbeleid is niet in woorden beschreven");
  if (!details.empty()) return make(Status::fail, "steekproefbeleid onder de ondergrens voor toelating", details);
  return make(Status::pass, "fractie " + std::to_string(s.min_fraction) + ", ten minste " +
                                std::to_string(s.min_units) + " eenhe(i)d(en)");
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
      for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
      details.push_back("het bewijsbeleid behandelt niet: " + group + " (geen van: " + list + ")");
    }
  }
  if (!details.empty()) return make(Status::fail, "bewijsbeleid onvolledig", details);
  return make(Status::pass, "certificaten, EKV en eigen controles van de aannemer behandeld");
}

TestResult declares_supervision(Ctx& c) {
  const auto& s = c.desc().supervision;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.audit_interval_months > pol.max_audit_interval_months)
    details.push_back("audit elke " + std::to_string(s.audit_interval_months) + " maanden; ten hoogste " +
                      std::to_string(pol.max_audit_interval_months) + " toegestaan");
  if (static_cast<int>(s.description.size()) < pol.min_supervision_chars)
    details.push_back("het toezicht op kwaliteitsborgers is niet beschreven (\"" + s.description + "\")");
  if (!details.empty()) return make(Status::fail, "toezicht op kwaliteitsborgers onvoldoende", details);
  return make(Status::pass, "audit elke " + std::to_string(s.audit_interval_months) + " maanden");
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
  const std::string scope = std::to_string(assurers.size()) + " gelicentieerde kwaliteitsborger(s) van " + m.id + " getoetst tegen aanbieder " +
                            reg.describe(provider);
  if (details.empty()) return make(Status::pass, scope);
  switch (kind) {
    case host::Involvement::same_entity:
      return make(Status::fail, "de aanbieder geeft zijn eigen rechtspersoon een licentie als kwaliteitsborger", details);
    case host::Involvement::same_group:
      return make(Status::fail, "de aanbieder geeft een kwaliteitsborger in het eigen concern een licentie", details);
    default:
      return make(Status::warn, "de aanbieder deelt een bestuurder met een gelicentieerde kwaliteitsborger", details);
  }
}

}  // namespace wkb::admission::detail
