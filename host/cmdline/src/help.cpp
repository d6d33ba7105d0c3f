// Help texts, generated from the ProgramSpec: the overview, a group's
// subcommands and one command's arguments and options. Dutch, wrapped to 80
// columns.
#include <ostream>
#include <sstream>
#include <vector>

#include "builtins.hpp"
#include "wkb/cmdline/parse.hpp"
#include "wkb/host/errors.hpp"

namespace wkb::cmdline {
namespace {

using detail::all_commands;
using detail::all_global_options;
using detail::option_label;

constexpr std::size_t kWidth = 80;
constexpr std::size_t kLeft = 26;

// Columns a UTF-8 text takes (one per code point; no wide characters here).
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// `text` wrapped to the width, every line after the first indented by `indent`.
std::string wrap(const std::string& text, std::size_t first_column, std::size_t indent) {
  std::istringstream words(text);
  std::string word, out;
  std::size_t column = first_column;
  bool line_start = true;
  while (words >> word) {
    if (!line_start && column + 1 + columns(word) > kWidth) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += columns(word);
    line_start = false;
  }
  return out;
}

// "  left      help" rows, the help wrapped under itself.
void row(std::ostream& out, const std::string& left, const std::string& help) {
  std::string l = "  " + left;
  if (columns(l) + 2 > kLeft) {
    out << l << "\n" << std::string(kLeft, ' ');
  } else {
    out << l << std::string(kLeft - columns(l), ' ');
  }
  out << wrap(help, kLeft, kLeft) << "\n";
}

// Paragraphs (separated by an empty line) wrapped to the width; a line that
// starts with "- " is a list item and starts a line of its own.
void paragraphs(std::ostream& out, const std::string& text) {
  std::istringstream lines(text);
  std::string line, pending;
  const auto flush = [&] {
    if (!pending.empty()) out << wrap(pending, 0, pending.rfind("- ", 0) == 0 ? 2 : 0) << "\n";
    pending.clear();
  };
  while (std::getline(lines, line)) {
    if (line.empty()) {
      flush();
      out << "\n";
    } else if (line.rfind("- ", 0) == 0 || pending.empty()) {
      flush();
      pending = line;
    } else {
      pending += " " + line;
    }
  }
  flush();
}

void options_block(std::ostream& out, const std::vector<Option>& options) {
  for (const auto& o : options)
    if (!o.hidden) row(out, option_label(o), detail::option_help(o));
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

void overview(std::ostream& out, const ProgramSpec& program) {
  out << program.name << " " << program.version << ": " << program.summary << "\n\n"
      << "Gebruik: " << program.name << " [ALGEMENE OPTIES] OPDRACHT [OPTIES] [ARGUMENTEN]\n\nOpdrachten:\n";
  for (const CommandSpec* c : all_commands(program)) row(out, c->name, c->summary);
  out << "\nAlgemene opties (voor of na de opdracht):\n";
  options_block(out, all_global_options(program));
  if (!program.environment.empty()) {
    out << "\nOmgevingsvariabelen:\n";
    for (const auto& [var, meaning] : program.environment) row(out, var, meaning);
  }
  out << "\nExitcodes:\n";
  for (const auto& [code, meaning] : program.exit_codes) row(out, std::to_string(code), meaning);
  out << "\n"
      << wrap("\"" + program.name + " help OPDRACHT\" of \"" + program.name +
                  " OPDRACHT --help\" toont de hulp bij één opdracht. Documentatie: " + program.see_also + ".",
              0, 0)
      << "\n";
}

void group_help(std::ostream& out, const ProgramSpec& program, const std::string& group) {
  out << "Gebruik: " << program.name << " " << group << " SUBOPDRACHT [OPTIES] [ARGUMENTEN]\n\nSubopdrachten:\n";
  for (const CommandSpec* c : all_commands(program))
    if (c->name.rfind(group + " ", 0) == 0) row(out, c->name.substr(group.size() + 1), c->summary);
  out << "\n\"" << program.name << " help " << group << " SUBOPDRACHT\" toont de hulp bij één subopdracht.\n";
}

void command_help(std::ostream& out, const ProgramSpec& program, const CommandSpec& c) {
  out << "Gebruik: " << wrap(synopsis(program, c), 9, 4) << "\n\n" << wrap(capitalised(c.summary) + ".", 0, 0) << "\n";
  if (!c.details.empty()) {
    out << "\n";
    paragraphs(out, c.details);
  }
  if (!c.arguments.empty()) {
    out << "\nArgumenten:\n";
    for (const auto& a : c.arguments) row(out, a.name, a.help + (a.optional ? " (optioneel)" : ""));
  }
  if (!c.options.empty()) {
    out << "\nOpties:\n";
    options_block(out, c.options);
  }
  out << "\nAlgemene opties, zoals --json en --db, mogen overal staan; \"" << program.name
      << " --help\" noemt ze.\n";
}

}  // namespace

std::string synopsis(const ProgramSpec& program, const CommandSpec& c) {
  std::string s = program.name + " " + c.name;
  for (const auto& a : c.arguments) s += " " + (a.optional ? "[" + a.name + "]" : a.name);
  for (const auto& o : c.options)
    if (!o.hidden) s += " " + (o.required ? option_label(o) : "[" + option_label(o) + "]");
  return s;
}

void print_help(std::ostream& out, const ProgramSpec& program, const std::vector<std::string>& topic) {
  if (topic.empty()) return overview(out, program);
  std::string two = topic.size() >= 2 ? topic[0] + " " + topic[1] : std::string();
  for (const CommandSpec* c : all_commands(program))
    if (c->name == two) return command_help(out, program, *c);
  for (const CommandSpec* c : all_commands(program))
    if (c->name == topic[0]) return command_help(out, program, *c);
  for (const CommandSpec* c : all_commands(program))
    if (c->name.rfind(topic[0] + " ", 0) == 0) return group_help(out, program, topic[0]);
  const auto guess = closest(topic[0], detail::first_words(program));
  throw host::UsageError("geen hulp bij \"" + topic[0] + "\": geen opdracht of groep van " + program.name +
                             (guess ? "; bedoelt u \"" + *guess + "\"?" : "") + " Zie \"" + program.name +
                             " --help\"",
                         "unknown-command");
}

}  // namespace wkb::cmdline
