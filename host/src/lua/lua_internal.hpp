#pragma once
// Internals of the Lua loader (host/src/lua/). Not part of the host's public
// interface: nothing above the loader knows that a plugin is written in Lua.
//
// Lua is Debian's C++ build (liblua5.4-c++): a Lua error unwinds as a C++
// exception, so destructors of C++ objects on the way run. Still, no C++
// exception of ours may travel through Lua's own frames (Lua would swallow it
// as an unknown error): code that Lua calls reports problems with lua_error /
// luaL_error, and code that may throw C++ exceptions runs outside protected
// calls.
#include <atomic>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstddef>
#include <string>

#include <lua.hpp>

namespace wkb::host::lua {

// Per-state bookkeeping, reachable from any lua_State of the plugin through
// the allocator's user data (lua_getallocf), so that hooks in coroutines find
// it too.
struct Budget {
  // Memory (counting allocator).
  std::size_t memory_limit = 0;
  std::size_t memory_used = 0;
  bool memory_exceeded = false;
  // Per call: instruction budget and wall-clock deadline (count hook).
  long long instruction_limit = 0;
  long long instructions_used = 0;
  std::chrono::steady_clock::time_point deadline{};
  bool instructions_exceeded = false;
  bool deadline_exceeded = false;
  // Traceback captured by the message handler of the last failed call.
  std::string traceback;
  // "file:line" where the count hook last saw the script (no allocation in
  // the hook): the location of a memory-limit error, which has no traceback.
  char last_seen[128] = {0};
  // Plugin id, for print().
  std::string plugin_id;
  // Set by the host when the watchdog gave up on a call stuck in C: if the
  // call ever comes back, it stops at once and logs nothing (the host's
  // logger is not for other threads).
  std::atomic<bool> abandoned{false};
};

Budget& budget_of(lua_State* L);

// Instructions between two runs of the count hook.
inline constexpr int kHookInterval = 1000;

// ---- Marshalling (marshal.cpp; rules in docs/sdk/lua.md#marshalling) ----

// Registry keys of the two marker metatables and of the null sentinel.
extern const char kArrayMarkerKey;
extern const char kObjectMarkerKey;
void* null_sentinel();

// Creates the marker metatables in the registry. Call once per state, in
// protected mode.
void install_markers(lua_State* L);
// Pushes `value` as a Lua value. May raise Lua errors (memory): protected mode only.
void push_json(lua_State* L, const boost::json::value& value);

// Thrown by to_json for a value that cannot become JSON; names the JSON path.
struct MarshalError {
  std::string path;
  std::string message;
  bool too_large = false;  // the value would exceed the response limit
};
// Converts the value at `index` to JSON. Uses only raw, non-raising Lua API
// calls, so it runs outside protected mode and throws MarshalError.
boost::json::value to_json(lua_State* L, int index, const std::string& root = "$");

// ---- The wkb module (wkb_module.cpp) ----

// Pushes the frozen `wkb` module table. `env` is the index of the sandbox
// environment used to run the Lua half of the module. Protected mode only.
void push_wkb_module(lua_State* L, int env);

// ---- Sandbox helpers (sandbox.cpp) ----

// Pushes a read-only proxy of the table at `index`: reads pass through,
// writes raise "<name> is read-only", getmetatable gives "locked", pairs and #
// see the contents.
void push_read_only(lua_State* L, int index, const char* name);
// Pushes a new sandbox environment (whitelist). Protected mode only.
void push_environment(lua_State* L);

}  // namespace wkb::host::lua
