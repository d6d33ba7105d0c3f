// The parser: CLI11 splits the words (subcommands, `--name value` and
// `--name=value`, global options anywhere through fallthrough); this file
// checks what CLI11 leaves open (unknown and repeated options, typed values,
// required options and arguments) so that every mistake gets a Dutch message
// and a rule id. CLI.hpp is heavy: only this file includes it.
#include "wkb/cmdline/parse.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <deque>
#include <set>

#include "builtins.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/sdk/date.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::cmdline {
namespace {

using detail::all_commands;
using detail::all_global_options;
using detail::first_word;
using detail::first_words;
using detail::group_members;
using host::UsageError;

// A word for a message, in quotes; a long one (a pasted file, a runaway
// variable) cut to 80 characters with its length, so it cannot fill a screen.
std::string in_quotes(const std::string& s) {
  constexpr std::size_t kShown = 80;
  std::size_t chars = 0, cut = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == kShown) cut = i;
    ++chars;
  }
  if (chars <= kShown) return "\"" + s + "\"";
  return "\"" + s.substr(0, cut) + "…\" (" + number_nl(static_cast<double>(chars)) + " tekens)";
}

// "zie \"wkb project close --help\""; capitalised to start a sentence.
std::string program_hint(const ProgramSpec& program, const CommandSpec* command, bool capital = false) {
  return std::string(capital ? "Zie" : "zie") + " \"" + program.name + (command ? " " + command->name : std::string()) + " --help\"";
}

bool looks_like_option(const std::string& word) { return word.size() > 1 && word[0] == '-'; }

// Splits "--name=value" into name and value.
std::pair<std::string, std::optional<std::string>> split_option(const std::string& word) {
  std::string name = word.substr(2);
  if (auto eq = name.find('='); eq != std::string::npos) return {name.substr(0, eq), name.substr(eq + 1)};
  return {name, std::nullopt};
}

// Every option of the program by name (global first), to tell an option of
// another command from an unknown one and to know which options take values.
struct OptionIndex {
  std::vector<Option> global;
  std::map<std::string, const Option*> any;
  explicit OptionIndex(const ProgramSpec& program) : global(all_global_options(program)) {
    for (const auto& o : global) any.emplace(o.name, &o);
    for (const auto& c : program.commands)
      for (const auto& o : c.options) any.emplace(o.name, &o);
  }
};

// The command words: the longest prefix of non-option words that names a
// command (skipping the values of options that take one).
std::vector<std::string> command_words(const std::vector<std::string>& words, const OptionIndex& index) {
  std::vector<std::string> found;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (looks_like_option(w)) {
      const auto [name, value] = split_option(w);
      auto it = index.any.find(name);
      if (w.rfind("--", 0) == 0 && it != index.any.end() && !it->second->is_flag() && !value) ++i;
      continue;
    }
    found.push_back(w);
  }
  return found;
}

// An output that cannot be written is found before the command does its
// work (a store transaction, a run of minutes), not after: exit 2.
void check_writable(const Option& o, const std::string& value) {
  namespace fs = std::filesystem;
  const auto refuse = [&](const std::string& why) {
    // A path is shown whole: the user needs all of it to find the problem.
    throw UsageError("optie --" + o.name + " \"" + value + "\": " + why + "; kies " +
                         detail::value_description(o),
                     "unwritable-output", value);
  };
  std::error_code ec;
  const fs::path p = fs::absolute(value, ec);
  if (o.kind == ValueKind::out_file && fs::is_directory(p, ec)) refuse("dit is een map, geen bestand");
  if (o.kind == ValueKind::out_dir && fs::exists(p, ec) && !fs::is_directory(p, ec)) refuse("dit is geen map");
  // The folder that must take the new entry: the file's folder, or the
  // nearest existing ancestor of a folder that will be made.
  fs::path folder = o.kind == ValueKind::out_file ? p.parent_path() : p;
  if (o.kind == ValueKind::out_dir)
    while (!folder.empty() && !fs::exists(folder, ec) && folder != folder.root_path()) folder = folder.parent_path();
  if (fs::exists(folder, ec) && !fs::is_directory(folder, ec)) refuse(folder.string() + " is geen map");
  if (!fs::is_directory(folder, ec)) refuse("de map " + folder.string() + " bestaat niet");
  if (::access(folder.c_str(), W_OK) != 0) refuse("in " + folder.string() + " mag niet worden geschreven");
}

void check_value(const ProgramSpec& program, const CommandSpec* command, const Option& o, const std::string& value) {
  const auto bad = [&](const std::string& rule) {
    throw UsageError("optie --" + o.name + " verwacht " + detail::value_description(o) + ", niet " + in_quotes(value) +
                         "; " + program_hint(program, command),
                     rule);
  };
  if (o.is_flag()) return;
  if (value.empty() || value.find_first_not_of(" \t") == std::string::npos)
    throw UsageError("optie --" + o.name + " is leeg; geef " + detail::value_description(o), "empty-value");
  switch (o.kind) {
    case ValueKind::number: {
      std::size_t used = 0;
      long long v = 0;
      try {
        v = std::stoll(value, &used, 10);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != value.size() || v < o.min || v > o.max) bad("bad-value");
      break;
    }
    case ValueKind::choice:
      if (std::find(o.choices.begin(), o.choices.end(), value) == o.choices.end()) bad("bad-value");
      break;
    case ValueKind::date:
      if (!Date::parse(value)) bad("bad-value");
      break;
    case ValueKind::file:
      if (value == "-" && !o.stdin_ok)
        throw UsageError("optie --" + o.name + " leest geen standaardinvoer; geef een bestand", "bad-value");
      break;
    case ValueKind::out_file:
    case ValueKind::out_dir: check_writable(o, value); break;
    case ValueKind::text:
    case ValueKind::path: break;
  }
}

std::string list_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

[[noreturn]] void unknown_command(const ProgramSpec& program, const std::vector<std::string>& words) {
  const auto members = group_members(program, words[0]);
  if (!members.empty()) {
    if (words.size() == 1)
      throw UsageError(in_quotes(program.name + " " + words[0]) + " heeft een subopdracht nodig: " + list_names(members) +
                           "; zie \"" + program.name + " " + words[0] + " --help\"",
                       "needs-subcommand");
    const auto guess = closest(words[1], members);
    throw UsageError("onbekende opdracht " + in_quotes(words[0] + " " + words[1]) +
                         (guess ? "; bedoelt u " + in_quotes(words[0] + " " + *guess) + "?" : ".") +
                         " Subopdrachten: " + list_names(members),
                     "unknown-command");
  }
  const auto firsts = first_words(program);
  const auto guess = closest(words[0], firsts);
  throw UsageError("onbekende opdracht " + in_quotes(words[0]) + (guess ? "; bedoelt u " + in_quotes(*guess) + "?" : ".") +
                       " Opdrachten: " + list_names(firsts) + "; zie \"" + program.name + " --help\"",
                   "unknown-command");
}

// The command named by `words` (one or two of them), or null.
const CommandSpec* resolve(const ProgramSpec& program, const std::vector<std::string>& words, std::size_t* used) {
  const CommandSpec* best = nullptr;
  for (const CommandSpec* c : all_commands(program)) {
    const bool two = c->name.find(' ') != std::string::npos;
    const std::size_t n = two ? 2 : 1;
    if (words.size() < n) continue;
    if (c->name == (two ? words[0] + " " + words[1] : words[0]) && (!best || n > *used)) {
      best = c;
      *used = n;
    }
  }
  // Hidden commands are called by programs, never shown; they still resolve.
  if (!best && !words.empty())
    for (const auto& c : program.commands)
      if (c.hidden && c.name == words[0]) {
        best = &c;
        *used = 1;
      }
  return best;
}

// CLI11 does the splitting; these hold what it found, per option object.
struct Slot {
  const Option* option;
  std::vector<std::string> values;  // valued options
  std::int64_t count = 0;           // flags
};

void add_options(CLI::App& app, const std::vector<Option>& options, std::deque<Slot>& slots) {
  for (const auto& o : options) {
    Slot& s = slots.emplace_back(Slot{&o});
    if (o.is_flag())
      app.add_flag("--" + o.name, s.count);
    else
      // One value per occurrence; every occurrence kept, so a repeated
      // option is seen (and refused unless repeatable) below.
      app.add_option("--" + o.name, s.values)
          ->expected(1)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
          ->allow_extra_args(false);
  }
}

}  // namespace

std::optional<std::string> ParsedLine::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& candidates) {
  // Levenshtein distance; a suggestion only when it changes at most a third
  // of the word (at least one letter), so "projetc" finds "project" and
  // "xyz" finds nothing.
  const std::size_t limit = std::max<std::size_t>(1, (word.size() + 2) / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    std::vector<std::size_t> row(c.size() + 1);
    for (std::size_t j = 0; j <= c.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= c.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] == c[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    if (row[c.size()] < best_distance) {
      best = c;
      best_distance = row[c.size()];
    }
  }
  return best;
}

ParsedLine parse(const ProgramSpec& program, int argc, const char* const* argv) {
  ParsedLine line;
  const OptionIndex index(program);
  std::vector<std::string> words, after_dashes;
  {
    bool dashes = false;
    for (int i = 1; i < argc; ++i) {
      const std::string w = argv[i];
      if (!dashes && w == "--") dashes = true;
      else (dashes ? after_dashes : words).push_back(w);
    }
  }

  // Built-ins that stop parsing: help, version, man page.
  for (const auto& w : words) {
    if (w == "--help" || w == "-h") {
      line.builtin = Builtin::help;
      line.help_topic = command_words(words, index);
      return line;
    }
  }
  for (const auto& w : words) {
    if (w == "--version") return ParsedLine{Builtin::version};
    if (w == "--help-man") return ParsedLine{Builtin::man_page};
  }
  const std::vector<std::string> cwords = command_words(words, index);
  if (!cwords.empty() && cwords[0] == "help") {
    line.builtin = Builtin::help;
    line.help_topic.assign(cwords.begin() + 1, cwords.end());
    return line;
  }

  // Words CLI11 would misread, checked first so the message is ours: a value
  // missing at the end or before another option, a value given to a flag,
  // options with one dash. A value is joined to its option ("--seed=-3"),
  // so that a value starting with a dash is never taken for an option.
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    tokens.push_back(w);
    if (!looks_like_option(w)) continue;
    if (w.rfind("--", 0) != 0)
      throw UsageError("onbekende optie " + in_quotes(w) + "; opties hebben twee streepjes, bijvoorbeeld --json",
                       "unknown-option");
    const auto [name, value] = split_option(w);
    auto it = index.any.find(name);
    if (it == index.any.end()) continue;  // reported below, with a suggestion
    if (it->second->is_flag() && value)
      throw UsageError("optie --" + name + " neemt geen waarde; schrijf alleen --" + name, "flag-with-value");
    if (it->second->is_flag()) continue;
    if (!value && (i + 1 >= words.size() || (words[i + 1].rfind("--", 0) == 0 && words[i + 1].size() > 2)))
      throw UsageError("optie --" + name + " verwacht een waarde (" + it->second->value_name + ": " +
                           detail::value_description(*it->second) + ")",
                       "missing-value");
    const std::string given = value ? *value : words[++i];
    if (given.find_first_not_of(" \t") == std::string::npos)
      throw UsageError("optie --" + name + " is leeg; geef " + detail::value_description(*it->second),
                       "empty-value");
    tokens.back() = "--" + name + "=" + given;
  }

  if (cwords.empty())
    throw UsageError("geen opdracht gegeven; opdrachten: " + list_names(first_words(program)) + "; zie \"" +
                         program.name + " --help\"",
                     "no-command");
  std::size_t used = 0;
  const CommandSpec* command = resolve(program, cwords, &used);
  if (!command) unknown_command(program, cwords);

  if (command->name == "completion") {
    if (cwords.size() != 2 || cwords[1] != "bash")
      throw UsageError("\"" + program.name + " completion\" kent alleen de shell bash: " + program.name +
                           " completion bash",
                       "bad-argument");
    line.builtin = Builtin::completion;
    return line;
  }
  line.command = static_cast<std::size_t>(command - program.commands.data());

  // CLI11: the root with the global options, the command as a subcommand
  // (or a group and its subcommand), each passing unknown words up.
  CLI::App app(program.summary, program.name);
  app.set_help_flag();
  app.allow_extras();
  std::deque<Slot> slots;
  add_options(app, index.global, slots);
  CLI::App* leaf = &app;
  {
    const std::string first = first_word(command->name);
    leaf = app.add_subcommand(first);
    leaf->fallthrough()->allow_extras();
    if (command->name != first) {
      leaf = leaf->add_subcommand(command->name.substr(first.size() + 1));
      leaf->fallthrough()->allow_extras();
    }
    leaf->set_help_flag();
  }
  const std::size_t first_command_slot = slots.size();
  add_options(*leaf, command->options, slots);
  std::vector<std::string> reversed(tokens.rbegin(), tokens.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    // Not expected after the checks above; keep CLI11's words as the detail.
    throw UsageError(std::string("de opdrachtregel kan niet worden gelezen: ") + e.what() + "; " +
                         program_hint(program, command),
                     "usage");
  }

  // Leftover words: options nobody took, and the command's arguments.
  std::vector<std::string> arguments;
  for (const auto& w : app.remaining()) {
    if (!looks_like_option(w) || w.rfind("--", 0) != 0) {
      arguments.push_back(w);
      continue;
    }
    const std::string name = split_option(w).first;
    if (index.any.count(name))
      throw UsageError("optie --" + name + " hoort niet bij \"" + program.name + " " + command->name + "\"; " +
                           program_hint(program, command),
                       "option-not-applicable");
    std::vector<std::string> candidates;
    for (const auto& o : index.global)
      if (!o.hidden) candidates.push_back(o.name);
    for (const auto& o : command->options)
      if (!o.hidden) candidates.push_back(o.name);
    const auto guess = closest(name, candidates);
    throw UsageError("onbekende optie --" + name + (guess ? "; bedoelt u --" + *guess + "?" : ".") + " " +
                         program_hint(program, command, true),
                     "unknown-option");
  }
  arguments.insert(arguments.end(), after_dashes.begin(), after_dashes.end());

  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Slot& s = slots[i];
    const Option& o = *s.option;
    const std::size_t n = o.is_flag() ? static_cast<std::size_t>(s.count) : s.values.size();
    if (n == 0) {
      if (o.required && i >= first_command_slot)
        throw UsageError("\"" + program.name + " " + command->name + "\" mist de verplichte optie " +
                             detail::option_label(o) + ": " + o.help,
                         "missing-option");
      continue;
    }
    if (n > 1 && !o.repeatable)
      throw UsageError("optie --" + o.name + " is " + std::to_string(n) + " keer gegeven; geef haar één keer",
                       "repeated-option");
    auto& out = line.options[o.name];
    if (o.is_flag()) out.assign(n, std::string());
    for (const auto& v : s.values) {
      check_value(program, command, o, v);
      out.push_back(v);
    }
  }

  std::size_t required = 0;
  for (const auto& a : command->arguments) required += a.optional ? 0 : 1;
  if (arguments.size() < required) {
    const Argument& missing = command->arguments[arguments.size()];
    throw UsageError("\"" + program.name + " " + command->name + "\" mist het argument " + missing.name + ": " +
                         missing.help + ". Gebruik: " + synopsis(program, *command),
                     "missing-argument");
  }
  if (arguments.size() > command->arguments.size())
    throw UsageError("onverwacht argument " + in_quotes(arguments[command->arguments.size()]) + " bij \"" +
                         program.name + " " + command->name + "\"; gebruik: " + synopsis(program, *command),
                     "unexpected-argument");
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const Argument& a = command->arguments[i];
    if (arguments[i].empty())
      throw UsageError("argument " + a.name + " is leeg; geef " + a.help, "empty-value");
  }
  line.arguments = std::move(arguments);
  return line;
}

}  // namespace wkb::cmdline
