#include <ostream>

#include "command.hpp"
#include "wkb/host/discovery.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/register.hpp"
#include "wkb/sdk/codec.hpp"

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
  auto v = get(name);
  if (!v) throw UsageError("missing required option --" + name);
  if (v->empty()) throw UsageError("option --" + name + " must not be empty");
  return *v;
}

std::string Context::positional(std::size_t n, const std::string& what) const {
  if (n >= positional_.size()) throw UsageError("missing argument " + what);
  return positional_[n];
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

Project read_project_file(const std::string& path) { return read_project(host::read_text_file(path), path); }
Findings read_findings_file(const std::string& path) { return read_findings(host::read_text_file(path), path); }
Plan read_plan_file(const std::string& path) { return read_plan(host::read_text_file(path), path); }

}  // namespace wkb::cli
