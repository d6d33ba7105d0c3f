#pragma once
// The commands of wkb-admission, declared for wkb::cmdline (main.cpp) and
// run with the parsed line. Output: Dutch text, or with --json one JSON
// object on stdout.
#include <iosfwd>
#include <vector>

#include "wkb/cmdline/parse.hpp"

namespace wkb::admission::cli {

struct Call {
  const cmdline::ParsedLine& line;
  bool json;
  std::ostream& out;
  std::ostream& err;
  const char* argv0;
};

struct Command {
  cmdline::CommandSpec spec;
  int (*run)(const Call&) = nullptr;
};

std::vector<Command> run_commands();  // run, and the harness's hidden child (cli_run.cpp)
std::vector<Command> key_commands();  // list, keygen, certify, verify (cli_keys.cpp)

}  // namespace wkb::admission::cli
