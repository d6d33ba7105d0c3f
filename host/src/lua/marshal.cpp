// JSON <-> Lua tables. The rules (docs/sdk/lua.md#marshalling):
//  - object -> table marked with the object marker; array -> table marked with
//    the array marker (so an empty {} or [] survives a round trip);
//  - null -> wkb.null (a light userdata), so arrays keep their length and
//    objects their members;
//  - integer -> Lua integer, other number -> Lua float; strings as they are.
// Back to JSON: a table with only string keys is an object, with only keys
// 1..n an array; an unmarked empty table is an array; markers decide when
// present. Functions, userdata, threads, cycles, NaN/inf, invalid UTF-8,
// sparse arrays and keys that are neither strings nor integers are errors
// that name the JSON path.
#include <boost/json.hpp>
#include <cmath>
#include <unordered_set>
#include <vector>

#include "lua_internal.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::host::lua {

const char kArrayMarkerKey = 0;
const char kObjectMarkerKey = 0;

namespace {
char g_null_object = 0;
constexpr int kMaxDepth = 200;  // deeper nesting is refused, before the C stack suffers
}  // namespace

void* null_sentinel() { return &g_null_object; }

namespace {
int null_tostring(lua_State* L) {
  lua_pushliteral(L, "null");
  return 1;
}
}  // namespace

void install_markers(lua_State* L) {
  // wkb.null is the only light userdata a plugin sees: tostring() gives
  // "null", not an address that differs from run to run.
  lua_pushlightuserdata(L, null_sentinel());
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, null_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "wkb.array");
  lua_setfield(L, -2, "__name");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kArrayMarkerKey);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "wkb.object");
  lua_setfield(L, -2, "__name");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kObjectMarkerKey);
}

namespace {

void push_json_at(lua_State* L, const boost::json::value& v, int depth) {
  if (depth > kMaxDepth) luaL_error(L, "het verzoek is dieper genest dan %d niveaus", kMaxDepth);
  luaL_checkstack(L, 4, "het verzoek is te diep genest");
  switch (v.kind()) {
    case boost::json::kind::null: lua_pushlightuserdata(L, null_sentinel()); break;
    case boost::json::kind::bool_: lua_pushboolean(L, v.get_bool()); break;
    case boost::json::kind::int64: lua_pushinteger(L, static_cast<lua_Integer>(v.get_int64())); break;
    case boost::json::kind::uint64:
      // Above 2^63-1: no Lua integer holds it. The contract carries such
      // numbers (seeds) as strings, so this is a float, documented as lossy.
      lua_pushnumber(L, static_cast<lua_Number>(v.get_uint64()));
      break;
    case boost::json::kind::double_: lua_pushnumber(L, v.get_double()); break;
    case boost::json::kind::string: {
      const auto& s = v.get_string();
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      lua_createtable(L, static_cast<int>(a.size()), 0);
      lua_rawgetp(L, LUA_REGISTRYINDEX, &kArrayMarkerKey);
      lua_setmetatable(L, -2);
      lua_Integer i = 0;
      for (const auto& e : a) {
        push_json_at(L, e, depth + 1);
        lua_rawseti(L, -2, ++i);
      }
      break;
    }
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      lua_createtable(L, 0, static_cast<int>(o.size()));
      lua_rawgetp(L, LUA_REGISTRYINDEX, &kObjectMarkerKey);
      lua_setmetatable(L, -2);
      for (const auto& kv : o) {
        lua_pushlstring(L, kv.key().data(), kv.key().size());
        push_json_at(L, kv.value(), depth + 1);
        lua_rawset(L, -3);
      }
      break;
    }
  }
}

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
// Returns the offset of the first bad byte, or npos.
std::size_t invalid_utf8_at(const unsigned char* s, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return std::string::npos;
}

class Encoder {
 public:
  explicit Encoder(lua_State* L) : L_(L) {}

  boost::json::value encode(int index, std::string& path, int depth) {
    index = lua_absindex(L_, index);
    // The same string or table may be referenced many times, and each
    // reference becomes a copy in JSON: count what the output will hold and
    // stop before it outgrows the response limit, not after (the Lua memory
    // cap does not see these copies).
    charge(8, path);
    switch (lua_type(L_, index)) {
      case LUA_TNIL: fail(path, "nil is hier geen JSON-waarde (gebruik wkb.null voor null)");
      case LUA_TBOOLEAN: return boost::json::value(static_cast<bool>(lua_toboolean(L_, index)));
      case LUA_TNUMBER: {
        if (lua_isinteger(L_, index)) return boost::json::value(static_cast<std::int64_t>(lua_tointeger(L_, index)));
        const double d = lua_tonumber(L_, index);
        if (!std::isfinite(d)) fail(path, std::string(std::isnan(d) ? "NaN" : "een oneindig getal") +
                                              " kan geen JSON worden");
        return boost::json::value(d);
      }
      case LUA_TSTRING: {
        std::size_t n = 0;
        const char* s = lua_tolstring(L_, index, &n);
        charge(n, path);
        check_utf8(s, n, path, "de tekst");
        return boost::json::value(boost::json::string_view(s, n));
      }
      case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L_, index) == null_sentinel()) return boost::json::value(nullptr);
        fail(path, "een light userdata kan geen JSON worden");
      case LUA_TTABLE: return encode_table(index, path, depth);
      case LUA_TFUNCTION: fail(path, "een functie kan geen JSON worden");
      case LUA_TUSERDATA: fail(path, "een userdata-waarde (bijvoorbeeld een wkb.rng) kan geen JSON worden");
      case LUA_TTHREAD: fail(path, "een coroutine kan geen JSON worden");
      default: fail(path, "een waarde van dit type kan geen JSON worden");
    }
  }

 private:
  [[noreturn]] static void fail(const std::string& path, std::string message) {
    throw MarshalError{path, std::move(message)};
  }

  void charge(std::size_t bytes, const std::string& path) {
    bytes_ += bytes;
    if (bytes_ > kMaxResponseBytes)
      throw MarshalError{path, response_too_large_message(), true};
  }

  static void check_utf8(const char* s, std::size_t n, const std::string& path, const char* what) {
    const std::size_t bad = invalid_utf8_at(reinterpret_cast<const unsigned char*>(s), n);
    if (bad != std::string::npos)
      fail(path, std::string(what) + " is geen geldige UTF-8 (byte " + std::to_string(bad + 1) + ")");
  }

  int marker(int index) {
    if (!lua_getmetatable(L_, index)) return 0;
    lua_rawgetp(L_, LUA_REGISTRYINDEX, &kArrayMarkerKey);
    const bool is_array = lua_rawequal(L_, -1, -2);
    lua_pop(L_, 1);
    lua_rawgetp(L_, LUA_REGISTRYINDEX, &kObjectMarkerKey);
    const bool is_object = lua_rawequal(L_, -1, -2);
    lua_pop(L_, 2);
    return is_array ? 1 : is_object ? 2 : 0;
  }

  boost::json::value encode_table(int index, std::string& path, int depth) {
    if (depth > kMaxDepth) fail(path, "dieper genest dan " + std::to_string(kMaxDepth) + " niveaus");
    if (!lua_checkstack(L_, 6)) fail(path, "te diep genest (Lua-stack)");
    const void* id = lua_topointer(L_, index);
    if (!open_.insert(id).second) fail(path, "de tabel bevat zichzelf (een kringverwijzing) en kan geen JSON worden");
    // First pass: what kind of keys are there?
    std::size_t string_keys = 0, int_keys = 0;
    lua_Integer max_key = 0, min_key = 0;
    lua_pushnil(L_);
    while (lua_next(L_, index) != 0) {
      lua_pop(L_, 1);
      const int kt = lua_type(L_, -1);
      if (kt == LUA_TSTRING) {
        ++string_keys;
      } else if (kt == LUA_TNUMBER && lua_isinteger(L_, -1)) {
        const lua_Integer k = lua_tointeger(L_, -1);
        if (int_keys == 0 || k > max_key) max_key = k;
        if (int_keys == 0 || k < min_key) min_key = k;
        ++int_keys;
      } else {
        std::string desc = kt == LUA_TNUMBER ? "de getalsleutel " + number_nl(lua_tonumber(L_, -1))
                                             : std::string("een sleutel van het type ") + lua_typename(L_, kt);
        lua_pop(L_, 1);
        fail(path, "een tabel met " + desc +
                       " kan geen JSON worden; sleutels van een object zijn teksten, die van een lijst 1..n");
      }
    }
    const int mark = marker(index);
    boost::json::value out;
    if (string_keys && int_keys)
      fail(path, "de tabel mengt tekstsleutels en gehele sleutels; in JSON is het een object of een lijst, niet beide");
    if (mark == 2 && int_keys)
      fail(path, "een tabel gemarkeerd als wkb.object heeft gehele sleutels; sleutels van een object zijn teksten");
    if (mark == 1 && string_keys) fail(path, "een tabel gemarkeerd als wkb.array heeft tekstsleutels");
    const bool as_object = string_keys > 0 || (mark == 2);
    if (as_object) {
      boost::json::object obj;
      obj.reserve(string_keys);
      const std::size_t base = path.size();
      lua_pushnil(L_);
      while (lua_next(L_, index) != 0) {
        std::size_t n = 0;
        const char* k = lua_tolstring(L_, -2, &n);  // a string key: no conversion happens
        path.append(".").append(k, n);
        charge(n, path);
        check_utf8(k, n, path, "de sleutel");
        obj.emplace(boost::json::string_view(k, n), encode(-1, path, depth + 1));
        path.resize(base);
        lua_pop(L_, 1);
      }
      out = std::move(obj);
    } else {
      if (int_keys && (min_key < 1 || max_key != static_cast<lua_Integer>(int_keys))) {
        lua_Integer missing = 1;
        while (missing <= max_key && lua_rawgeti(L_, index, missing) != LUA_TNIL) {
          lua_pop(L_, 1);
          ++missing;
        }
        if (missing <= max_key) lua_pop(L_, 1);
        if (min_key < 1)
          fail(path, "lijstsleutel " + std::to_string(min_key) + " ligt onder 1; een lijst heeft sleutels 1..n");
        fail(path, "een lijst met een gat (index " + std::to_string(missing) + " van " + std::to_string(max_key) +
                       " ontbreekt); vul gaten met wkb.null");
      }
      boost::json::array arr;
      arr.reserve(int_keys);
      const std::size_t base = path.size();
      for (lua_Integer i = 1; i <= max_key; ++i) {
        lua_rawgeti(L_, index, i);
        path.append("[").append(std::to_string(i - 1)).append("]");
        arr.push_back(encode(-1, path, depth + 1));
        path.resize(base);
        lua_pop(L_, 1);
      }
      out = std::move(arr);
    }
    open_.erase(id);
    return out;
  }

  lua_State* L_;
  std::unordered_set<const void*> open_;  // tables on the current path (cycle check)
  std::size_t bytes_ = 0;                 // what the JSON will hold so far
};

}  // namespace

void push_json(lua_State* L, const boost::json::value& value) { push_json_at(L, value, 0); }

boost::json::value to_json(lua_State* L, int index, const std::string& root) {
  const int top = lua_gettop(L);
  std::string path = root;
  Encoder enc(L);
  try {
    boost::json::value v = enc.encode(index, path, 0);
    lua_settop(L, top);
    return v;
  } catch (...) {
    lua_settop(L, top);
    throw;
  }
}

}  // namespace wkb::host::lua
