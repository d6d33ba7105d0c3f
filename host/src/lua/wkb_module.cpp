// The `wkb` module every Lua plugin finds as a global. Its Lua half is
// sdk/lua/wkb.lua (embedded at build time); this file gives it the C++ core,
// so that seeds, the generator, dates, sample sizes and the taxonomy are the
// very code native plugins use (bit for bit the same results).
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "lua_internal.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/request_check.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::detail {
extern const char kWkbLuaSource[];  // generated from sdk/lua/wkb.lua
}

namespace wkb::host::lua {
namespace {

constexpr const char* kRngName = "wkb.rng";

// ---- markers and null ----

int core_mark(lua_State* L, const char* key) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_getmetatable(L, 1)) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kArrayMarkerKey);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kObjectMarkerKey);
    if (!lua_rawequal(L, -1, -3) && !lua_rawequal(L, -2, -3))
      return luaL_error(L, "deze tabel heeft al een metatabel; wkb.array/wkb.object vragen een gewone tabel");
    lua_pop(L, 3);
  }
  lua_settop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, key);
  lua_setmetatable(L, 1);
  return 1;
}
int core_array(lua_State* L) { return core_mark(L, &kArrayMarkerKey); }
int core_object(lua_State* L) { return core_mark(L, &kObjectMarkerKey); }

// "array", "object" or nil: how the marshaller will treat a table's marker.
int core_kind(lua_State* L) {
  if (lua_type(L, 1) != LUA_TTABLE || !lua_getmetatable(L, 1)) {
    lua_pushnil(L);
    return 1;
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kArrayMarkerKey);
  if (lua_rawequal(L, -1, -2)) {
    lua_pushliteral(L, "array");
    return 1;
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kObjectMarkerKey);
  if (lua_rawequal(L, -1, -3)) {
    lua_pushliteral(L, "object");
    return 1;
  }
  lua_pushnil(L);
  return 1;
}

int core_freeze(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  push_read_only(L, 1, luaL_checkstring(L, 2));
  return 1;
}

// ---- seeds and the generator ----

int core_derive_seed(lua_State* L) {
  std::size_t n = 0;
  const char* id = luaL_checklstring(L, 1, &n);
  const std::string seed = derive_seed(std::string_view(id, n));
  lua_pushlstring(L, seed.data(), seed.size());
  return 1;
}

std::uint64_t seed_arg(lua_State* L, int index) {
  if (lua_isinteger(L, index)) return static_cast<std::uint64_t>(lua_tointeger(L, index));
  std::size_t n = 0;
  const char* s = lua_tolstring(L, index, &n);
  if (lua_type(L, index) != LUA_TSTRING || n == 0 || n > 20 || std::strspn(s, "0123456789") != n)
    luaL_argerror(L, index, "een startwaarde (seed) is een decimale tekst (wkb.derive_seed) of een geheel getal");
  errno = 0;
  const unsigned long long v = std::strtoull(s, nullptr, 10);
  if (errno == ERANGE) luaL_argerror(L, index, "de startwaarde past niet in 64 bits");
  return v;
}

DeterministicRng& check_rng(lua_State* L) {
  return *static_cast<DeterministicRng*>(luaL_checkudata(L, 1, kRngName));
}

int rng_next(lua_State* L) {
  // All 64 bits, as a Lua integer (two's complement: may be negative).
  lua_pushinteger(L, static_cast<lua_Integer>(check_rng(L).next()));
  return 1;
}

int rng_below(lua_State* L) {
  DeterministicRng& rng = check_rng(L);
  const lua_Integer bound = luaL_checkinteger(L, 2);
  luaL_argcheck(L, bound >= 1, 2, "de bovengrens moet ten minste 1 zijn");
  lua_pushinteger(L, static_cast<lua_Integer>(rng.below(static_cast<std::uint64_t>(bound))));
  return 1;
}

int core_rng(lua_State* L) {
  const std::uint64_t seed = seed_arg(L, 1);
  void* mem = lua_newuserdatauv(L, sizeof(DeterministicRng), 0);
  new (mem) DeterministicRng(seed);  // trivially destructible: no __gc needed
  luaL_setmetatable(L, kRngName);
  return 1;
}

void register_rng_type(lua_State* L) {
  luaL_newmetatable(L, kRngName);
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, rng_next);
  lua_setfield(L, -2, "next");
  lua_pushcfunction(L, rng_below);
  lua_setfield(L, -2, "below");
  lua_setfield(L, -2, "__index");
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
}

// ---- dates ----

int core_date_days(lua_State* L) {
  std::size_t n = 0;
  const char* s = luaL_checklstring(L, 1, &n);
  const auto d = Date::parse(std::string_view(s, n));
  if (!d) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushinteger(L, d->days());
  return 1;
}

int core_date_format(lua_State* L) {
  const lua_Integer days = luaL_checkinteger(L, 1);
  luaL_argcheck(L, days > -1000000 && days < 3000000, 1, "dagnummer buiten het bereik");
  const std::string s = Date::from_days(static_cast<int>(days)).to_string();
  lua_pushlstring(L, s.data(), s.size());
  return 1;
}

// ---- sampling and taxonomy ----

int core_required_sample_size(lua_State* L) {
  SamplingPolicy policy;
  policy.min_fraction = luaL_checknumber(L, 1);
  // Checked here: the C++ conversions below are undefined for NaN or huge values.
  luaL_argcheck(L, policy.min_fraction > 0.0 && policy.min_fraction <= 1.0, 1, "min_fraction moet groter dan 0 en ten hoogste 1 zijn");
  const lua_Integer min_units = luaL_checkinteger(L, 2);
  luaL_argcheck(L, min_units >= 1 && min_units <= 1000000, 2, "min_units buiten het bereik");
  policy.min_units = static_cast<int>(min_units);
  const lua_Integer units = luaL_checkinteger(L, 3);
  luaL_argcheck(L, units >= 0 && units <= 1000000, 3, "aantal eenheden buiten het bereik");
  lua_pushinteger(L, required_sample_size(policy, static_cast<int>(units)));
  return 1;
}

// A fresh array of fresh topic tables on every call: nothing shared to spoil.
int core_topics(lua_State* L) {
  const auto& topics = taxonomy();
  lua_createtable(L, static_cast<int>(topics.size()), 0);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kArrayMarkerKey);
  lua_setmetatable(L, -2);
  lua_Integer i = 0;
  for (const Topic& t : topics) {
    lua_createtable(L, 0, 5);
    auto field = [&](const char* key, const std::string& value) {
      lua_pushlstring(L, value.data(), value.size());
      lua_setfield(L, -2, key);
    };
    field("id", t.id);
    field("group", t.group);
    field("group_nl", t.group_nl);
    field("label_nl", t.label_nl);
    field("bbl_ref", t.bbl_ref);
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

// ---- request checks and Dutch labels ----

// check_request(method, req): nil when the native SDK's barrier would pass
// the request on, else {code, message, path} of the error it would answer
// with; the Lua half raises it. The request goes back to JSON and through
// the SDK's own readers, so both kinds refuse a request alike.
int core_check_request(lua_State* L) {
  std::size_t n = 0;
  const char* m = luaL_checklstring(L, 1, &n);
  const std::string_view method(m, n);
  if (!sdk::is_method(method))
    return luaL_argerror(L, 1, "geen methode van het contract; gebruik describe, assess, sample, plan of evaluate");
  // No Lua error may be raised inside the try block (it would be caught as
  // a C++ exception): the outcome is kept, and raised or pushed after it.
  std::optional<sdk::RequestError> error;
  std::string marshal_problem;
  try {
    // describe takes any request; a missing one is JSON null to the readers.
    if (method != "describe")
      error = sdk::check_request(method, lua_isnoneornil(L, 2) ? std::string("null")
                                                                : serialize_canonical(to_json(L, 2, "$")));
  } catch (const MarshalError& e) {
    error = sdk::RequestError{"invalid-request", "het verzoek kan geen JSON worden bij " + e.path + ": " + e.message,
                              e.path};
  } catch (const std::exception& e) {
    marshal_problem = e.what();
  }
  if (!marshal_problem.empty()) return luaL_error(L, "wkb.check_request: %s", marshal_problem.c_str());
  if (!error) {
    lua_pushnil(L);
    return 1;
  }
  lua_createtable(L, 0, 3);
  lua_pushlstring(L, error->code.data(), error->code.size());
  lua_setfield(L, -2, "code");
  lua_pushlstring(L, error->message.data(), error->message.size());
  lua_setfield(L, -2, "message");
  lua_pushlstring(L, error->path.data(), error->path.size());
  lua_setfield(L, -2, "path");
  return 1;
}

// label_nl(kind, value): the Dutch label native authors get from
// labels_nl.hpp. Kinds are the contract's value types in snake_case.
template <typename E>
std::optional<std::string> enum_label(std::optional<E> e) {
  return e ? std::optional<std::string>(label_nl(*e)) : std::nullopt;
}
// The label functions that give the value back when they do not know it.
std::optional<std::string> known(std::string label, std::string_view value) {
  return label == value ? std::nullopt : std::optional<std::string>(std::move(label));
}

int core_label_nl(lua_State* L) {
  std::size_t kn = 0, vn = 0;
  const char* k = luaL_checklstring(L, 1, &kn);
  const char* v = luaL_checklstring(L, 2, &vn);
  const std::string_view kind(k, kn), value(v, vn);
  std::optional<std::string> label;
  bool unknown_kind = false;  // raised after the try block, never inside it
  try {
    if (kind == "building_type") label = enum_label(parse_building_type(value));
    else if (kind == "phase") label = enum_label(parse_phase(value));
    else if (kind == "risk_phase") label = enum_label(parse_risk_phase(value));
    else if (kind == "method") label = enum_label(parse_control_method(value));
    else if (kind == "performer") label = enum_label(parse_performer(value));
    else if (kind == "result") label = enum_label(parse_finding_result(value));
    else if (kind == "outcome") label = enum_label(parse_outcome(value));
    else if (kind == "topic") label = known(topic_label_nl(value), value);
    else if (kind == "role") label = known(role_label_nl(value), value);
    else if (kind == "document_status") label = known(document_status_label_nl(value), value);
    else if (kind == "date") label = known(date_nl(value), value);
    else
      unknown_kind = true;
  } catch (const std::exception&) {
    label.reset();
  }
  if (unknown_kind)
    return luaL_argerror(L, 1,
                         "onbekende soort; gebruik building_type, phase, risk_phase, method, performer, result, "
                         "outcome, topic, role, document_status of date");
  if (!label) {
    lua_pushfstring(L, "\"%s\" is geen waarde van de soort %s", v, k);
    return luaL_argerror(L, 2, lua_tostring(L, -1));
  }
  lua_pushlstring(L, label->data(), label->size());
  return 1;
}

}  // namespace

void push_wkb_module(lua_State* L, int env) {
  env = lua_absindex(L, env);
  register_rng_type(L);
  static const luaL_Reg kCore[] = {
      {"array", core_array},
      {"object", core_object},
      {"kind", core_kind},
      {"freeze", core_freeze},
      {"derive_seed", core_derive_seed},
      {"rng", core_rng},
      {"date_days", core_date_days},
      {"date_format", core_date_format},
      {"required_sample_size", core_required_sample_size},
      {"topics", core_topics},
      {"check_request", core_check_request},
      {"label_nl", core_label_nl},
      {nullptr, nullptr}};
  const char* src = wkb::detail::kWkbLuaSource;
  if (luaL_loadbufferx(L, src, std::strlen(src), "@wkb.lua", "t") != LUA_OK) lua_error(L);
  lua_pushvalue(L, env);
  lua_setupvalue(L, -2, 1);  // _ENV of the chunk
  luaL_newlib(L, kCore);
  lua_pushlightuserdata(L, null_sentinel());
  lua_setfield(L, -2, "null");
  lua_call(L, 1, 1);
  if (!lua_istable(L, -1)) luaL_error(L, "wkb.lua gaf de moduletabel niet terug");
}

}  // namespace wkb::host::lua
