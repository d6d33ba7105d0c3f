// What an instrument declares (describe) against the policy, and the
// independence of its licensed assurers (register).
#include <algorithm>

#include "check_support.hpp"

namespace wkb::admission::detail {

// ---- declarations -----------------------------------------------------------

TestResult declares_building_types(Ctx& c) {
  const auto& d = c.desc();
  if (d.building_types.empty()) return make(Status::fail, "no building types declared");
  std::string list;
  for (auto t : d.building_types) list += (list.empty() ? "" : ", ") + std::string(to_string(t));
  return make(Status::pass, "covers " + list);
}

TestResult declares_competence(Ctx& c) {
  const auto& d = c.desc();
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  for (const auto& role : pol.required_roles)
    if (std::none_of(d.competence.begin(), d.competence.end(), [&](const Competence& k) { return k.role == role; }))
      details.push_back("no competence declared for required role \"" + role + "\"");
  for (std::size_t i = 0; i < d.competence.size(); ++i) {
    const auto& k = d.competence[i];
    const std::string at = "$.competence[" + std::to_string(i) + "] (" + k.role + ")";
    if (std::find(pol.education_levels.begin(), pol.education_levels.end(), k.education) == pol.education_levels.end())
      details.push_back(at + ": education \"" + k.education + "\" is not a recognised level");
    if (k.min_years_experience < pol.min_years_experience)
      details.push_back(at + ": " + std::to_string(k.min_years_experience) + " years of experience; at least " +
                        std::to_string(pol.min_years_experience) + " required");
    if (static_cast<int>(k.experience_criteria.size()) < pol.min_experience_criteria_chars)
      details.push_back(at + ": the criteria for what experience counts are missing or too vague (\"" +
                        k.experience_criteria + "\")");
  }
  if (d.competence.empty()) details.push_back("no competence declared");
  if (!details.empty()) return make(Status::fail, "competence declarations incomplete", details);
  return make(Status::pass, std::to_string(d.competence.size()) + " roles declared");
}

TestResult declares_thresholds(Ctx& c) {
  const auto& t = c.desc().thresholds;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (t.control > pol.control_threshold_max)
    details.push_back("control threshold " + std::to_string(t.control) + " is above the policy's maximum " +
                      std::to_string(pol.control_threshold_max));
  if (t.site_inspection > pol.site_inspection_threshold_max)
    details.push_back("site-inspection threshold " + std::to_string(t.site_inspection) +
                      " is above the policy's maximum " + std::to_string(pol.site_inspection_threshold_max));
  if (t.control > t.site_inspection) details.push_back("control threshold above the site-inspection threshold");
  if (!details.empty()) return make(Status::fail, "thresholds outside the policy's range", details);
  return make(Status::pass, "control " + std::to_string(t.control) + ", site inspection " +
                                std::to_string(t.site_inspection));
}

TestResult declares_sampling(Ctx& c) {
  const auto& s = c.desc().sampling;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.min_fraction + 1e-12 < pol.sampling_min_fraction)
    details.push_back("min_fraction " + std::to_string(s.min_fraction) + " is below the floor " +
                      std::to_string(pol.sampling_min_fraction));
  if (s.min_units < pol.sampling_min_units)
    details.push_back("min_units " + std::to_string(s.min_units) + " is below the floor " +
                      std::to_string(pol.sampling_min_units));
  if (s.min_inspections_per_reference_unit < pol.min_inspections_per_reference_unit)
    details.push_back("min_inspections_per_reference_unit " + std::to_string(s.min_inspections_per_reference_unit) +
                      " is below the floor " + std::to_string(pol.min_inspections_per_reference_unit));
  if (s.description.size() < 20) details.push_back("the sampling policy is not described in words");
  if (!details.empty()) return make(Status::fail, "sampling policy below the admission floor", details);
  return make(Status::pass, "fraction " + std::to_string(s.min_fraction) + ", at least " +
                                std::to_string(s.min_units) + " unit(s)");
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
      details.push_back("the evidence policy does not address " + group + " (none of: " + list + ")");
    }
  }
  if (!details.empty()) return make(Status::fail, "evidence policy incomplete", details);
  return make(Status::pass, "certificates, EKV and contractor's checks addressed");
}

TestResult declares_supervision(Ctx& c) {
  const auto& s = c.desc().supervision;
  const Policy& pol = c.job.policy;
  std::vector<std::string> details;
  if (s.audit_interval_months > pol.max_audit_interval_months)
    details.push_back("audits every " + std::to_string(s.audit_interval_months) + " months; at most " +
                      std::to_string(pol.max_audit_interval_months) + " allowed");
  if (static_cast<int>(s.description.size()) < pol.min_supervision_chars)
    details.push_back("the supervision of assurers is not described (\"" + s.description + "\")");
  if (!details.empty()) return make(Status::fail, "supervision of assurers insufficient", details);
  return make(Status::pass, "audit every " + std::to_string(s.audit_interval_months) + " months");
}

// ---- independence -----------------------------------------------------------

TestResult independence(const TestJob& job, const host::Manifest& m, host::Involvement kind) {
  if (!job.register_file)
    return job.policy.require_register
               ? make(Status::fail, "no independence register given; pass --register FILE (wkb.register/1)")
               : make(Status::skip, "no independence register given");
  const host::Register reg = host::load_register(*job.register_file);
  const std::string provider = m.provider_kvk;
  const auto assurers = reg.licensed_assurers(m.id);
  std::vector<std::string> details;
  for (const auto& a : assurers) {
    const auto inv = reg.involvement(provider, a);
    if (inv.kind == kind) details.push_back("licensed assurer " + reg.describe(a) + ": " + inv.explanation);
  }
  const std::string scope = std::to_string(assurers.size()) + " licensed assurer(s) of " + m.id + " checked against provider " +
                            reg.describe(provider);
  if (details.empty()) return make(Status::pass, scope);
  switch (kind) {
    case host::Involvement::same_entity:
      return make(Status::fail, "the provider licenses its own legal entity as assurer", details);
    case host::Involvement::same_group:
      return make(Status::fail, "the provider licenses an assurer in its own group", details);
    default:
      return make(Status::warn, "the provider shares a director with a licensed assurer", details);
  }
}

}  // namespace wkb::admission::detail
