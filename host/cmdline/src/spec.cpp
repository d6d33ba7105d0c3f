#include "wkb/cmdline/spec.hpp"

#include "builtins.hpp"

#include <algorithm>

namespace wkb::cmdline {

Option number_option(std::string name, std::string value_name, std::string help, long long min, long long max) {
  Option o{std::move(name), std::move(value_name), std::move(help)};
  o.kind = ValueKind::number;
  o.min = min;
  o.max = max;
  return o;
}

Option choice_option(std::string name, std::string value_name, std::string help, std::vector<std::string> choices) {
  Option o{std::move(name), std::move(value_name), std::move(help)};
  o.kind = ValueKind::choice;
  o.choices = std::move(choices);
  return o;
}

Option typed_option(std::string name, std::string value_name, std::string help, ValueKind kind) {
  Option o{std::move(name), std::move(value_name), std::move(help)};
  o.kind = kind;
  return o;
}

Option file_option(std::string name, std::string value_name, std::string help, bool stdin_ok) {
  Option o = typed_option(std::move(name), std::move(value_name), std::move(help), ValueKind::file);
  o.stdin_ok = stdin_ok;
  return o;
}

namespace detail {

const std::vector<Option>& builtin_options() {
  static const std::vector<Option> options = {
      {"help", "", "toon de hulp bij het programma, een groep of een opdracht"},
      {"version", "", "toon de versie"},
      {"help-man", "", "schrijf de man-pagina (roff) naar standaarduitvoer"},
  };
  return options;
}

const std::vector<CommandSpec>& builtin_commands() {
  static const std::vector<CommandSpec> commands = {
      {"help", "hulp bij een opdracht of groep",
       "Zonder argument: het overzicht van alle opdrachten. Met de woorden van een opdracht\n"
       "(\"help project close\") of een groep (\"help project\"): de hulp daarbij.",
       {{"OPDRACHT", "de opdracht of groep", true}},
       {}},
      {"completion", "het script voor het aanvullen van opdrachten en opties in de shell",
       "Alleen bash. Eenmalig laden: source <(PROGRAMMA completion bash); cmake --install zet het\n"
       "script in share/bash-completion/completions, waar bash het vanzelf vindt.",
       {{"SHELL", "de shell: bash"}},
       {}},
  };
  return commands;
}

std::vector<Option> all_global_options(const ProgramSpec& program) {
  std::vector<Option> all = program.global_options;
  all.insert(all.end(), builtin_options().begin(), builtin_options().end());
  return all;
}

std::vector<const CommandSpec*> all_commands(const ProgramSpec& program) {
  std::vector<const CommandSpec*> all;
  for (const auto& c : program.commands)
    if (!c.hidden) all.push_back(&c);
  for (const auto& c : builtin_commands()) all.push_back(&c);
  return all;
}

std::string option_label(const Option& o) { return "--" + o.name + (o.is_flag() ? "" : " " + o.value_name); }

std::string value_description(const Option& o) {
  switch (o.kind) {
    case ValueKind::number:
      return "een geheel getal van " + std::to_string(o.min) + " tot en met " + std::to_string(o.max);
    case ValueKind::choice: {
      // What to type, with its Dutch meaning where that differs: "repaired (hersteld)".
      std::string s;
      for (std::size_t i = 0; i < o.choices.size(); ++i) {
        s += (i == 0 ? "" : i + 1 == o.choices.size() ? " of " : ", ") + o.choices[i];
        if (i < o.choice_labels.size() && o.choice_labels[i] != o.choices[i]) s += " (" + o.choice_labels[i] + ")";
      }
      return o.choices.size() == 1 ? s : "een van " + s;
    }
    case ValueKind::date: return "een datum als 2026-05-01 (JJJJ-MM-DD)";
    case ValueKind::file: return o.stdin_ok ? "een bestand, of - voor standaardinvoer" : "een bestand";
    case ValueKind::path: return "een pad";
    case ValueKind::out_file: return "een bestand in een bestaande map waarin u mag schrijven";
    case ValueKind::out_dir: return "een map waarin u mag schrijven";
    case ValueKind::text: return "een niet-lege tekst";
  }
  return "een waarde";
}

// The help text, then what the parser enforces: "; een geheel getal van 1
// tot en met 5, verplicht".
std::string option_help(const Option& o) {
  std::vector<std::string> notes;
  if (o.kind == ValueKind::number || o.kind == ValueKind::choice) notes.push_back(detail::value_description(o));
  if (o.required) notes.push_back("verplicht");
  if (o.repeatable) notes.push_back("mag vaker");
  std::string h = o.help;
  for (std::size_t i = 0; i < notes.size(); ++i) h += (i == 0 ? "; " : ", ") + notes[i];
  return h;
}

std::string first_word(const std::string& command_name) { return command_name.substr(0, command_name.find(' ')); }

std::vector<std::string> first_words(const ProgramSpec& program) {
  std::vector<std::string> words;
  for (const CommandSpec* c : all_commands(program)) {
    const std::string w = first_word(c->name);
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  }
  return words;
}

std::vector<std::string> group_members(const ProgramSpec& program, const std::string& group) {
  std::vector<std::string> members;
  for (const CommandSpec* c : all_commands(program))
    if (c->name.rfind(group + " ", 0) == 0) members.push_back(c->name.substr(group.size() + 1));
  return members;
}

}  // namespace detail
}  // namespace wkb::cmdline
