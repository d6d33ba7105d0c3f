// wkb: the assurer's command line. Parses the command line, runs one command,
// and turns every error into one clear message (or one JSON problem object
// under --json) and an exit code.
#include <iostream>

#include "program.hpp"
#include "wkb/cmdline/documents.hpp"
#include "wkb/cmdline/failure.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"
#include "wkb/host/trust.hpp"

int main(int argc, char** argv) {
  using namespace wkb;
  std::ios::sync_with_stdio(false);
  bool json = cmdline::wants_json(argc, argv);
  try {
    const cmdline::ProgramSpec& spec = cli::program();
    cmdline::ParsedLine line = cmdline::parse(spec, argc, argv);
    switch (line.builtin) {
      case cmdline::Builtin::help: cmdline::print_help(std::cout, spec, line.help_topic); return host::kExitOk;
      case cmdline::Builtin::version: std::cout << "wkb " << cli::version_string() << "\n"; return host::kExitOk;
      case cmdline::Builtin::man_page: cmdline::print_man_page(std::cout, spec); return host::kExitOk;
      case cmdline::Builtin::completion: cmdline::print_bash_completion(std::cout, spec); return host::kExitOk;
      case cmdline::Builtin::none: break;
    }
    cli::GlobalOptions global = cli::global_options(line);
    json = global.json;
    host::log::set_level(global.log_level);  // the parser has checked the level
    // A production-mode key that cannot be read must stop the run, not make
    // every plugin look untrusted.
    if (global.trust) host::read_public_key_file(*global.trust);
    const cli::Command& command = cli::all_commands().at(*line.command);
    cli::Context ctx(std::move(global), std::move(line.options), std::move(line.arguments), std::cout, std::cerr);
    const int code = command.run(ctx);
    std::cout.flush();
    return code;
  } catch (...) {
    std::cout.flush();
    return cmdline::report_current_exception("wkb", json, std::cout, std::cerr);
  }
}
