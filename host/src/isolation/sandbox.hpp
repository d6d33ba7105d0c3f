#pragma once
// The sandbox a plugin host process puts itself in before any plugin code
// runs (before dlopen, so library constructors are covered; before the Lua
// chunk is loaded). What each layer stops and what it does not:
// docs/decisions/0004-plugin-isolation.md.
#include <cstddef>
#include <string>
#include <vector>

namespace wkb::host::isolation {

struct SandboxLimits {
  std::size_t address_space_bytes = std::size_t{2} << 30;  // RLIMIT_AS
  int cpu_seconds = 300;                                    // RLIMIT_CPU, for the process's lifetime
  int open_files = 64;                                      // RLIMIT_NOFILE
  bool seccomp = true;  // false only to test the degraded path (WKB_SANDBOX_WITHOUT)
  bool landlock = true;  // likewise
  // What the plugin may read (Landlock): its folder; the system's library,
  // locale and time zone data are added by apply_sandbox.
  std::vector<std::string> readable;
};

// The layers $WKB_SANDBOX_WITHOUT names ("seccomp", "landlock", "pid-namespace",
// comma-separated) are left out, to try on any machine how `wkb` warns and
// `wkb-admission run` refuses to start without --allow-weaker-sandbox.
bool sandbox_layer_disabled(const char* layer);

// Which layers are in force; the plugin host reports them to the host, which
// warns (wkb) or refuses (admission) when one is missing.
struct SandboxLayers {
  bool no_new_privs = false;
  bool rlimits = false;
  bool seccomp = false;
  bool landlock = false;
  bool pid_namespace = false;  // set by the host side, which creates the namespace
  std::string problems;        // why a layer is missing, in words
  bool complete() const { return no_new_privs && rlimits && seccomp && landlock && pid_namespace; }
  std::vector<std::string> missing() const {
    std::vector<std::string> m;
    if (!no_new_privs) m.push_back("no_new_privs");
    if (!rlimits) m.push_back("rlimits");
    if (!seccomp) m.push_back("seccomp");
    if (!landlock) m.push_back("landlock");
    if (!pid_namespace) m.push_back("pid-namespace");
    return m;
  }
};

// Drops every capability, applies PR_SET_NO_NEW_PRIVS, the rlimits (including
// file size 0 and no core files), Landlock and the seccomp filter, in that
// order. Never throws: a layer that
// cannot be applied is reported, not fatal (the host decides).
SandboxLayers apply_sandbox(const SandboxLimits& limits);

// A system call the filter refused since the last take_refusals(), in words
// ("openat voor schrijven", "fork (nieuw proces)"). `harmless` ones (a failed
// attempt to start a process) do not change a result; the others fail the
// call that made them.
struct Refusal {
  std::string what;
  bool harmless = false;
};
std::vector<Refusal> take_refusals();

}  // namespace wkb::host::isolation
