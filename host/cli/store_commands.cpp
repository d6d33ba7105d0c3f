// Project store commands: a project over its whole life (create ... close),
// findings, the dossier for the bevoegd gezag and the audit trail.
// The store itself is wkb::store (host/store); this file only parses, calls
// and renders. Human output is Dutch, --json gives machine output.
#include <boost/json.hpp>

#include <cstdlib>
#include <iostream>
#include <map>

#include "command.hpp"
#include "render_nl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/log.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/dossier.hpp"
#include "wkb/store/plan_diff.hpp"
#include "wkb/store/project_store.hpp"
#include "wkb/store/text.hpp"
#include "wkb/host/trust.hpp"

namespace wkb::cli {
namespace {

namespace json = boost::json;
using store::ProjectStore;

const Option kBy{"by", "NAME", "who does this (recorded in the audit trail; default $WKB_USER, else $USER)"};

void print_json(Context& ctx, const json::value& v) { ctx.out() << serialize_canonical(v) << "\n"; }

std::string db_of(Context& ctx) { return ctx.global().db.value_or("sqlite:wkb.db"); }

// Only `project create` may make a new store; every other command needs one.
std::unique_ptr<ProjectStore> open_store(Context& ctx, bool create = false) {
  return ProjectStore::open(db_of(ctx), create);
}

std::string actor(Context& ctx) {
  if (auto by = ctx.get("by")) {
    if (store::is_blank(*by)) throw host::UsageError("--by is empty; give a name");
    return *by;
  }
  for (const char* var : {"WKB_USER", "USER"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "onbekend";
}

// Loads each instrument once per command from the plugin path.
class Instruments {
 public:
  explicit Instruments(Context& ctx) : ctx_(ctx) {}
  store::InstrumentLoader loader() {
    return [this](const std::string& id) -> host::CheckedInstrument& {
      auto& slot = loaded_[id];
      if (!slot) slot = ctx_.load_instrument(id);
      return *slot;
    };
  }

 private:
  Context& ctx_;
  std::map<std::string, std::unique_ptr<host::CheckedInstrument>> loaded_;
};

json::object summary_json(const store::ProjectSummary& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"instrument", {{"id", s.instrument_id}, {"name", s.instrument_name}, {"version", s.instrument_version}}},
          {"state", store::to_string(s.state)},
          {"plan_version", s.plan_version},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

json::object plan_version_json(const store::PlanVersion& v) {
  return {{"version", v.version},          {"created_at", v.created_at},
          {"created_by", v.created_by},    {"reason", v.reason},
          {"instrument_version", v.instrument_version},
          {"assessment", to_json(v.assessment)}, {"sample", to_json(v.sample)}, {"plan", to_json(v.plan)}};
}

json::array changes_json(const std::vector<store::PlanChange>& changes) {
  json::array out;
  for (const auto& c : changes)
    out.push_back({{"kind", c.kind}, {"subject", c.subject}, {"id", c.id}, {"detail", c.detail}});
  return out;
}

std::string kind_nl(const std::string& k) {
  return k == "added" ? "nieuw" : k == "removed" ? "vervallen" : "gewijzigd";
}
std::string subject_nl(const std::string& s) {
  static const std::map<std::string, std::string> m = {
      {"schedule", "planning"}, {"units", "eenheden"},           {"risk", "risico"},
      {"sample", "steekproef"}, {"control", "beheersmaatregel"}, {"inspection", "bijwoonmoment"}};
  auto it = m.find(s);
  return it == m.end() ? s : it->second;
}

void render_changes(std::ostream& out, int from, int to, const std::vector<store::PlanChange>& changes) {
  out << "Wijzigingen borgingsplan versie " << from << " -> " << to << "\n";
  if (changes.empty()) {
    out << "  geen\n";
    return;
  }
  Table t({"Wijziging", "Onderdeel", "Id", "Toelichting"});
  for (const auto& c : changes) t.add({kind_nl(c.kind), subject_nl(c.subject), c.id.empty() ? "-" : c.id, c.detail});
  t.print(out);
}

// The instrument's description for rendering; the stored facts when the plugin is gone.
Description describe_for_show(Context& ctx, const store::ProjectSummary& s) {
  try {
    return ctx.load_instrument(s.instrument_id)->description();
  } catch (const host::Error& e) {
    host::log::warn("instrument " + s.instrument_id + " cannot be loaded (" + e.what() +
                    "); showing the stored project without its declarations");
    Description d;
    d.id = s.instrument_id;
    d.name = s.instrument_name;
    d.version = s.instrument_version;
    return d;
  }
}

int parse_int_option(Context& ctx, const std::string& name, std::optional<int>& out) {
  if (auto v = ctx.get(name)) {
    try {
      std::size_t used = 0;
      out = std::stoi(*v, &used);
      if (used != v->size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw host::UsageError("--" + name + " " + store::quote(*v) + " is not a whole number; use 1 to 5");
    }
  }
  return 0;
}

// ---- commands ---------------------------------------------------------------

int cmd_project_create(Context& ctx) {
  const Project project = read_project_file(ctx.require("project"));
  const std::string instrument = ctx.require("instrument");
  ctx.check_independence(project, instrument);
  auto st = open_store(ctx, true);
  Instruments instruments(ctx);
  const auto [s, plan] = st->create(project, instrument, instruments.loader(), actor(ctx));
  if (ctx.global().json) {
    json::object o = summary_json(s);
    o["plan"] = plan_version_json(plan);
    print_json(ctx, o);
  } else {
    const Description& d = instruments.loader()(s.instrument_id).description();
    render_header(ctx.out(), project, d);
    render_assessment(ctx.out(), plan.assessment, d);
    render_sample(ctx.out(), project, plan.sample);
    render_plan(ctx.out(), plan.plan);
    ctx.out() << "\nProject " << s.id << " opgeslagen in " << st->display() << ": status "
              << store::label_nl(s.state) << ", borgingsplan versie " << s.plan_version << ".\n";
  }
  return host::kExitOk;
}

int cmd_project_list(Context& ctx) {
  auto st = open_store(ctx);
  const auto list = st->list();
  if (ctx.global().json) {
    json::array a;
    for (const auto& s : list) a.push_back(summary_json(s));
    print_json(ctx, json::object{{"projects", a}});
    return host::kExitOk;
  }
  if (list.empty()) {
    ctx.out() << "Geen projecten in " << st->display() << ".\n";
    return host::kExitOk;
  }
  Table t({"Project", "Naam", "Instrument", "Status", "Planversie", "Gewijzigd"});
  for (const auto& s : list)
    t.add({s.id, s.name, s.instrument_id + " " + s.instrument_version, std::string(store::label_nl(s.state)),
           std::to_string(s.plan_version), s.updated_at});
  t.print(ctx.out());
  return host::kExitOk;
}

int cmd_project_show(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  auto st = open_store(ctx);
  const auto r = st->load(id);
  const bool diff = ctx.flag("diff");
  std::vector<store::PlanChange> changes;
  if (diff && r.plans.size() >= 2) changes = store::diff_plans(r.plans[r.plans.size() - 2], r.plans.back());
  if (ctx.global().json) {
    json::object o = summary_json(r.summary);
    if (diff) {
      o["diff"] = {{"from", r.plans.size() >= 2 ? r.plans[r.plans.size() - 2].version : r.plans.back().version},
                   {"to", r.plans.back().version},
                   {"changes", changes_json(changes)}};
    }
    json::array plans, overrides, findings, decisions;
    for (const auto& v : r.plans) plans.push_back(plan_version_json(v));
    for (const auto& x : r.overrides)
      overrides.push_back({{"risk", x.after.id},
                           {"before", {{"likelihood", x.before.likelihood}, {"impact", x.before.impact},
                                       {"recoverability", x.before.recoverability}, {"score", x.before.score}}},
                           {"after", {{"likelihood", x.after.likelihood}, {"impact", x.after.impact},
                                      {"recoverability", x.after.recoverability}, {"score", x.after.score}}},
                           {"motivation", x.motivation}, {"by", x.by}, {"at", x.at}, {"plan_version", x.plan_version}});
    o["plan_versions"] = plans;
    o["overrides"] = overrides;
    o["findings"] = to_json(r.findings_message());
    for (const auto& d : r.decisions)
      decisions.push_back({{"seq", d.seq}, {"plan_version", d.plan_version}, {"findings_count", d.findings_count},
                           {"by", d.by}, {"at", d.at}, {"decision", to_json(d.decision)}});
    o["decisions"] = decisions;
    if (r.notification)
      o["notification"] = {{"at", r.notification->at}, {"by", r.notification->by},
                           {"plan_version", r.notification->plan_version}};
    if (r.closure)
      o["closure"] = {{"kind", to_string(r.closure->kind)}, {"from_outcome", to_string(r.closure->from_outcome)},
                      {"effort", r.closure->effort}, {"by", r.closure->by}, {"at", r.closure->at}};
    print_json(ctx, o);
    return host::kExitOk;
  }
  auto& out = ctx.out();
  const store::PlanVersion& v = r.current_plan();
  if (diff) {
    if (r.plans.size() < 2)
      out << "Project " << id << " heeft een borgingsplan (versie 1); er is nog niets om te vergelijken.\n";
    else
      render_changes(out, r.plans[r.plans.size() - 2].version, v.version, changes);
    return host::kExitOk;
  }
  const Description d = describe_for_show(ctx, r.summary);
  render_header(out, v.project, d);
  out << "Status:      " << store::label_nl(r.summary.state) << " (" << store::to_string(r.summary.state) << ")\n"
      << "Planversie:  " << v.version << " van " << v.created_at << " door " << v.created_by << " (" << v.reason
      << ")\n";
  if (r.notification) out << "Bouwmelding: " << r.notification->at << " door " << r.notification->by << "\n";
  for (const auto& w : r.notification ? r.notification->warnings : std::vector<std::string>{})
    out << "  waarschuwing: " << w << "\n";
  render_assessment(out, v.assessment, d);
  if (!r.overrides.empty()) {
    out << "\nAfwijkingen van de risicoscore\n";
    Table t({"Risico", "Score", "Motivering", "Door", "Datum"});
    for (const auto& x : r.overrides)
      t.add({x.after.id, std::to_string(x.before.score) + " -> " + std::to_string(x.after.score), x.motivation, x.by,
             x.at});
    t.print(out);
  }
  render_sample(out, v.project, v.sample);
  render_plan(out, v.plan);
  out << "\nBevindingen: " << r.findings.size() << "\n";
  if (!r.findings.empty()) {
    Table t({"Nr", "Beheersmaatregel", "Eenheid", "Resultaat", "Datum", "Door"});
    for (const auto& f : r.findings)
      t.add({std::to_string(f.seq), f.finding.control, f.finding.unit.value_or("-"), label_nl(f.finding.result),
             f.finding.date.to_string(), f.finding.assessed_by});
    t.print(out);
  }
  if (!r.decisions.empty()) render_decision(out, r.decisions.back().decision);
  if (r.closure)
    out << "\nGereedmelding: " << outcome_heading(r.closure->kind) << " op " << r.closure->at << " door " << r.closure->by << "\n";
  return host::kExitOk;
}

int cmd_risk_override(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  store::OverrideRequest req;
  req.risk = ctx.require("risk");
  parse_int_option(ctx, "likelihood", req.likelihood);
  parse_int_option(ctx, "impact", req.impact);
  parse_int_option(ctx, "recoverability", req.recoverability);
  req.motivation = ctx.get("motivation").value_or("");
  req.by = ctx.require("by");
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto update = st->override_risk(id, req, instruments.loader());
  const auto& v = update.current;
  const auto changes = store::diff_plans(update.previous, v);
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id}, {"plan", plan_version_json(v)}, {"changes", changes_json(changes)}});
  } else {
    const auto& o = *update.override_made;
    ctx.out() << "Risico " << o.after.id << ": score " << o.before.score << " -> " << o.after.score
              << " (door " << o.by << "; motivering vastgelegd). Nieuw borgingsplan: versie " << v.version << ".\n";
    render_changes(ctx.out(), v.version - 1, v.version, changes);
  }
  return host::kExitOk;
}

int cmd_project_replan(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  std::optional<Project> changed;
  if (auto file = ctx.get("project")) changed = read_project_file(*file);
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto update = st->replan(id, changed, ctx.get("reason").value_or(""), instruments.loader(), actor(ctx));
  const auto& v = update.current;
  const auto changes = store::diff_plans(update.previous, v);
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id}, {"plan", plan_version_json(v)}, {"changes", changes_json(changes)}});
  } else {
    ctx.out() << "Project " << id << ": nieuw borgingsplan, versie " << v.version << ".\n";
    render_changes(ctx.out(), v.version - 1, v.version, changes);
  }
  return host::kExitOk;
}

int cmd_project_notify(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  auto st = open_store(ctx);
  const auto n = st->notify(id, actor(ctx));
  if (auto out = ctx.get("out")) host::write_text_file_atomic(*out, n.package_json + "\n");
  if (ctx.global().json) {
    json::array w;
    for (const auto& x : n.warnings) w.push_back(json::value(x));
    print_json(ctx, json::object{{"project", id}, {"state", "notified"}, {"plan_version", n.plan_version},
                                 {"warnings", w}, {"package", parse_json(n.package_json, "bouwmelding")}});
  } else {
    ctx.out() << "Bouwmelding voor project " << id << " gedaan op " << n.at << " (risicobeoordeling en borgingsplan "
              << "versie " << n.plan_version << ")" << (ctx.get("out") ? "; pakket: " + *ctx.get("out") : "") << ".\n";
    for (const auto& w : n.warnings) ctx.err() << "wkb: waarschuwing: " << w << "\n";
  }
  return host::kExitOk;
}

int report_findings(Context& ctx, const std::string& id, const store::FindingsAdded& added) {
  if (ctx.global().json)
    print_json(ctx, json::object{{"project", id}, {"stored", added.stored}, {"state", store::to_string(added.state)}});
  else
    ctx.out() << added.stored << " bevinding(en) vastgelegd voor project " << id << " (status "
              << store::label_nl(added.state) << ").\n";
  return host::kExitOk;
}

int cmd_finding_add(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  Finding f;
  f.control = ctx.require("control");
  if (auto u = ctx.get("unit")) f.unit = *u;
  const std::string result = ctx.require("result");
  const auto r = parse_finding_result(result);
  if (!r)
    throw host::InputError("--result " + store::quote(result) +
                           " is not a result; use conform, repaired, open, unrepairable or evidence-missing");
  f.result = *r;
  f.note = ctx.get("note").value_or("");
  f.assessed_by = ctx.require("by");
  if (auto d = ctx.get("date")) {
    const auto date = Date::parse(*d);
    if (!date) throw host::InputError("--date " + store::quote(*d) + " is not a date like 2026-05-01");
    f.date = *date;
  } else {
    f.date = store::today();
  }
  auto st = open_store(ctx);
  return report_findings(ctx, id, st->add_findings(id, {f}, f.assessed_by));
}

int cmd_findings_import(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  const std::string file = ctx.positional(1, "the findings file");
  const Findings f = read_findings_file(file);
  if (f.project != id)
    throw host::InputError(file + ": these findings are for project " + store::quote(f.project) + ", not " +
                           store::quote(id));
  auto st = open_store(ctx);
  return report_findings(ctx, id, st->add_findings(id, f.findings, actor(ctx)));
}

int cmd_project_evaluate(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto d = st->evaluate(id, instruments.loader(), actor(ctx));
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id}, {"seq", d.seq}, {"plan_version", d.plan_version},
                                 {"findings_count", d.findings_count}, {"decision", to_json(d.decision)}});
  } else {
    ctx.out() << "Project " << id << ": besluit " << d.seq << " op borgingsplan versie " << d.plan_version << " en "
              << d.findings_count << " bevinding(en).\n";
    render_decision(ctx.out(), d.decision);
  }
  return host::kExitOk;
}

int cmd_project_close(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  const bool notice = ctx.flag("notice");
  const auto effort = ctx.get("effort");
  if (effort && !notice) throw host::UsageError("--effort goes with --notice (turning open items into a notice)");
  const std::string by = actor(ctx);
  // The gereedmelding, and above all a notice with its account of the effort
  // made, is signed by a person: "unknown" will not do.
  if (by == "onbekend")
    throw host::UsageError("closing a project records who did it: give --by NAME (or set WKB_USER)");
  auto st = open_store(ctx);
  const auto c = st->close(id, notice, effort.value_or(""), by);
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id}, {"state", "completed"}, {"kind", to_string(c.kind)},
                                 {"from_outcome", to_string(c.from_outcome)}, {"decision_seq", c.decision_seq}});
  } else {
    ctx.out() << "Gereedmelding voor project " << id << ": " << outcome_heading(c.kind) << " (" << c.at << ", " << c.by << ").\n"
              << "Maak het dossier voor het bevoegd gezag met `wkb dossier " << id << " --out MAP`.\n";
  }
  return host::kExitOk;
}

int cmd_dossier(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  const std::string dir = ctx.require("out");
  auto st = open_store(ctx);
  const auto files = store::write_dossier(st->load(id), dir);
  if (ctx.global().json)
    print_json(ctx, json::object{{"project", id}, {"json", files.json.string()}, {"html", files.html.string()}});
  else
    ctx.out() << "Dossier bevoegd gezag voor project " << id << ":\n  " << files.html.string() << "\n  "
              << files.json.string() << "\n";
  return host::kExitOk;
}

// A problem found by `audit verify`, in Dutch; the English message for unknown codes.
std::string problem_nl(const store::AuditProblem& p) {
  static const std::map<std::string, std::string> tables = {
      {"plan_versions", "borgingsplan versie"}, {"findings", "bevinding"},   {"overrides", "afwijking"},
      {"decisions", "besluit"},                 {"notifications", "bouwmelding"}, {"closures", "gereedmelding"},
      {"plugin_calls", "pluginaanroep"}};
  const std::string n = std::to_string(p.seq);
  const auto t = tables.find(p.table);
  const std::string row = (t == tables.end() ? p.table : t->second) + (p.key.empty() ? "" : " " + p.key);
  if (p.code == "entry-removed") return "vermelding " + n + " ontbreekt: er is een vermelding verwijderd";
  if (p.code == "entry-altered") return "vermelding " + n + " is gewijzigd: de inhoud past niet bij de hash";
  if (p.code == "entry-out-of-order")
    return "vermelding " + n + " sluit niet aan op de vorige: vermeldingen zijn verwijderd, ingevoegd of verwisseld";
  if (p.code == "log-truncated")
    return "de trail stopt voor vermelding " + n + ", maar het project telt meer vermeldingen: het einde is verwijderd";
  if (p.code == "state-mismatch") return "de status van het project is buiten wkb om gewijzigd";
  if (p.code == "plan-version-mismatch") return "de planversie van het project is buiten wkb om gewijzigd";
  if (p.code == "row-altered") return row + " wijkt af van wat vermelding " + n + " vastlegde: achteraf gewijzigd";
  if (p.code == "row-unrecorded") return row + " staat niet in de audittrail: buiten wkb om toegevoegd";
  if (p.code == "row-deleted") return row + ", vastgelegd in vermelding " + n + ", ontbreekt: verwijderd";
  if (p.code == "state-discontinuous")
    return "vermelding " + n + " wijzigt de status vanuit een andere status dan waar de vorige wijziging eindigde";
  if (p.code == "row-orphan")
    return "tabel " + p.table + " bevat rijen van dit project, dat niet in de opslag staat: buiten wkb om toegevoegd "
           "of het project is verwijderd";
  if (p.code == "project-row-altered")
    return "de projectrij (naam, instrument, status, tellers) wijkt af van wat de keten van de opslag vastlegde: "
           "buiten wkb om gewijzigd";
  if (p.code == "project-unrecorded")
    return "het project staat niet in de keten van de opslag: buiten wkb om toegevoegd";
  if (p.code == "project-deleted") return "het project staat in de keten van de opslag maar ontbreekt: verwijderd";
  if (p.code == "chain-mismatch")
    return "de keten van de opslag legde vermelding " + n + " met een andere hash vast: de audittrail is herschreven";
  if (p.code == "chain-altered" || p.code == "chain-broken")
    return "vermelding " + p.key + " van de keten over alle projecten is gewijzigd of verwijderd";
  if (p.code == "head-missing")
    return "de keten van de opslag bevat de opgegeven ketenkop niet meer: de opslag is herschreven";
  if (p.code == "signature-invalid") return "ondertekening " + p.key + " past niet bij de ketenkoppen: gewijzigd";
  if (p.code == "signature-head-missing")
    return "ondertekening " + p.key + " noemt een ketenkop die de opslag niet meer bevat: de opslag is herschreven";
  if (p.code == "signature-missing") return "de opslag bevat geen ondertekening met deze publieke sleutel";
  return p.message;
}

json::object heads_json(const store::Heads& h) {
  json::array projects;
  for (const auto& p : h.projects) projects.push_back({{"id", p.project}, {"entries", p.entries}, {"head", p.hash}});
  return {{"store", {{"entries", h.store.seq}, {"head", h.store.hash}}}, {"projects", projects}};
}

int cmd_audit_verify(Context& ctx) {
  std::optional<std::string> id;
  if (!ctx.positional().empty()) id = ctx.positional(0, "the project id");
  const auto expected = ctx.all("expect-head");
  for (const auto& h : expected)
    if (h.size() != 64 || h.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw host::UsageError("--expect-head " + store::quote(h) +
                             " is not a head: give the 64 hexadecimal characters that `wkb --json audit verify` "
                             "shows as heads.store.head");
  std::optional<std::string> pubkey;
  if (auto file = ctx.get("pubkey")) pubkey = host::read_public_key_file(*file);
  auto st = open_store(ctx);
  auto report = st->verify(id, expected);
  if (pubkey) st->check_signed_heads(*pubkey, report);
  if (ctx.global().json) {
    json::array problems;
    for (const auto& p : report.problems)
      problems.push_back({{"project", p.project}, {"entry", p.seq}, {"code", p.code}, {"table", p.table},
                          {"key", p.key}, {"message", p.message}});
    print_json(ctx, json::object{{"ok", report.ok()}, {"projects", report.projects}, {"entries", report.entries},
                                 {"problems", problems}, {"heads", heads_json(report.heads)}});
    return report.ok() ? host::kExitOk : host::kExitRejected;
  }
  if (report.ok()) {
    ctx.out() << "Audittrail in orde: " << report.projects << " project(en), " << report.entries
              << " vermeldingen, alle ketens en gegevens kloppen"
              << (expected.empty() ? "" : "; de opgegeven ketenkop staat erin")
              << (pubkey ? "; de ondertekende ketenkoppen kloppen" : "") << ".\n";
  } else {
    const std::size_t n = report.problems.size();
    ctx.out() << "Audittrail NIET in orde (" << n << (n == 1 ? " probleem, " : " problemen, ") << report.projects
              << " project(en)):\n";
    for (const auto& p : report.problems)
      ctx.out() << "  " << (p.project.empty() ? "opslag" : "project " + p.project) << ": " << problem_nl(p) << "\n";
  }
  ctx.out() << "Ketenkop van de opslag: " << (report.heads.store.hash.empty() ? "(leeg)" : report.heads.store.hash)
            << " (" << report.heads.store.seq << " vermeldingen); bewaar hem buiten de opslag of onderteken met "
            << "`wkb audit sign --key SLEUTEL`.\n";
  return report.ok() ? host::kExitOk : host::kExitRejected;
}

int cmd_audit_sign(Context& ctx) {
  const std::string key = host::read_secret_key_file(ctx.require("key"));
  auto st = open_store(ctx);
  const auto signed_heads = st->sign_heads(key);
  if (auto out = ctx.get("out")) host::write_text_file_atomic(*out, signed_heads.document());
  if (ctx.global().json) {
    ctx.out() << signed_heads.document();
  } else {
    ctx.out() << "Ketenkoppen ondertekend (ondertekening " << signed_heads.seq << ", " << signed_heads.signed_at
              << ", publieke sleutel " << signed_heads.public_key << ")"
              << (ctx.get("out") ? "; kopie: " + *ctx.get("out") : "") << ".\n"
              << "Controleer later met `wkb audit verify --pubkey PUBLIEKE-SLEUTEL`.\n";
  }
  return host::kExitOk;
}

int cmd_audit_replay(Context& ctx) {
  const std::string id = ctx.positional(0, "the project id");
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto report = st->replay(id, instruments.loader());
  if (ctx.global().json) {
    json::array calls;
    for (const auto& c : report.calls)
      calls.push_back({{"call", c.seq}, {"method", c.method}, {"plugin", c.plugin},
                       {"recorded_version", c.recorded_version}, {"installed_version", c.installed_version},
                       {"plugin_changed", c.plugin_changed}, {"response_differs", c.response_differs},
                       {"error", c.error}});
    print_json(ctx, json::object{{"project", id}, {"ok", report.ok()}, {"calls", calls}});
  } else {
    Table t({"Aanroep", "Methode", "Plugin", "Versie", "Plugin gewijzigd", "Antwoord"});
    for (const auto& c : report.calls)
      t.add({std::to_string(c.seq), c.method, c.plugin,
             c.recorded_version + (c.installed_version != c.recorded_version ? " -> " + c.installed_version : ""),
             c.plugin_changed ? "ja" : "nee",
             !c.error.empty() ? "fout: " + c.error : c.response_differs ? "ANDERS" : "gelijk"});
    ctx.out() << "Herhaling van de vastgelegde pluginaanroepen van project " << id << "\n";
    t.print(ctx.out());
    ctx.out() << (report.ok() ? "Alle antwoorden gelijk; plugin ongewijzigd.\n"
                              : "Verschillen gevonden: het besluit steunt op antwoorden die de geïnstalleerde plugin nu "
                                "anders geeft, of de plugin is gewijzigd.\n");
  }
  return report.ok() ? host::kExitOk : host::kExitRejected;
}

}  // namespace

std::vector<Command> store_commands() {
  const Option project_file{"project", "FILE", "the project, a wkb.project/1 JSON file"};
  const std::string store_note =
      "The project store is --db (default $WKB_DB, else sqlite:wkb.db in the working directory). "
      "Every command is one transaction and is recorded in the audit trail.";
  return {
      {"project create", "--instrument ID --project FILE [--by NAME]",
       "store a project and make its risk assessment, sample and borgingsplan (version 1)", store_note,
       {{"instrument", "ID", "the instrument to use (see `wkb instruments`)"}, project_file, kBy}, cmd_project_create},
      {"project list", "", "list the projects in the store", store_note, {}, cmd_project_list},
      {"project show", "ID [--diff]", "show a stored project: state, assessment, plan, findings, decision",
       "--diff shows what changed between the last two plan versions.",
       {{"diff", "", "show what changed between the last two plan versions"}}, cmd_project_show},
      {"risk override", "ID --risk R [--likelihood N] [--impact N] [--recoverability N] --motivation TEXT --by NAME",
       "deviate from a risk score, with a written motivation; the plan is re-made as a new version",
       "The stored assessment changes (the plugin is not asked to re-assess); sample and plan are re-run on it.\n"
       "Who, when and why are recorded in the audit trail and shown in the dossier.",
       {{"risk", "R", "the risk id (see `wkb project show ID`)"},
        {"likelihood", "N", "new likelihood (kans), 1-5"},
        {"impact", "N", "new impact (effect), 1-5"},
        {"recoverability", "N", "new recoverability (herstelbaarheid), 1-5"},
        {"motivation", "TEXT", "why the score differs (required)"},
        {"by", "NAME", "the assurer who deviates (required)"}},
       cmd_risk_override},
      {"project replan", "ID [--project FILE] [--reason TEXT]",
       "design or schedule changed: re-assess and re-plan as a new plan version",
       "Earlier risk overrides are kept. Findings already recorded must still fit the new plan.",
       {project_file, {"reason", "TEXT", "what changed"}, kBy}, cmd_project_replan},
      {"project notify", "ID [--out FILE]", "the bouwmelding: fix assessment and plan and start execution",
       "Warns when the first building phase starts less than 4 weeks later. --out writes the bouwmelding "
       "package (assessment and plan) as JSON.",
       {{"out", "FILE", "write the bouwmelding package here"}, kBy}, cmd_project_notify},
      {"finding add", "ID --control C [--unit U] --result R --by NAME [--note TEXT] [--date D]",
       "record one finding (after the bouwmelding)",
       "Results: conform, repaired, open, unrepairable, evidence-missing. --date defaults to today "
       "(or the date of WKB_NOW).",
       {{"control", "C", "the control id of the current plan"},
        {"unit", "U", "the unit (for a control performed per unit)"},
        {"result", "R", "conform, repaired, open, unrepairable or evidence-missing"},
        {"note", "TEXT", "what was seen"},
        {"date", "D", "the date of the finding, YYYY-MM-DD (default today)"},
        {"by", "NAME", "who assessed it"}},
       cmd_finding_add},
      {"findings import", "ID FILE", "record all findings of a wkb.findings/1 file in one transaction",
       "Either every finding is stored or none.", {kBy}, cmd_findings_import},
      {"project evaluate", "ID", "decide on the stored findings with the instrument (stored as a decision)",
       "", {kBy}, cmd_project_evaluate},
      {"project close", "ID [--notice --effort TEXT] [--by NAME]",
       "the gereedmelding: close with a declaration, or a non-compliance notice",
       "A project completes only with a declaration or a non-compliance notice (melding strijdigheid).\n"
       "An assurer may turn open items into a notice with --notice and a written account of the effort "
       "made (--effort).",
       {{"notice", "", "close with a non-compliance notice"},
        {"effort", "TEXT", "the effort made to resolve open items (with --notice)"},
        kBy},
       cmd_project_close},
      {"dossier", "ID --out DIR", "write the dossier for the bevoegd gezag (JSON and Dutch HTML)",
       "Only for a completed project.", {{"out", "DIR", "folder to write dossier.json and dossier.html into"}},
       cmd_dossier},
      {"audit verify", "[ID] [--expect-head HASH] [--pubkey PUB]",
       "check the audit trail: hash chains, every stored row and the store chain",
       "Exit code 1 names the first bad entry of each damaged project. Shows the store's head (keep it elsewhere).\n"
       "--expect-head fails when the store chain no longer holds a head kept earlier (a rewrite);\n"
       "--pubkey checks the heads signed with `wkb audit sign`.",
       {{"expect-head", "HASH", "a store head kept earlier that must still be in the chain", true},
        {"pubkey", "PUB", "check the signed heads against this Ed25519 public key file"}},
       cmd_audit_verify},
      {"audit sign", "--key KEY [--out FILE]", "sign the current heads of the store with an Ed25519 key",
       "The signature is kept in the store; --out also writes it to FILE (keep a copy elsewhere).\n"
       "Key files as for --trust (write a pair with `wkb-admission keygen`).",
       {{"key", "KEY", "the Ed25519 secret key file"}, {"out", "FILE", "also write the signed heads here"}},
       cmd_audit_sign},
      {"audit replay", "ID", "re-run a project's recorded plugin calls with the installed plugin",
       "Exit code 1 when a response differs or the plugin's files changed.", {}, cmd_audit_replay},
  };
}

}  // namespace wkb::cli
