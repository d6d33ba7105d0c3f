// The `wkb` module gives Lua plugins the same seed, generator, dates and
// sample sizes as the C++ SDK, bit for bit.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "lua_test_util.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::test {
namespace {

boost::json::value run(const std::string& body, const std::string& request = "{}") {
  ScriptPlugin p(script_with("function(req) " + body + " end"));
  return parse_json(p.load()->call(host::Method::assess, request), "response");
}

TEST(LuaSdkModule, SeedMatchesTheCppSdk) {
  for (const char* id : {"2026-ALM-0042", "", "Zoë-1", "x"}) {
    auto v = run("return {seed = wkb.derive_seed(req.id)}", std::string(R"({"id":")") + id + "\"}");
    EXPECT_EQ(v.at("seed").as_string(), derive_seed(id)) << id;
  }
}

TEST(LuaSdkModule, GeneratorMatchesTheCppSdkBitForBit) {
  auto v = run(R"(local r = wkb.rng_for_project({id = '2026-ALM-0042'})
    local n, b = {}, {}
    for i = 1, 50 do n[i] = string.format('%u', r:next()) end
    for i = 1, 50 do b[i] = r:below(i) end
    return {next = n, below = b})");
  auto rng = DeterministicRng::for_project("2026-ALM-0042");
  for (std::size_t i = 0; i < 50; ++i)
    EXPECT_EQ(v.at("next").as_array()[i].as_string(), std::to_string(rng.next())) << i;
  for (std::size_t i = 0; i < 50; ++i)
    EXPECT_EQ(v.at("below").as_array()[i].as_int64(), static_cast<std::int64_t>(rng.below(i + 1))) << i;
}

TEST(LuaSdkModule, ChooseIsAPartialFisherYatesInListOrder) {
  auto v = run("local r = wkb.rng(12345) return {wkb.choose(r, {'a','b','c','d','e','f','g','h'}, 3)}");
  // The documented algorithm, in C++.
  DeterministicRng rng(12345);
  std::vector<int> idx{0, 1, 2, 3, 4, 5, 6, 7};
  for (int i = 0; i < 3; ++i) std::swap(idx[i], idx[i + rng.below(8 - i)]);
  std::vector<int> chosen(idx.begin(), idx.begin() + 3);
  std::sort(chosen.begin(), chosen.end());
  const auto& got = v.as_array()[0].as_array();
  ASSERT_EQ(got.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(got[i].as_string(), std::string(1, static_cast<char>('a' + chosen[i])));
}

TEST(LuaSdkModule, DatesMatchTheCppSdk) {
  auto v = run(R"(return {days = wkb.date.days('2026-03-02'), add = wkb.date.add('2026-02-27', 2),
    diff = wkb.date.diff('2026-01-01', '2026-12-31'), weekday = wkb.date.weekday('2026-03-02'),
    workday = wkb.date.workday('2026-03-07'), valid = wkb.date.valid('2026-02-30'),
    at = wkb.schedule.date_at({start = '2026-03-02', ['end'] = '2026-03-20'}, 1, 2)})");
  EXPECT_EQ(v.at("days").as_int64(), Date::from_ymd(2026, 3, 2).days());
  EXPECT_EQ(v.at("add").as_string(), "2026-03-01");
  EXPECT_EQ(v.at("diff").as_int64(), 364);
  EXPECT_EQ(v.at("weekday").as_int64(), 1);  // a Monday
  EXPECT_EQ(v.at("workday").as_string(), "2026-03-09");  // Saturday -> Monday
  EXPECT_FALSE(v.at("valid").as_bool());
  EXPECT_EQ(v.at("at").as_string(), "2026-03-11");
}

TEST(LuaSdkModule, ScoreChecksItsFactors) {
  EXPECT_EQ(run("return {wkb.score(3, 4, 5)}").as_array()[0].as_int64(), 60);
  ScriptPlugin p(script_with("function(req) return {wkb.score(3, 6, 1)} end"));
  try {
    p.load()->call(host::Method::assess, "{}");
    FAIL() << "impact 6 must be refused";
  } catch (const host::PluginFailure& e) {
    EXPECT_NE(std::string(e.what()).find("impact moet een geheel getal van 1 tot en met 5 zijn, maar is 6"), std::string::npos) << e.what();
  }
}

TEST(LuaSdkModule, RequiredSampleSizeMatchesTheHostRule) {
  for (int units : {1, 5, 12, 150}) {
    auto v = run("return {wkb.required_sample_size({min_fraction = 0.15, min_units = 2}, req.units)}",
                 "{\"units\":" + std::to_string(units) + "}");
    SamplingPolicy policy;
    policy.min_fraction = 0.15;
    policy.min_units = 2;
    EXPECT_EQ(v.as_array()[0].as_int64(), required_sample_size(policy, units)) << units;
  }
}

TEST(LuaSdkModule, TaxonomyIsTheSdkTaxonomyAndAFreshCopy) {
  auto v = run("local t = wkb.taxonomy() t[1].id = 'changed' return {n = #wkb.taxonomy(), first = wkb.taxonomy()[1].id,"
               " label = wkb.topic('energy-performance').label_nl}");
  EXPECT_EQ(v.at("n").as_int64(), static_cast<std::int64_t>(taxonomy().size()));
  EXPECT_EQ(v.at("first").as_string(), taxonomy().front().id);
  EXPECT_EQ(v.at("label").as_string(), find_topic("energy-performance")->label_nl);
}

}  // namespace
}  // namespace wkb::test
