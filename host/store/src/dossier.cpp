#include "wkb/store/dossier.hpp"

#include <boost/json.hpp>

#include <map>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/decision_table.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;

namespace {

void require_completed(const ProjectRecord& r) {
  if (r.summary.state != State::completed || !r.closure)
    throw wkb::host::InputError("project " + quote(r.summary.id) + " heeft de status \"" +
                                std::string(label_nl(r.summary.state)) +
                                "\"; het dossier voor het bevoegd gezag wordt gemaakt bij de gereedmelding. Meld het "
                                "project eerst gereed (`wkb project close " + r.summary.id + "`)");
}

const StoredDecision& closing_decision(const ProjectRecord& r) {
  for (const auto& d : r.decisions)
    if (d.seq == r.closure->decision_seq) return d;
  throw wkb::host::StoreDamaged("de opslag is beschadigd: het oordeel " + std::to_string(r.closure->decision_seq) +
                                " waarop de gereedmelding van project " + quote(r.summary.id) +
                                " steunt, ontbreekt; zoek de oorzaak met `wkb audit verify " + r.summary.id + "`");
}

// Latest result per (control, unit) the plan requires, counted per result.
std::map<std::string, int> findings_summary(const ProjectRecord& r) {
  const Findings f = r.findings_message();
  std::map<std::string, int> counts;
  for (const auto& s : wkb::finding_status(r.current_plan().plan, f))
    ++counts[s.latest ? std::string(to_string(s.latest->result)) : "none"];
  return counts;
}

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  return out;
}

// A finding summary key: a contract result, or "none" for a pair without finding.
std::string result_nl(const std::string& r) {
  if (r == "none") return "geen bevinding";
  const auto result = parse_finding_result(r);
  return result ? label_nl(*result) : r;
}

// The legal contents of the declaration, sentence by sentence.
std::vector<std::string> declaration_statement(const ProjectRecord& r) {
  const PlanVersion& v = r.current_plan();
  const Project& p = v.project;
  return {
      "Deze verklaring is opgesteld met het instrument voor kwaliteitsborging " + r.summary.instrument_name + " (" +
          r.summary.instrument_id + ", versie " + v.instrument_version + ").",
      "De kwaliteitsborger " + p.parties.assurer.name +
          (p.parties.assurer.kvk ? " (KvK-nummer " + *p.parties.assurer.kvk + ")" : std::string()) +
          " verklaart dit instrument te mogen toepassen.",
      "De kwaliteitsborging van de bouwactiviteit is uitgevoerd volgens dit instrument en het borgingsplan (versie " +
          std::to_string(v.version) + ").",
      "Op grond van de uitgevoerde beheersmaatregelen en de bevindingen bestaat gerechtvaardigd vertrouwen dat het "
      "bouwwerk voldoet aan de bouwtechnische regels (Bbl hoofdstuk 4).",
      "Tegen de risico's uit de risicobeoordeling zijn de hieronder genoemde maatregelen genomen."};
}

}  // namespace

std::string dossier_json(const ProjectRecord& r) {
  require_completed(r);
  const StoredDecision& d = closing_decision(r);
  const PlanVersion& current = r.current_plan();
  json::array plans;
  for (const auto& v : r.plans)
    plans.push_back({{"version", v.version}, {"created_at", v.created_at}, {"created_by", v.created_by},
                     {"reason", v.reason}, {"instrument_version", v.instrument_version},
                     {"plan", parse_json(write(v.plan), "plan")}});
  json::array overrides;
  for (const auto& o : r.overrides)
    overrides.push_back({{"risk", o.after.id}, {"score_before", o.before.score}, {"score_after", o.after.score},
                         {"motivation", o.motivation}, {"by", o.by}, {"at", o.at}, {"plan_version", o.plan_version}});
  json::object counts;
  for (const auto& [k, n] : findings_summary(r)) counts[k] = n;
  json::object statement;
  if (r.closure->kind == Outcome::declaration) {
    json::array sentences;
    for (const auto& s : declaration_statement(r)) sentences.push_back(json::value(s));
    statement = {{"kind", "declaration"}, {"statement", sentences},
                 {"measures", parse_json(write(d.decision), "decision").as_object().at("measures")}};
  } else {
    statement = {{"kind", "non-compliance-notice"},
                 {"from_outcome", to_string(r.closure->from_outcome)},
                 {"grounds", parse_json(write(d.decision), "decision").as_object().at("grounds")},
                 {"effort", r.closure->effort}};
  }
  const json::object out{
      {"schema", "wkb.dossier/1"},
      {"project", parse_json(write(current.project), "project")},
      {"instrument",
       {{"id", r.summary.instrument_id}, {"name", r.summary.instrument_name}, {"version", current.instrument_version}}},
      {"assessment", parse_json(write(current.assessment), "assessment")},
      {"risk_overrides", overrides},
      {"plan_versions", plans},
      {"findings", {{"count", r.findings.size()}, {"latest_per_part", counts}}},
      {"decision", parse_json(write(d.decision), "decision")},
      {"closure", {{"kind", to_string(r.closure->kind)}, {"by", r.closure->by}, {"at", r.closure->at}}},
      {"statement", statement},
      {"bouwmelding_at", r.notification ? r.notification->at : ""},
      // The heads when the dossier was made: kept by the municipality, they
      // show later whether the store was rewritten (`wkb audit verify --expect-head`).
      {"audit_heads",
       {{"project", {{"entries", r.summary.audit_count}, {"head", r.summary.audit_head}}},
        {"store", {{"entries", r.store_head.seq}, {"head", r.store_head.hash}}}}}};
  return serialize_canonical(out);
}

std::string dossier_html(const ProjectRecord& r) {
  require_completed(r);
  const StoredDecision& d = closing_decision(r);
  const PlanVersion& v = r.current_plan();
  const Project& p = v.project;
  const bool declaration = r.closure->kind == Outcome::declaration;
  const auto when_by = [](const std::string& at, const std::string& by) {
    return datetime_nl(at) + (by.empty() ? "" : " door " + by);
  };
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Dossier bevoegd gezag " +
       esc(p.id) + "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
       "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #999;padding:.2em .5em;"
       "text-align:left;vertical-align:top}</style>\n</head>\n<body>\n";
  h += "<h1>Dossier bevoegd gezag</h1>\n";
  h += "<h2>Project</h2>\n<table>\n<tbody>\n";
  auto row = [&](const std::string& k, const std::string& val) {
    h += "<tr><th scope=\"row\">" + esc(k) + "</th><td>" + esc(val) + "</td></tr>\n";
  };
  // A table's head row: the column names.
  auto head = [&](std::initializer_list<const char*> columns) {
    h += "<table>\n<thead><tr>";
    for (const char* c : columns) h += std::string("<th scope=\"col\">") + c + "</th>";
    h += "</tr></thead>\n<tbody>\n";
  };
  auto cells = [&](std::initializer_list<std::string> values) {
    h += "<tr>";
    for (const auto& x : values) h += "<td>" + esc(x) + "</td>";
    h += "</tr>\n";
  };
  row("Projectnummer", p.id);
  row("Naam", p.name);
  row("Adres", p.address.street + " " + p.address.house_number + ", " + p.address.postcode + " " + p.address.city);
  row("Bouwwerk", label_nl(p.building.type) + ", " + plural_nl(p.building.units, "eenheid", "eenheden") + ", " +
                     plural_nl(p.building.storeys, "bouwlaag", "bouwlagen"));
  row("Opdrachtgever", p.parties.client.name);
  row("Aannemer", p.parties.contractor.name);
  row("Kwaliteitsborger", p.parties.assurer.name);
  row("Instrument", r.summary.instrument_name + " (" + r.summary.instrument_id + ", versie " + v.instrument_version + ")");
  if (r.notification) row("Bouwmelding", when_by(r.notification->at, r.notification->by));
  row("Oordeel kwaliteitsborger", label_nl(d.decision.outcome) + ", " + when_by(d.at, d.by));
  row("Gereedmelding", label_nl(r.closure->kind) + ", " + when_by(r.closure->at, r.closure->by));
  h += "</tbody>\n</table>\n";

  h += "<h2>" + std::string(declaration ? "Verklaring kwaliteitsborger" : "Melding strijdigheid") + "</h2>\n";
  if (declaration) {
    for (const auto& s : declaration_statement(r)) h += "<p>" + esc(s) + "</p>\n";
    head({"Risico", "Onderwerp", "Bbl", "Beheersmaatregelen"});
    for (const auto& m : d.decision.measures) {
      const Risk* k = v.assessment.risk(m.risk);
      std::string controls;
      for (const auto& c : m.controls) {
        const Control* ctl = v.plan.control(c);
        controls += (controls.empty() ? "" : "; ") + c + (ctl ? " (" + label_nl(ctl->method) + ")" : "");
      }
      cells({m.risk, k ? topic_label_nl(k->topic) : "", k ? k->bbl_ref : "", controls});
    }
    h += "</tbody>\n</table>\n";
  } else {
    h += "<p>De kwaliteitsborger meldt dat de volgende onderdelen niet voldoen aan de bouwtechnische regels en "
         "niet (meer) in overeenstemming kunnen worden gebracht. Er wordt geen verklaring afgegeven.</p>\n";
    head({"Beheersmaatregel", "Eenheid", "Onderwerp", "Bbl", "Resultaat", "Toelichting"});
    for (const auto& g : d.decision.grounds)
      cells({g.control, g.unit.value_or("hele project"), topic_label_nl(g.topic), g.bbl_ref, label_nl(g.result),
             g.explanation});
    h += "</tbody>\n</table>\n";
    if (r.closure->from_outcome == Outcome::open_items)
      h += "<p><strong>Verantwoording van de geleverde inspanning:</strong> " + esc(r.closure->effort) + "</p>\n";
  }

  h += "<h2>Risicobeoordeling</h2>\n";
  head({"Risico", "Onderwerp", "Bbl", "Fase", "Kans", "Effect", "Herstelbaarheid", "Score"});
  for (const auto& k : v.assessment.risks)
    cells({k.id, topic_label_nl(k.topic), k.bbl_ref, label_nl(k.phase), std::to_string(k.likelihood),
           std::to_string(k.impact), std::to_string(k.recoverability), std::to_string(k.score)});
  h += "</tbody>\n</table>\n";
  if (!r.overrides.empty()) {
    h += "<h3>Afwijkingen van de risicoscore</h3>\n";
    head({"Risico", "Score", "Motivering", "Door", "Datum"});
    for (const auto& o : r.overrides)
      cells({o.after.id, std::to_string(o.before.score) + " → " + std::to_string(o.after.score), o.motivation, o.by,
             datetime_nl(o.at)});
    h += "</tbody>\n</table>\n";
  }
  h += "<h2>Borgingsplan</h2>\n";
  head({"Versie", "Datum", "Door", "Reden", "Beheersmaatregelen", "Bijwoonmomenten"});
  for (const auto& pv : r.plans)
    cells({std::to_string(pv.version), datetime_nl(pv.created_at), pv.created_by, plan_reason_nl(pv.reason),
           std::to_string(pv.plan.controls.size()), std::to_string(pv.plan.inspections.size())});
  h += "</tbody>\n</table>\n";
  h += "<h2>Bevindingen</h2>\n<p>" +
       plural_nl(static_cast<long long>(r.findings.size()), "bevinding", "bevindingen") +
       " vastgelegd. Laatste resultaat per onderdeel:</p>\n";
  head({"Resultaat", "Onderdelen"});
  for (const auto& [k, n] : findings_summary(r)) cells({result_nl(k), std::to_string(n)});
  h += "</tbody>\n</table>\n";
  h += "<h2>Ketenkoppen van de audittrail</h2>\n<p>Met deze waarden is later na te gaan of de opslag van de "
       "kwaliteitsborger sinds dit dossier is herschreven (<code>wkb audit verify --expect-head</code>).</p>\n"
       "<table>\n<tbody>\n<tr><th scope=\"row\">Project (" +
       plural_nl(r.summary.audit_count, "registratie", "registraties") + ")</th><td><code>" +
       esc(r.summary.audit_head) + "</code></td></tr>\n<tr><th scope=\"row\">Opslag (" +
       plural_nl(r.store_head.seq, "registratie", "registraties") + ")</th><td><code>" + esc(r.store_head.hash) +
       "</code></td></tr>\n</tbody>\n</table>\n";
  h += "</body>\n</html>\n";
  return h;
}

DossierFiles write_dossier(const ProjectRecord& r, const std::filesystem::path& dir) {
  require_completed(r);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw wkb::host::InputError("de map " + quote(dir.string()) + " voor het dossier kan niet worden gemaakt: " +
                                wkb::host::describe_errno_nl(ec.value()) + "; kies een andere map met --out");
  DossierFiles f{dir / "dossier.json", dir / "dossier.html"};
  const std::string j = dossier_json(r), h = dossier_html(r);
  wkb::host::write_text_file_atomic(f.json, j);
  wkb::host::write_text_file_atomic(f.html, h);
  return f;
}

}  // namespace wkb::store
