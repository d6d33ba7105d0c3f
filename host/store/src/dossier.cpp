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

namespace wkb::store {
namespace json = boost::json;

namespace {

void require_completed(const ProjectRecord& r) {
  if (r.summary.state != State::completed || !r.closure)
    throw wkb::host::InputError("project " + r.summary.id + " is " + std::string(to_string(r.summary.state)) +
                                "; the dossier is made at the gereedmelding: close the project first "
                                "(`wkb project close " + r.summary.id + "`)");
}

const StoredDecision& closing_decision(const ProjectRecord& r) {
  for (const auto& d : r.decisions)
    if (d.seq == r.closure->decision_seq) return d;
  throw wkb::host::InputError("project " + r.summary.id + ": the closing decision is missing from the store; run "
                              "`wkb audit verify " + r.summary.id + "`");
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
          (p.parties.assurer.kvk ? " (KvK " + *p.parties.assurer.kvk + ")" : std::string()) +
          " verklaart dat hij dit instrument mag toepassen.",
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
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Dossier bevoegd gezag " +
       esc(p.id) + "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
       "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em;text-align:left}</style>"
       "</head><body>\n";
  h += "<h1>Dossier bevoegd gezag</h1>\n";
  h += "<h2>Project</h2>\n<table>\n";
  auto row = [&](const std::string& k, const std::string& val) {
    h += "<tr><th>" + esc(k) + "</th><td>" + esc(val) + "</td></tr>\n";
  };
  row("Projectnummer", p.id);
  row("Naam", p.name);
  row("Adres", p.address.street + " " + p.address.house_number + ", " + p.address.postcode + " " + p.address.city);
  row("Bouwwerk", label_nl(p.building.type) + ", " + std::to_string(p.building.units) +
                     (p.building.units == 1 ? " eenheid" : " eenheden") + ", " + std::to_string(p.building.storeys) +
                     (p.building.storeys == 1 ? " bouwlaag" : " bouwlagen"));
  row("Opdrachtgever", p.parties.client.name);
  row("Aannemer", p.parties.contractor.name);
  row("Kwaliteitsborger", p.parties.assurer.name);
  row("Instrument", r.summary.instrument_name + " (" + r.summary.instrument_id + ", versie " + v.instrument_version + ")");
  if (r.notification) row("Bouwmelding", r.notification->at);
  row("Gereedmelding", r.closure->at + " door " + r.closure->by);
  h += "</table>\n";

  h += "<h2>" + std::string(declaration ? "Verklaring kwaliteitsborger" : "Melding strijdigheid") + "</h2>\n";
  if (declaration) {
    for (const auto& s : declaration_statement(r)) h += "<p>" + esc(s) + "</p>\n";
    h += "<table><tr><th>Risico</th><th>Onderwerp</th><th>Bbl</th><th>Beheersmaatregelen</th></tr>\n";
    for (const auto& m : d.decision.measures) {
      const Risk* k = v.assessment.risk(m.risk);
      std::string controls;
      for (const auto& c : m.controls) {
        const Control* ctl = v.plan.control(c);
        controls += (controls.empty() ? "" : "; ") + c + (ctl ? " (" + label_nl(ctl->method) + ")" : "");
      }
      h += "<tr><td>" + esc(m.risk) + "</td><td>" + esc(k ? topic_label_nl(k->topic) : "") + "</td><td>" +
           esc(k ? k->bbl_ref : "") + "</td><td>" + esc(controls) + "</td></tr>\n";
    }
    h += "</table>\n";
  } else {
    h += "<p>De kwaliteitsborger meldt dat de volgende onderdelen niet voldoen aan de bouwtechnische regels en "
         "niet (meer) in overeenstemming kunnen worden gebracht. Er wordt geen verklaring afgegeven.</p>\n";
    h += "<table><tr><th>Beheersmaatregel</th><th>Eenheid</th><th>Onderwerp</th><th>Bbl</th><th>Resultaat</th>"
         "<th>Waarom</th></tr>\n";
    for (const auto& g : d.decision.grounds)
      h += "<tr><td>" + esc(g.control) + "</td><td>" + esc(g.unit.value_or("project")) + "</td><td>" +
           esc(topic_label_nl(g.topic)) + "</td><td>" + esc(g.bbl_ref) + "</td><td>" +
           esc(label_nl(g.result)) + "</td><td>" + esc(g.explanation) + "</td></tr>\n";
    h += "</table>\n";
    if (r.closure->from_outcome == Outcome::open_items)
      h += "<p><strong>Verantwoording van de geleverde inspanning:</strong> " + esc(r.closure->effort) + "</p>\n";
  }

  h += "<h2>Risicobeoordeling</h2>\n<table><tr><th>Risico</th><th>Onderwerp</th><th>Bbl</th><th>Fase</th>"
       "<th>Kans</th><th>Effect</th><th>Herstelbaarheid</th><th>Score</th></tr>\n";
  for (const auto& k : v.assessment.risks)
    h += "<tr><td>" + esc(k.id) + "</td><td>" + esc(topic_label_nl(k.topic)) + "</td><td>" + esc(k.bbl_ref) + "</td><td>" +
         (k.phase == RiskPhase::design ? "ontwerp" : "uitvoering") + "</td><td>" + std::to_string(k.likelihood) +
         "</td><td>" + std::to_string(k.impact) + "</td><td>" + std::to_string(k.recoverability) + "</td><td>" +
         std::to_string(k.score) + "</td></tr>\n";
  h += "</table>\n";
  if (!r.overrides.empty()) {
    h += "<h3>Afwijkingen van de risicoscore</h3>\n<table><tr><th>Risico</th><th>Score</th><th>Motivering</th>"
         "<th>Door</th><th>Datum</th></tr>\n";
    for (const auto& o : r.overrides)
      h += "<tr><td>" + esc(o.after.id) + "</td><td>" + std::to_string(o.before.score) + " &rarr; " +
           std::to_string(o.after.score) + "</td><td>" + esc(o.motivation) + "</td><td>" + esc(o.by) + "</td><td>" +
           esc(o.at) + "</td></tr>\n";
    h += "</table>\n";
  }
  h += "<h2>Borgingsplan</h2>\n<table><tr><th>Versie</th><th>Datum</th><th>Door</th><th>Reden</th>"
       "<th>Beheersmaatregelen</th><th>Bijwoonmomenten</th></tr>\n";
  for (const auto& pv : r.plans)
    h += "<tr><td>" + std::to_string(pv.version) + "</td><td>" + esc(pv.created_at) + "</td><td>" +
         esc(pv.created_by) + "</td><td>" + esc(pv.reason) + "</td><td>" + std::to_string(pv.plan.controls.size()) +
         "</td><td>" + std::to_string(pv.plan.inspections.size()) + "</td></tr>\n";
  h += "</table>\n";
  h += "<h2>Bevindingen</h2>\n<p>" + std::to_string(r.findings.size()) +
       " bevindingen vastgelegd. Laatste resultaat per onderdeel:</p>\n<table>\n";
  for (const auto& [k, n] : findings_summary(r))
    h += "<tr><th>" + esc(result_nl(k)) + "</th><td>" + std::to_string(n) + "</td></tr>\n";
  h += "</table>\n";
  h += "<h2>Ketenkoppen van de audittrail</h2>\n<p>Met deze waarden is later na te gaan of de opslag van de "
       "kwaliteitsborger sinds dit dossier is herschreven (<code>wkb audit verify --expect-head</code>).</p>\n"
       "<table>\n<tr><th>Project (" + std::to_string(r.summary.audit_count) + " vermeldingen)</th><td><code>" +
       esc(r.summary.audit_head) + "</code></td></tr>\n<tr><th>Opslag (" + std::to_string(r.store_head.seq) +
       " vermeldingen)</th><td><code>" + esc(r.store_head.hash) + "</code></td></tr>\n</table>\n";
  h += "</body></html>\n";
  return h;
}

DossierFiles write_dossier(const ProjectRecord& r, const std::filesystem::path& dir) {
  require_completed(r);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw wkb::host::InputError(dir.string() + ": cannot create the folder: " + ec.message());
  DossierFiles f{dir / "dossier.json", dir / "dossier.html"};
  const std::string j = dossier_json(r), h = dossier_html(r);
  wkb::host::write_text_file_atomic(f.json, j);
  wkb::host::write_text_file_atomic(f.html, h);
  return f;
}

}  // namespace wkb::store
