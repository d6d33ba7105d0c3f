#pragma once
// The options and commands every program gets from the library (help,
// version, man page, completion), so that help, man page and completion list
// them like the program's own.
#include <string>
#include <vector>

#include "wkb/cmdline/spec.hpp"

namespace wkb::cmdline::detail {

const std::vector<Option>& builtin_options();
const std::vector<CommandSpec>& builtin_commands();

// The program's global options followed by the built-in ones.
std::vector<Option> all_global_options(const ProgramSpec& program);
// The program's visible commands followed by the built-in ones.
std::vector<const CommandSpec*> all_commands(const ProgramSpec& program);

// "--name VALUE" as help shows it.
std::string option_label(const Option& o);
// What a value of this option may be, in Dutch ("een geheel getal van 1 tot en met 5").
std::string value_description(const Option& o);

// An option's help with what the parser enforces, for help and man page.
std::string option_help(const Option& o);

// The first word of a command name ("project" of "project create").
std::string first_word(const std::string& command_name);
// The first words of the visible commands, each once, in order: what may
// start a command line ("instruments", "project", ...).
std::vector<std::string> first_words(const ProgramSpec& program);
// The subcommands of a group ("create", "list", ... of "project"); empty
// when `group` is no group.
std::vector<std::string> group_members(const ProgramSpec& program, const std::string& group);

}  // namespace wkb::cmdline::detail
