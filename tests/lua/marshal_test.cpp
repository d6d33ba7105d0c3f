// JSON <-> Lua marshalling, through a real Lua plugin (docs/sdk/lua.md#marshalling).
#include <gtest/gtest.h>

#include "lua_test_util.hpp"
#include "wkb/sdk/codec.hpp"

namespace wkb::test {
namespace {

using host::Method;

// assess echoes its request; sample returns what `expr` evaluates to.
std::string run(const std::string& expr, const std::string& request = "{}") {
  ScriptPlugin p("local function echo(req) return req end\n"
                 "return {describe = echo, assess = echo, plan = echo, evaluate = echo,\n"
                 "  sample = function(req) return " + expr + " end}\n");
  return p.load()->call(Method::sample, request);
}

std::string echo(const std::string& request) {
  ScriptPlugin p("local function echo(req) return req end\n"
                 "return {describe = echo, assess = echo, sample = echo, plan = echo, evaluate = echo}\n");
  return p.load()->call(Method::assess, request);
}

std::string failure(const std::string& expr) {
  try {
    return "no failure: " + run(expr);
  } catch (const host::PluginFailure& e) {
    EXPECT_EQ(e.code(), "bad-response");
    return e.what();
  }
}

TEST(LuaMarshal, RoundTripIsLossless) {
  const std::string request =
      R"({"empty_object":{},"empty_array":[],"nulls":[null,1,null],"member_null":null,)"
      R"("ints":[0,-1,9007199254740993,-9223372036854775808],"floats":[0.1,-2.5,1e300,5e-324],)"
      R"("text":"Zo\u00eb \u2014 \u0133 \ud83c\udfe0 \"quoted\"\n\ttab","nested":{"a":[[],[{}]],"b":true,"c":false}})";
  EXPECT_EQ(echo(request), canonicalize(request, "request"));
}

TEST(LuaMarshal, EmptyTableIsAnArrayUnlessMarked) {
  EXPECT_EQ(run("{a = {}, o = wkb.object({}), l = wkb.array({})}"), R"({"a":[],"l":[],"o":{}})");
}

TEST(LuaMarshal, IntegersAndFloatsKeepTheirKind) {
  EXPECT_EQ(run("{i = 3, f = 0.5, whole = 3.0, big = math.maxinteger, neg = -7}"),
            R"({"big":9223372036854775807,"f":0.5,"i":3,"neg":-7,"whole":3})");
}

TEST(LuaMarshal, NullSentinelBecomesNull) {
  EXPECT_EQ(run("{list = {1, wkb.null, 3}, value = wkb.null}"), R"({"list":[1,null,3],"value":null})");
}

TEST(LuaMarshal, NullPrintsAsNullNotAsAnAddress) {
  EXPECT_EQ(run("{tostring(wkb.null)}"), R"(["null"])");
}

TEST(LuaMarshal, RequestNullsArriveAsTheSentinel) {
  EXPECT_EQ(run("{same = req.x == wkb.null, n = #req.list, kind = wkb.kind(req.list)}", R"({"x":null,"list":[null,null]})"),
            R"({"kind":"array","n":2,"same":true})");
}

TEST(LuaMarshal, SparseArrayIsAnErrorNamingThePath) {
  const std::string e = failure("{list = {1, nil, 3}}");
  EXPECT_NE(e.find("$.list"), std::string::npos) << e;
  EXPECT_NE(e.find("index 2 van 3 ontbreekt"), std::string::npos) << e;
}

TEST(LuaMarshal, MixedKeysAreAnError) {
  const std::string e = failure("{t = {1, 2, name = 'x'}}");
  EXPECT_NE(e.find("$.t"), std::string::npos) << e;
  EXPECT_NE(e.find("mengt tekstsleutels en gehele sleutels"), std::string::npos) << e;
}

TEST(LuaMarshal, NonStringKeysAreAnError) {
  EXPECT_NE(failure("{t = {[true] = 1}}").find("een sleutel van het type boolean"), std::string::npos);
  EXPECT_NE(failure("{t = {[1.5] = 1}}").find("de getalsleutel 1,5"), std::string::npos);
  EXPECT_NE(failure("{t = {[{}] = 1}}").find("een sleutel van het type table"), std::string::npos);
}

TEST(LuaMarshal, NaNAndInfinityAreErrors) {
  EXPECT_NE(failure("{x = {0/0}}").find("$.x[0]: NaN"), std::string::npos);
  EXPECT_NE(failure("{x = 1/0}").find("$.x: een oneindig getal"), std::string::npos);
}

TEST(LuaMarshal, InvalidUtf8IsAnError) {
  const std::string e = failure("{name = 'ok\\255'}");
  EXPECT_NE(e.find("$.name"), std::string::npos) << e;
  EXPECT_NE(e.find("de tekst is geen geldige UTF-8 (byte 3)"), std::string::npos) << e;
  EXPECT_NE(failure("{['\\192\\128'] = 1}").find("de sleutel is geen geldige UTF-8"), std::string::npos);  // overlong
}

TEST(LuaMarshal, UserdataAndCoroutinesAreErrors) {
  EXPECT_NE(failure("{r = wkb.rng(1)}").find("$.r: een userdata"), std::string::npos);
  EXPECT_NE(failure("{c = coroutine.create(print)}").find("$.c: een coroutine"), std::string::npos);
}

TEST(LuaMarshal, SharedSubtableIsNotACycle) {
  EXPECT_EQ(run("(function() local s = {1} return {a = s, b = s} end)()"), R"({"a":[1],"b":[1]})");
}

TEST(LuaMarshal, ExcessiveNestingIsAnError) {
  const std::string e = failure("(function() local t = {} for i = 1, 300 do t = {t} end return {t} end)()");
  EXPECT_NE(e.find("dieper genest dan"), std::string::npos) << e;
}

TEST(LuaMarshal, MarkersConflictingWithContentAreErrors) {
  EXPECT_NE(failure("{o = wkb.object({1})}").find("gemarkeerd als wkb.object heeft gehele sleutels"), std::string::npos);
  EXPECT_NE(failure("{a = wkb.array({x = 1})}").find("gemarkeerd als wkb.array heeft tekstsleutels"), std::string::npos);
}

}  // namespace
}  // namespace wkb::test
