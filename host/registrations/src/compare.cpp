#include "wkb/registrations/compare.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <sstream>

#include "wkb/host/html.hpp"
#include "wkb/registrations/report.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::reg {
namespace {

namespace json = boost::json;
using host::html_escape;

bool covers(const Description& d, const Project& p) {
  return std::find(d.building_types.begin(), d.building_types.end(), p.building.type) != d.building_types.end();
}

std::string provider_of(const Description& d) {
  return d.provider.name + (d.provider.kvk.empty() ? "" : " (KvK " + d.provider.kvk + ")");
}

}  // namespace

// The six areas of the Omgevingsregeling read as the SDK words them
// (labels_nl); an instrument's own role is shown as it wrote it, quoted.
std::string competence_role_nl(std::string_view role) {
  if (is_competence_area(role)) return competence_area_label_nl(role);
  return "\"" + std::string(role) + "\"";
}

InstrumentView view_of(const Description& d, const Project& p, const Assessment& a, const Sample& s, const Plan& plan) {
  InstrumentView v;
  v.id = d.id;
  v.name = d.name;
  v.version = d.version;
  v.provider = provider_of(d);
  v.description = d;
  v.covers_building_type = covers(d, p);
  v.risks = static_cast<int>(a.risks.size());
  for (const auto& b : kScoreBands) v.risks_by_band[b.key] = 0;
  for (const auto& r : a.risks)
    for (const auto& b : kScoreBands)
      if (r.score >= b.from && r.score <= b.to) ++v.risks_by_band[b.key];
  for (const auto& c : plan.controls) ++v.controls_by_method[std::string(to_string(c.method))];
  v.controls = static_cast<int>(plan.controls.size());
  v.inspections = plan.inspections;
  std::sort(v.inspections.begin(), v.inspections.end(),
            [](const Inspection& x, const Inspection& y) { return x.date < y.date; });
  v.reference_units = s.reference_units;
  return v;
}

InstrumentView refused_view(const Description* d, const std::string& id, const std::string& code,
                            const std::string& reason, const Project& p) {
  InstrumentView v;
  v.id = id;
  if (d) {
    v.name = d->name;
    v.version = d->version;
    v.provider = provider_of(*d);
    v.description = *d;
    v.covers_building_type = covers(*d, p);
  }
  v.refused = true;
  v.refusal_code = code;
  v.refusal = reason;
  return v;
}

std::vector<std::string> declarations_nl(const Description& d) {
  std::vector<std::string> out;
  std::string types;
  for (std::size_t i = 0; i < d.building_types.size(); ++i)
    types += (i == 0 ? "" : i + 1 == d.building_types.size() ? " en " : ", ") + label_nl(d.building_types[i]);
  out.push_back("Geschikt voor: " + (types.empty() ? std::string("geen gebouwtype opgegeven") : types) + ".");
  out.push_back("Een risico met een score van " + std::to_string(d.thresholds.control) +
                " of meer krijgt een beheersmaatregel, vanaf " + std::to_string(d.thresholds.site_inspection) +
                " ook een bijwoonmoment (score = kans × effect × herstelbaarheid, 1 tot en met 125).");
  out.push_back("Steekproef: ten minste " + percent_nl(d.sampling.min_fraction) + " van de eenheden en ten minste " +
                plural_nl(d.sampling.min_units, "eenheid", "eenheden") + ", met " +
                plural_nl(d.sampling.min_inspections_per_reference_unit, "bijwoonmoment", "bijwoonmomenten") +
                " per referentie-eenheid." + (d.sampling.description.empty() ? "" : " " + d.sampling.description));
  if (!d.evidence_policy.empty()) out.push_back("Bewijs: " + d.evidence_policy);
  out.push_back("Toezicht op de kwaliteitsborgers: ten minste elke " +
                plural_nl(d.supervision.audit_interval_months, "maand", "maanden") + " een audit." +
                (d.supervision.description.empty() ? "" : " " + d.supervision.description));
  return out;
}

std::string compare_json(const Comparison& c) {
  json::array list;
  for (const auto& v : c.instruments) {
    json::object o{{"id", v.id},
                   {"name", v.name},
                   {"version", v.version},
                   {"provider", v.provider},
                   {"covers_building_type", v.covers_building_type},
                   {"refused", v.refused}};
    if (v.refused) {
      o["refusal"] = {{"code", v.refusal_code}, {"message", v.refusal}};
    } else {
      json::object bands, methods;
      for (const auto& [k, n] : v.risks_by_band) bands[k] = n;
      for (const auto& [k, n] : v.controls_by_method) methods[k] = n;
      json::array inspections;
      for (const auto& i : v.inspections) {
        json::array units, controls;
        for (const auto& u : i.units) units.push_back(json::value(u));
        for (const auto& x : i.controls) controls.push_back(json::value(x));
        inspections.push_back({{"id", i.id}, {"phase", to_string(i.phase)}, {"date", i.date.to_string()},
                               {"units", units}, {"controls", controls}});
      }
      json::array refs;
      for (const auto& u : v.reference_units) refs.push_back(json::value(u));
      o["risks"] = {{"count", v.risks}, {"by_score_band", bands}};
      o["controls"] = {{"count", v.controls}, {"by_method", methods}};
      o["site_inspections"] = inspections;
      o["reference_units"] = refs;
    }
    if (!v.name.empty()) {
      json::array competence;
      for (const auto& k : v.description.competence)
        competence.push_back({{"role", k.role}, {"education", k.education},
                              {"min_years_experience", k.min_years_experience},
                              {"experience_criteria", k.experience_criteria}});
      o["competence"] = competence;
      o["describe"] = to_json(v.description);
    }
    list.push_back(std::move(o));
  }
  return serialize_canonical(json::object{{"schema", "wkb.compare/1"},
                                          {"project", {{"id", c.project.id}, {"name", c.project.name},
                                                       {"building_type", to_string(c.project.building.type)},
                                                       {"units", c.project.building.units}}},
                                          {"instruments", std::move(list)}});
}

std::string compare_html(const Comparison& c) {
  std::ostringstream b;
  const Project& p = c.project;
  b << "<h1>Instrumenten naast elkaar</h1>\n<p class=\"meta\">Project " << html_escape(p.id) << ", " << html_escape(p.name) << ": "
    << html_escape(plural_nl(p.building.units, "eenheid", "eenheden")) << ", " << html_escape(label_nl(p.building.type))
    << ", gevolgklasse " << p.consequence_class << ".</p>\n"
    << "<p>Dit overzicht laat zien wat elk instrument met dit project doet. Het rangschikt de instrumenten niet en "
       "zegt niets over prijzen; de keuze is aan u, samen met de kwaliteitsborger.</p>\n";
  std::vector<const InstrumentView*> ran;
  for (const auto& v : c.instruments)
    if (!v.refused) ran.push_back(&v);
  if (!ran.empty()) {
    b << "<h2>Overzicht</h2>\n<table><tr><th>Onderdeel</th>";
    for (const auto* v : ran) b << "<th>" << html_escape(v->name) << "<br><small>" << html_escape(v->id) << " " << html_escape(v->version) << "</small></th>";
    b << "</tr>\n";
    auto row = [&](const std::string& label, auto value) {
      b << "<tr><td>" << html_escape(label) << "</td>";
      for (const auto* v : ran) b << "<td class=\"n\">" << html_escape(value(*v)) << "</td>";
      b << "</tr>\n";
    };
    row("Aanbieder", [](const InstrumentView& v) { return v.provider; });
    row("Risico's", [](const InstrumentView& v) { return std::to_string(v.risks); });
    for (const auto& band : kScoreBands)
      row(std::string("waarvan score ") + band.label,
          [&](const InstrumentView& v) { return std::to_string(v.risks_by_band.at(band.key)); });
    row("Beheersmaatregelen", [](const InstrumentView& v) { return std::to_string(v.controls); });
    for (auto m : {ControlMethod::document_review, ControlMethod::site_inspection, ControlMethod::contractor_evidence,
                   ControlMethod::certificate_check, ControlMethod::measurement})
      row("waarvan " + label_nl(m), [m](const InstrumentView& v) {
        auto it = v.controls_by_method.find(std::string(to_string(m)));
        return std::to_string(it == v.controls_by_method.end() ? 0 : it->second);
      });
    row("Bijwoonmomenten", [](const InstrumentView& v) { return std::to_string(v.inspections.size()); });
    row("Referentie-eenheden", [](const InstrumentView& v) { return std::to_string(v.reference_units.size()); });
    b << "</table>\n";
  }
  for (const auto& v : c.instruments) {
    b << "<section>\n<h2>" << html_escape(v.name.empty() ? v.id : v.name) << "</h2>\n<p class=\"meta\">" << html_escape(v.id)
      << (v.version.empty() ? "" : " versie " + html_escape(v.version)) << (v.provider.empty() ? "" : ", " + html_escape(v.provider))
      << "</p>\n";
    if (v.refused) {
      b << "<p><strong>Niet toegepast op dit project:</strong> " << html_escape(v.refusal) << "</p>\n";
    } else {
      b << "<h3>Bijwoonmomenten</h3>\n";
      if (v.inspections.empty()) b << "<p>Geen.</p>\n";
      else {
        b << "<table><tr><th>Datum</th><th>Fase</th><th>Eenheden</th><th class=\"n\">Beheersmaatregelen</th></tr>\n";
        for (const auto& i : v.inspections) {
          std::string units;
          for (const auto& u : i.units) units += (units.empty() ? "" : ", ") + u;
          b << "<tr><td>" << html_escape(date_nl(i.date.to_string())) << "</td><td>" << html_escape(label_nl(i.phase))
            << "</td><td>" << html_escape(units.empty() ? "het hele project" : units) << "</td><td class=\"n\">"
            << i.controls.size() << "</td></tr>\n";
        }
        b << "</table>\n";
      }
      std::string refs;
      for (const auto& u : v.reference_units) refs += (refs.empty() ? "" : ", ") + u;
      b << "<p>Referentie-eenheden: " << html_escape(refs.empty() ? "geen" : refs) << ".</p>\n";
    }
    if (!v.description.competence.empty()) {
      b << "<h3>Personen en deskundigheid</h3>\n<table><tr><th>Rol</th><th>Opleiding</th><th class=\"n\">Jaren "
           "ervaring</th><th>Criteria</th></tr>\n";
      for (const auto& k : v.description.competence)
        b << "<tr><td>" << html_escape(competence_role_nl(k.role)) << "</td><td>" << html_escape(k.education) << "</td><td class=\"n\">"
          << k.min_years_experience << "</td><td>" << html_escape(k.experience_criteria) << "</td></tr>\n";
      b << "</table>\n";
    }
    if (!v.description.id.empty()) {
      b << "<h3>Wat het instrument verklaart</h3>\n<ul>\n";
      for (const auto& s : declarations_nl(v.description)) b << "<li>" << html_escape(s) << "</li>\n";
      b << "</ul>\n";
    }
    b << "</section>\n";
  }
  return html::page("Instrumenten naast elkaar: " + p.id, b.str());
}

}  // namespace wkb::reg
