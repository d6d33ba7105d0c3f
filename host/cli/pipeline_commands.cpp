// instruments, assess, sample, plan, evaluate, run: a project through one
// instrument, without a store.
#include <boost/json.hpp>
#include <iostream>

#include "command.hpp"
#include "render_nl.hpp"
#include "wkb/host/discovery.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::cli {
namespace {

namespace json = boost::json;

const Option kInstrument{"instrument", "ID", "the instrument to use (see `wkb instruments`)"};
const Option kProject{"project", "FILE", "the project, a wkb.project/1 JSON file"};

void print_json(Context& ctx, const json::value& v) { ctx.out() << serialize_canonical(v) << "\n"; }

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

int cmd_instruments(Context& ctx) {
  const auto found = host::discover_plugins(host::split_plugin_path(ctx.global().plugin_path));
  json::array list, problems;
  int shown = 0;
  for (const auto& d : found) {
    if (!d.ok) {
      problems.push_back(json::object{{"folder", d.folder.string()}, {"problem", d.problem}});
      if (!ctx.global().json) ctx.err() << "wkb: skipped " << d.problem << "\n";
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
      problems.push_back(json::object{{"folder", d.folder.string()}, {"problem", e.what()}});
      if (!ctx.global().json) ctx.err() << "wkb: skipped " << d.folder.string() << ": " << e.what() << "\n";
    }
  }
  if (ctx.global().json) {
    print_json(ctx, json::object{{"instruments", std::move(list)}, {"problems", std::move(problems)}});
  } else if (shown == 0) {
    ctx.out() << "Geen instrumenten gevonden op het pluginpad: " << ctx.global().plugin_path << "\n";
  }
  return host::kExitOk;
}

int cmd_assess(Context& ctx) {
  Loaded l = load(ctx);
  const Assessment a = l.instrument->assess(l.project);
  if (ctx.global().json) {
    print_json(ctx, to_json(a));
  } else {
    render_header(ctx.out(), l.project, l.instrument->description());
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
    render_plan(ctx.out(), r.plan);
  }
  return host::kExitOk;
}

int cmd_evaluate(Context& ctx) {
  const Project project = read_project_file(ctx.require("project"));
  const std::string plan_file = ctx.require("plan");
  const std::string findings_file = ctx.require("findings");
  const Plan plan = read_plan_file(plan_file);
  if (plan.project != project.id)
    throw host::InputError(plan_file + ": this plan is for project \"" + plan.project + "\", not \"" + project.id +
                           "\"");
  const Findings findings = read_findings_file(findings_file);
  ctx.check_independence(project, ctx.require("instrument"));
  auto instrument = ctx.load_instrument(ctx.require("instrument"));
  host::check_plan_file(*instrument, project, plan, plan_file);
  const Decision d = host::evaluate_findings(*instrument, project, plan, findings, findings_file);
  if (ctx.global().json) {
    print_json(ctx, to_json(d));
  } else {
    render_header(ctx.out(), project, instrument->description());
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
    render_assessment(ctx.out(), r.assessment, d);
    render_sample(ctx.out(), l.project, r.sample);
    render_plan(ctx.out(), r.plan);
    if (decision) render_decision(ctx.out(), *decision);
  }
  return host::kExitOk;
}

}  // namespace

std::vector<Command> pipeline_commands() {
  return {
      {"instruments", "", "list the instruments on the plugin path with their declarations",
       "Every folder with a plugin.json on the plugin path is loaded and asked to describe itself.\n"
       "Folders that cannot be used are reported on stderr (in --json: under \"problems\").",
       {}, cmd_instruments},
      {"assess", "--instrument ID --project FILE", "make the risk assessment (risicobeoordeling) of a project",
       "", {kInstrument, kProject}, cmd_assess},
      {"sample", "--instrument ID --project FILE", "draw the reference units (steekproef) of a project",
       "The sample is drawn with a seed derived from the project id: the same project gives the same sample.",
       {kInstrument, kProject}, cmd_sample},
      {"plan", "--instrument ID --project FILE",
       "make the borgingsplan: controls and bijwoonmomenten with dates", "", {kInstrument, kProject}, cmd_plan},
      {"evaluate", "--instrument ID --project FILE --plan FILE --findings FILE",
       "decide on findings against a plan made earlier (verklaring or melding)",
       "The plan file is a wkb.plan/1 message as `wkb plan --json` wrote it; it is judged as it was,\n"
       "after a check that it still meets the instrument's rules for this project (a plan with\n"
       "controls removed by hand is refused, exit 3).\n"
       "The outcome is printed; the exit code is 0 whenever a decision was made.",
       {kInstrument, kProject, {"plan", "FILE", "the plan, a wkb.plan/1 JSON file"},
        {"findings", "FILE", "the findings, a wkb.findings/1 JSON file"}},
       cmd_evaluate},
      {"run", "--instrument ID --project FILE [--findings FILE]",
       "the whole pipeline: assessment, sample, plan and, with findings, the decision", "",
       {kInstrument, kProject, {"findings", "FILE", "findings to decide on (wkb.findings/1)"}}, cmd_run},
  };
}

}  // namespace wkb::cli
