// instruments, assess, sample, plan, evaluate, run: a project through one
// instrument, without a store.
#include <boost/json.hpp>
#include <iostream>

#include "command.hpp"
#include "store_access.hpp"
#include "wkb/cmdline/failure.hpp"
#include "render_nl.hpp"
#include "wkb/host/discovery.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/staff.hpp"
#include "wkb/store/assessors.hpp"

namespace wkb::cli {
namespace {

namespace json = boost::json;

struct Loaded {
  std::unique_ptr<host::CheckedInstrument> instrument;
  Project project;
};

Loaded load(Context& ctx) {
  Loaded l;
  // Read the project first: a bad file is reported without loading any plugin.
  l.project = read_project_file(ctx.require("project"));
  ctx.check_independence(l.project, ctx.require("instrument"));
  l.instrument = ctx.load_instrument(ctx.require("instrument"));
  return l;
}

// What the host withheld from the plugin (an expired certificate) is part of
// the result a person reads; under --json it is on stderr (log warn), as the
// messages on stdout are the contract's.
void render_warnings(std::ostream& out, const host::CheckedInstrument& instrument) {
  for (const auto& w : instrument.warnings()) out << "Let op: " << w.message << "\n";
  if (!instrument.warnings().empty()) out << "\n";
}

int cmd_instruments(Context& ctx) {
  const auto found = host::discover_plugins(host::split_plugin_path(ctx.global().plugin_path));
  json::array list, problems;
  int shown = 0;
  for (const auto& d : found) {
    if (!d.ok) {
      problems.push_back(
          json::object{{"folder", d.folder.string()}, {"code", "unusable-folder"}, {"problem", d.problem}});
      if (!ctx.global().json) ctx.err() << "wkb: overgeslagen: " << d.problem << "\n";
      continue;
    }
    try {
      host::CheckedInstrument instrument(host::load_instrument(d.manifest, ctx.load_options()));
      const Description& desc = instrument.description();
      ++shown;
      if (ctx.global().json) {
        const auto& m = d.manifest;
        list.push_back(json::object{
            {"id", m.id},
            {"kind", m.kind},
            {"folder", m.folder.string()},
            {"manifest", json::object{{"id", m.id},
                                      {"name", m.name},
                                      {"version", m.version},
                                      {"sdk", m.sdk},
                                      {"kind", m.kind},
                                      {"entry", m.entry},
                                      {"provider", json::object{{"kvk", m.provider_kvk}, {"name", m.provider_name}}}}},
            {"describe", to_json(desc)}});
      } else {
        if (shown > 1) ctx.out() << "\n";
        render_instrument(ctx.out(), d.manifest, desc);
      }
    } catch (const host::Error& e) {
      problems.push_back(
          json::object{{"folder", d.folder.string()}, {"code", cmdline::rule_of(e)}, {"problem", e.what()}});
      if (!ctx.global().json) ctx.err() << "wkb: overgeslagen: " << d.folder.string() << ": " << e.what() << "\n";
    }
  }
  // No usable instrument is a failure a script must see: 4 when plugins
  // were found but none could be used (refused by --trust, broken), 3 when
  // the plugin path holds none at all.
  const int code = shown > 0 ? host::kExitOk : problems.empty() ? host::kExitInvalidInput : host::kExitPluginFailure;
  const std::size_t refused = problems.size();
  if (ctx.global().json) {
    print_json(ctx, json::object{{"instruments", std::move(list)}, {"problems", std::move(problems)}});
  } else if (shown == 0) {
    ctx.err() << "wkb: geen bruikbaar instrument op het pluginpad " << ctx.global().plugin_path;
    if (refused > 0) ctx.err() << " (" << plural_nl(refused, "map", "mappen") << " overgeslagen, zie hierboven)";
    ctx.err() << "; geef met --plugins of WKB_PLUGIN_PATH de map met de plugins\n";
  }
  return code;
}

int cmd_assess(Context& ctx) {
  Loaded l = load(ctx);
  const Assessment a = l.instrument->assess(l.project);
  if (ctx.global().json) {
    print_json(ctx, to_json(a));
  } else {
    render_header(ctx.out(), l.project, l.instrument->description());
    render_warnings(ctx.out(), *l.instrument);
    render_assessment(ctx.out(), a, l.instrument->description());
  }
  return host::kExitOk;
}

int cmd_sample(Context& ctx) {
  Loaded l = load(ctx);
  const Assessment a = l.instrument->assess(l.project);
  const Sample s = l.instrument->sample(l.project, a);
  if (ctx.global().json) {
    print_json(ctx, to_json(s));
  } else {
    render_header(ctx.out(), l.project, l.instrument->description());
    render_warnings(ctx.out(), *l.instrument);
    render_sample(ctx.out(), l.project, s);
  }
  return host::kExitOk;
}

int cmd_plan(Context& ctx) {
  Loaded l = load(ctx);
  const auto r = host::run_pipeline(*l.instrument, l.project);
  if (ctx.global().json) {
    print_json(ctx, to_json(r.plan));
  } else {
    render_header(ctx.out(), l.project, l.instrument->description());
    render_warnings(ctx.out(), *l.instrument);
    render_plan(ctx.out(), r.plan);
  }
  return host::kExitOk;
}

// Findings by qualified people, as the store checks them on import: with
// --staff, each assessed_by must be a person of that register who may assess
// the finding (rule `assessor`); without it, a warning that nobody checked.
void check_staff(Context& ctx, const Project& project, const Plan& plan, const Findings& findings,
                 const std::string& findings_file) {
  const auto file = ctx.get("staff");
  if (!file) {
    ctx.err() << "wkb: waarschuwing: de beoordelaars van de bevindingen zijn niet gecontroleerd; geef --staff "
                 "BESTAND (het personeelsregister, wkb.staff/1) om te toetsen wie een bevinding mag beoordelen\n";
    return;
  }
  const host::StaffRegister reg = host::parse_staff(host::read_text_file(*file), *file);
  Issues issues;
  store::check_assessors(findings.findings, plan, project.parties.assurer.kvk.value_or(""), reg.persons, issues);
  if (!issues.empty())
    throw ValidationError(findings_file + " (beoordelaars volgens personeelsregister " + *file + ")", issues.list());
}

int cmd_evaluate(Context& ctx) {
  const Project project = read_project_file(ctx.require("project"));
  const std::string plan_file = ctx.require("plan");
  const std::string findings_file = ctx.require("findings");
  const Plan plan = read_plan_file(plan_file);
  if (plan.project != project.id)
    throw host::InputError(plan_file + ": dit borgingsplan hoort bij project \"" + plan.project + "\", niet bij \"" +
                               project.id + "\"; geef het plan van dit project",
                           "plan-project-mismatch", plan_file);
  const Findings findings = read_findings_file(findings_file);
  ctx.check_independence(project, ctx.require("instrument"));
  auto instrument = ctx.load_instrument(ctx.require("instrument"));
  host::check_plan_file(*instrument, project, plan, plan_file);
  check_staff(ctx, project, plan, findings, findings_file);
  const Decision d = host::evaluate_findings(*instrument, project, plan, findings, findings_file);
  if (ctx.global().json) {
    print_json(ctx, to_json(d));
  } else {
    render_header(ctx.out(), project, instrument->description());
    render_warnings(ctx.out(), *instrument);
    render_decision(ctx.out(), d);
  }
  return host::kExitOk;
}

int cmd_run(Context& ctx) {
  Loaded l = load(ctx);
  std::optional<Findings> findings;
  const auto findings_file = ctx.get("findings");
  if (findings_file) findings = read_findings_file(*findings_file);
  const auto r = host::run_pipeline(*l.instrument, l.project);
  std::optional<Decision> decision;
  if (findings) check_staff(ctx, l.project, r.plan, *findings, *findings_file);
  if (findings) decision = host::evaluate_findings(*l.instrument, l.project, r.plan, *findings, *findings_file);
  if (ctx.global().json) {
    json::object o{{"instrument", json::object{{"id", l.instrument->description().id},
                                               {"version", l.instrument->description().version},
                                               {"kind", l.instrument->manifest().kind}}},
                   {"assessment", to_json(r.assessment)},
                   {"sample", to_json(r.sample)},
                   {"plan", to_json(r.plan)}};
    if (decision) o["decision"] = to_json(*decision);
    print_json(ctx, o);
  } else {
    const Description& d = l.instrument->description();
    render_header(ctx.out(), l.project, d);
    render_warnings(ctx.out(), *l.instrument);
    render_assessment(ctx.out(), r.assessment, d);
    render_sample(ctx.out(), l.project, r.sample);
    render_plan(ctx.out(), r.plan);
    if (decision) render_decision(ctx.out(), *decision);
  }
  return host::kExitOk;
}

}  // namespace

std::vector<Command> pipeline_commands() {
  const Option findings = cmdline::file_option("findings", "BESTAND", "de bevindingen, een JSON-bestand wkb.findings/1", true);
  Option required_findings = findings;
  required_findings.required = true;
  Option plan = cmdline::file_option("plan", "BESTAND", "het borgingsplan, een JSON-bestand wkb.plan/1 zoals "
                                                        "\"wkb plan --json\" het schreef");
  plan.required = true;
  const std::vector<Option> instrument_and_project = {instrument_option(), project_option(true)};
  const Option staff = cmdline::file_option(
      "staff", "BESTAND",
      "het personeelsregister (wkb.staff/1): weiger een bevinding waarvan de beoordelaar (assessed_by) niet "
      "bevoegd is; zonder deze optie alleen een waarschuwing");
  return {
      {{.name = "instruments",
        .summary = "de instrumenten op het pluginpad met hun verklaringen",
        .details = "Elke map met een plugin.json op het pluginpad wordt geladen en gevraagd zich te beschrijven.\n"
                   "Mappen die niet te gebruiken zijn, staan op stderr (bij --json onder \"problems\").\n"
                   "Exitcode 3 als het pad geen plugin bevat, 4 als geen enkele plugin te gebruiken is."},
       cmd_instruments},
      {{.name = "assess", .summary = "de risicobeoordeling van een project", .options = instrument_and_project},
       cmd_assess},
      {{.name = "sample",
        .summary = "de steekproef: welke eenheden als referentie worden gecontroleerd",
        .details = "De steekproef wordt getrokken met een seed die van het projectnummer is afgeleid: hetzelfde "
                   "project geeft dezelfde steekproef.",
        .options = instrument_and_project},
       cmd_sample},
      {{.name = "plan",
        .summary = "het borgingsplan: beheersmaatregelen en bijwoonmomenten met datums",
        .options = instrument_and_project},
       cmd_plan},
      {{.name = "evaluate",
        .summary = "het oordeel over bevindingen tegen een eerder gemaakt borgingsplan (verklaring of melding)",
        .details = "Het plan wordt beoordeeld zoals het was, na een controle dat het nog aan de regels van het\n"
                   "instrument voor dit project voldoet (een plan waaruit met de hand beheersmaatregelen zijn\n"
                   "verwijderd, wordt geweigerd, exitcode 3).\n"
                   "De uitkomst wordt getoond; de exitcode is 0 zodra er een oordeel is.",
        .options = {instrument_option(), project_option(true), plan, required_findings, staff}},
       cmd_evaluate},
      {{.name = "run",
        .summary = "alles: risicobeoordeling, steekproef, borgingsplan en, met bevindingen, het oordeel",
        .options = {instrument_option(), project_option(true), findings, staff}},
       cmd_run},
  };
}

}  // namespace wkb::cli
