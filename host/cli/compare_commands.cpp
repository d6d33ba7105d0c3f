// `wkb compare --project FILE`: every instrument on the plugin path run on the
// same project side by side, for a private client (docs/tlokb.md#vergelijken).
// Each instrument goes through the same pipeline as `wkb plan` (isolated,
// every answer checked); one that refuses the project, is not admitted under
// --trust or cannot be loaded is listed with its reason. Nothing is ranked.
#include <algorithm>
#include <iostream>

#include "command.hpp"
#include "render_nl.hpp"
#include "store_access.hpp"
#include "wkb/cmdline/failure.hpp"
#include "wkb/host/discovery.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/registrations/compare.hpp"
#include "wkb/registrations/report.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::cli {
namespace {

reg::InstrumentView run_one(Context& ctx, const host::DiscoveredPlugin& d, const Project& project) {
  const std::string id = d.ok ? d.manifest.id : d.folder.string();
  if (!d.ok) return reg::refused_view(nullptr, id, "unusable-folder", d.problem, project);
  std::unique_ptr<host::CheckedInstrument> instrument;
  try {
    instrument = std::make_unique<host::CheckedInstrument>(host::load_instrument(d.manifest, ctx.load_options()));
  } catch (const host::PluginFailure& e) {
    // Under --trust an instrument without a valid certificate is not admitted.
    return reg::refused_view(nullptr, id, e.code() == "untrusted" ? "not-admitted" : cmdline::rule_of(e), e.what(),
                             project);
  } catch (const host::UsageError&) {
    throw;  // an unreadable --trust key is the command line's problem, for every instrument
  } catch (const host::Error& e) {
    return reg::refused_view(nullptr, id, cmdline::rule_of(e), e.what(), project);
  }
  const Description& desc = instrument->description();
  if (std::find(desc.building_types.begin(), desc.building_types.end(), project.building.type) ==
      desc.building_types.end())
    return reg::refused_view(&desc, id, "building-type-not-covered",
                             "dit instrument is niet bedoeld voor een " + label_nl(project.building.type), project);
  try {
    ctx.check_independence(project, id);
    const auto r = host::run_pipeline(*instrument, project);
    auto v = reg::view_of(desc, project, r.assessment, r.sample, r.plan);
    v.kind = d.manifest.kind;
    v.folder = d.folder.string();
    return v;
  } catch (const host::PluginFailure& e) {
    return reg::refused_view(&desc, id, e.code().empty() ? "plugin-failure" : e.code(), e.detail(), project);
  } catch (const host::Error& e) {
    return reg::refused_view(&desc, id, cmdline::rule_of(e), e.what(), project);
  } catch (const ValidationError& e) {
    return reg::refused_view(&desc, id, e.issues().empty() ? "invalid-input" : e.issues().front().rule, e.what(),
                             project);
  }
}

int cmd_compare(Context& ctx) {
  reg::Comparison c;
  c.project = read_project_file(ctx.require("project"));
  for (const auto& d : host::discover_plugins(host::split_plugin_path(ctx.global().plugin_path)))
    c.instruments.push_back(run_one(ctx, d, c.project));
  if (c.instruments.empty())
    throw host::InputError("het pluginpad " + ctx.global().plugin_path +
                               " bevat geen instrument; geef met --plugins of WKB_PLUGIN_PATH de map met de plugins",
                           "no-plugins");
  if (auto f = ctx.get("html")) host::write_text_file_atomic(*f, reg::compare_html(c));
  if (ctx.global().json) {
    ctx.out() << reg::compare_json(c) << "\n";
    return host::kExitOk;
  }
  auto& out = ctx.out();
  out << "Project " << c.project.id << ": " << c.project.name << " (" << plural_nl(c.project.building.units, "eenheid", "eenheden")
      << ", " << label_nl(c.project.building.type) << ")\n"
      << "Wat elk instrument met dit project doet; geen rangorde en geen prijzen.\n\n";
  std::vector<std::string> header{"Onderdeel"};
  std::vector<const reg::InstrumentView*> ran;
  for (const auto& v : c.instruments)
    if (!v.refused) {
      ran.push_back(&v);
      header.push_back(v.id);
    }
  if (!ran.empty()) {
    Table t(header);
    auto row = [&](const std::string& label, auto value) {
      std::vector<std::string> cells{label};
      for (const auto* v : ran) cells.push_back(value(*v));
      t.add(cells);
    };
    row("Risico's", [](const reg::InstrumentView& v) { return std::to_string(v.risks); });
    for (const auto& band : reg::kScoreBands)
      row(std::string("  score ") + band.label, [&](const reg::InstrumentView& v) { return std::to_string(v.risks_by_band.at(band.key)); });
    row("Beheersmaatregelen", [](const reg::InstrumentView& v) { return std::to_string(v.controls); });
    for (auto m : {ControlMethod::document_review, ControlMethod::site_inspection, ControlMethod::contractor_evidence,
                   ControlMethod::certificate_check, ControlMethod::measurement})
      row("  " + label_nl(m), [m](const reg::InstrumentView& v) {
        auto it = v.controls_by_method.find(std::string(to_string(m)));
        return std::to_string(it == v.controls_by_method.end() ? 0 : it->second);
      });
    row("Bijwoonmomenten", [](const reg::InstrumentView& v) { return std::to_string(v.inspections.size()); });
    row("  eerste", [](const reg::InstrumentView& v) {
      return v.inspections.empty() ? std::string("–") : date_nl(v.inspections.front().date.to_string());
    });
    row("  laatste", [](const reg::InstrumentView& v) {
      return v.inspections.empty() ? std::string("–") : date_nl(v.inspections.back().date.to_string());
    });
    row("Referentie-eenheden", [](const reg::InstrumentView& v) { return std::to_string(v.reference_units.size()); });
    row("Rollen met eisen", [](const reg::InstrumentView& v) { return std::to_string(v.description.competence.size()); });
    t.print(out);
  }
  for (const auto& v : c.instruments) {
    out << "\n" << (v.name.empty() ? v.id : v.name + " (" + v.id + " " + v.version + ")") << "\n";
    if (v.refused) out << "  niet toegepast: " << v.refusal << "\n";
    if (!v.description.id.empty())
      for (const auto& s : reg::declarations_nl(v.description)) out << "  - " << s << "\n";
  }
  return host::kExitOk;
}

}  // namespace

std::vector<Command> compare_commands() {
  Option html =
      cmdline::typed_option("html", "BESTAND", "schrijf de vergelijking als HTML hierheen", ValueKind::out_file);
  return {
      {{.name = "compare",
        .summary = "alle instrumenten op het pluginpad naast elkaar op één project, voor een particuliere opdrachtgever",
        .details = "Elk instrument doorloopt risicobeoordeling, steekproef en borgingsplan zoals bij \"wkb plan\".\n"
                   "Getoond: of het instrument het gebouwtype dekt, risico's per scoreband, beheersmaatregelen per\n"
                   "methode, bijwoonmomenten met datums, referentie-eenheden, de eisen aan personen en wat het\n"
                   "instrument verklaart. Instrumenten die het project weigeren (of onder --trust niet zijn\n"
                   "toegelaten) staan er met hun reden bij. Er wordt niet gerangschikt en niet naar prijs gekeken.",
        .options = {project_option(true), html}},
       cmd_compare},
  };
}

}  // namespace wkb::cli
