#include "wkb/admission/policy.hpp"

#include <set>

#include "wkb/host/files.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/json_reader.hpp"

namespace wkb::admission {

using detail::ObjectReader;

namespace {

// competence.areas: {"<area>": {"education", "min_years_experience",
// "experience_terms"?, "source"}}, each key an area of the contract.
void read_area_floors(ObjectReader& s, Policy& p, Issues& issues) {
  const auto* av = s.find("areas");
  if (!av) {
    detail::missing_member(issues, s.path(), "areas", "de ondergrens per deelgebied");
    return;
  }
  if (!av->is_object()) {
    issues.add(s.at("areas"), "type", "hier hoort een object met per deelgebied de ondergrens");
    return;
  }
  for (const auto& kv : av->get_object()) {
    const std::string key(kv.key());
    const std::string at = s.at("areas") + "." + key;
    if (!is_competence_area(key)) {
      std::string list;
      for (auto a : competence_areas()) list += (list.empty() ? "" : ", ") + std::string(a);
      issues.add(at, "unknown-member", "onbekend deelgebied \"" + key + "\"; toegestaan zijn hier: " + list);
      continue;
    }
    ObjectReader f(kv.value(), at, issues, "de ondergrens voor een deelgebied");
    if (!f.valid()) continue;
    f.allow_only({"education", "min_years_experience", "experience_terms", "source"});
    Policy::AreaFloor floor;
    floor.area = key;
    floor.education = f.string("education").value_or("");
    if (!floor.education.empty() && education_rank(floor.education) < 0)
      issues.add(f.at("education"), "allowed-value",
                 "opleidingsniveau \"" + floor.education + "\" is hier niet toegestaan; gebruik een van: " +
                     education_choices());
    floor.min_years_experience = static_cast<int>(f.integer("min_years_experience", true, 0, 60).value_or(0));
    floor.experience_terms = f.string_list("experience_terms", false);
    floor.source = f.string("source").value_or("");
    p.competence_areas.push_back(std::move(floor));
  }
}

}  // namespace

Policy load_policy(const std::filesystem::path& file) {
  const std::string text = host::read_text_file(file);
  const std::string subject = file.string();
  const boost::json::value v = parse_json(text, subject);
  Issues issues;
  Policy p;
  p.file = file;
  p.sha256 = host::sha256_hex(text);
  ObjectReader r(v, "$", issues, "een toelatingsbeleid");
  if (r.valid()) {
    r.allow_only({"schema", "id", "version", "note", "sampling", "min_site_inspections_per_project",
                  "required_site_inspection_topics", "thresholds",
                  "competence", "evidence_policy_terms", "supervision", "time_budget_ms", "inactivity_timeout_ms",
                  "max_test_duration_ms", "memory_limit_mb", "max_declined_fraction", "fuzz", "require_register"});
    r.schema("wkb.admission-policy/1");
    p.id = r.string("id").value_or("");
    p.version = r.string("version").value_or("");
    auto sub = [&](std::string_view key, std::string_view what, auto&& body) {
      if (const auto* sv = r.find(key)) {
        ObjectReader s(*sv, r.at(key), issues, what);
        if (s.valid()) body(s);
      } else {
        detail::missing_member(issues, r.path(), key, what);
      }
    };
    sub("sampling", "de ondergrens voor de steekproef", [&](ObjectReader& s) {
      s.allow_only({"min_fraction", "min_units", "min_inspections_per_reference_unit"});
      p.sampling_min_fraction = s.number("min_fraction", true, 0.0, 1.0).value_or(0.1);
      p.sampling_min_units = static_cast<int>(s.integer("min_units", true, 1, 1000).value_or(1));
      p.min_inspections_per_reference_unit =
          static_cast<int>(s.integer("min_inspections_per_reference_unit", true, 0, 100).value_or(1));
    });
    p.min_site_inspections_per_project =
        static_cast<int>(r.integer("min_site_inspections_per_project", true, 0, 100).value_or(1));
    // Optional: an older policy file without it asks for no topic.
    if (r.find("required_site_inspection_topics")) {
      p.required_site_inspection_topics = r.string_list("required_site_inspection_topics");
      std::set<std::string> seen;
      for (std::size_t i = 0; i < p.required_site_inspection_topics.size(); ++i) {
        const std::string& t = p.required_site_inspection_topics[i];
        const std::string path = detail::index_path(r.at("required_site_inspection_topics"), i);
        if (!find_topic(t))
          issues.add(path, "unknown-topic", "\"" + t + "\" is geen onderwerp van de taxonomie (zie \"wkb taxonomy\")");
        else if (!seen.insert(t).second)
          issues.add(path, "duplicate-topic", "onderwerp \"" + t + "\" staat twee keer in de lijst");
      }
    }
    sub("thresholds", "de grenzen voor de drempels", [&](ObjectReader& s) {
      s.allow_only({"control_max", "site_inspection_max"});
      p.control_threshold_max = static_cast<int>(s.integer("control_max", true, 1, 125).value_or(27));
      p.site_inspection_threshold_max = static_cast<int>(s.integer("site_inspection_max", true, 1, 125).value_or(64));
    });
    sub("competence", "de ondergrens voor competentie-eisen", [&](ObjectReader& s) {
      s.allow_only({"areas", "min_experience_criteria_chars"});
      p.min_experience_criteria_chars =
          static_cast<int>(s.integer("min_experience_criteria_chars", true, 0, 10000).value_or(30));
      read_area_floors(s, p, issues);
    });
    if (const auto* ev = r.find("evidence_policy_terms")) {
      if (!ev->is_object()) {
        issues.add(r.at("evidence_policy_terms"), "type", "hier hoort een object met per groep een lijst van woorden");
      } else {
        for (const auto& kv : ev->get_object()) {
          ObjectReader holder(*ev, r.at("evidence_policy_terms"), issues, "de woorden voor het bewijsbeleid");
          auto words = holder.string_list(kv.key());
          if (words.empty())
            issues.add(holder.at(kv.key()), "non-empty", "geef ten minste één woord voor deze groep");
          p.evidence_terms[std::string(kv.key())] = words;
        }
      }
    }
    sub("supervision", "de ondergrens voor het toezicht", [&](ObjectReader& s) {
      s.allow_only({"max_audit_interval_months", "min_description_chars"});
      p.max_audit_interval_months = static_cast<int>(s.integer("max_audit_interval_months", true, 1, 120).value_or(12));
      p.min_supervision_chars = static_cast<int>(s.integer("min_description_chars", true, 0, 10000).value_or(30));
    });
    if (const auto* tb = r.find("time_budget_ms")) {
      ObjectReader s(*tb, r.at("time_budget_ms"), issues, "het tijdsbudget per methode");
      if (s.valid()) {
        s.allow_only({"describe", "assess", "sample", "plan", "evaluate"});
        for (auto m : {"describe", "assess", "sample", "plan", "evaluate"})
          p.time_budget_ms[m] = static_cast<int>(s.integer(m, true, 1, 600000).value_or(1000));
      }
    } else {
      detail::missing_member(issues, r.path(), "time_budget_ms", "het tijdsbudget per methode");
    }
    p.inactivity_timeout_ms = static_cast<int>(r.integer("inactivity_timeout_ms", true, 100, 3600000).value_or(20000));
    p.max_test_duration_ms =
        static_cast<int>(r.integer("max_test_duration_ms", false, 1000, 86400000).value_or(300000));
    p.memory_limit_mb = static_cast<int>(r.integer("memory_limit_mb", false, 0, 1 << 20).value_or(4096));
    p.max_declined_fraction = r.number("max_declined_fraction", false, 0.0, 1.0).value_or(0.5);
    sub("fuzz", "de instellingen voor gegenereerde projecten", [&](ObjectReader& s) {
      s.allow_only({"projects", "max_units"});
      p.fuzz_projects = static_cast<int>(s.integer("projects", true, 0, 100000).value_or(100));
      p.fuzz_max_units = static_cast<int>(s.integer("max_units", true, 1, 10000).value_or(500));
    });
    p.require_register = r.boolean("require_register", true).value_or(true);
  }
  issues.throw_if_any(subject);
  return p;
}

}  // namespace wkb::admission
