// wkb: the assurer's command line. Parses the command line, runs one command,
// and turns every error into one clear message and an exit code.
#include <cstring>
#include <iostream>
#include <new>

#include "args.hpp"
#include "command.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"
#include "wkb/host/trust.hpp"

namespace {

std::vector<wkb::cli::Command> all_commands() {
  std::vector<wkb::cli::Command> commands = wkb::cli::pipeline_commands();
  for (auto& c : wkb::cli::store_commands()) commands.push_back(std::move(c));
  // Further areas append their tables here.
  return commands;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace wkb;
  using namespace wkb::host;
  std::ios::sync_with_stdio(false);
  const auto commands = all_commands();
  try {
    cli::Invocation inv = cli::parse_command_line(argc, argv, commands);
    if (inv.help) {
      cli::print_help(std::cout, commands, inv.command);
      return kExitOk;
    }
    if (inv.version) {
      std::cout << "wkb " << cli::version_string() << "\n";
      return kExitOk;
    }
    if (!log::set_level(inv.global.log_level))
      throw UsageError("unknown --log-level \"" + inv.global.log_level +
                       "\"; use trace, debug, info, warn, error or off");
    // A production-mode key that cannot be read must stop the run, not make
    // every plugin look untrusted.
    if (inv.global.trust) host::read_public_key_file(*inv.global.trust);
    cli::Context ctx(inv.global, std::move(inv.options), std::move(inv.positional), std::cout, std::cerr);
    const int code = inv.command->run(ctx);
    std::cout.flush();
    return code;
  } catch (const UsageError& e) {
    std::cerr << "wkb: " << e.what() << "\n(see `wkb --help` or `wkb COMMAND --help`)\n";
    return kExitUsage;
  } catch (const Error& e) {
    std::cerr << "wkb: " << e.what() << "\n";
    return e.exit_code();
  } catch (const ValidationError& e) {
    std::cerr << "wkb: " << e.what() << "\n";
    return kExitInvalidInput;
  } catch (const SyntaxError& e) {
    std::cerr << "wkb: " << e.what() << "\n";
    return kExitInvalidInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "wkb: out of memory\n";
    return kExitPluginFailure;
  } catch (const std::exception& e) {
    std::cerr << "wkb: internal error: " << e.what() << "\n(this is a bug in wkb; please report it)\n";
    return 70;
  }
}
