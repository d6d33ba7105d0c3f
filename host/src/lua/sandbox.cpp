// The Lua sandbox (contract v1, "Fixed" point 3), built as a whitelist: a
// plugin's environment starts empty and receives only the functions below.
// Library tables are handed out as read-only proxies. The rules and limits are
// documented in docs/sdk/lua.md#the-sandbox.
#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "lua_internal.hpp"
#include "wkb/host/log.hpp"

namespace wkb::host::lua {
namespace {

// ---- Read-only proxies ----

int read_only_newindex(lua_State* L) {
  const char* name = lua_tostring(L, lua_upvalueindex(1));
  const char* key = luaL_tolstring(L, 2, nullptr);
  return luaL_error(L, "%s is alleen-lezen in de wkb-sandbox (%s.%s kan niet worden gewijzigd)", name, name, key);
}

int sorted_pairs(lua_State* L);

// pairs(proxy) iterates the table behind it (in pairs()'s deterministic order).
int read_only_pairs(lua_State* L) {
  lua_settop(L, 0);
  lua_pushvalue(L, lua_upvalueindex(1));
  return sorted_pairs(L);
}

int read_only_len(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1))));
  return 1;
}

// ---- Functions that replace or refuse library functions ----

int refuse(lua_State* L) {
  const char* what = lua_tostring(L, lua_upvalueindex(1));
  return luaL_error(L, "%s is niet beschikbaar in de wkb-sandbox (zie docs/sdk/lua.md#the-sandbox)", what);
}

void push_refusal(lua_State* L, const char* what) {
  lua_pushstring(L, what);
  lua_pushcclosure(L, refuse, 1);
}

// print() goes to the host's debug log, tagged with the plugin id: stdout is
// for results only.
int sandbox_print(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; ++i) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  std::size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  if (!budget_of(L).abandoned.load() && log::enabled_debug()) {
    std::string line(text, len > 2000 ? 2000 : len);
    log::debug("[" + budget_of(L).plugin_id + "] " + line);
  }
  return 0;
}

// setmetatable without finalizers. Lua runs __gc metamethods with hooks
// switched off, so a finalizer would escape the instruction budget and the
// deadline. An object is only ever finalized if its metatable has a __gc
// field (of any value) when setmetatable is called: refusing such metatables
// here means no plugin object is ever finalized.
int safe_setmetatable(lua_State* L) {
  const int t = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return luaL_error(L, "een beschermde metatabel kan niet worden gewijzigd");
  if (t == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "__gc-metamethoden zijn niet beschikbaar in de wkb-sandbox (finalizers lopen buiten het "
                           "instructiebudget)");
    lua_pop(L, 1);
  }
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

// pairs() in a deterministic order. Lua randomises string hashes per state,
// so plain pairs() visits keys in a different order from run to run; an
// instrument that builds an array that way would answer differently to the
// same request (contract v1, "Fixed" point 6). This pairs() visits numbers
// (ascending), then strings (byte order), then booleans, then other keys in
// table order. It iterates a snapshot of the keys and skips keys whose value
// has become nil. A __pairs metamethod is honoured.
struct SortKey {
  int kind;  // 0 number, 1 string, 2 boolean, 3 other
  double number;
  std::string_view text;
  int index;  // position in the snapshot, 1-based
};

int sorted_pairs_next(lua_State* L) {
  // upvalues: 1 table, 2 sorted keys, 3 position
  lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
  const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(2)));
  while (pos < n) {
    ++pos;
    lua_rawgeti(L, lua_upvalueindex(2), pos);  // key
    lua_pushvalue(L, -1);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) {
      lua_pushinteger(L, pos);
      lua_replace(L, lua_upvalueindex(3));
      return 2;
    }
    lua_pop(L, 2);
  }
  lua_pushinteger(L, pos);
  lua_replace(L, lua_upvalueindex(3));
  return 0;
}

int sorted_pairs(lua_State* L) {
  luaL_checkany(L, 1);
  if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
    lua_pushvalue(L, 1);
    lua_call(L, 1, 3);
    return 3;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_newtable(L);  // 2: snapshot of the keys, in table order
  int n = 0;
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, 2, ++n);
  }
  bool sorted_ok = true;
  lua_createtable(L, n, 0);  // 3: the keys in order
  try {
    std::vector<SortKey> keys;
    keys.reserve(static_cast<std::size_t>(n));
    for (int i = 1; i <= n; ++i) {
      const int t = lua_rawgeti(L, 2, i);
      SortKey k{3, 0.0, {}, i};
      if (t == LUA_TNUMBER) {
        k.kind = 0;
        k.number = lua_tonumber(L, -1);
      } else if (t == LUA_TSTRING) {
        std::size_t len = 0;
        const char* str = lua_tolstring(L, -1, &len);  // stays alive: the snapshot holds it
        k.kind = 1;
        k.text = std::string_view(str, len);
      } else if (t == LUA_TBOOLEAN) {
        k.kind = 2;
        k.number = lua_toboolean(L, -1);
      }
      lua_pop(L, 1);
      keys.push_back(k);
    }
    std::stable_sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) {
      if (a.kind != b.kind) return a.kind < b.kind;
      if (a.kind == 0 || a.kind == 2) return a.number < b.number;
      if (a.kind == 1) return a.text < b.text;
      return false;
    });
    for (int i = 0; i < n; ++i) {
      lua_rawgeti(L, 2, keys[static_cast<std::size_t>(i)].index);
      lua_rawseti(L, 3, i + 1);
    }
  } catch (const std::bad_alloc&) {
    sorted_ok = false;  // no C++ exception may cross Lua's frames
  }
  if (!sorted_ok) return luaL_error(L, "niet genoeg geheugen om de sleutels voor pairs() te sorteren");
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 3);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, sorted_pairs_next, 3);
  lua_pushnil(L);
  lua_pushnil(L);
  return 3;
}

// Globals a plugin may expect from a full Lua but does not get. Reading one
// raises an error that says why, rather than "attempt to call a nil value".
constexpr const char* kForbiddenGlobals[] = {
    "io", "os", "debug", "package", "require", "load", "loadstring", "loadfile", "dofile",
    "collectgarbage", "rawset", "module", "setfenv", "getfenv", "newproxy", "gcinfo"};

int env_index(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING) {
    const char* key = lua_tostring(L, 2);
    for (const char* name : kForbiddenGlobals)
      if (std::strcmp(key, name) == 0) {
        if (std::strcmp(key, "os") == 0)
          return luaL_error(L, "'os' is niet beschikbaar in de wkb-sandbox; gebruik wkb.date voor datums "
                               "(zie docs/sdk/lua.md#the-sandbox)");
        return luaL_error(L, "'%s' is niet beschikbaar in de wkb-sandbox (zie docs/sdk/lua.md#the-sandbox)", key);
      }
  }
  return 0;  // any other missing global reads as nil, as in plain Lua
}

// Copies whitelisted fields of the table at `src` into a new table, refusing
// the names in `refused`, and pushes a read-only proxy of it.
void push_library(lua_State* L, const char* libname, lua_CFunction open, const char* const* refused,
                  std::size_t n_refused) {
  luaL_requiref(L, libname, open, 0);  // the real library (kept out of reach)
  const int real = lua_gettop(L);
  lua_newtable(L);
  const int copy = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, real) != 0) {
    bool skip = false;
    if (lua_type(L, -2) == LUA_TSTRING)
      for (std::size_t i = 0; i < n_refused; ++i)
        if (std::strcmp(lua_tostring(L, -2), refused[i]) == 0) skip = true;
    if (!skip) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, copy);
    } else {
      lua_pop(L, 1);
    }
  }
  for (std::size_t i = 0; i < n_refused; ++i) {
    push_refusal(L, (std::string(libname) + "." + refused[i]).c_str());
    lua_setfield(L, copy, refused[i]);
  }
  push_read_only(L, copy, libname);
  lua_replace(L, real);
  lua_settop(L, real);
}

// table.insert, table.remove and table.move loop in C over a length that a
// plugin controls (__len, or move's bounds) without allocating: neither the
// count hook nor the memory cap would stop `table.move({}, 1, 1e15, 1)`.
// These Lua versions keep the standard semantics and run under the hook.
constexpr const char kTableFunctions[] = R"lua(
local select, error, math_type, rawequal = ...
local MAXINT = 9223372036854775807
local function integer(v, arg, fname)
  if math_type(v) ~= "integer" then
    error("bad argument #" .. arg .. " to '" .. fname .. "' (number has no integer representation)", 3)
  end
  return v
end
local function insert(t, ...)
  local nargs = select("#", ...)
  local e = #t + 1
  if nargs == 1 then
    t[e] = ...
    return
  elseif nargs ~= 2 then
    error("wrong number of arguments to 'insert'", 2)
  end
  local pos, v = ...
  integer(pos, 2, "insert")
  if pos < 1 or pos > e then error("bad argument #2 to 'insert' (position out of bounds)", 2) end
  for i = e, pos + 1, -1 do t[i] = t[i - 1] end
  t[pos] = v
end
local function remove(t, pos)
  local size = #t
  if pos == nil then pos = size else integer(pos, 2, "remove") end
  if pos ~= size and (pos < 1 or pos - 1 > size) then
    error("bad argument #2 to 'remove' (position out of bounds)", 2)
  end
  local v = t[pos]
  while pos < size do
    t[pos] = t[pos + 1]
    pos = pos + 1
  end
  t[pos] = nil
  return v
end
local function move(a1, f, e, t, a2)
  integer(f, 2, "move"); integer(e, 3, "move"); integer(t, 4, "move")
  if a2 == nil then a2 = a1 end
  if e >= f then
    if not (f > 0 or e < MAXINT + f) then error("bad argument #3 to 'move' (too many elements to move)", 2) end
    local n = e - f + 1
    if t > MAXINT - n + 1 then error("bad argument #4 to 'move' (destination wrap around)", 2) end
    if t > e or t <= f or not rawequal(a1, a2) then
      for i = 0, n - 1 do a2[t + i] = a1[f + i] end
    else
      for i = n - 1, 0, -1 do a2[t + i] = a1[f + i] end
    end
  end
  return a2
end
return insert, remove, move
)lua";

// string.rep of an empty string (and separator) loops n times in C without
// allocating anything: string.rep('', math.maxinteger) would never return.
int safe_rep(lua_State* L) {
  std::size_t l = 0, lsep = 0;
  luaL_checklstring(L, 1, &l);
  const lua_Integer n = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &lsep);
  if (n > 0 && l + lsep == 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// The table behind a read-only proxy (at `proxy`), pushed.
void push_inner(lua_State* L, int proxy) {
  lua_getmetatable(L, proxy);
  lua_getfield(L, -1, "__index");
  lua_remove(L, -2);
}

const char kLibrariesKey = 0;  // registry: table of the read-only library proxies

// Builds the read-only libraries once per state and keeps them in the registry.
void push_libraries(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kLibrariesKey) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  const int libs = lua_gettop(L);

  static const char* const kStringRefused[] = {"dump"};
  push_library(L, LUA_STRLIBNAME, luaopen_string, kStringRefused, 1);
  // Method calls on strings ("x"):upper() go through the same proxy, and the
  // string metatable itself is locked.
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushvalue(L, -3);
  lua_setfield(L, -2, "__index");
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
  lua_setfield(L, libs, LUA_STRLIBNAME);

  // The string library's rep, guarded.
  lua_getfield(L, libs, LUA_STRLIBNAME);
  push_inner(L, -1);
  lua_getfield(L, -1, "rep");
  lua_pushcclosure(L, safe_rep, 1);
  lua_setfield(L, -2, "rep");
  lua_pop(L, 2);

  push_library(L, LUA_TABLIBNAME, luaopen_table, nullptr, 0);
  push_inner(L, -1);
  const int inner = lua_gettop(L);
  if (luaL_loadbufferx(L, kTableFunctions, sizeof kTableFunctions - 1, "=[wkb sandbox]", "t") != LUA_OK)
    lua_error(L);
  lua_newtable(L);  // an empty _ENV: the chunk uses only what it is given
  lua_setupvalue(L, -2, 1);
  const int chunk = lua_gettop(L);
  luaL_requiref(L, LUA_GNAME, luaopen_base, 0);
  const int base = lua_gettop(L);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
  const int math = lua_gettop(L);
  lua_pushvalue(L, chunk);
  lua_getfield(L, base, "select");
  lua_getfield(L, base, "error");
  lua_getfield(L, math, "type");
  lua_getfield(L, base, "rawequal");
  lua_call(L, 4, 3);
  lua_setfield(L, inner, "move");
  lua_setfield(L, inner, "remove");
  lua_setfield(L, inner, "insert");
  lua_settop(L, inner - 1);  // the table proxy on top
  lua_setfield(L, libs, LUA_TABLIBNAME);
  // math.random draws from a global, clock-seeded generator: sampling must
  // use wkb.rng (contract v1, "Fixed" point 6).
  static const char* const kMathRefused[] = {"random", "randomseed"};
  push_library(L, LUA_MATHLIBNAME, luaopen_math, kMathRefused, 2);
  lua_setfield(L, libs, LUA_MATHLIBNAME);
  push_library(L, LUA_UTF8LIBNAME, luaopen_utf8, nullptr, 0);
  lua_setfield(L, libs, LUA_UTF8LIBNAME);
  push_library(L, LUA_COLIBNAME, luaopen_coroutine, nullptr, 0);
  lua_setfield(L, libs, LUA_COLIBNAME);

  lua_pushvalue(L, libs);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kLibrariesKey);
}

}  // namespace

void push_read_only(lua_State* L, int index, const char* name) {
  index = lua_absindex(L, index);
  lua_newtable(L);                 // the proxy: always empty
  lua_createtable(L, 0, 5);        // its metatable
  lua_pushvalue(L, index);
  lua_setfield(L, -2, "__index");
  lua_pushstring(L, name);
  lua_pushcclosure(L, read_only_newindex, 1);
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, index);
  lua_pushcclosure(L, read_only_pairs, 1);
  lua_setfield(L, -2, "__pairs");
  lua_pushvalue(L, index);
  lua_pushcclosure(L, read_only_len, 1);
  lua_setfield(L, -2, "__len");
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

// next() without a key gives the first key in pairs()'s deterministic order,
// so `next(t) == nil` keeps working; walking a table with next(t, k) would
// follow the run-dependent raw order, so it is refused with a pointer to pairs().
int deterministic_next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_isnoneornil(L, 2))
    return luaL_error(L, "next(t, key) bezoekt de sleutels in een volgorde die per run verschilt; gebruik "
                         "pairs(t), dat altijd dezelfde volgorde geeft");
  lua_settop(L, 1);
  lua_pushcfunction(L, sorted_pairs);
  lua_pushvalue(L, 1);
  lua_call(L, 1, 3);  // iterator, state, control
  lua_call(L, 2, 2);  // the first key and value, or nil
  return 2;
}

// tostring() of a table or function without __tostring shows its address,
// which differs from run to run; a response built from it would too.
int deterministic_tostring(lua_State* L) {
  luaL_checkany(L, 1);
  const int t = lua_type(L, 1);
  if ((t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TTHREAD || t == LUA_TUSERDATA) &&
      luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL && luaL_getmetafield(L, 1, "__name") == LUA_TNIL) {
    lua_pushstring(L, lua_typename(L, t));
    return 1;
  }
  lua_settop(L, 1);
  luaL_tolstring(L, 1, nullptr);
  return 1;
}

void push_environment(lua_State* L) {
  // The base library goes into the registry's globals table, which no plugin
  // can reach; the environment receives copies of the safe functions only.
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  const int base = lua_gettop(L);
  lua_newtable(L);
  const int env = lua_gettop(L);
  static const char* const kBaseWhitelist[] = {
      "assert", "error", "ipairs", "pcall", "select", "tonumber", "type", "xpcall",
      "rawequal", "rawget", "rawlen", "getmetatable", "_VERSION"};
  for (const char* name : kBaseWhitelist) {
    lua_getfield(L, base, name);
    lua_setfield(L, env, name);
  }
  lua_pushcfunction(L, sandbox_print);
  lua_setfield(L, env, "print");
  lua_pushcfunction(L, safe_setmetatable);
  lua_setfield(L, env, "setmetatable");
  lua_pushcfunction(L, sorted_pairs);
  lua_setfield(L, env, "pairs");
  lua_pushcfunction(L, deterministic_next);
  lua_setfield(L, env, "next");
  lua_pushcfunction(L, deterministic_tostring);
  lua_setfield(L, env, "tostring");
  push_libraries(L);
  for (const char* name : {LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_MATHLIBNAME, LUA_UTF8LIBNAME, LUA_COLIBNAME}) {
    lua_getfield(L, -1, name);
    lua_setfield(L, env, name);
  }
  lua_pop(L, 1);
  lua_pushvalue(L, env);
  lua_setfield(L, env, "_G");
  // The environment's own metatable is locked: setmetatable(_G, ...) fails.
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, env_index);
  lua_setfield(L, -2, "__index");
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, env);
  lua_replace(L, base);
  lua_settop(L, base);
}

}  // namespace wkb::host::lua
