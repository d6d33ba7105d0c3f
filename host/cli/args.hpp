#pragma once
// Command-line parsing for `wkb`: global options anywhere, one command (one
// or two words), its options (`--name value` or `--name=value`) and
// positional arguments.
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "command.hpp"

namespace wkb::cli {

struct Invocation {
  GlobalOptions global;
  const Command* command = nullptr;  // null only with --help/--version and no command
  std::map<std::string, std::vector<std::string>> options;
  std::vector<std::string> positional;
  bool help = false;
  bool version = false;
};

// Throws UsageError with a message that names the offending word.
Invocation parse_command_line(int argc, char** argv, const std::vector<Command>& commands);

// Overall help (command == nullptr) or one command's help.
void print_help(std::ostream& out, const std::vector<Command>& commands, const Command* command);

std::string version_string();

}  // namespace wkb::cli
