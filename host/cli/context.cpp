#include <cstdlib>
#include <iostream>
#include <iterator>
#include <ostream>

#include "command.hpp"
#include "wkb/host/discovery.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/register.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/store/text.hpp"

namespace wkb::cli {

using host::UsageError;

Context::Context(GlobalOptions global, std::map<std::string, std::vector<std::string>> options,
                 std::vector<std::string> positional, std::ostream& out, std::ostream& err)
    : global_(std::move(global)), options_(std::move(options)), positional_(std::move(positional)), out_(out), err_(err) {}

bool Context::flag(const std::string& name) const { return options_.count(name) > 0; }

std::optional<std::string> Context::get(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Context::all(const std::string& name) const {
  auto it = options_.find(name);
  return it == options_.end() ? std::vector<std::string>{} : it->second;
}

std::string Context::require(const std::string& name) const {
  // The parser refuses a missing required option and an empty value; this
  // guards a command whose table forgot to mark the option required.
  auto v = get(name);
  if (!v || v->empty()) throw UsageError("de optie --" + name + " ontbreekt; zie de hulp bij de opdracht (--help)",
                                         "missing-option");
  return *v;
}

std::string Context::positional(std::size_t n, const std::string& what) const {
  if (n >= positional_.size())
    throw UsageError("het argument " + what + " ontbreekt; zie de hulp bij de opdracht (--help)", "missing-argument");
  return positional_[n];
}

std::string Context::actor() const {
  // Blank (also only no-break or zero-width spaces) counts as absent: the
  // audit trail must name a person.
  const auto named = [](const std::string& s) { return !store::is_blank(s); };
  if (auto by = get("by")) {
    if (!named(*by)) throw UsageError("--by is leeg; geef de naam van wie dit doet", "empty-value");
    return *by;
  }
  if (const char* v = std::getenv("WKB_USER"); v && named(v)) return v;
  throw UsageError("deze opdracht legt vast wie haar uitvoert: geef --by NAAM of zet WKB_USER", "missing-actor");
}

host::LoadOptions Context::load_options() const {
  host::LoadOptions o;
  if (global_.trust) o.trusted_public_key_file = *global_.trust;
  if (global_.lua_instructions) o.lua_instruction_limit = *global_.lua_instructions;
  if (global_.lua_memory_mib) o.lua_memory_limit = static_cast<std::size_t>(*global_.lua_memory_mib) << 20;
  // Plugins run in a sandboxed process of their own unless --in-process.
  o.isolation = global_.in_process ? host::Isolation::in_process : host::Isolation::process;
  if (global_.plugin_deadline_ms) o.plugin_deadline_ms = o.lua_deadline_ms = static_cast<int>(*global_.plugin_deadline_ms);
  if (global_.lua_deadline_ms) o.lua_deadline_ms = static_cast<int>(*global_.lua_deadline_ms);
  return o;
}

std::unique_ptr<host::CheckedInstrument> Context::load_instrument(const std::string& id) const {
  const auto manifest = host::find_plugin(host::split_plugin_path(global_.plugin_path), id);
  return std::make_unique<host::CheckedInstrument>(host::load_instrument(manifest, load_options()));
}

void Context::check_independence(const Project& project, const std::string& instrument) const {
  if (!global_.register_file) return;
  const host::Register reg = host::load_register(*global_.register_file);
  Issues issues;
  host::check_assurer_independence(reg, project, instrument, issues);
  if (!issues.empty())
    throw ValidationError("project " + project.id + " against register " + *global_.register_file, issues.list());
}

namespace {
// A file's text, or standard input's for "-" (named so in messages).
std::pair<std::string, std::string> read_input(const std::string& path) {
  if (path != "-") return {host::read_text_file(path), path};
  static bool used = false;  // one process, one standard input
  if (used) throw UsageError("standaardinvoer (-) kan maar voor één bestand worden gebruikt", "stdin-twice");
  used = true;
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  if (std::cin.bad()) throw host::InputError("standaardinvoer kan niet worden gelezen", "unreadable-file", "-");
  return {std::move(text), "standaardinvoer"};
}
}  // namespace

Project read_project_file(const std::string& path) {
  const auto [text, name] = read_input(path);
  return read_project(text, name);
}
Findings read_findings_file(const std::string& path) {
  const auto [text, name] = read_input(path);
  return read_findings(text, name);
}
Plan read_plan_file(const std::string& path) {
  const auto [text, name] = read_input(path);
  return read_plan(text, name);
}

}  // namespace wkb::cli
