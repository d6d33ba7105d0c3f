// The TloKB's commands: `project export --registrations` (what an assurer
// passes to its instrumentaanbieder and the provider to the TloKB), `chain`
// (the bouwmeldingen against the registrations) and `monitor` (outcomes and
// reasons). The data and the reports are wkb::reg (host/registrations);
// this file parses, reads the sources and prints. docs/tlokb.md.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>

#include "command.hpp"
#include "render_nl.hpp"
#include "store_access.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/registrations/chain.hpp"
#include "wkb/registrations/from_store.hpp"
#include "wkb/registrations/meldingen.hpp"
#include "wkb/registrations/monitor.hpp"
#include "wkb/registrations/report.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/clock.hpp"

namespace wkb::cli {
namespace {

std::string opt_date_nl(const std::optional<Date>& d) { return d ? date_nl(d->to_string()) : "–"; }

// The registrations of a report: the exported files given, and the store of
// --db when no file is given or when --db (or WKB_DB) names one.
std::vector<reg::Registration> read_sources(Context& ctx, reg::Sources& sources) {
  std::vector<reg::Registration> all;
  const auto files = ctx.all("registrations");
  for (const auto& f : files) {
    auto file = reg::read_registrations(host::read_text_file(f), f);
    for (auto& r : file.registrations) all.push_back(std::move(r));
    sources.registrations.push_back(f);
  }
  if (files.empty() || ctx.global().db) {
    auto st = open_store(ctx);
    for (auto& r : reg::registrations_of(*st)) all.push_back(std::move(r));
    sources.registrations.push_back(st->display());
  }
  return all;
}

void write_outputs(Context& ctx, const std::string& html, const std::string& csv) {
  if (auto f = ctx.get("html")) host::write_text_file_atomic(*f, html);
  if (auto f = ctx.get("csv")) host::write_text_file_atomic(*f, csv);
}

// ---- project export --------------------------------------------------------

int cmd_project_export(Context& ctx) {
  if (!ctx.flag("registrations"))
    throw host::UsageError("zeg wat er wordt uitgevoerd: --registrations (de registraties, wkb.registrations/1)",
                           "missing-option");
  auto st = open_store(ctx);
  reg::RegistrationsFile file;
  file.generated_at = store::now_utc();
  file.registrations = reg::registrations_of(*st);
  const std::string text = reg::write_registrations(file);
  if (auto out = ctx.get("out")) host::write_text_file_atomic(*out, text + "\n");
  if (ctx.global().json) {
    ctx.out() << text << "\n";
    return host::kExitOk;
  }
  if (file.registrations.empty()) {
    ctx.out() << "Geen projecten in " << st->display() << ".\n";
    return host::kExitOk;
  }
  Table t({"Project", "Instrument", "KvK kwaliteitsborger", "Adres", "BAG-id", "Bouwmelding", "Start",
           "Verklaring", "Melding strijdigheid", "Gereedmelding", "Status"});
  for (const auto& r : file.registrations)
    t.add({r.project_id, r.instrument, r.assurer_kvk, reg::address_nl(r), r.bag_id.value_or("–"),
           opt_date_nl(r.bouwmelding), opt_date_nl(r.start), opt_date_nl(r.verklaring),
           opt_date_nl(r.melding_strijdigheid), opt_date_nl(r.gereedmelding),
           std::string(store::label_nl(*store::parse_state(r.state)))});
  t.print(ctx.out());
  ctx.out() << plural_nl(static_cast<long long>(file.registrations.size()), "project", "projecten") << " uit "
            << st->display() << (ctx.get("out") ? "; bericht wkb.registrations/1 in " + *ctx.get("out") : "") << ".\n";
  return host::kExitOk;
}

// ---- chain -----------------------------------------------------------------

void warn_skipped(Context& ctx, const reg::Sources& s) {
  for (const auto& [file, p] : s.skipped) ctx.err() << "wkb: waarschuwing: regel overgeslagen: " << reg::located(file, p) << "\n";
}

int cmd_chain(Context& ctx) {
  reg::Sources sources;
  // The meldingen first: a bad file is refused before the store is opened.
  std::vector<reg::Melding> meldingen;
  for (const auto& f : ctx.all("meldingen")) {
    auto m = reg::read_meldingen(f, ctx.flag("skip-bad-rows"));
    for (auto& x : m.meldingen) meldingen.push_back(std::move(x));
    for (auto& p : m.skipped) sources.skipped.emplace_back(f, std::move(p));
    sources.meldingen.push_back(f);
  }
  const auto registrations = read_sources(ctx, sources);
  reg::ChainOptions options;
  options.today = ctx.get("date") ? *Date::parse(*ctx.get("date")) : store::today();
  if (auto w = ctx.get("weeks")) options.overdue_weeks = std::stoi(*w);
  const auto report = reg::reconcile(meldingen, registrations, options);
  write_outputs(ctx, reg::chain_html(report, sources), reg::chain_csv(report));
  if (ctx.global().json) {
    ctx.out() << reg::chain_json(report, sources) << "\n";
  } else {
    warn_skipped(ctx, sources);
    auto& out = ctx.out();
    out << "Keten op " << date_nl(report.today.to_string()) << ": "
        << plural_nl(static_cast<long long>(report.meldingen), "bouwmelding", "bouwmeldingen") << ", "
        << plural_nl(static_cast<long long>(report.registrations), "geregistreerd project", "geregistreerde projecten")
        << ", " << report.matched << " gekoppeld.\n";
    if (report.closed()) {
      out << "De keten is gesloten.\n";
    } else {
      Table summary({"Bevinding", "Aantal"});
      for (auto k : reg::kAllGapKinds) summary.add({reg::label_nl(k), std::to_string(report.count(k))});
      summary.print(out);
      out << "\n";
      Table t({"Bevinding", "Bouwmelding", "Project", "Adres", "Toelichting"});
      auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
        return s.empty() ? std::string("–") : s;
      };
      for (const auto& g : report.gaps) t.add({reg::label_nl(g.kind), join(g.meldingen), join(g.projects), g.address, g.detail});
      t.print(out);
      out << "De keten is niet gesloten: " << plural_nl(static_cast<long long>(report.gaps.size()), "bevinding", "bevindingen")
          << ".\n";
    }
  }
  return report.closed() ? host::kExitOk : host::kExitRejected;
}

// ---- monitor ---------------------------------------------------------------

void counts_table(std::ostream& out, const std::string& title, const std::string& first,
                  const std::vector<std::pair<std::string, reg::Counts>>& rows) {
  out << "\n" << title << "\n";
  Table t({first, "Bouwmeldingen", "Gereedmeldingen", "Verklaringen", "Meldingen strijdigheid", "Nog open"});
  for (const auto& [k, c] : rows)
    t.add({k, std::to_string(c.bouwmeldingen), std::to_string(c.gereedmeldingen), std::to_string(c.verklaringen),
           std::to_string(c.meldingen_strijdigheid), std::to_string(c.open)});
  t.print(out);
}

int cmd_monitor(Context& ctx) {
  reg::MonitorOptions options;
  if (auto f = ctx.get("from")) options.from = *Date::parse(*f);
  if (auto t = ctx.get("to")) options.to = *Date::parse(*t);
  if (options.from && options.to && *options.to < *options.from)
    throw host::UsageError("--to (" + *ctx.get("to") + ") ligt vóór --from (" + *ctx.get("from") +
                               "); geef een periode die niet eindigt voordat ze begint",
                           "bad-value");
  reg::Sources sources;
  const auto registrations = read_sources(ctx, sources);
  const auto m = reg::monitor(registrations, options);
  write_outputs(ctx, reg::monitor_html(m, sources), reg::monitor_csv(m));
  if (ctx.global().json) {
    ctx.out() << reg::monitor_json(m, sources) << "\n";
    return host::kExitOk;
  }
  auto& out = ctx.out();
  out << "Monitor bouwkwaliteit: " << plural_nl(m.projects, "project", "projecten");
  if (m.from || m.to)
    out << " (" << (m.from ? "van " + date_nl(m.from->to_string()) : "") << (m.from && m.to ? " " : "")
        << (m.to ? "tot en met " + date_nl(m.to->to_string()) : "") << ")";
  out << "\n\nUitkomsten\n";
  Table o({"Uitkomst", "Projecten"});
  for (const char* k : {"declaration", "non-compliance-notice", "open"}) {
    auto it = m.outcomes.find(k);
    o.add({reg::outcome_label_nl(k), std::to_string(it == m.outcomes.end() ? 0 : it->second)});
  }
  o.print(out);
  std::vector<std::pair<std::string, reg::Counts>> rows;
  for (const auto& [y, c] : m.per_year) rows.push_back({std::to_string(y), c});
  counts_table(out, "Per jaar", "Jaar", rows);
  rows.clear();
  for (const auto& [i, c] : m.per_instrument) rows.push_back({i, c});
  counts_table(out, "Per instrument", "Instrument", rows);
  rows.clear();
  for (const auto& [k, c] : m.per_assurer) {
    auto it = m.assurer_names.find(k);
    rows.push_back({(it == m.assurer_names.end() ? std::string() : it->second + " ") + "(KvK " + k + ")", c});
  }
  counts_table(out, "Per kwaliteitsborger", "Kwaliteitsborger", rows);
  out << "\nRedenen waarom geen verklaring is afgegeven ("
      << plural_nl(m.projects_without_verklaring, "project", "projecten") << " met een melding strijdigheid)\n";
  std::vector<std::pair<std::string, int>> reasons(m.reasons_by_topic.begin(), m.reasons_by_topic.end());
  std::stable_sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  Table r({"Onderwerp", "Projecten"});
  for (const auto& [t, n] : reasons) r.add({topic_label_nl(t), std::to_string(n)});
  if (reasons.empty()) out << "  geen\n"; else r.print(out);
  out << "\nBijwoonmomenten per project (" << plural_nl(m.inspection_projects, "project", "projecten")
      << " met een bouwmelding): gepland gemiddeld " << number_nl(std::round(m.inspections_planned_mean * 10) / 10)
      << ", vastgelegd gemiddeld " << number_nl(std::round(m.inspections_recorded_mean * 10) / 10) << "\n";
  Table d({"Aantal", "Projecten (gepland)", "Projecten (vastgelegd)"});
  std::map<int, std::pair<int, int>> dist;
  for (const auto& [k, n] : m.inspections_planned_distribution) dist[k].first = n;
  for (const auto& [k, n] : m.inspections_recorded_distribution) dist[k].second = n;
  for (const auto& [k, p] : dist) d.add({std::to_string(k), std::to_string(p.first), std::to_string(p.second)});
  d.print(out);
  out << "\nBevindingen per onderwerp (laatste resultaat per onderdeel)\n";
  Table f({"Onderwerp", "Bevindingen", "Open", "Hersteld", "Onherstelbaar"});
  for (const auto& [t, results] : m.findings_by_topic) {
    int total = 0;
    for (const auto& [res, n] : results) total += n;
    auto share = [&](const char* key) {
      auto it = results.find(key);
      const int n = it == results.end() ? 0 : it->second;
      return std::to_string(n) + " (" + percent_nl(total ? std::round(1000.0 * n / total) / 1000.0 : 0.0) + ")";
    };
    f.add({topic_label_nl(t), std::to_string(total), share("open"), share("repaired"), share("unrepairable")});
  }
  if (m.findings_by_topic.empty()) out << "  geen\n"; else f.print(out);
  return host::kExitOk;
}

Option registrations_files() {
  Option o = cmdline::file_option("registrations", "BESTAND",
                                  "geëxporteerde registraties (wkb.registrations/1, \"wkb project export "
                                  "--registrations --json\"); mag vaker, bijvoorbeeld één per instrumentaanbieder");
  o.repeatable = true;
  return o;
}

Option out_option(const char* name, const char* help) {
  Option o = cmdline::typed_option(name, "BESTAND", help, ValueKind::out_file);
  return o;
}

}  // namespace

std::vector<Command> tlokb_commands() {
  Option meldingen = cmdline::file_option("meldingen", "BESTAND",
                                          "de bouwmeldingen als CSV (puntkomma's, UTF-8) met de kolommen melding_id, "
                                          "datum, bag_id, postcode, huisnummer, huisletter, huisnummertoevoeging, "
                                          "gemeente, kvk_kwaliteitsborger en instrument; mag vaker");
  meldingen.required = true;
  meldingen.repeatable = true;
  Option date = cmdline::typed_option("date", "DATUM", "de peildatum (standaard vandaag)", ValueKind::date);
  Option from = cmdline::typed_option("from", "DATUM", "het begin van de periode (inclusief)", ValueKind::date);
  Option to = cmdline::typed_option("to", "DATUM", "het einde van de periode (inclusief)", ValueKind::date);
  const std::string sources_note =
      "Registraties komen uit de bestanden van --registrations, en uit de projectopslag (--db) als er geen\n"
      "bestand is gegeven of als --db of WKB_DB een opslag noemt.";
  return {
      {{.name = "project export",
        .summary = "de registraties voor instrumentaanbieder en TloKB (wkb.registrations/1)",
        .details = "Per project: id, instrument, KvK-nummer van de kwaliteitsborger, adres met BAG-id, de datums van\n"
                   "bouwmelding, start, verklaring of melding strijdigheid en gereedmelding, en de status.\n"
                   "--json geeft het bericht op standaarduitvoer, --out schrijft het naar een bestand.",
        .options = {{"registrations", "", "voer de registraties uit (wkb.registrations/1)"},
                    out_option("out", "schrijf het bericht wkb.registrations/1 hierheen")}},
       cmd_project_export},
      {{.name = "chain",
        .summary = "sluit de informatieketen: bouwmeldingen tegen geregistreerde projecten",
        .details = "Koppelt op BAG-id waar beide er een hebben, anders op postcode, huisnummer, huisletter en\n"
                   "toevoeging. Meldt bouwmeldingen zonder project, projecten zonder bouwmelding, dubbele\n"
                   "meldingen en registraties, projecten die niet zijn afgesloten en een andere kwaliteitsborger of\n"
                   "ander instrument.\n" +
                   sources_note + "\nExitcode 0 als de keten gesloten is, 1 als er iets is gevonden.",
        .options = {meldingen, registrations_files(),
                    cmdline::number_option("weeks", "N",
                                           "weken na de laatste geplande fase waarna een project zonder verklaring of "
                                           "melding strijdigheid wordt gemeld (standaard 8)",
                                           0, 520),
                    date, {"skip-bad-rows", "", "sla foute regels van het meldingenbestand over (en meld ze)"},
                    out_option("html", "schrijf het rapport als HTML hierheen"),
                    out_option("csv", "schrijf de bevindingen als CSV hierheen")}},
       cmd_chain},
      {{.name = "monitor",
        .summary = "monitor bouwkwaliteit: uitkomsten, redenen zonder verklaring, bijwoonmomenten, bevindingen",
        .details = "Aantallen bouwmeldingen, gereedmeldingen, verklaringen, meldingen strijdigheid en open projecten\n"
                   "per jaar, instrument en kwaliteitsborger; de redenen waarom geen verklaring is afgegeven, per\n"
                   "onderwerp; bijwoonmomenten per project; de afloop van bevindingen per onderwerp.\n" +
                   sources_note,
        .options = {from, to, registrations_files(), out_option("html", "schrijf het rapport als HTML hierheen"),
                    out_option("csv", "schrijf de cijfers als CSV hierheen")}},
       cmd_monitor},
  };
}

}  // namespace wkb::cli
