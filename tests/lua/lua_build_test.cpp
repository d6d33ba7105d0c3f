// The host links Debian's C++ build of Lua: a Lua error unwinds as a C++
// exception, so destructors of C++ objects between the error and the
// protected call run. With the C library they would be skipped (longjmp).
#include <gtest/gtest.h>

#include <lua.hpp>

namespace {

int destroyed = 0;
struct Guard {
  ~Guard() { ++destroyed; }
};

int raise_with_guard(lua_State* L) {
  Guard g;
  return luaL_error(L, "boom");
}

TEST(LuaBuild, LuaErrorsRunCppDestructors) {
  lua_State* L = luaL_newstate();
  ASSERT_NE(L, nullptr);
  destroyed = 0;
  lua_pushcfunction(L, raise_with_guard);
  EXPECT_EQ(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
  EXPECT_STREQ(lua_tostring(L, -1), "boom");
  EXPECT_EQ(destroyed, 1);
  lua_close(L);
}

}  // namespace
