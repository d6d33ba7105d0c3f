#pragma once
// The one interface through which the host talks to an instrument, whatever
// its kind (contract v1, "Fixed" point 1). Above the loader nothing knows
// whether a native library or a Lua script answers.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/host/manifest.hpp"

namespace wkb::host {

enum class Method { describe, assess, sample, plan, evaluate };
std::string_view to_string(Method);

// The raw JSON boundary: one request in, one response out.
class Instrument {
 public:
  virtual ~Instrument() = default;
  virtual const Manifest& manifest() const = 0;
  // Returns the response text of a successful call. Throws PluginFailure when
  // the plugin reports an error (with its code, message and path) or breaks
  // the boundary (no response, oversized response, a sandbox limit).
  virtual std::string call(Method method, std::string_view request) = 0;
  // Misbehaviour since the last take that did not fail a call, in words: the
  // plugin wrote to stdout or stderr, or tried a harmless refused system call
  // (starting a process). Only an isolated plugin can report these; the
  // admission harness fails a test on any.
  virtual std::vector<std::string> take_incidents() { return {}; }
};

// Where plugin code runs (docs/decisions/0004-plugin-isolation.md).
enum class Isolation {
  // In this process: fastest, for benchmarks and fully trusted set-ups
  // (`wkb --in-process`). A crash, hang or exit() of the plugin is this
  // process's.
  in_process,
  // In a sandboxed plugin host process (wkb-plugin-host) per loaded plugin:
  // a crash, hang, exit, stray output or refused system call becomes a
  // PluginFailure naming the plugin, the method and the cause. `wkb`'s default.
  process,
};

struct LoadOptions {
  Isolation isolation = Isolation::in_process;
  // Wall-clock limit per call (and for loading) in the plugin host process,
  // native and Lua alike; past it the process is killed.
  int plugin_deadline_ms = 10'000;
  // Plugin host process limits: address space and CPU seconds over its life.
  std::size_t plugin_memory_limit = std::size_t{2} << 30;
  int plugin_cpu_seconds = 300;
  // Refuse to run a plugin when a sandbox layer (seccomp, PID namespace, ...)
  // is unavailable, instead of warning (the admission harness).
  bool require_full_sandbox = false;
  // The plugin host executable; empty: $WKB_PLUGIN_HOST, else
  // wkb-plugin-host beside the running executable.
  std::string plugin_host_executable;
  // Lua sandbox limits (ignored for native plugins).
  long long lua_instruction_limit = 200'000'000;  // per call
  std::size_t lua_memory_limit = 64u << 20;       // bytes per plugin state
  int lua_deadline_ms = 10'000;                   // wall clock per call
  // Production mode (`wkb --trust PUB`): when set, only plugins whose
  // certificate.json is signed by this Ed25519 public key (file) and whose
  // files match the certified hashes are loaded.
  std::string trusted_public_key_file;
};

// Loads the plugin in `manifest.folder` with the loader for its kind.
std::unique_ptr<Instrument> load_instrument(const Manifest& manifest, const LoadOptions& options = {});

// Which sandbox layers a plugin host process gets on this system, probed by
// starting one without a plugin. `missing` names each absent layer
// ("seccomp", "pid-namespace", "no_new_privs", "rlimits"); `problems` says why.
struct SandboxStatus {
  std::vector<std::string> missing;
  std::string problems;
  bool complete() const { return missing.empty(); }
};
SandboxStatus probe_sandbox(const LoadOptions& options = {});

// Largest response the host accepts from a plugin, in bytes.
inline constexpr std::size_t kMaxResponseBytes = 64u << 20;

// Messages for the same failure, whichever way the plugin runs (in process,
// as Lua, in a plugin host process).
std::string response_too_large_message();  // "het antwoord is groter dan 64 MiB"
std::string empty_success_message();       // success without a response

}  // namespace wkb::host
