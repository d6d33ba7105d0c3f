// wkb-admission: the TloKB's conformance suite for instruments (issue #5).
// Usage: wkb-admission --help. The command line is declared as data
// (wkb::cmdline), like wkb's, so help, man page, completion and errors are
// generated the same way.
#include <iostream>

#include "cli.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/cmdline/documents.hpp"
#include "wkb/cmdline/failure.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"

namespace {

using namespace wkb;

const std::vector<admission::cli::Command>& commands() {
  static const std::vector<admission::cli::Command> all = [] {
    auto list = admission::cli::run_commands();
    for (auto& c : admission::cli::key_commands()) list.push_back(std::move(c));
    return list;
  }();
  return all;
}

const cmdline::ProgramSpec& program() {
  static const cmdline::ProgramSpec spec = [] {
    cmdline::ProgramSpec p;
    p.name = "wkb-admission";
    p.version = std::string(admission::kSuiteVersion);
    p.summary = "conformiteitstoets van de TloKB voor instrumenten voor kwaliteitsborging";
    p.description =
        "wkb-admission toetst een instrument (een plugin-map, native of Lua) tegen de toetsencatalogus, elke toets "
        "in een eigen proces en de plugin in een afgeschermd pluginproces. De laatste regel van run is altijd het "
        "oordeel: TOEGELATEN of NIET TOEGELATEN, met aantallen. Een toegelaten rapport kan worden ondertekend als "
        "certificaat dat de bestanden van het instrument vastlegt.";
    p.global_options = {
        {"json", "", "machineleesbare JSON op standaarduitvoer (bij run: de samenvatting van het rapport); een fout "
                     "is dan één JSON-object"},
        cmdline::choice_option("log-level", "NIVEAU", "hoeveel er gelogd wordt (standaard warn); logs gaan naar stderr",
                               {"trace", "debug", "info", "warn", "error", "off"}),
    };
    for (const auto& c : commands()) p.commands.push_back(c.spec);
    p.exit_codes = {
        {0, "toegelaten, of geldig (verify), of gelukt"},
        {1, "niet toegelaten, geweigerd of ongeldig"},
        {2, "de opdrachtregel klopt niet, een invoer van de toets is onbruikbaar (beleid, register, corpus, een "
            "map voor de rapporten die niet te schrijven is) of de toetsomgeving faalde"},
    };
    p.see_also = "wkb(1); docs/admission/README.md in de broncode van wkbhost";
    return p;
  }();
  return spec;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = cmdline::wants_json(argc, argv);
  try {
    const cmdline::ProgramSpec& spec = program();
    const cmdline::ParsedLine line = cmdline::parse(spec, argc, argv);
    switch (line.builtin) {
      case cmdline::Builtin::help: cmdline::print_help(std::cout, spec, line.help_topic); return 0;
      case cmdline::Builtin::version:
        std::cout << "wkb-admission " << admission::kSuiteVersion << "\n";
        return 0;
      case cmdline::Builtin::man_page: cmdline::print_man_page(std::cout, spec); return 0;
      case cmdline::Builtin::completion: cmdline::print_bash_completion(std::cout, spec); return 0;
      case cmdline::Builtin::none: break;
    }
    json = line.flag("json");
    if (auto level = line.get("log-level")) host::log::set_level(*level);
    const admission::cli::Call call{line, json, std::cout, std::cerr, argv[0]};
    const int code = commands().at(*line.command).run(call);
    std::cout.flush();
    return code;
  } catch (...) {
    std::cout.flush();
    // This tool's exit codes: 0, 1 (rejected / refused / invalid), 2 (usage
    // or harness); wkb's finer codes (3, 4) are all "cannot do it" here.
    return cmdline::report_current_exception("wkb-admission", json, std::cout, std::cerr,
                                             [](int code) { return code == host::kExitRejected ? 1 : 2; });
  }
}
