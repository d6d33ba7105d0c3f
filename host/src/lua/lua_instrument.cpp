// Lua instruments (`kind: "lua"`): one sandboxed Lua 5.4 state per plugin
// instance, behind the same Instrument interface as native plugins.
//
// A call: the request text is parsed, marshalled into a Lua table, the
// script's method runs under an instruction budget, a wall-clock deadline and
// a memory cap, and the returned table is marshalled back to canonical JSON
// text. CheckedInstrument then validates it exactly as a native response.
#include <algorithm>
#include <boost/json.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "../error_response.hpp"
#include "../native_instrument.hpp"
#include "lua_internal.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/host/log.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::host {

namespace lua {

Budget& budget_of(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return *static_cast<Budget*>(ud);
}

namespace {

constexpr const char* kMethodNames[] = {"describe", "assess", "sample", "plan", "evaluate"};
constexpr std::size_t kMaxScriptBytes = 4u << 20;

// The counting allocator: refuses to grow past the cap (Lua then raises a
// memory error, which the plugin cannot outrun: every later allocation fails too).
void* counting_alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* b = static_cast<Budget*>(ud);
  const std::size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    std::free(ptr);
    b->memory_used -= old;
    return nullptr;
  }
  if (nsize > old && b->memory_used - old + nsize > b->memory_limit) {
    b->memory_exceeded = true;
    return nullptr;
  }
  void* p = std::realloc(ptr, nsize);
  if (!p) return nullptr;
  b->memory_used = b->memory_used - old + nsize;
  return p;
}

// The count hook: instruction budget and deadline. Once either is exceeded it
// fires on every instruction, so a plugin that catches the error with pcall
// is stopped again at its next instruction; the call fails in any case.
void count_hook(lua_State* L, lua_Debug* ar) {
  Budget& b = budget_of(L);
  if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
    std::snprintf(b.last_seen, sizeof b.last_seen, "%s:%d", ar->short_src, ar->currentline);
  b.instructions_used += kHookInterval;
  if (b.instructions_used > b.instruction_limit) b.instructions_exceeded = true;
  if (std::chrono::steady_clock::now() > b.deadline || b.abandoned.load(std::memory_order_relaxed))
    b.deadline_exceeded = true;
  if (b.instructions_exceeded || b.deadline_exceeded) {
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    b.instructions_used = b.instruction_limit + 1;
    luaL_error(L, b.deadline_exceeded ? "deadline verstreken" : "instructiebudget op");
  }
}

// Message handler: keeps the error value as it is, records a traceback.
int message_handler(lua_State* L) {
  const char* msg = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : nullptr;
  luaL_traceback(L, L, msg, 1);
  std::size_t n = 0;
  const char* tb = lua_tolstring(L, -1, &n);
  budget_of(L).traceback.assign(tb, n > 8000 ? 8000 : n);
  lua_pop(L, 1);
  return 1;  // the original error value
}

// The contexts own what the Lua side reads, so that a call the watchdog
// abandons (see protected_run) never reads freed memory.
struct SetupContext {
  std::shared_ptr<const std::string> script;
  std::string chunk_name;
  bool syntax_error = false;
  std::string missing;          // methods the script's table lacks
  int module_ref = LUA_NOREF;   // the script's table, when complete
};

// Runs in protected mode: builds both environments, the wkb module, and runs
// the plugin script; leaves the script's result on the stack.
int setup(lua_State* L) {
  auto* ctx = static_cast<SetupContext*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  install_markers(L);
  push_environment(L);  // 1: the environment for wkb.lua
  push_wkb_module(L, 1);  // 2: the module
  push_environment(L);  // 3: the plugin's environment
  lua_pushvalue(L, 2);
  lua_setfield(L, 3, "wkb");
  if (luaL_loadbufferx(L, ctx->script->data(), ctx->script->size(), ctx->chunk_name.c_str(), "t") != LUA_OK) {
    ctx->syntax_error = true;
    return lua_error(L);  // a string: "file:line: message"
  }
  lua_pushvalue(L, 3);
  lua_setupvalue(L, -2, 1);
  lua_call(L, 0, 1);
  if (lua_istable(L, -1)) {
    for (const char* name : kMethodNames) {
      lua_pushstring(L, name);
      if (lua_rawget(L, -2) != LUA_TFUNCTION) ctx->missing += std::string(ctx->missing.empty() ? "" : ", ") + name;
      lua_pop(L, 1);
    }
    if (ctx->missing.empty()) {
      lua_pushvalue(L, -1);
      ctx->module_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
  }
  return 1;
}

struct CallContext {
  boost::json::value request;
  const char* method;
  int module_ref;
};

// Runs in protected mode: request -> table, method(request), result stays.
int run_method(lua_State* L) {
  auto* ctx = static_cast<CallContext*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  lua_rawgeti(L, LUA_REGISTRYINDEX, ctx->module_ref);
  lua_pushstring(L, ctx->method);
  if (lua_rawget(L, 1) != LUA_TFUNCTION)
    return luaL_error(L, "de tabel van het script heeft geen functie '%s'", ctx->method);
  push_json(L, ctx->request);
  lua_call(L, 1, 1);
  return 1;
}

std::string type_name_at(lua_State* L, int index) { return luaL_typename(L, index); }

// One Lua state with its budget (the allocator's user data). Shared between
// the instrument and the thread that runs a call, so that a call the
// watchdog abandons keeps both alive until it ends.
struct Engine {
  Budget budget;
  lua_State* L = nullptr;
  int module_ref = LUA_NOREF;
  long long close_instruction_limit = 10'000'000;
  int close_deadline_ms = 1000;

  Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine() {
    if (!L) return;
    // lua_close may run library code of the plugin's objects; it gets a
    // short budget of its own (finalizers are refused by the sandbox).
    budget.instruction_limit = close_instruction_limit;
    budget.instructions_used = 0;
    budget.instructions_exceeded = budget.deadline_exceeded = false;
    budget.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(close_deadline_ms);
    lua_sethook(L, count_hook, LUA_MASKCOUNT, kHookInterval);
    lua_close(L);
  }
};

// Runs fn(ctx) in protected mode on the engine's state, with the handler;
// leaves the result (or the error value) on the stack.
int run_protected(Engine& e, lua_CFunction fn, void* ctx) {
  lua_State* L = e.L;
  lua_sethook(L, count_hook, LUA_MASKCOUNT, kHookInterval);
  lua_settop(L, 0);
  lua_pushcfunction(L, message_handler);
  lua_pushcfunction(L, fn);
  lua_pushlightuserdata(L, ctx);
  const int status = lua_pcall(L, 1, 1, 1);
  lua_remove(L, 1);  // the handler
  return status;
}

// What the watchdog waits for.
struct CallSync {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  int status = LUA_OK;
};

// How long after the deadline the watchdog gives a call stuck inside one C
// library function before it abandons it.
constexpr int kWatchdogGraceMs = 1000;

}  // namespace

class LuaInstrument final : public Instrument {
 public:
  LuaInstrument(const Manifest& m, const LoadOptions& o, std::shared_ptr<const std::string> pinned)
      : manifest_(m), options_(o) {
    // The chunk is named after the script's file in the plugin folder, so
    // messages read "kavelbouw.lua:42: ...".
    chunk_name_ = "@" + manifest_.entry;
    const auto path = manifest_.entry_path();
    std::string text;
    if (pinned) {
      text = *pinned;
    } else {
      try {
        text = read_text_file(path);
      } catch (const std::exception& e) {
        throw PluginFailure(manifest_.id, "load", "load-failed", e.what());
      }
    }
    if (text.size() > kMaxScriptBytes)
      throw PluginFailure(manifest_.id, "load", "script-too-large",
                          path.string() + " is groter dan " + std::to_string(kMaxScriptBytes >> 20) + " MiB");
    if (!text.empty() && text[0] == LUA_SIGNATURE[0])
      throw PluginFailure(manifest_.id, "load", "bytecode",
                          path.string() +
                              " is voorgecompileerde Lua-bytecode; een Lua-instrument wordt als tekst geleverd");
    script_ = std::make_shared<const std::string>(std::move(text));
    open();
  }

  ~LuaInstrument() override = default;  // the engine closes its state

  const Manifest& manifest() const override { return manifest_; }

  std::string call(Method method, std::string_view request) override {
    const std::string m(to_string(method));
    if (!engine_) {
      // A sandbox limit broke the previous call: start from a fresh state,
      // so that no half-finished work of that call lingers.
      log::info("plugin " + manifest_.id + ": restarting its Lua state after a sandbox limit");
      open();
    }
    auto ctx = std::make_shared<CallContext>();
    try {
      ctx->request = parse_json(request, "verzoek");
    } catch (const std::exception& e) {
      throw PluginFailure(manifest_.id, m, "bad-request",
                          std::string("de host stuurde een verzoek dat geen JSON is: ") + e.what());
    }
    ctx->method = kMethodNames[static_cast<int>(method)];
    ctx->module_ref = engine_->module_ref;
    const int status = protected_run(run_method, ctx, ctx.get(), m);
    lua_State* L = engine_->L;
    check_limits(m, status);  // may close the state
    if (status != LUA_OK) fail_from_error(m, status, false);
    // The result: a table, the response or {error = {...}}.
    if (!lua_istable(L, -1)) {
      const std::string t = type_name_at(L, -1);
      lua_settop(L, 0);
      throw PluginFailure(manifest_.id, m, "bad-response",
                          manifest_.entry + ": " + m + "() gaf " + t + " terug in plaats van een tabel");
    }
    boost::json::value out;
    try {
      out = lua::to_json(L, -1);
    } catch (const MarshalError& e) {
      lua_settop(L, 0);
      if (e.too_large) throw PluginFailure(manifest_.id, m, "response-too-large", e.message + " (bij " + e.path + ")");
      throw PluginFailure(manifest_.id, m, "bad-response",
                          manifest_.entry + ": wat " + m + "() teruggaf, kan geen JSON worden bij " + e.path +
                              ": " + e.message,
                          {Issue{e.path, "lua-marshalling", e.message}});
    }
    lua_settop(L, 0);
    std::string text = serialize_canonical(out);
    if (out.is_object() && out.get_object().contains("error")) throw_plugin_error(manifest_.id, method, text);
    if (text.size() > kMaxResponseBytes)
      throw PluginFailure(manifest_.id, m, "response-too-large", response_too_large_message());
    return text;
  }

 private:
  void open() {
    auto engine = std::make_shared<Engine>();
    engine->budget.plugin_id = manifest_.id;
    engine->budget.memory_limit = options_.lua_memory_limit;
    engine->close_instruction_limit = std::min<long long>(options_.lua_instruction_limit, 10'000'000);
    engine->close_deadline_ms = std::min(options_.lua_deadline_ms, 1000);
    engine->L = lua_newstate(counting_alloc, &engine->budget);
    if (!engine->L)
      throw PluginFailure(manifest_.id, "load", "lua-state",
                          "kan geen Lua-omgeving aanmaken (is de geheugengrens te laag?)");
    lua_atpanic(engine->L, [](lua_State* Ls) -> int {
      // Unreachable by design (every raising call is protected); if it ever
      // happens, say so before Lua aborts.
      log::error(std::string("unprotected Lua error: ") + (lua_tostring(Ls, -1) ? lua_tostring(Ls, -1) : "?"));
      return 0;
    });
    engine_ = engine;
    auto ctx = std::make_shared<SetupContext>();
    ctx->script = script_;
    ctx->chunk_name = chunk_name_;
    try {
      const int status = protected_run(setup, ctx, ctx.get(), "load");
      check_limits("load", status);
      if (status != LUA_OK) fail_from_error("load", status, ctx->syntax_error);
    } catch (...) {
      close();  // the constructor fails: nothing else will close the state
      throw;
    }
    lua_State* L = engine_->L;
    if (!lua_istable(L, -1)) {
      const std::string t = type_name_at(L, -1);
      close();
      throw PluginFailure(manifest_.id, "load", "bad-script",
                          manifest_.entry + " moet een tabel teruggeven met de functies describe, assess, sample, "
                                            "plan en evaluate; het gaf " + t + " terug");
    }
    if (!ctx->missing.empty()) {
      close();
      throw PluginFailure(manifest_.id, "load", "missing-method",
                          manifest_.entry + " geeft een tabel terug zonder " +
                              (ctx->missing.find(',') == std::string::npos ? "de functie " : "de functies ") +
                              ctx->missing + "; elk instrument heeft describe, assess, sample, plan en evaluate");
    }
    engine_->module_ref = ctx->module_ref;
    lua_settop(L, 0);
  }

  void close() { engine_.reset(); }

  // Runs fn(ctx) under the per-call limits, on a thread of its own, and
  // returns the lua_pcall status with the result (or the error value) on the
  // stack. The count hook enforces the limits while Lua code runs; the
  // watchdog covers a call stuck inside one C library function (a
  // pathological pattern match), which the hook cannot interrupt: after the
  // deadline and a grace period the call is abandoned with its state (the
  // thread keeps the state alive and closes it if it ever finishes) and the
  // next call starts a fresh state. `owner` keeps ctx alive for the thread.
  int protected_run(lua_CFunction fn, std::shared_ptr<void> owner, void* ctx, const std::string& method) {
    Budget& b = engine_->budget;
    b.instruction_limit = options_.lua_instruction_limit;
    b.instructions_used = 0;
    b.instructions_exceeded = b.deadline_exceeded = false;
    b.memory_exceeded = false;
    b.traceback.clear();
    b.last_seen[0] = '\0';
    const auto start = std::chrono::steady_clock::now();
    b.deadline = start + std::chrono::milliseconds(options_.lua_deadline_ms);
    auto sync = std::make_shared<CallSync>();
    std::thread worker([engine = engine_, owner = std::move(owner), fn, ctx, sync] {
      const int status = run_protected(*engine, fn, ctx);
      std::lock_guard<std::mutex> lock(sync->mutex);
      sync->status = status;
      sync->done = true;
      sync->done_cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(sync->mutex);
    const auto limit = b.deadline + std::chrono::milliseconds(kWatchdogGraceMs);
    if (!sync->done_cv.wait_until(lock, limit, [&] { return sync->done; })) {
      lock.unlock();
      // Stuck in C means the hook is not running: nothing writes last_seen now.
      const std::string seen = b.last_seen;
      b.abandoned.store(true);
      worker.detach();
      engine_.reset();  // the worker holds the state until it ends
      log::warn("plugin " + manifest_.id + ": abandoned a Lua call stuck in a library function");
      throw PluginFailure(manifest_.id, method, "lua-deadline",
                          manifest_.entry + ": " + running(method) + " hangt in een bibliotheekfunctie (bijvoorbeeld "
                          "een patroon op een lange tekst) na de deadline van " +
                          number_nl(options_.lua_deadline_ms) + " ms; de Lua-omgeving is opgegeven" +
                          (seen.empty() ? std::string() : " (laatst gezien in " + seen + ")"));
    }
    const int status = sync->status;
    lock.unlock();
    worker.join();
    return status;
  }

  // A sandbox limit broke the call: report it, and drop the state (the next
  // call starts a fresh one).
  void check_limits(const std::string& method, int status) {
    const Budget& b = engine_->budget;
    std::string code, what;
    if (b.deadline_exceeded) {
      code = "lua-deadline";
      what = "liep langer dan de deadline van " + number_nl(options_.lua_deadline_ms) + " ms";
    } else if (b.instructions_exceeded) {
      code = "lua-instruction-limit";
      what = "gebruikte meer dan het budget van " + number_nl(static_cast<double>(options_.lua_instruction_limit)) +
             " Lua-instructies per aanroep (een oneindige lus?)";
    } else if (b.memory_exceeded && status == LUA_ERRMEM) {
      code = "lua-memory-limit";
      what = "had meer geheugen nodig dan de grens van " + std::to_string(options_.lua_memory_limit >> 20) + " MiB";
      if (b.last_seen[0]) what += " (laatst gezien in " + std::string(b.last_seen) + ")";
    } else {
      return;
    }
    const std::string where = b.traceback;
    close();
    throw PluginFailure(manifest_.id, method, code,
                        manifest_.entry + ": " + running(method) + " " + what + (where.empty() ? "" : "\n" + where));
  }

  [[noreturn]] void fail_from_error(const std::string& method, int status, bool syntax_error) {
    lua_State* L = engine_->L;
    const std::string traceback = engine_->budget.traceback;
    if (status == LUA_ERRMEM) {
      close();
      throw PluginFailure(manifest_.id, method, "lua-memory-limit",
                          manifest_.entry + ": " + running(method) + " had niet genoeg geheugen");
    }
    if (syntax_error) {
      std::string msg = lua_tostring(L, -1) ? lua_tostring(L, -1) : "syntaxfout";
      throw PluginFailure(manifest_.id, "load", "lua-syntax", msg);
    }
    const int t = lua_type(L, -1);
    if (t == LUA_TTABLE) {
      // error({code=..., message=..., path=...}) (wkb.error): a contract error,
      // read exactly like a native plugin's error response.
      bool structured = false;
      std::string text;
      try {
        boost::json::value v = lua::to_json(L, -1, "error");
        structured = v.is_object() && v.get_object().contains("message") &&
                     v.get_object().at("message").is_string();
        if (structured) text = serialize_canonical(boost::json::object{{"error", std::move(v)}});
      } catch (const MarshalError&) {
      }
      lua_settop(L, 0);
      if (structured && method != "load")
        throw_plugin_error(manifest_.id, static_cast<Method>(method_index(method)), text);
      if (structured)
        throw PluginFailure(manifest_.id, method, "lua-error",
                            manifest_.entry + ": het script gaf een fout bij het laden: " + text + "\n" +
                                traceback);
      throw PluginFailure(manifest_.id, method, "lua-error",
                          manifest_.entry + ": " + running(method) + " gaf als fout een tabel die geen "
                                            "{code=..., message=..., path=...} is (gebruik wkb.error)\n" + traceback);
    }
    std::string msg;
    if (t == LUA_TSTRING) {
      msg = traceback.empty() ? lua_tostring(L, -1) : traceback;
    } else {
      msg = "foutobject van het type " + type_name_at(L, -1) + " (geef een tekst als fout of gebruik wkb.error)\n" +
            traceback;
    }
    lua_settop(L, 0);
    throw PluginFailure(manifest_.id, method, "lua-error", msg);
  }

  // What was running, for a message: "assess()", or "het laden" for the script's top level.
  static std::string running(const std::string& method) { return method == "load" ? "het laden" : method + "()"; }

  static int method_index(const std::string& m) {
    for (int i = 0; i < 5; ++i)
      if (m == kMethodNames[i]) return i;
    return 0;
  }

  Manifest manifest_;
  LoadOptions options_;
  std::shared_ptr<const std::string> script_;
  std::string chunk_name_;
  std::shared_ptr<Engine> engine_;  // null after a sandbox limit: reopened on the next call
};

}  // namespace lua

std::unique_ptr<Instrument> load_lua(const Manifest& manifest, const LoadOptions& options,
                                     std::shared_ptr<const std::string> script) {
  return std::make_unique<lua::LuaInstrument>(manifest, options, std::move(script));
}

}  // namespace wkb::host
