// The instrument's description (describe()) <-> Boost.JSON, with structural
// validation; the rules that relate it to plugin.json are the host's.
#include <boost/json.hpp>

#include "message_reading.hpp"
#include "wkb/sdk/contract.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb {

using detail::index_path;
using detail::ObjectReader;
using namespace detail::reading;
namespace json = boost::json;

Description description_from_json(const json::value& v, const std::string& path, Issues& issues) {
  Description d;
  ObjectReader r(v, path, issues, "de beschrijving van het instrument");
  if (!r.valid()) return d;
  r.allow_only({"contract", "id", "name", "version", "provider", "building_types", "thresholds", "sampling",
                "competence", "evidence_policy", "supervision"});
  // Absent: an instrument of contract 1.0, written before the member existed.
  if (auto c = r.string("contract", false)) {
    const auto declared = parse_contract_version(*c);
    if (!declared)
      issues.add(r.at("contract"), "contract-version",
                 "\"" + *c + "\" is geen contractversie; schrijf MAJOR.MINOR, zoals \"" +
                     kContractVersion.to_string() + "\"");
    else if (declared->major != kContractVersion.major)
      issues.add(r.at("contract"), "contract-version",
                 "het instrument spreekt contractversie " + declared->to_string() + ", deze host contract " +
                     std::to_string(kContractVersion.major) + " (versie " + kContractVersion.to_string() +
                     "); bouw het instrument opnieuw tegen SDK " + std::to_string(kContractVersion.major) +
                     " of gebruik een host voor contract " + std::to_string(declared->major));
    else
      d.contract = *c;
  }
  d.id = r.string("id").value_or("");
  d.name = r.string("name").value_or("");
  d.version = r.string("version").value_or("");
  if (const json::value* pv = r.find("provider")) {
    ObjectReader pr(*pv, r.at("provider"), issues, "de instrumentaanbieder");
    if (pr.valid()) {
      pr.allow_only({"kvk", "name"});
      auto kvk = pr.string("kvk");
      check_kvk(pr, kvk);
      d.provider.kvk = kvk.value_or("");
      d.provider.name = pr.string("name").value_or("");
    }
  } else {
    detail::missing_member(issues, r.path(), "provider", "{kvk, name}");
  }
  if (const json::array* bt = r.array("building_types")) {
    for (std::size_t i = 0; i < bt->size(); ++i) {
      const auto& e = (*bt)[i];
      auto t = e.is_string() ? parse_building_type(std::string_view(e.get_string())) : std::nullopt;
      if (!t)
        issues.add(index_path(r.at("building_types"), i), "allowed-value",
                   "geen bouwwerktype; gebruik een van: " + building_type_choices());
      else
        d.building_types.push_back(*t);
    }
  }
  if (const json::value* tv = r.find("thresholds")) {
    ObjectReader tr(*tv, r.at("thresholds"), issues, "de drempels");
    if (tr.valid()) {
      tr.allow_only({"control", "site_inspection"});
      d.thresholds.control = static_cast<int>(tr.integer("control", true, 1, 125).value_or(0));
      d.thresholds.site_inspection = static_cast<int>(tr.integer("site_inspection", true, 1, 125).value_or(0));
    }
  } else {
    detail::missing_member(issues, r.path(), "thresholds", "{control, site_inspection}");
  }
  if (const json::value* sv_ = r.find("sampling")) {
    ObjectReader sr(*sv_, r.at("sampling"), issues, "het steekproefbeleid");
    if (sr.valid()) {
      sr.allow_only({"min_fraction", "min_units", "min_inspections_per_reference_unit", "description"});
      d.sampling.min_fraction = sr.number("min_fraction", true, 0.0, 1.0).value_or(0);
      d.sampling.min_units = static_cast<int>(sr.integer("min_units", true, 1, kMaxUnits).value_or(0));
      d.sampling.min_inspections_per_reference_unit =
          static_cast<int>(sr.integer("min_inspections_per_reference_unit", true, 0, 100).value_or(0));
      d.sampling.description = sr.string("description").value_or("");
    }
  } else {
    detail::missing_member(issues, r.path(), "sampling", "het steekproefbeleid");
  }
  d.competence = read_list<Competence>(r, "competence", true, [&](const json::value& e, const std::string& ep) {
    Competence c;
    ObjectReader cr(e, ep, issues, "een competentie-eis");
    if (!cr.valid()) return c;
    cr.allow_only({"role", "education", "min_years_experience", "experience_criteria"});
    c.role = cr.string("role").value_or("");
    c.education = cr.string("education").value_or("");
    if (!c.education.empty() && education_rank(c.education) < 0)
      issues.add(cr.at("education"), "allowed-value",
                 "opleidingsniveau \"" + c.education + "\" is hier niet toegestaan; gebruik een van: " +
                     education_choices());
    c.min_years_experience = static_cast<int>(cr.integer("min_years_experience", true, 0, 60).value_or(-1));
    c.experience_criteria = cr.string("experience_criteria").value_or("");
    return c;
  });
  d.evidence_policy = r.string("evidence_policy").value_or("");
  if (const json::value* sp = r.find("supervision")) {
    ObjectReader sr(*sp, r.at("supervision"), issues, "het toezicht");
    if (sr.valid()) {
      sr.allow_only({"audit_interval_months", "description"});
      d.supervision.audit_interval_months =
          static_cast<int>(sr.integer("audit_interval_months", true, 1, 120).value_or(0));
      d.supervision.description = sr.string("description").value_or("");
    }
  } else {
    detail::missing_member(issues, r.path(), "supervision", "het toezicht door de aanbieder");
  }
  return d;
}

json::value to_json(const Description& d) {
  json::array types;
  for (auto t : d.building_types) types.emplace_back(sv(to_string(t)));
  json::array comp;
  for (const auto& c : d.competence)
    comp.push_back(json::object{{"role", c.role},
                                {"education", c.education},
                                {"min_years_experience", c.min_years_experience},
                                {"experience_criteria", c.experience_criteria}});
  return json::object{
      {"contract", d.contract},
      {"id", d.id},
      {"name", d.name},
      {"version", d.version},
      {"provider", json::object{{"kvk", d.provider.kvk}, {"name", d.provider.name}}},
      {"building_types", std::move(types)},
      {"thresholds",
       json::object{{"control", d.thresholds.control}, {"site_inspection", d.thresholds.site_inspection}}},
      {"sampling", json::object{{"min_fraction", d.sampling.min_fraction},
                                {"min_units", d.sampling.min_units},
                                {"min_inspections_per_reference_unit", d.sampling.min_inspections_per_reference_unit},
                                {"description", d.sampling.description}}},
      {"competence", std::move(comp)},
      {"evidence_policy", d.evidence_policy},
      {"supervision", json::object{{"audit_interval_months", d.supervision.audit_interval_months},
                                   {"description", d.supervision.description}}}};
}

}  // namespace wkb
