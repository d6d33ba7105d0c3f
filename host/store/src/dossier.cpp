#include "wkb/store/dossier.hpp"

#include <boost/json.hpp>

#include <map>

#include "wkb/host/errors.hpp"
#include "wkb/host/html.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/decision_table.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/store/text.hpp"
#include "store_impl.hpp"

namespace wkb::store {
namespace json = boost::json;

namespace {

// The dossier follows the kwaliteitsborger's close: the verklaring (then it
// goes with the gereedmelding) or the melding strijdigheid.
void require_completed(const ProjectRecord& r) {
  const State s = r.summary.state;
  if ((s != State::completed && s != State::declared && s != State::closed_without_declaration) || !r.closure)
    throw wkb::host::InputError("project " + quote(r.summary.id) + " heeft de status \"" +
                                std::string(label_nl(r.summary.state)) +
                                "\"; het dossier voor het bevoegd gezag volgt op de afsluiting door de "
                                "kwaliteitsborger (een verklaring of een melding strijdigheid). Sluit het project "
                                "eerst af (`wkb project close " + r.summary.id + "`)");
}

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object person_json(const Person& p) {
  return {{"name", p.name}, {"kvk", p.kvk}, {"address", p.address}, {"phone", p.phone}, {"email", p.email}};
}

std::string person_nl(const Person& p) {
  std::string s = p.name;
  if (!p.kvk.empty()) s += " (KvK-nummer " + p.kvk + ")";
  for (const auto* x : {&p.address, &p.phone, &p.email})
    if (!x->empty()) s += ", " + *x;
  return s;
}

// The information requests of the bevoegd gezag with their answers.
struct InfoRequest {
  int seq = 0;
  std::string question, asked_at, asked_by, answer, answered_at, answered_by;
};
std::vector<InfoRequest> info_requests(const ProjectRecord& r) {
  std::vector<InfoRequest> out;
  for (const auto& e : r.events) {
    const json::object p = parse_json(e.payload_json, "stap").as_object();
    if (e.step == "info-request")
      out.push_back({static_cast<int>(p.at("number").as_int64()), std::string(p.at("question").as_string()), e.at,
                     e.by});
    if (e.step == "info-answer")
      for (auto& q : out)
        if (q.seq == p.at("request").as_int64()) {
          q.answer = std::string(p.at("answer").as_string());
          q.answered_at = e.at;
          q.answered_by = e.by;
        }
  }
  return out;
}

std::optional<LifecycleEvent> use_decision(const ProjectRecord& r) {
  std::optional<LifecycleEvent> out;
  for (const auto& e : r.events)
    if (e.step == "use-decision") out = e;
  return out;
}

std::string status_nl(const std::string& s) {
  return s == "present" ? "aanwezig" : s == "not-applicable" ? "niet van toepassing" : "ontbreekt";
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

json::object lifecycle_object(const ProjectRecord& r) {
  const Lifecycle& l = r.lifecycle;
  json::array notices, requests;
  for (const auto& n : r.deviation_notices) {
    json::array parts, to;
    for (const auto& x : n.recipients) to.push_back(json::value(x));
    for (const auto& p : n.parts)
      parts.push_back({{"control", p.control}, {"unit", p.unit}, {"topic", p.topic}, {"bbl_ref", p.bbl_ref},
                       {"result", to_string(p.result)}});
    notices.push_back({{"number", n.number}, {"seq", n.seq}, {"at", n.at}, {"by", n.by}, {"recipients", to}, {"parts", parts},
                       {"explanation", n.explanation}});
  }
  for (const auto& q : info_requests(r))
    requests.push_back({{"number", q.seq}, {"question", q.question}, {"asked_at", q.asked_at}, {"answer", q.answer},
                        {"answered_at", q.answered_at}});
  json::object o{{"construction_notice", opt(l.construction_notice)},
                 {"construction_notice_expires", opt(l.construction_notice_expires)},
                 {"construction_start", opt(l.construction_start)},
                 {"construction_start_date", opt(l.construction_start_date)},
                 {"deviation_notices", notices},
                 {"information_requests", requests},
                 {"declaration", opt(l.declaration)},
                 {"non_compliance_notice", opt(l.non_compliance_notice)},
                 {"completion_notice", opt(l.completion_notice)},
                 {"intended_use_date", opt(l.intended_use_date)},
                 {"closed_without_declaration", opt(l.closed_without_declaration)}};
  if (r.notification && r.notification->melder) {
    const Melder& m = *r.notification->melder;
    json::object mj{{"role", m.role}, {"builder", person_json(m.builder)}, {"cadastral", m.cadastral},
                    {"coordinates", m.coordinates}};
    if (m.authorised) mj["authorised"] = person_json(*m.authorised);
    o["melder"] = mj;
  }
  if (r.closure && r.closure->declaration)
    o["declaration_details"] = {{"place", r.closure->declaration->place},
                                {"responsible", r.closure->declaration->responsible},
                                {"licence", r.closure->declaration->licence}};
  if (r.closure && !r.closure->not_notified.empty()) o["not_notified"] = r.closure->not_notified;
  if (r.completion)
    o["completion"] = {{"intended_use", r.completion->intended_use}, {"filed_by", r.completion->filed_by},
                       {"recorded_by", r.completion->by}, {"at", r.completion->at},
                       {"items", completion_items_json(r.completion->items)}};
  if (const auto u = use_decision(r))
    o["use_decision"] = {{"decision", parse_json(u->payload_json, "stap").as_object().at("decision")},
                         {"at", u->at}, {"by", u->by}};
  return o;
}

}  // namespace

std::string lifecycle_json(const ProjectRecord& r) { return serialize_canonical(lifecycle_object(r)); }

// The persons of the borgingsplan per role (name, id, opleiding), and the
// eindverantwoordelijke as role "responsible"; empty before schema version 5.
static std::vector<RoleAssignment> staffing(const ProjectRecord& r) {
  std::vector<RoleAssignment> out;
  if (!r.assignment) return out;
  out = r.assignment->roles;
  if (r.assignment->responsible) out.push_back(*r.assignment->responsible);
  return out;
}

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
  json::array staff;
  for (const auto& x : staffing(r))
    staff.push_back({{"role", x.role}, {"person", x.person}, {"person_version", x.person_version}, {"name", x.name},
                     {"education", x.education}});
  const json::object out{
      {"schema", "wkb.dossier/1"},
      {"staff", staff},
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
      {"lifecycle", lifecycle_object(r)},
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
       host::html_escape(p.id) + "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
       "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #999;padding:.2em .5em;"
       "text-align:left;vertical-align:top}"
       // A4 print: headers repeat on every page, no row is split, the signature stays whole.
       "@page{size:A4;margin:18mm 15mm}"
       "@media print{body{max-width:none;margin:0;font-size:10pt}thead{display:table-header-group}"
       "tr,th,td{break-inside:avoid;page-break-inside:avoid}h2,h3{break-after:avoid;page-break-after:avoid}"
       ".handtekening{break-inside:avoid;page-break-inside:avoid}}"
       ".handtekening td{height:3em;min-width:14em}</style>\n</head>\n<body>\n";
  h += "<h1>Dossier bevoegd gezag</h1>\n";
  h += "<h2>Project</h2>\n<table>\n<tbody>\n";
  auto row = [&](const std::string& k, const std::string& val) {
    h += "<tr><th scope=\"row\">" + host::html_escape(k) + "</th><td>" + host::html_escape(val) + "</td></tr>\n";
  };
  // A table's head row: the column names.
  auto head = [&](std::initializer_list<const char*> columns) {
    h += "<table>\n<thead><tr>";
    for (const char* c : columns) h += std::string("<th scope=\"col\">") + c + "</th>";
    h += "</tr></thead>\n<tbody>\n";
  };
  auto cells = [&](std::initializer_list<std::string> values) {
    h += "<tr>";
    for (const auto& x : values) h += "<td>" + host::html_escape(x) + "</td>";
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
  if (p.address.bag_id) row("BAG-id", *p.address.bag_id);
  const std::optional<Melder>& melder = r.notification ? r.notification->melder : std::nullopt;
  if (melder) {
    row(melder->role == "aannemer" ? "Melder (aannemer)" : "Melder (initiatiefnemer)", person_nl(melder->builder));
    if (melder->authorised) row("Gemachtigde", person_nl(*melder->authorised));
    if (!melder->cadastral.empty()) row("Kadastrale aanduiding", melder->cadastral);
    if (!melder->coordinates.empty()) row("Coördinaten", melder->coordinates);
  }
  row("Oordeel kwaliteitsborger", label_nl(d.decision.outcome) + ", " + when_by(d.at, d.by));
  row("Status", std::string(label_nl(r.summary.state)));
  h += "</tbody>\n</table>\n";

  // The lifecycle as the law names its steps, with who took each.
  const Lifecycle& l = r.lifecycle;
  const std::string melder_name = melder ? melder->builder.name : std::string("de melder");
  h += "<h2>Levensloop</h2>\n";
  head({"Stap", "Datum", "Door"});
  if (l.construction_notice) cells({"Bouwmelding", datetime_nl(*l.construction_notice), melder_name});
  if (l.construction_start_date)
    cells({"Mededeling start bouw (start op " + date_nl(*l.construction_start_date) + ")",
           datetime_nl(*l.construction_start), melder_name});
  for (const auto& n : r.deviation_notices)
    cells({"Melding tijdens de bouw", datetime_nl(n.at), "kwaliteitsborger (" + n.by + ")"});
  if (l.declaration)
    cells({"Verklaring", datetime_nl(*l.declaration), "kwaliteitsborger (" + r.closure->by + ")"});
  if (l.non_compliance_notice)
    cells({"Melding strijdigheid", datetime_nl(*l.non_compliance_notice), "kwaliteitsborger (" + r.closure->by + ")"});
  if (l.completion_notice)
    cells({"Gereedmelding (ingebruikname op " + date_nl(*l.intended_use_date) + ")", datetime_nl(*l.completion_notice),
           r.completion->filed_by.empty() ? melder_name : r.completion->filed_by});
  if (l.closed_without_declaration)
    cells({"Afgesloten zonder verklaring", datetime_nl(*l.closed_without_declaration), "kwaliteitsborger"});
  if (const auto u = use_decision(r)) cells({"Besluit bevoegd gezag over ingebruikname", datetime_nl(u->at), u->by});
  h += "</tbody>\n</table>\n";

  h += "<h2>" + std::string(declaration ? "Verklaring kwaliteitsborger" : "Melding strijdigheid") + "</h2>\n";
  if (declaration) {
    for (const auto& s : declaration_statement(r)) h += "<p>" + host::html_escape(s) + "</p>\n";
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
    if (r.closure->declaration) {
      const auto& x = *r.closure->declaration;
      if (!x.licence.empty()) h += "<p>Licentie voor het instrument: " + host::html_escape(x.licence) + ".</p>\n";
      h += "<table class=\"handtekening\">\n<tbody>\n<tr><th scope=\"row\">Plaats en datum</th><td>" +
           host::html_escape(x.place) + ", " + host::html_escape(date_nl(r.closure->at.substr(0, 10))) +
           "</td></tr>\n<tr><th scope=\"row\">Eindverantwoordelijke</th><td>" + host::html_escape(x.responsible) +
           "</td></tr>\n<tr><th scope=\"row\">Handtekening</th><td></td></tr>\n</tbody>\n</table>\n";
    }
  } else {
    h += "<p>De kwaliteitsborger meldt dat de volgende onderdelen niet voldoen aan de bouwtechnische regels en "
         "niet (meer) in overeenstemming kunnen worden gebracht. Er wordt geen verklaring afgegeven.</p>\n";
    head({"Beheersmaatregel", "Eenheid", "Onderwerp", "Bbl", "Resultaat", "Toelichting"});
    for (const auto& g : d.decision.grounds)
      cells({g.control, g.unit.value_or("hele project"), topic_label_nl(g.topic), g.bbl_ref, label_nl(g.result),
             g.explanation});
    h += "</tbody>\n</table>\n";
    if (r.closure->from_outcome == Outcome::open_items)
      h += "<p><strong>Verantwoording van de geleverde inspanning:</strong> " + host::html_escape(r.closure->effort) + "</p>\n";
    if (!r.closure->not_notified.empty())
      h += "<p><strong>Waarom niet alles tijdens de bouw is gemeld:</strong> " + host::html_escape(r.closure->not_notified) +
           "</p>\n";
    h += "<h2>Afgesloten zonder verklaring</h2>\n<p>Het project is afgesloten zonder verklaring van de "
         "kwaliteitsborger. Een gereedmelding is daarom niet mogelijk, en het bouwwerk mag niet in gebruik worden "
         "genomen voordat het bevoegd gezag daarover heeft besloten.</p>\n";
    if (const auto u = use_decision(r))
      h += "<p><strong>Besluit van het bevoegd gezag over ingebruikname</strong> (" + host::html_escape(datetime_nl(u->at)) +
           "): " + host::html_escape(std::string(parse_json(u->payload_json, "stap").as_object().at("decision").as_string())) +
           "</p>\n";
  }

  if (!r.deviation_notices.empty()) {
    h += "<h2>Meldingen tijdens de bouw</h2>\n";
    head({"Nr", "Datum", "Aan", "Onderdelen", "Toelichting"});
    for (const auto& n : r.deviation_notices) {
      std::string parts;
      for (const auto& x : n.parts)
        parts += (parts.empty() ? "" : "; ") + x.control + (x.unit.empty() ? "" : " (" + x.unit + ")") + ": " +
                 topic_label_nl(x.topic) + ", " + x.bbl_ref + ", " + label_nl(x.result);
      cells({std::to_string(n.number), datetime_nl(n.at), recipients_nl(n.recipients), parts, n.explanation});
    }
    h += "</tbody>\n</table>\n";
  }
  if (const auto requests = info_requests(r); !requests.empty()) {
    h += "<h2>Informatieverzoeken van het bevoegd gezag</h2>\n";
    head({"Nr", "Ontvangen", "Vraag", "Antwoord", "Beantwoord"});
    for (const auto& q : requests)
      cells({std::to_string(q.seq), datetime_nl(q.asked_at), q.question, q.answer.empty() ? "nog niet" : q.answer,
             q.answered_at.empty() ? "-" : datetime_nl(q.answered_at)});
    h += "</tbody>\n</table>\n";
  }
  if (r.completion) {
    h += "<h2>Gereedmelding: dossier bevoegd gezag</h2>\n<p>Gereedgemeld door " + host::html_escape(r.completion->filed_by) +
         " op " + host::html_escape(datetime_nl(r.completion->at)) + " (vastgelegd door " + host::html_escape(r.completion->by) +
         "); beoogde ingebruikname op " + host::html_escape(date_nl(r.completion->intended_use)) + ".</p>\n";
    head({"Onderdeel", "Status", "Document of reden"});
    for (const auto& i : r.completion->items) {
      std::string name = i.key;
      for (const auto& [key, n] : dossier_item_names())
        if (key == i.key) name = n;
      cells({name, status_nl(i.status), i.status == "present" ? i.document : i.reason});
    }
    h += "</tbody>\n</table>\n";
  } else if (r.summary.state == State::declared) {
    h += "<p>De gereedmelding door de melder volgt nog (ten minste twee weken voor de ingebruikname).</p>\n";
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
  h += "<h2>Personen van het borgingsplan</h2>\n";
  head({"Rol", "Naam", "Id", "Opleiding"});
  for (const auto& x : staffing(r))
    cells({x.role == "responsible" ? std::string("eindverantwoordelijke") : competence_area_label_nl(x.role), x.name,
           x.person, x.education});
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
       host::html_escape(r.summary.audit_head) + "</code></td></tr>\n<tr><th scope=\"row\">Opslag (" +
       plural_nl(r.store_head.seq, "registratie", "registraties") + ")</th><td><code>" + host::html_escape(r.store_head.hash) +
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
