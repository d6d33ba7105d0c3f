#include "program.hpp"

#include <cstdlib>

#include "wkb/host/discovery.hpp"

namespace wkb::cli {
namespace {

constexpr long long kDayMs = 24LL * 3600 * 1000;

std::vector<Option> wkb_global_options() {
  Option plugins = cmdline::typed_option(
      "plugins", "MAPPEN",
      "het pluginpad: mappen gescheiden door ':' (standaard $WKB_PLUGIN_PATH, anders de plugins naast dit "
      "programma)",
      ValueKind::path);
  Option db{"db", "URL",
            "de projectopslag: sqlite:PAD of postgresql://... (standaard $WKB_DB, anders sqlite:wkb.db)"};
  Option trust = cmdline::file_option(
      "trust", "SLEUTEL", "productiemodus: laad alleen plugins met een certificaat dat met deze publieke sleutel is "
                          "ondertekend");
  Option reg = cmdline::file_option(
      "register", "BESTAND",
      "het onafhankelijkheidsregister (wkb.register/1): weiger een project waarvan de kwaliteitsborger geen "
      "erkenning heeft of niet onafhankelijk is (standaard $WKB_REGISTER)");
  return {
      plugins,
      {"json", "", "machineleesbare JSON op standaarduitvoer in plaats van Nederlandse tabellen; een fout is dan één "
                   "JSON-object"},
      cmdline::choice_option("log-level", "NIVEAU", "hoeveel er gelogd wordt (standaard warn); logs gaan naar stderr",
                             {"trace", "debug", "info", "warn", "error", "off"}),
      db,
      trust,
      reg,
      cmdline::number_option("lua-instructions", "N", "Lua-instrumenten: instructiebudget per aanroep "
                                                      "(standaard 200000000)", 1, 1LL << 50),
      cmdline::number_option("lua-memory", "MIB", "Lua-instrumenten: geheugengrens per plugin in MiB (standaard 64)", 1,
                             64 * 1024),
      cmdline::number_option("plugin-deadline", "MS",
                             "tijdslimiet per pluginaanroep in milliseconden, native en Lua (standaard 10000); daarna "
                             "wordt het pluginproces gestopt",
                             1, kDayMs),
      cmdline::number_option("lua-deadline", "MS",
                             "Lua-instrumenten: tijdslimiet van de Lua-sandbox per aanroep in milliseconden "
                             "(standaard: --plugin-deadline)",
                             1, kDayMs),
      {"in-process", "",
       "voer plugins uit binnen wkb in plaats van in een afgeschermd pluginproces (alleen voor metingen en volledig "
       "vertrouwde opstellingen: een crash of hang van de plugin is dan die van wkb)"},
  };
}

std::vector<Command> collect_commands() {
  std::vector<Command> commands = pipeline_commands();
  for (auto& c : store_commands()) commands.push_back(std::move(c));
  for (auto& c : audit_commands()) commands.push_back(std::move(c));
  for (auto& c : lifecycle_commands()) commands.push_back(std::move(c));
  for (auto& c : tlokb_commands()) commands.push_back(std::move(c));
  for (auto& c : compare_commands()) commands.push_back(std::move(c));
  for (auto& c : staff_commands()) commands.push_back(std::move(c));
  // Further areas append their tables here.
  return commands;
}

cmdline::ProgramSpec make_program() {
  cmdline::ProgramSpec p;
  p.name = "wkb";
  p.version = version_string();
  p.summary = "voer een instrument voor kwaliteitsborging (Wkb) uit op een bouwproject";
  p.description =
      "wkb is het gereedschap van de kwaliteitsborger: een project door een toegelaten instrument halen "
      "(risicobeoordeling, steekproef, borgingsplan, oordeel over de bevindingen) en het project van bouwmelding tot "
      "gereedmelding bijhouden in een projectopslag met een audittrail. Tabellen zijn Nederlands; --json geeft de "
      "berichten van het contract.";
  p.global_options = wkb_global_options();
  for (const auto& c : all_commands()) p.commands.push_back(c.spec);
  p.exit_codes = {
      {0, "gelukt (er is een oordeel gegeven, wat de uitkomst ook is)"},
      {1, "afgewezen of negatief oordeel, bij opdrachten die er een geven (audit verify, audit replay), en chain als "
          "de keten niet gesloten is"},
      {2, "de opdrachtregel klopt niet: onbekende opdracht of optie, ontbrekende of ongeldige waarde, dubbele optie, "
          "onbekend instrument"},
      {3, "ongeldige invoer: een bestand dat niet te lezen is, niet goed gevormd is of een regel overtreedt, of een "
          "opgeslagen toestand die de opdracht niet toelaat"},
      {4, "fout in de plugin: niet te laden, meldde een fout, gaf een antwoord in strijd met het contract, liep vast "
          "of crashte"},
      {5, "de projectopslag is bezet: een ander wkb-proces schreef langer dan de wachttijd (WKB_LOCK_TIMEOUT); er "
          "is niets geschreven, probeer het opnieuw"},
  };
  p.environment = {
      {"WKB_DB", "de projectopslag als --db niet is gegeven"},
      {"WKB_USER", "wie de opdracht uitvoert als --by niet is gegeven (vastgelegd in de audittrail)"},
      {"WKB_PLUGIN_PATH", "het pluginpad als --plugins niet is gegeven"},
      {"WKB_REGISTER", "het onafhankelijkheidsregister als --register niet is gegeven"},
      {"WKB_PLUGIN_HOST", "een ander programma dan wkb-plugin-host voor het pluginproces"},
      {"WKB_LOCK_TIMEOUT", "hoeveel seconden een schrijvende opdracht op de opslag wacht (standaard 10)"},
      {"WKB_NOW", "een vaste klok (ISO 8601), alleen samen met WKB_ALLOW_FIXED_CLOCK=1: voor tests en de demo"},
  };
  p.see_also = "wkb-admission(1); docs/cli.md en docs/store.md in de broncode van wkbhost";
  return p;
}

std::optional<long long> number(const cmdline::ParsedLine& line, const std::string& name) {
  // The parser has checked the range.
  if (auto v = line.get(name)) return std::stoll(*v);
  return std::nullopt;
}

}  // namespace

std::string version_string() { return "0.1.0 (contract v1, ABI 1)"; }

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = collect_commands();
  return commands;
}

const cmdline::ProgramSpec& program() {
  static const cmdline::ProgramSpec spec = make_program();
  return spec;
}

GlobalOptions global_options(const cmdline::ParsedLine& line) {
  GlobalOptions g;
  g.json = line.flag("json");
  g.in_process = line.flag("in-process");
  if (auto v = line.get("log-level")) g.log_level = *v;
  g.plugin_path = line.get("plugins").value_or(host::default_plugin_path());
  g.db = line.get("db");
  g.trust = line.get("trust");
  g.register_file = line.get("register");
  g.lua_instructions = number(line, "lua-instructions");
  g.lua_memory_mib = number(line, "lua-memory");
  g.lua_deadline_ms = number(line, "lua-deadline");
  g.plugin_deadline_ms = number(line, "plugin-deadline");
  if (!g.db)
    if (const char* env = std::getenv("WKB_DB"); env && *env) g.db = env;
  if (!g.register_file)
    if (const char* env = std::getenv("WKB_REGISTER"); env && *env) g.register_file = env;
  return g;
}

Option instrument_option() {
  Option o{"instrument", "ID", "het instrument (zie \"wkb instruments\")"};
  o.required = true;
  return o;
}

Option project_option(bool required) {
  Option o = cmdline::file_option("project", "BESTAND", "het project, een JSON-bestand wkb.project/1", true);
  o.required = required;
  return o;
}

Option by_option() {
  return {"by", "NAAM", "wie dit doet, vastgelegd in de audittrail (standaard $WKB_USER)"};
}

}  // namespace wkb::cli
