#pragma once
// What a program's command line is, declared once: its global options, its
// commands with their options and arguments, its exit codes and environment.
// The parser (parse.hpp), the help, the man page and the bash completion are
// all generated from this, so a command's option exists in exactly one place.
// Shared by `wkb` and `wkb-admission` (docs/decisions/0005-command-line.md).
//
// Texts are Dutch (they are what people read); names are English.
#include <string>
#include <utility>
#include <vector>

namespace wkb::cmdline {

// How the parser checks an option's value. A value that does not fit is a
// usage error (exit 2) naming the option and what it accepts.
enum class ValueKind {
  text,    // any non-empty text
  file,    // a path to read; "-" means standard input where stdin_ok
  path,    // a folder or path that is read
  out_file,  // a file to write: its folder must exist and be writable
  out_dir,   // a folder to write into: made if missing, so its nearest existing ancestor must be writable
  number,  // a whole number in [min, max]
  choice,  // one of `choices`
  date,    // YYYY-MM-DD
};

struct Option {
  std::string name;        // without dashes: "project"
  std::string value_name;  // "BESTAND"; empty for a flag
  std::string help;        // Dutch, one sentence without a full stop
  bool required = false;   // the command cannot run without it
  bool repeatable = false;
  ValueKind kind = ValueKind::text;
  long long min = 0, max = 0;        // for ValueKind::number
  std::vector<std::string> choices;  // for ValueKind::choice: what is typed
  std::vector<std::string> choice_labels;  // optional, Dutch, per choice: "hersteld" for "repaired"
  bool stdin_ok = false;             // ValueKind::file: "-" reads standard input
  bool hidden = false;               // internal: not in help, man page or completion

  bool is_flag() const { return value_name.empty(); }
};

// Shorthands for the common typed options (positional aggregate order is
// easy to get wrong for these).
// A number option: `--name N` with N in [min, max].
Option number_option(std::string name, std::string value_name, std::string help, long long min, long long max);
// A choice option: `--name X` with X one of `choices`.
Option choice_option(std::string name, std::string value_name, std::string help, std::vector<std::string> choices);
// An option whose value is of `kind` (a date, a path, an output file or folder).
Option typed_option(std::string name, std::string value_name, std::string help, ValueKind kind);
// A file to read; `stdin_ok`: "-" reads standard input.
Option file_option(std::string name, std::string value_name, std::string help, bool stdin_ok = false);

struct Argument {
  std::string name;  // "ID", "BESTAND"
  std::string help;  // Dutch
  bool optional = false;
  ValueKind kind = ValueKind::text;  // file: completion offers files; "-" is standard input
};

struct CommandSpec {
  std::string name;     // "run", or two words for a group: "project create"
  std::string summary;  // Dutch, one line, lower case, no full stop
  std::string details;  // Dutch, further paragraphs for --help and the man page
  std::vector<Argument> arguments;
  std::vector<Option> options;
  bool hidden = false;  // internal commands (the admission harness's child)
};

struct ProgramSpec {
  std::string name;     // "wkb"
  std::string version;  // "0.1.0 (contract v1, ABI 1)"
  std::string summary;  // Dutch, one line
  std::string description;  // Dutch paragraphs for the man page and overall help
  std::vector<Option> global_options;  // accepted before or after the command
  std::vector<CommandSpec> commands;
  std::vector<std::pair<int, std::string>> exit_codes;           // code, meaning (Dutch)
  std::vector<std::pair<std::string, std::string>> environment;  // variable, meaning (Dutch)
  std::string see_also;  // "docs/cli.md"
};

}  // namespace wkb::cmdline
