// Hostile and broken Lua plugins: each gets a clear error naming plugin,
// method, file and line, and the host (and other plugins) keep working.
#include <gtest/gtest.h>

#include <chrono>

#include "lua_test_util.hpp"

namespace wkb::test {
namespace {

using host::Method;
using host::PluginFailure;

// Loads a plugin whose assess() runs `body`, expects assess to fail with
// `code`, and checks that the same instance still answers describe.
// A bystander plugin, loaded at the same time, must not notice anything.
PluginFailure hostile(const std::string& body, const std::string& code, const host::LoadOptions& options = {}) {
  ScriptPlugin bystander(script_with("function(req) return {upper = string.upper('ok'), n = #wkb.taxonomy()} end"),
                         "test.lua.bystander");
  auto other = bystander.load();
  const std::string before = other->call(Method::assess, "{}");
  ScriptPlugin p(script_with("function(req)\n" + body + "\nend"), "test.lua.hostile");
  auto instrument = p.load(options);
  PluginFailure e = expect_failure(*instrument, Method::assess);
  EXPECT_EQ(other->call(Method::assess, "{}"), before) << "the other plugin must not notice " << body;
  EXPECT_EQ(e.code(), code) << e.what();
  EXPECT_EQ(e.plugin(), "test.lua.hostile");
  EXPECT_EQ(e.method(), "assess");
  EXPECT_EQ(instrument->call(Method::describe, "{}"), R"({"ok":true})") << "the plugin must survive " << body;
  return e;
}

void expect_contains(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "expected \"" << part << "\" in:\n" << text;
}

TEST(LuaSandbox, OsExecuteIsRefused) {
  auto e = hostile("os.execute('touch /tmp/wkb-owned')", "lua-error");
  expect_contains(e.what(), "'os' is niet beschikbaar");
  expect_contains(e.what(), "main.lua:3:");  // file and line
  expect_contains(e.what(), "plugin test.lua.hostile, methode assess");
}

TEST(LuaSandbox, IoOpenIsRefused) {
  expect_contains(hostile("local f = io.open('/etc/passwd') return {}", "lua-error").what(), "'io' is niet beschikbaar");
}

TEST(LuaSandbox, RequireIsRefused) {
  expect_contains(hostile("require('os')", "lua-error").what(), "'require' is niet beschikbaar");
}

TEST(LuaSandbox, PackageLoadlibIsRefused) {
  expect_contains(hostile("package.loadlib('libc.so.6', 'system')", "lua-error").what(),
                  "'package' is niet beschikbaar");
}

TEST(LuaSandbox, LoadOfABytecodeStringIsRefused) {
  expect_contains(hostile("local f = load('\\27Lua\\84\\0') return {}", "lua-error").what(),
                  "'load' is niet beschikbaar");
}

TEST(LuaSandbox, BytecodeScriptIsRefusedAtLoad) {
  ScriptPlugin p(std::string("\x1bLua\x54\x00\x19\x93\r\n\x1a\n", 12));
  try {
    p.load();
    FAIL() << "a bytecode script must not load";
  } catch (const PluginFailure& e) {
    EXPECT_EQ(e.code(), "bytecode");
    EXPECT_EQ(e.method(), "load");
  }
}

TEST(LuaSandbox, StringDumpIsRefused) {
  expect_contains(hostile("return {string.dump(function() end)}", "lua-error").what(),
                  "string.dump is niet beschikbaar");
  expect_contains(hostile("local f = ('x').dump return {f(print)}", "lua-error").what(),
                  "string.dump is niet beschikbaar");
}

TEST(LuaSandbox, DebugLibraryIsRefused) {
  expect_contains(hostile("debug.sethook()", "lua-error").what(), "'debug' is niet beschikbaar");
}

TEST(LuaSandbox, CollectgarbageIsRefused) {
  expect_contains(hostile("collectgarbage('stop')", "lua-error").what(), "'collectgarbage' is niet beschikbaar");
}

TEST(LuaSandbox, MathRandomIsRefused) {
  expect_contains(hostile("return {math.random(10)}", "lua-error").what(), "math.random is niet beschikbaar");
}

TEST(LuaSandbox, GlobalEnvironmentMetatableIsLocked) {
  expect_contains(hostile("setmetatable(_G, {__index = function() return 1 end})", "lua-error").what(),
                  "een beschermde metatabel kan niet worden gewijzigd");
}

TEST(LuaSandbox, SharedLibrariesAreReadOnly) {
  expect_contains(hostile("string.upper = function() return 'owned' end", "lua-error").what(),
                  "string is alleen-lezen");
  expect_contains(hostile("table.insert = nil", "lua-error").what(), "table is alleen-lezen");
  expect_contains(hostile("wkb.score = nil", "lua-error").what(), "wkb is alleen-lezen");
  expect_contains(hostile("rawset(string, 'upper', print)", "lua-error").what(), "'rawset' is niet beschikbaar");
  // The string metatable cannot be reached either.
  EXPECT_EQ(hostile("getmetatable('').__index.upper = print", "lua-error").code(), "lua-error");
}

TEST(LuaSandbox, OnePluginCannotChangeWhatAnotherSees) {
  // The hostile plugin tries every route to change string.upper and a
  // global; the other plugin, loaded at the same time, sees neither.
  ScriptPlugin bad(script_with(R"(function(req)
      shared_flag = 'owned'
      pcall(function() string.upper = function() return 'owned' end end)
      pcall(function() getmetatable('').__index.upper = function() return 'owned' end end)
      pcall(setmetatable, _G, {__index = function() return 'owned' end})
      return {upper = string.upper('abc')}
    end)"),
                   "test.lua.bad");
  ScriptPlugin good(script_with("function(req) return {upper = ('abc'):upper(), flag = shared_flag or 'clean',"
                                " missing = tostring(no_such_global)} end"),
                    "test.lua.good");
  auto b = bad.load();
  auto g = good.load();
  EXPECT_EQ(b->call(Method::assess, "{}"), R"({"upper":"ABC"})");
  EXPECT_EQ(g->call(Method::assess, "{}"), R"({"flag":"clean","missing":"nil","upper":"ABC"})");
}

TEST(LuaSandbox, InfiniteLoopHitsTheInstructionBudget) {
  host::LoadOptions o;
  o.lua_instruction_limit = 2'000'000;
  auto e = hostile("while true do end", "lua-instruction-limit", o);
  expect_contains(e.what(), "budget van");
  expect_contains(e.what(), "Lua-instructies per aanroep");
  expect_contains(e.what(), "main.lua:3");
}

TEST(LuaSandbox, CatchingTheBudgetErrorDoesNotHelp) {
  host::LoadOptions o;
  o.lua_instruction_limit = 2'000'000;
  hostile("while true do pcall(function() while true do end end) end", "lua-instruction-limit", o);
}

TEST(LuaSandbox, WallClockDeadlineStopsASlowCall) {
  host::LoadOptions o;
  o.lua_instruction_limit = 1LL << 50;
  o.lua_deadline_ms = 200;
  const auto start = std::chrono::steady_clock::now();
  hostile("while true do end", "lua-deadline", o);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(LuaSandbox, DeepRecursionIsStopped) {
  auto e = hostile("local function f(n) return 1 + f(n + 1) end return {f(1)}", "lua-error");
  expect_contains(e.what(), "stack overflow");
}

TEST(LuaSandbox, RecursionThroughCFunctionsIsStopped) {
  // Recursion that goes through C (metamethods, gsub callbacks) is bounded
  // by Lua's C-stack limit, not by the host's stack.
  expect_contains(hostile("local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return {t.x}",
                          "lua-error").what(),
                  "stack overflow");
  hostile("local function f(s) return (string.gsub(s, '.', f)) end return {f('ab')}", "lua-error");
}

TEST(LuaSandbox, FinalizersAreRefused) {
  // Lua runs __gc with hooks off: an endless finalizer would escape the budget.
  expect_contains(hostile("setmetatable({}, {__gc = function() while true do end end})", "lua-error").what(),
                  "__gc-metamethoden zijn niet beschikbaar");
  // Marking first and filling in the function later is refused too.
  expect_contains(hostile("local mt = {__gc = true} setmetatable({}, mt) mt.__gc = function() while true do end end",
                          "lua-error").what(),
                  "__gc-metamethoden zijn niet beschikbaar");
  // Adding __gc after setmetatable never finalizes (Lua's rule): no hang at close.
  ScriptPlugin p(script_with("function(req) local mt = {} keep = setmetatable({}, mt) "
                             "mt.__gc = function() while true do end end return {} end"));
  const auto start = std::chrono::steady_clock::now();
  {
    auto i = p.load();
    EXPECT_EQ(i->call(Method::assess, "{}"), "[]");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(LuaSandbox, PairsVisitsKeysInADeterministicOrder) {
  // Plain Lua randomises string hashes per state; the sandbox's pairs() sorts.
  ScriptPlugin p(script_with(R"(function(req)
      local t = {}
      for i = 1, 60 do t['key' .. i] = i end
      local out = {}
      for k in pairs(t) do out[#out + 1] = k end
      local mixed, order = {b = 1, a = 2, [3] = 3, [1.5] = 4, [true] = 5}, {}
      for k in pairs(mixed) do order[#order + 1] = tostring(k) end
      local cleared = {a = 1, b = 2, c = 3}
      local seen = {}
      for k in pairs(cleared) do seen[#seen + 1] = k cleared.b = nil end
      local libs = {}
      for k in pairs(math) do libs[#libs + 1] = k end
      return {first = out[1], last = out[60], n = #out, mixed = order, seen = seen, math_first = libs[1]}
    end)"));
  auto i = p.load();
  const std::string out = i->call(Method::assess, "{}");
  EXPECT_EQ(out, R"({"first":"key1","last":"key9","math_first":"abs","mixed":["1.5","3","a","b","true"],"n":60,"seen":["a","c"]})");
  EXPECT_EQ(p.load()->call(Method::assess, "{}"), out);  // another state, same answer
}

TEST(LuaSandbox, NextAndTostringGiveNoRunDependentAnswers) {
  ScriptPlugin p(script_with(R"(function(req)
      local t = {zeta = 1, alpha = 2}
      return {empty = next({}) == nil, first = next(t), table = tostring({}), fn = tostring(print),
              null = tostring(wkb.null)}
    end)"));
  EXPECT_EQ(p.load()->call(Method::assess, "{}"),
            R"({"empty":true,"first":"alpha","fn":"function","null":"null","table":"table"})");
  // Walking with next(t, k) would follow the raw, run-dependent order.
  expect_contains(hostile("local t = {a = 1, b = 2}\nlocal k = next(t)\nreturn {next(t, k)}", "lua-error").what(),
                  "gebruik pairs(t)");
}

TEST(LuaSandbox, LongCLoopsWithoutAllocationAreStopped) {
  // These loop in C in a plain Lua without allocating: neither the count
  // hook nor the memory cap would see them.
  host::LoadOptions o;
  o.lua_instruction_limit = 2'000'000;
  o.lua_deadline_ms = 3000;
  hostile("table.move({}, 1, 1000000000000000, 1)", "lua-instruction-limit", o);
  hostile("local t = setmetatable({}, {__len = function() return math.maxinteger end}) table.remove(t, 1)",
          "lua-instruction-limit", o);
  hostile("local t = setmetatable({}, {__len = function() return math.maxinteger - 1 end}) table.insert(t, 1, 0)",
          "lua-instruction-limit", o);
  ScriptPlugin p(script_with("function(req) return {string.rep('', math.maxinteger), ('x'):rep(3, '')} end"));
  EXPECT_EQ(p.load(o)->call(Method::assess, "{}"), R"(["","xxx"])");
}

TEST(LuaSandbox, CallStuckInAPatternMatchIsAbandoned) {
  // A pathological pattern runs inside one C function, where the count hook
  // cannot reach: the watchdog abandons the call after the deadline.
  host::LoadOptions o;
  o.lua_deadline_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  auto e = hostile("local s = string.rep('a', 40) return {s:find(string.rep('a-', 40) .. 'b')}", "lua-deadline", o);
  expect_contains(e.what(), "hangt in een bibliotheekfunctie");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(LuaSandbox, TableFunctionsKeepTheirMeaning) {
  ScriptPlugin p(script_with(R"(function(req)
      local t = {}
      table.insert(t, 'b') table.insert(t, 'd') table.insert(t, 1, 'a') table.insert(t, 3, 'c')
      local last = table.remove(t) local first = table.remove(t, 1)
      local m = table.move({1, 2, 3, 4, 5}, 2, 4, 1)
      local o = table.move({1, 2, 3}, 1, 3, 2)
      local into = table.move({7, 8}, 1, 2, 3, {0, 0})
      local ok, err = pcall(table.insert, {}, 5, 'x')
      return {t = t, last = last, first = first, m = m, o = o, into = into, err = err, empty = table.remove({})}
    end)"));
  EXPECT_EQ(p.load()->call(Method::assess, "{}"),
            R"j({"err":"bad argument #2 to 'insert' (position out of bounds)","first":"a","into":[0,0,7,8],)j"
            R"j("last":"d","m":[2,3,4,4,5],"o":[1,1,2,3],"t":["b","c"]})j");
}

TEST(LuaSandbox, OrdinaryMetatablesStillWork) {
  ScriptPlugin p(script_with("function(req) local V = {} V.__index = V function V.twice(self) return self.n * 2 end "
                             "local v = setmetatable({n = 21}, V) return {v:twice(), getmetatable(v) == V} end"));
  EXPECT_EQ(p.load()->call(Method::assess, "{}"), "[42,true]");
}

TEST(LuaSandbox, StringRepOfGigabytesHitsTheMemoryCap) {
  host::LoadOptions o;
  o.lua_memory_limit = 16u << 20;
  expect_contains(hostile("return {string.rep('x', 1024 * 1024 * 1024)}", "lua-memory-limit", o).what(),
                  "16 MiB");
}

TEST(LuaSandbox, GrowingTableHitsTheMemoryCap) {
  host::LoadOptions o;
  o.lua_memory_limit = 16u << 20;
  auto e = hostile("local t = {} local i = 0\nwhile true do i = i + 1 t[i] = {i} end", "lua-memory-limit", o);
  expect_contains(e.what(), "laatst gezien in main.lua:4");
}

TEST(LuaSandbox, ResponseThatMultipliesOneStringIsStoppedWhileEncoding) {
  // 8 MiB in Lua, referenced 4096 times: 32 GiB as JSON. The encoder must stop
  // at the response limit, not after building the copies.
  auto e = hostile("local s = string.rep('x', 8 * 1024 * 1024)\nlocal t = {}\n"
                   "for i = 1, 4096 do t[i] = s end\nreturn {big = t}",
                   "response-too-large");
  expect_contains(e.what(), "$.big[");
}

TEST(LuaSandbox, ResponseThatMultipliesOneTableIsStoppedWhileEncoding) {
  // A table referenced twice at each of 40 levels: 2^40 nodes as JSON.
  hostile("local t = {1}\nfor i = 1, 40 do t = {t, t} end\nreturn {deep = t}", "response-too-large");
}

TEST(LuaSandbox, ErrorFieldsFromAPluginAreCleanedBeforeAnyoneSeesThem) {
  // Escape sequences would reach the terminal and the audit trail; a code
  // with spaces could pose as something it is not.
  auto e = hostile("return {error = {code = 'not a code!', message = 'red \\27[31m' .. string.rep('x', 9000),"
                   " path = '$.x'}}",
                   "plugin-error");
  const std::string what = e.what();
  EXPECT_EQ(what.find('\x1b'), std::string::npos) << what;
  EXPECT_LT(what.size(), 6000u);
}

TEST(LuaSandbox, MemoryHeldInGlobalsIsReleasedByARestart) {
  // A call that fills the state to the cap leaves nothing behind: the next
  // call runs in a fresh state.
  host::LoadOptions o;
  o.lua_memory_limit = 16u << 20;
  ScriptPlugin p(script_with("function(req) hoard = hoard or {} while true do hoard[#hoard + 1] = "
                             "string.rep('y', 1000) .. #hoard end end"));
  auto i = p.load(o);
  EXPECT_EQ(expect_failure(*i, Method::assess).code(), "lua-memory-limit");
  EXPECT_EQ(i->call(Method::describe, "{}"), R"({"ok":true})");
  EXPECT_EQ(expect_failure(*i, Method::assess).code(), "lua-memory-limit");
}

TEST(LuaSandbox, TableErrorObjectWithoutMessageIsReported) {
  auto e = hostile("error({reason = 'no'})", "lua-error");
  expect_contains(e.what(), "gaf als fout een tabel die geen {code=..., message=..., path=...} is");
}

TEST(LuaSandbox, StructuredErrorReadsLikeANativeError) {
  auto e = hostile("wkb.error('missing-address', 'the project has no address', '$.project.address')",
                   "missing-address");
  expect_contains(e.what(), "the project has no address");
  ASSERT_EQ(e.issues().size(), 1u);
  EXPECT_EQ(e.issues()[0].path, "$.project.address");
}

TEST(LuaSandbox, ReturnedErrorObjectReadsLikeANativeError) {
  auto e = hostile("return {error = {code = 'bad-input', message = 'no units', path = '$.project.units'}}",
                   "bad-input");
  expect_contains(e.what(), "no units");
}

TEST(LuaSandbox, NonStringErrorValueIsReported) {
  expect_contains(hostile("error(42)", "lua-error").what(), "foutobject van het type number");
}

TEST(LuaSandbox, ResponseHoldingAFunctionNamesThePath) {
  auto e = hostile("return {risks = {{id = 'r1', check = function() end}}}", "bad-response");
  expect_contains(e.what(), "$.risks[0].check");
  expect_contains(e.what(), "een functie kan geen JSON worden");
  ASSERT_EQ(e.issues().size(), 1u);
  EXPECT_EQ(e.issues()[0].rule, "lua-marshalling");
  EXPECT_EQ(e.issues()[0].path, "$.risks[0].check");
}

TEST(LuaSandbox, ResponseHoldingACycleNamesThePath) {
  auto e = hostile("local t = {a = {}} t.a.back = t return t", "bad-response");
  expect_contains(e.what(), "$.a.back");
  expect_contains(e.what(), "kringverwijzing");
}

TEST(LuaSandbox, ResponseThatIsNotATableIsReported) {
  expect_contains(hostile("return 'done'", "bad-response").what(), "gaf string terug in plaats van een tabel");
}

TEST(LuaSandbox, SyntaxErrorNamesFileAndLine) {
  ScriptPlugin p("local x = 1\nreturn {describe = function( end}\n");
  try {
    p.load();
    FAIL() << "a script with a syntax error must not load";
  } catch (const PluginFailure& e) {
    EXPECT_EQ(e.code(), "lua-syntax");
    EXPECT_EQ(e.method(), "load");
    expect_contains(e.what(), "main.lua:2:");
  }
}

TEST(LuaSandbox, ScriptReturningNoTableIsRefused) {
  ScriptPlugin p("local x = 1\n");
  try {
    p.load();
    FAIL() << "must not load";
  } catch (const PluginFailure& e) {
    EXPECT_EQ(e.code(), "bad-script");
    expect_contains(e.what(), "het gaf nil terug");
  }
}

TEST(LuaSandbox, ScriptLackingAMethodIsRefused) {
  ScriptPlugin p("return {describe = function() return {} end, assess = function() end, sample = 1}\n");
  try {
    p.load();
    FAIL() << "must not load";
  } catch (const PluginFailure& e) {
    EXPECT_EQ(e.code(), "missing-method");
    expect_contains(e.what(), "zonder de functies sample, plan, evaluate");
  }
}

TEST(LuaSandbox, RuntimeErrorAtLoadNamesFileAndLine) {
  ScriptPlugin p("local t = nil\nlocal x = t.field\nreturn {}\n");
  try {
    p.load();
    FAIL() << "must not load";
  } catch (const PluginFailure& e) {
    EXPECT_EQ(e.code(), "lua-error");
    expect_contains(e.what(), "main.lua:2:");
    expect_contains(e.what(), "stack traceback");
  }
}

TEST(LuaSandbox, StructuredErrorAtLoadIsReported) {
  ScriptPlugin p("wkb.error('not-ready', 'this instrument is not finished')\nreturn {}\n");
  try {
    p.load();
    FAIL() << "must not load";
  } catch (const PluginFailure& e) {
    EXPECT_EQ(e.code(), "lua-error");
    EXPECT_EQ(e.method(), "load");
    expect_contains(e.what(), "this instrument is not finished");
  }
}

TEST(LuaSandbox, EndlessLoopAtLoadIsStopped) {
  host::LoadOptions o;
  o.lua_instruction_limit = 1'000'000;
  ScriptPlugin p("while true do end\n");
  try {
    p.load(o);
    FAIL() << "must not load";
  } catch (const PluginFailure& e) {
    EXPECT_EQ(e.code(), "lua-instruction-limit");
    EXPECT_EQ(e.method(), "load");
  }
}

TEST(LuaSandbox, CoroutinesAreCountedToo) {
  host::LoadOptions o;
  o.lua_instruction_limit = 2'000'000;
  hostile("local co = coroutine.wrap(function() while true do end end) co()", "lua-instruction-limit", o);
}

}  // namespace
}  // namespace wkb::test
