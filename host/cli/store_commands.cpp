// Project store commands: a project over its whole life (create ... close),
// findings and the dossier for the bevoegd gezag (the audit trail's commands
// are in audit_commands.cpp).
// The store itself is wkb::store (host/store); this file only parses, calls
// and renders. Human output is Dutch, --json gives machine output.
#include <boost/json.hpp>

#include <cstdlib>
#include <iostream>
#include <map>

#include "command.hpp"
#include "store_access.hpp"
#include "render_nl.hpp"
#include "staff_render.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/log.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/dossier.hpp"
#include "wkb/store/plan_diff.hpp"
#include "wkb/store/project_store.hpp"
#include "wkb/store/text.hpp"
#include "wkb/host/register.hpp"
#include "wkb/host/trust.hpp"

namespace wkb::cli {
namespace {

namespace json = boost::json;
using store::ProjectStore;

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

// ---- commands ---------------------------------------------------------------

int cmd_project_create(Context& ctx) {
  const Project project = read_project_file(ctx.require("project"));
  const std::string instrument = ctx.require("instrument");
  ctx.check_independence(project, instrument);
  const auto staff = assign_request(ctx);
  auto st = open_store(ctx, true);
  Instruments instruments(ctx);
  const auto [s, plan] = st->create(project, instrument, instruments.loader(), ctx.actor(), staff);
  if (ctx.global().json) {
    json::object o = summary_json(s);
    o["plan"] = plan_version_json(plan);
    o["warnings"] = instruments.warnings_json();
    print_json(ctx, o);
  } else {
    const Description& d = instruments.loader()(s.instrument_id).description();
    render_header(ctx.out(), project, d);
    render_assessment(ctx.out(), plan.assessment, d);
    render_sample(ctx.out(), project, plan.sample);
    render_plan(ctx.out(), plan.plan);
    if (staff) render_staffing(ctx.out(), st->load(s.id));
    instruments.render_warnings(ctx.out());
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
           std::to_string(s.plan_version), datetime_nl(s.updated_at)});
  t.print(ctx.out());
  return host::kExitOk;
}

int cmd_project_show(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
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
    if (r.notification) {
      json::array w;
      for (const auto& x : r.notification->warnings) w.push_back({{"code", x.code}, {"message", x.message}});
      o["notification"] = {{"at", r.notification->at}, {"by", r.notification->by},
                           {"plan_version", r.notification->plan_version}, {"warnings", w}};
    }
    if (r.closure)
      o["closure"] = {{"kind", to_string(r.closure->kind)}, {"from_outcome", to_string(r.closure->from_outcome)},
                      {"effort", r.closure->effort}, {"by", r.closure->by}, {"at", r.closure->at}};
    o["lifecycle"] = parse_json(store::lifecycle_json(r), "levensloop");
    o["staff"] = staffing_json(r);
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
  out << "Planversie:  " << v.version << " van " << datetime_nl(v.created_at) << " door " << v.created_by << " ("
      << store::plan_reason_nl(v.reason) << ")\n";
  render_lifecycle(out, r);
  for (const auto& w : r.notification ? r.notification->warnings : std::vector<store::Warning>{})
    out << "  waarschuwing: " << w.message << "\n";
  render_assessment(out, v.assessment, d);
  if (!r.overrides.empty()) {
    out << "\nAfwijkingen van de risicoscore\n";
    Table t({"Risico", "Score", "Motivering", "Door", "Datum"});
    for (const auto& x : r.overrides)
      t.add({x.after.id, std::to_string(x.before.score) + " -> " + std::to_string(x.after.score), x.motivation, x.by,
             datetime_nl(x.at)});
    t.print(out);
  }
  render_sample(out, v.project, v.sample);
  render_plan(out, v.plan);
  render_staffing(out, r);
  out << "\nBevindingen: " << r.findings.size() << "\n";
  if (!r.findings.empty()) {
    Table t({"Nr", "Beheersmaatregel", "Eenheid", "Resultaat", "Datum", "Door"});
    for (const auto& f : r.findings)
      t.add({std::to_string(f.seq), f.finding.control, f.finding.unit.value_or("-"), label_nl(f.finding.result),
             date_nl(f.finding.date.to_string()), f.finding.assessed_by});
    t.print(out);
  }
  if (!r.decisions.empty()) render_decision(out, r.decisions.back().decision);
  return host::kExitOk;
}

int cmd_risk_override(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  store::OverrideRequest req;
  req.risk = ctx.require("risk");
  // The parser has checked the range (1 to 5).
  for (auto [name, slot] : {std::pair{"likelihood", &req.likelihood}, std::pair{"impact", &req.impact},
                            std::pair{"recoverability", &req.recoverability}})
    if (auto v = ctx.get(name)) *slot = std::stoi(*v);
  req.motivation = ctx.get("motivation").value_or("");
  req.by = ctx.actor();
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto update = st->override_risk(id, req, instruments.loader());
  const auto& v = update.current;
  const auto changes = store::diff_plans(update.previous, v);
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id},
                                 {"plan", plan_version_json(v)},
                                 {"changes", changes_json(changes)},
                                 {"warnings", instruments.warnings_json()}});
  } else {
    const auto& o = *update.override_made;
    ctx.out() << "Risico " << o.after.id << ": score " << o.before.score << " -> " << o.after.score
              << " (door " << o.by << "; motivering vastgelegd). Nieuw borgingsplan: versie " << v.version << ".\n";
    render_changes(ctx.out(), v.version - 1, v.version, changes);
    instruments.render_warnings(ctx.out());
  }
  return host::kExitOk;
}

int cmd_project_replan(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  std::optional<Project> changed;
  if (auto file = ctx.get("project")) changed = read_project_file(*file);
  const auto staff = assign_request(ctx);
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto update =
      st->replan(id, changed, ctx.get("reason").value_or(""), instruments.loader(), ctx.actor(), staff);
  const auto& v = update.current;
  const auto changes = store::diff_plans(update.previous, v);
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id},
                                 {"plan", plan_version_json(v)},
                                 {"changes", changes_json(changes)},
                                 {"warnings", instruments.warnings_json()}});
  } else {
    ctx.out() << "Project " << id << ": nieuw borgingsplan, versie " << v.version << ".\n";
    render_changes(ctx.out(), v.version - 1, v.version, changes);
    instruments.render_warnings(ctx.out());
    // The roles the new plan needs without a person (docs/store.md#staff).
    render_staffing(ctx.out(), st->load(id));
  }
  return host::kExitOk;
}

int cmd_project_notify(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  const std::string file = ctx.require("melder");
  const store::Melder melder = store::parse_melder(host::read_text_file(file), file);
  const auto refused = ctx.get("refused");
  if (refused && !ctx.flag("renew"))
    throw host::UsageError("--refused hoort bij --renew (een nieuwe bouwmelding na een geweigerde); geef beide",
                           "refused-without-renew");
  auto st = open_store(ctx);
  if (ctx.flag("renew")) {
    const auto e = st->renotify(id, melder, refused.value_or(""), ctx.actor());
    if (ctx.global().json)
      print_json(ctx, json::object{{"project", id}, {"step", e.step}, {"at", e.at},
                                   {"event", parse_json(e.payload_json, "stap")}});
    else
      ctx.out() << "Nieuwe bouwmelding voor project " << id << " door " << melder.builder.name << " op "
                << datetime_nl(e.at) << "; de bouw kan ten vroegste 4 weken later beginnen.\n";
    return host::kExitOk;
  }
  const auto n = st->notify(id, melder, ctx.actor());
  if (auto out = ctx.get("out")) host::write_text_file_atomic(*out, n.package_json + "\n");
  if (ctx.global().json) {
    json::array w;
    for (const auto& x : n.warnings) w.push_back({{"code", x.code}, {"message", x.message}});
    print_json(ctx, json::object{{"project", id}, {"state", "notified"}, {"plan_version", n.plan_version},
                                 {"warnings", w}, {"package", parse_json(n.package_json, "bouwmelding")}});
  } else {
    ctx.out() << "Bouwmelding voor project " << id << " door " << melder.builder.name << " (" << melder.role
              << ") op " << datetime_nl(n.at) << ", met de risicobeoordeling en het borgingsplan (versie "
              << n.plan_version << ") van de kwaliteitsborger" << (ctx.get("out") ? "; pakket: " + *ctx.get("out") : "")
              << ".\n";
    for (const auto& w : n.warnings) ctx.err() << "wkb: waarschuwing: " << w.message << "\n";
  }
  return host::kExitOk;
}

int report_findings(Context& ctx, const std::string& id, const store::FindingsAdded& added) {
  if (ctx.global().json)
    print_json(ctx, json::object{{"project", id}, {"stored", added.stored}, {"already_stored", added.already_stored},
                                 {"state", store::to_string(added.state)}});
  else
    ctx.out() << plural_nl(added.stored, "nieuwe bevinding", "nieuwe bevindingen") << " vastgelegd voor project "
              << id << (added.already_stored ? " (" + plural_nl(added.already_stored, "bevinding was", "bevindingen waren") +
                                                   " al vastgelegd)" : "")
              << " (status " << store::label_nl(added.state) << ").\n";
  return host::kExitOk;
}

int cmd_finding_add(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  Finding f;
  f.control = ctx.require("control");
  if (auto u = ctx.get("unit")) f.unit = *u;
  // The parser has checked --result against the results and --date's form.
  f.result = *parse_finding_result(ctx.require("result"));
  f.note = ctx.get("note").value_or("");
  f.assessed_by = ctx.actor();
  if (auto d = ctx.get("date")) {
    f.date = *Date::parse(*d);
  } else {
    f.date = store::today();
  }
  auto st = open_store(ctx);
  return report_findings(ctx, id, st->add_findings(id, {f}, f.assessed_by));
}

int cmd_findings_import(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  const std::string file = ctx.positional(1, "BESTAND (de bevindingen)");
  const Findings f = read_findings_file(file);
  if (f.project != id)
    throw host::InputError(file + ": deze bevindingen horen bij project \"" + f.project + "\", niet bij \"" + id +
                               "\"; geef de bevindingen van dit project",
                           "findings-project-mismatch", file);
  auto st = open_store(ctx);
  try {
    return report_findings(ctx, id, st->add_findings(id, f.findings, ctx.actor(), true));
  } catch (const ValidationError& e) {
    throw ValidationError(file + " (bevindingen voor project " + id + ")", e.issues());
  }
}

int cmd_project_evaluate(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto d = st->evaluate(id, instruments.loader(), ctx.actor());
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id}, {"seq", d.seq}, {"plan_version", d.plan_version},
                                 {"findings_count", d.findings_count}, {"decision", to_json(d.decision)}});
  } else {
    ctx.out() << "Project " << id << ": oordeel " << d.seq << " op borgingsplan versie " << d.plan_version << " en "
              << plural_nl(d.findings_count, "bevinding", "bevindingen") << ".\n";
    render_decision(ctx.out(), d.decision);
  }
  return host::kExitOk;
}

int cmd_project_close(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  store::CloseRequest req;
  req.notice = ctx.flag("notice");
  const auto effort = ctx.get("effort");
  if (effort && !req.notice)
    throw host::UsageError("--effort hoort bij --notice (openstaande punten omzetten in een melding strijdigheid); "
                           "geef beide of geen van beide",
                           "effort-without-notice");
  req.effort = effort.value_or("");
  req.by = ctx.actor();
  req.declaration.place = ctx.get("place").value_or("");
  req.declaration.licence = ctx.get("licence").value_or("");
  req.not_notified = ctx.get("not-notified").value_or("");
  auto st = open_store(ctx);
  // The eindverantwoordelijke named in the borgingsplan signs, unless told otherwise.
  req.declaration.responsible = ctx.get("responsible").value_or("");
  if (req.declaration.responsible.empty()) {
    const auto assigned = st->load(id).assignment;
    req.declaration.responsible =
        assigned && assigned->responsible ? assigned->responsible->name : req.by;
  }
  // The verklaring says the assurer may apply the instrument: with a register,
  // its licence there (and none there is refused, as for `project create`).
  if (ctx.global().register_file && !req.notice) {
    const auto r = st->load(id);
    const std::string instrument = r.summary.instrument_id;
    const auto& assurer = r.current_plan().project.parties.assurer;
    const host::Register reg = host::load_register(*ctx.global().register_file);
    if (!assurer.kvk || !reg.is_licensed(instrument, *assurer.kvk))
      throw host::InputError("de kwaliteitsborger " + assurer.name + " heeft volgens het onafhankelijkheidsregister " +
                                 *ctx.global().register_file + " geen licentie voor instrument " + instrument +
                                 "; zonder licentie geen verklaring (Bkl art. 3.86)",
                             "assurer-not-licensed");
    if (req.declaration.licence.empty())
      req.declaration.licence = "licentie voor " + instrument + " van KvK-nummer " + *assurer.kvk +
                                " volgens het onafhankelijkheidsregister";
  }
  const auto c = st->close(id, req);
  const bool declared = c.kind == Outcome::declaration;
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id},
                                 {"state", declared ? "declared" : "closed-without-declaration"},
                                 {"kind", to_string(c.kind)},
                                 {"from_outcome", to_string(c.from_outcome)},
                                 {"decision_seq", c.decision_seq}});
  } else if (declared) {
    ctx.out() << "Verklaring van de kwaliteitsborger voor project " << id << " afgegeven op " << datetime_nl(c.at)
              << " te " << c.declaration->place << " (eindverantwoordelijke: " << c.declaration->responsible
              << ").\n"
              << "De melder doet de gereedmelding met deze verklaring ten minste twee weken voor de ingebruikname "
              << "(`wkb project complete " << id << " --file BESTAND`); het dossier: `wkb dossier " << id
              << " --out MAP`.\n";
  } else {
    ctx.out() << "Project " << id << " afgesloten zonder verklaring: MELDING STRIJDIGHEID (" << datetime_nl(c.at)
              << ", " << c.by << ").\n"
              << "Een gereedmelding is niet mogelijk; het bouwwerk mag niet in gebruik worden genomen voordat het "
              << "bevoegd gezag heeft besloten. Het dossier: `wkb dossier " << id << " --out MAP`.\n";
  }
  return host::kExitOk;
}

int cmd_dossier(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
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

}  // namespace

// The options of `project assign` beside a command's own: the persons of the
// borgingsplan in the same transaction.
static std::vector<Option> with_assign_options(std::vector<Option> options) {
  for (auto& o : assign_options()) options.push_back(std::move(o));
  return options;
}

std::vector<Command> store_commands() {
  const std::string store_note =
      "De projectopslag is --db (standaard $WKB_DB, anders sqlite:wkb.db in de werkmap). Elke opdracht is één "
      "transactie en staat in de audittrail.";
  const Argument id{"ID", "het projectnummer (zie \"wkb project list\")"};
  const auto score = [](const char* name, const char* term) {
    return cmdline::number_option(name, "N", std::string("nieuwe ") + term, 1, 5);
  };
  Option motivation{"motivation", "TEKST", "waarom de score afwijkt"};
  motivation.required = true;
  Option risk{"risk", "R", "het risico (zie \"wkb project show ID\")"};
  risk.required = true;
  Option control{"control", "C", "de beheersmaatregel in het huidige borgingsplan"};
  control.required = true;
  // The results the contract knows, typed as in JSON, shown with their labels.
  std::vector<std::string> results, result_labels;
  for (const auto& v : all_labelled_values())
    if (v.type == "FindingResult") {
      results.push_back(v.value);
      result_labels.push_back(v.label);
    }
  Option result = cmdline::choice_option("result", "R", "het resultaat", results);
  result.choice_labels = result_labels;
  result.required = true;
  Option date =
      cmdline::typed_option("date", "DATUM", "de datum van de bevinding (standaard vandaag)", ValueKind::date);
  Option out_file =
      cmdline::typed_option("out", "BESTAND", "schrijf het bouwmeldingspakket hierheen", ValueKind::out_file);
  Option melder_file = cmdline::file_option("melder", "BESTAND", "de melder en de locatie (wkb.melder/1)");
  melder_file.required = true;
  Option out_dir = cmdline::typed_option("out", "MAP", "de map voor dossier.json en dossier.html", ValueKind::out_dir);
  out_dir.required = true;
  return {
      {{.name = "project create",
        .summary = "sla een project op en maak risicobeoordeling, steekproef en borgingsplan (versie 1)",
        .details = store_note,
        .options = with_assign_options({instrument_option(), project_option(true), by_option()})},
       cmd_project_create},
      {{.name = "project list", .summary = "de projecten in de opslag", .details = store_note}, cmd_project_list},
      {{.name = "project show",
        .summary = "een opgeslagen project: status, risicobeoordeling, plan, bevindingen, oordeel",
        .arguments = {id},
        .options = {{"diff", "", "toon wat er veranderde tussen de laatste twee planversies"}}},
       cmd_project_show},
      {{.name = "risk override",
        .summary = "wijk met een schriftelijke motivering af van een risicoscore; het plan wordt opnieuw gemaakt",
        .details = "De opgeslagen risicobeoordeling verandert (de plugin wordt niet opnieuw gevraagd te beoordelen);\n"
                   "steekproef en plan worden erop opnieuw gemaakt, als nieuwe planversie.\n"
                   "Wie, wanneer en waarom staan in de audittrail en in het dossier.",
        .arguments = {id},
        .options = {risk, score("likelihood", "kans"), score("impact", "effect"),
                    score("recoverability", "herstelbaarheid"), motivation, by_option()}},
       cmd_risk_override},
      {{.name = "project replan",
        .summary = "ontwerp of planning gewijzigd: beoordeel en plan opnieuw, als nieuwe planversie",
        .details = "Eerdere afwijkingen van risicoscores blijven staan. Vastgelegde bevindingen moeten in het\n"
                   "nieuwe plan passen.",
        .arguments = {id},
        .options = with_assign_options({project_option(false), {"reason", "TEKST", "wat er veranderde"}, by_option()})},
       cmd_project_replan},
      {{.name = "project notify",
        .summary = "de bouwmelding: leg risicobeoordeling en borgingsplan vast en begin de uitvoering",
        .details = "De bouwmelding is van de melder (initiatiefnemer of aannemer, --melder: wkb.melder/1, zie\n"
                   "docs/store.md); de kwaliteitsborger levert risicobeoordeling en borgingsplan. Een onvolledige\n"
                   "bouwmelding wordt geweigerd. Waarschuwt als de eerste bouwfase minder dan 4 weken later begint\n"
                   "(Bbl art. 2.18). --renew: een nieuwe bouwmelding als de vorige vervallen is (geen start binnen\n"
                   "een jaar) of geweigerd (--refused). --out schrijft het bouwmeldingspakket als JSON.",
        .arguments = {id},
        .options = {melder_file, {"renew", "", "een nieuwe bouwmelding na een vervallen of geweigerde"},
                    {"refused", "TEKST", "waarom het bevoegd gezag de vorige bouwmelding weigerde (bij --renew)"},
                    out_file, by_option()}},
       cmd_project_notify},
      {{.name = "finding add",
        .summary = "leg één bevinding vast (na de bouwmelding)",
        .arguments = {id},
        .options = {control, {"unit", "EENHEID", "de eenheid, bij een beheersmaatregel per eenheid"}, result,
                    {"note", "TEKST", "wat er is gezien"}, date, by_option()}},
       cmd_finding_add},
      {{.name = "findings import",
        .summary = "leg alle bevindingen van een bestand wkb.findings/1 vast in één transactie",
        .details = "Alle bevindingen worden opgeslagen, of geen enkele.",
        .arguments = {id, {"BESTAND", "de bevindingen (wkb.findings/1), of - voor standaardinvoer", false,
                           ValueKind::file}},
        .options = {by_option()}},
       cmd_findings_import},
      {{.name = "project evaluate",
        .summary = "het oordeel van het instrument over de opgeslagen bevindingen (opgeslagen als oordeel)",
        .arguments = {id},
        .options = {by_option()}},
       cmd_project_evaluate},
      {{.name = "project close",
        .summary = "de kwaliteitsborger sluit af: een verklaring, of een melding strijdigheid (zonder verklaring)",
        .details = "Een verklaring noemt plaats en eindverantwoordelijke (--place, --responsible; Bkl art. 3.86);\n"
                   "daarna doet de melder de gereedmelding (`wkb project complete`). Een melding strijdigheid sluit\n"
                   "af zonder verklaring; de onderdelen ervan zijn tijdens de bouw gemeld (`wkb melding`), of\n"
                   "--not-notified zegt waarom niet. Openstaande punten kan de kwaliteitsborger omzetten in een\n"
                   "melding met --notice en een schriftelijke verantwoording van de gedane inspanning (--effort).",
        .arguments = {id},
        .options = {{"notice", "", "sluit af met een melding strijdigheid"},
                    {"effort", "TEKST", "de inspanning om openstaande punten op te lossen (bij --notice)"},
                    {"place", "PLAATS", "waar de verklaring is opgesteld (bij een verklaring)"},
                    {"responsible", "NAAM", "de eindverantwoordelijke die de verklaring ondertekent: die van het borgingsplan "
                                                   "(naam of personeelsnummer; standaard), bij een project zonder toewijzing "
                                                   "een naam (anders --by)"},
                    {"licence", "NUMMER", "de licentie van de kwaliteitsborger voor het instrument"},
                    {"not-notified", "TEKST", "waarom onderdelen van de melding strijdigheid niet tijdens de bouw "
                                              "zijn gemeld"},
                    by_option()}},
       cmd_project_close},
      {{.name = "dossier",
        .summary = "schrijf het dossier voor het bevoegd gezag (JSON en Nederlandse HTML)",
        .details = "Na de afsluiting door de kwaliteitsborger: met de verklaring (en de gereedmelding zodra die er\n"
                   "is), of afgesloten zonder verklaring.",
        .arguments = {id},
        .options = {out_dir}},
       cmd_dossier},
  };
}

}  // namespace wkb::cli
