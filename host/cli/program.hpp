#pragma once
// `wkb` as a program: its global options, its commands from every area, its
// exit codes and environment, in one ProgramSpec (wkb::cmdline).
#include <string>
#include <vector>

#include "command.hpp"
#include "wkb/cmdline/parse.hpp"

namespace wkb::cli {

// Every command of every area, in the order help lists them.
const std::vector<Command>& all_commands();
// The spec the parser, help, man page and completion are generated from.
const cmdline::ProgramSpec& program();
// The global options of a parsed line, with the environment's defaults.
GlobalOptions global_options(const cmdline::ParsedLine& line);

std::string version_string();

}  // namespace wkb::cli
