#include "args.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <ostream>

#include "wkb/host/discovery.hpp"
#include "wkb/host/errors.hpp"

namespace wkb::cli {
namespace {

using host::UsageError;

// Global options: accepted before or after the command.
const std::vector<Option>& global_options() {
  static const std::vector<Option> options = {
      {"plugins", "DIRS", "plugin path, directories separated by ':' (default: $WKB_PLUGIN_PATH, else the "
                          "plugins next to this program)"},
      {"json", "", "machine-readable JSON on stdout instead of Dutch tables"},
      {"log-level", "LEVEL", "trace, debug, info, warn (default), error or off; logs go to stderr"},
      {"db", "URL", "project store: sqlite:PATH (default sqlite:wkb.db, or $WKB_DB) or postgresql://..."},
      {"trust", "PUBKEY", "production mode: load only plugins certified with this public key"},
      {"register", "FILE", "independence register (wkb.register/1): refuse a project whose assurer is not "
                           "licensed or not independent (default: $WKB_REGISTER)"},
      {"lua-instructions", "N", "Lua instruments: instruction budget per call (default 200000000)"},
      {"lua-memory", "MIB", "Lua instruments: memory cap per plugin in MiB (default 64)"},
      {"plugin-deadline", "MS", "wall-clock deadline per plugin call in ms, native and Lua (default 10000); "
                                "past it the plugin's process is stopped"},
      {"lua-deadline", "MS", "Lua instruments: wall-clock deadline per call in ms (default: --plugin-deadline)"},
      {"in-process", "", "run plugins inside wkb instead of in a sandboxed plugin process (for benchmarks "
                         "and fully trusted set-ups: a crash or hang of the plugin is then wkb's)"},
      {"help", "", "show help"},
      {"version", "", "show the version"},
  };
  return options;
}

const Option* find_option(const std::vector<Option>& options, const std::string& name) {
  for (const auto& o : options)
    if (o.name == name) return &o;
  return nullptr;
}

std::string command_list(const std::vector<Command>& commands) {
  std::string s;
  for (const auto& c : commands) s += (s.empty() ? "" : ", ") + c.name;
  return s;
}

// A whole positive number within [1, max] for option --name.
long long positive_number(const std::string& name, const std::string& value, long long max) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || value.empty() || v < 1 || v > max)
    throw UsageError("option \"--" + name + "\" needs a whole number from 1 to " + std::to_string(max) + ", not \"" +
                     value + "\"");
  return v;
}

// How many positional arguments a command takes, read from its synopsis:
// words that are neither options nor an option's value ("ID", "[ID]", "FILE").
std::size_t positional_count(const std::string& synopsis) {
  std::istringstream words(synopsis);
  std::string w;
  std::size_t n = 0;
  bool after_option = false;
  while (words >> w) {
    std::string t;
    for (char c : w)
      if (c != '[' && c != ']') t += c;
    if (t.rfind("--", 0) == 0) {
      after_option = true;
      continue;
    }
    const bool placeholder = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (placeholder && !after_option) ++n;
    after_option = false;
  }
  return n;
}

}  // namespace

std::string version_string() { return "0.1.0 (contract v1, ABI 1)"; }

Invocation parse_command_line(int argc, char** argv, const std::vector<Command>& commands) {
  Invocation inv;
  std::vector<std::string> words;  // non-option words, in order
  std::vector<std::pair<std::string, std::string>> command_options;  // resolved after the command is known
  std::vector<std::string> pending_flags;

  // First pass: split options from words. An option's value is the next
  // argument unless given as --name=value; which options take values is only
  // known once the command is known, so we look it up in both tables.
  auto takes_value = [&](const std::string& name) -> int {  // 1 yes, 0 flag, -1 unknown
    if (const Option* g = find_option(global_options(), name)) return g->value_name.empty() ? 0 : 1;
    for (const auto& c : commands)
      if (const Option* o = find_option(c.options, name)) return o->value_name.empty() ? 0 : 1;
    return -1;
  };

  bool only_words = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (only_words || arg.size() < 2 || arg.rfind("--", 0) != 0) {
      if (!only_words && arg.size() > 1 && arg[0] == '-' && arg != "-" && arg.rfind("--", 0) != 0) {
        if (arg == "-h") {
          inv.help = true;
          continue;
        }
        throw UsageError("unknown option \"" + arg + "\"; options are written with two dashes, e.g. --json");
      }
      words.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_words = true;
      continue;
    }
    std::string name = arg.substr(2), value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const int kind = takes_value(name);
    if (kind < 0) throw UsageError("unknown option \"--" + name + "\"");
    if (kind == 1 && !has_value) {
      if (i + 1 >= argc) throw UsageError("option \"--" + name + "\" needs a value");
      value = argv[++i];
      has_value = true;
    }
    if (kind == 0 && has_value) throw UsageError("option \"--" + name + "\" takes no value");
    command_options.emplace_back(name, has_value ? value : std::string());
  }

  // The command: the longest prefix of words that names one.
  std::size_t used = 0;
  for (const auto& c : commands) {
    const std::size_t space = c.name.find(' ');
    const std::size_t n = space == std::string::npos ? 1 : 2;
    if (words.size() < n) continue;
    const std::string name = n == 1 ? words[0] : words[0] + " " + words[1];
    if (name == c.name && n > used) {
      inv.command = &c;
      used = n;
    }
  }

  for (const auto& [name, value] : command_options) {
    if (name == "help") inv.help = true;
    else if (name == "version") inv.version = true;
    else if (name == "json") inv.global.json = true;
    else if (name == "plugins") inv.global.plugin_path = value;
    else if (name == "log-level") inv.global.log_level = value;
    else if (name == "db") inv.global.db = value;
    else if (name == "trust") inv.global.trust = value;
    else if (name == "register") inv.global.register_file = value;
    else if (name == "lua-instructions") inv.global.lua_instructions = positive_number(name, value, 1LL << 50);
    else if (name == "lua-memory") inv.global.lua_memory_mib = positive_number(name, value, 64 * 1024);
    else if (name == "lua-deadline") inv.global.lua_deadline_ms = positive_number(name, value, 24 * 3600 * 1000);
    else if (name == "plugin-deadline") inv.global.plugin_deadline_ms = positive_number(name, value, 24 * 3600 * 1000);
    else if (name == "in-process") inv.global.in_process = true;
    else if (!inv.command || !find_option(inv.command->options, name))
      throw UsageError("option \"--" + name + "\" does not apply to " +
                       (inv.command ? "`wkb " + inv.command->name + "`" : std::string("`wkb` without a command")));
    else {
      auto& slot = inv.options[name];
      const Option* o = find_option(inv.command->options, name);
      if (!slot.empty() && !o->repeatable) throw UsageError("option \"--" + name + "\" is given twice");
      slot.push_back(value);
    }
  }

  if (inv.help || inv.version) return inv;
  if (!inv.command) {
    if (words.empty()) throw UsageError("no command given; commands: " + command_list(commands));
    // A group word alone ("project") or an unknown word.
    std::string group_members;
    for (const auto& c : commands)
      if (c.name.rfind(words[0] + " ", 0) == 0) group_members += (group_members.empty() ? "" : ", ") + c.name;
    if (!group_members.empty())
      throw UsageError("\"" + words[0] + "\" needs a subcommand: " + group_members);
    throw UsageError("unknown command \"" + words[0] + "\"; commands: " + command_list(commands));
  }
  inv.positional.assign(words.begin() + static_cast<std::ptrdiff_t>(used), words.end());
  if (inv.positional.size() > positional_count(inv.command->synopsis))
    throw UsageError("unexpected argument \"" + inv.positional[positional_count(inv.command->synopsis)] +
                     "\" for `wkb " + inv.command->name + "`; usage: wkb " + inv.command->name + " " +
                     inv.command->synopsis);
  if (inv.global.plugin_path.empty()) inv.global.plugin_path = host::default_plugin_path();
  if (!inv.global.db)
    if (const char* env = std::getenv("WKB_DB"); env && *env) inv.global.db = env;
  if (!inv.global.register_file)
    if (const char* env = std::getenv("WKB_REGISTER"); env && *env) inv.global.register_file = env;
  return inv;
}

namespace {
void print_options(std::ostream& out, const std::vector<Option>& options) {
  for (const auto& o : options) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    if (left.size() < 28) left.resize(28, ' ');
    else left += "\n" + std::string(28, ' ');
    out << left << o.help << (o.repeatable ? " (repeatable)" : "") << "\n";
  }
}
}  // namespace

void print_help(std::ostream& out, const std::vector<Command>& commands, const Command* command) {
  if (!command) {
    out << "wkb " << version_string()
        << " - run a Wkb quality-assurance instrument on a project\n\n"
           "Usage: wkb [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]\n\nCommands:\n";
    for (const auto& c : commands) {
      std::string left = "  " + c.name;
      if (left.size() < 22) left.resize(22, ' ');
      out << left << c.summary << "\n";
    }
    out << "\nGlobal options (before or after the command):\n";
    print_options(out, global_options());
    out << "\nExit codes: 0 ok, 1 rejected or negative verdict, 2 usage, 3 invalid input, 4 plugin failure.\n"
           "Documentation: docs/cli.md. `wkb COMMAND --help` explains one command.\n";
    return;
  }
  out << "Usage: wkb " << command->name << (command->synopsis.empty() ? "" : " " + command->synopsis) << "\n\n"
      << command->summary << "\n";
  if (!command->details.empty()) out << "\n" << command->details << "\n";
  if (!command->options.empty()) {
    out << "\nOptions:\n";
    print_options(out, command->options);
  }
  out << "\nGlobal options:\n";
  print_options(out, global_options());
}

}  // namespace wkb::cli
