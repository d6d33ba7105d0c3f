#pragma once
// Parsing a command line against its ProgramSpec (spec.hpp). Every mistake is
// a wkb::host::UsageError (exit 2) with a stable rule id and one Dutch
// sentence that names the option, argument or command and says how to fix it;
// a mistyped option or command gets a suggestion ("bedoelt u --project?").
//
// Built in for every program: `--help`/`-h` anywhere (help for the command or
// group given), `help [OPDRACHT...]`, `--version`, `--help-man` (the man page
// in roff) and `completion bash` (the bash completion script).
#include <cstddef>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wkb/cmdline/spec.hpp"

namespace wkb::cmdline {

enum class Builtin { none, help, version, man_page, completion };

struct ParsedLine {
  Builtin builtin = Builtin::none;
  // The command to run (index into ProgramSpec::commands); empty for a builtin.
  std::optional<std::size_t> command;
  // For Builtin::help: the words of the command or group asked about (may be empty).
  std::vector<std::string> help_topic;
  // Global and command options by name (without dashes); flags have one
  // empty value per occurrence. Only options given are present.
  std::map<std::string, std::vector<std::string>> options;
  std::vector<std::string> arguments;  // positional, in order

  bool flag(const std::string& name) const { return options.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
};

ParsedLine parse(const ProgramSpec& program, int argc, const char* const* argv);

// Help for the whole program (empty topic), a group ("project") or a command
// ("project close"). An unknown topic is a UsageError like an unknown command.
void print_help(std::ostream& out, const ProgramSpec& program, const std::vector<std::string>& topic);
// "wkb project create --instrument ID --project BESTAND [--by NAAM]"
std::string synopsis(const ProgramSpec& program, const CommandSpec& command);

// Edit distance suggestion: the candidate closest to `word`, if close enough
// to be a likely typo.
std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace wkb::cmdline
