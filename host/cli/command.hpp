#pragma once
// The `wkb` command table. Each command declares its arguments and options
// once (wkb::cmdline::CommandSpec); the parser, the help, the man page and the
// completion are generated from it (program.cpp). Global options are accepted
// anywhere, so `wkb --json run` and `wkb run --json` mean the same. Commands
// are grouped in files by area (pipeline_commands.cpp, ...) and listed in
// program.cpp.
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wkb/cmdline/spec.hpp"
#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/instrument.hpp"

namespace wkb::cli {

using cmdline::Argument;
using cmdline::Option;
using cmdline::ValueKind;

struct GlobalOptions {
  std::string plugin_path;  // --plugins, else WKB_PLUGIN_PATH, else the build's plugins
  bool json = false;        // --json
  std::string log_level = "warn";
  std::optional<std::string> db;     // --db (store commands), else WKB_DB
  std::optional<std::string> trust;  // --trust PUB: production mode
  std::optional<std::string> register_file;  // --register FILE: independence check (else WKB_REGISTER)
  // Lua sandbox limits (docs/sdk/lua.md#the-sandbox); unset: LoadOptions' defaults.
  std::optional<long long> lua_instructions;  // --lua-instructions N (per call)
  std::optional<long long> lua_memory_mib;    // --lua-memory MIB (per plugin)
  std::optional<long long> lua_deadline_ms;   // --lua-deadline MS (per call)
  std::optional<long long> plugin_deadline_ms;  // --plugin-deadline MS (per call, every kind)
  bool in_process = false;                      // --in-process: no plugin host process
};

class Context {
 public:
  Context(GlobalOptions global, std::map<std::string, std::vector<std::string>> options,
          std::vector<std::string> positional, std::ostream& out, std::ostream& err);

  const GlobalOptions& global() const { return global_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  bool flag(const std::string& name) const;
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  // The value of a required option; UsageError naming it when absent.
  std::string require(const std::string& name) const;
  // Who does what this command records: --by, else $WKB_USER; a UsageError
  // when neither names someone (the audit trail never says "unknown").
  std::string actor() const;
  const std::vector<std::string>& positional() const { return positional_; }
  // The n-th positional argument; UsageError naming `what` when absent.
  std::string positional(std::size_t n, const std::string& what) const;

  wkb::host::LoadOptions load_options() const;
  // With --register: refuses (ValidationError, exit 3) a project whose assurer
  // is not licensed for `instrument` or is involved with the contractor,
  // client or designer (contract v1, Bkl art. 3.82). Without it: nothing.
  void check_independence(const wkb::Project& project, const std::string& instrument) const;
  // Loads the instrument with `id` from the plugin path.
  std::unique_ptr<wkb::host::CheckedInstrument> load_instrument(const std::string& id) const;

 private:
  GlobalOptions global_;
  std::map<std::string, std::vector<std::string>> options_;
  std::vector<std::string> positional_;
  std::ostream& out_;
  std::ostream& err_;
};

// A command: what the parser needs to know, and what runs it.
struct Command {
  cmdline::CommandSpec spec;
  int (*run)(Context&) = nullptr;
};

// Options several commands share, declared once.
Option instrument_option();             // --instrument ID (required)
Option project_option(bool required);   // --project BESTAND, "-" for standard input
Option by_option();                     // --by NAAM (default $WKB_USER)

// Command tables per area.
std::vector<Command> pipeline_commands();
std::vector<Command> store_commands();
std::vector<Command> audit_commands();
std::vector<Command> lifecycle_commands();
std::vector<Command> tlokb_commands();    // project export, chain, monitor
std::vector<Command> compare_commands();  // compare
std::vector<Command> staff_commands();    // staff add|list|show, project assign

// Reads a project file (InputError/ValidationError name the file); "-" is
// standard input.
wkb::Project read_project_file(const std::string& path);
wkb::Findings read_findings_file(const std::string& path);
wkb::Plan read_plan_file(const std::string& path);

}  // namespace wkb::cli
