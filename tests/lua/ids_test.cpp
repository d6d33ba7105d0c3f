// Stable ids (wkb/sdk/ids.hpp and the Lua module's wkb.risk_id, control_id,
// inspection_id, name_inspections): what they are, and that both languages
// give the same ids, also for inspections out of date order and several in
// one phase.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "lua_test_util.hpp"
#include "wkb/sdk/ids.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::test {
namespace {

TEST(StableIds, SayWhatAThingIsFor) {
  EXPECT_EQ(risk_id("structural-safety"), "R-structural-safety");
  EXPECT_EQ(risk_id("structural-safety", "foundation"), "R-structural-safety/foundation");
  EXPECT_EQ(control_id("R-fire-spread", ControlMethod::site_inspection, Phase::structure),
            "R-fire-spread/site-inspection/structure");
  EXPECT_EQ(control_id("R-fire-spread", ControlMethod::site_inspection, Phase::structure, "doorvoeringen"),
            "R-fire-spread/site-inspection/structure/doorvoeringen");
  EXPECT_EQ(inspection_id(Phase::completion, 2), "completion/2");
}

// Inspections listed out of order: structure on 10 June, foundation twice
// (1 May after 20 April), structure on 1 June, completion; two on one day.
std::vector<Inspection> shuffled() {
  auto at = [](int m, int d) { return Date::from_ymd(2026, m, d); };
  return {{"x", Phase::structure, at(6, 10), {}, {}}, {"x", Phase::foundation, at(5, 1), {}, {}},
          {"x", Phase::foundation, at(4, 20), {}, {}}, {"x", Phase::structure, at(6, 1), {}, {}},
          {"x", Phase::completion, at(9, 1), {}, {}},  {"x", Phase::completion, at(9, 1), {}, {}}};
}

TEST(StableIds, InspectionsAreNumberedPerPhaseByDateAndKeepTheirOrder) {
  auto list = shuffled();
  name_inspections(list);
  std::vector<std::string> ids;
  for (const auto& i : list) ids.push_back(i.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"structure/2", "foundation/2", "foundation/1", "structure/1",
                                           "completion/1", "completion/2"}));
  // A date that moves inside its phase keeps the id; the plan diff shows a changed date.
  list[1].date = list[1].date.plus_days(3);
  name_inspections(list);
  EXPECT_EQ(list[1].id, "foundation/2");
}

TEST(StableIds, LuaGivesTheSameIds) {
  ScriptPlugin p(script_with(R"(function(req)
    local list = {}
    for i, x in ipairs(req.inspections) do list[i] = {phase = x.phase, date = x.date} end
    wkb.name_inspections(list)
    local ids = {}
    for i, x in ipairs(list) do ids[i] = x.id end
    return {inspections = ids,
            risk = wkb.risk_id("structural-safety"), aspect = wkb.risk_id("structural-safety", "foundation"),
            control = wkb.control_id("R-fire-spread", "site-inspection", "structure"),
            control_aspect = wkb.control_id("R-fire-spread", "site-inspection", "structure", "doorvoeringen"),
            inspection = wkb.inspection_id("completion", 2)}
  end)"));
  auto list = shuffled();
  boost::json::array in;
  for (const auto& i : list) in.push_back({{"phase", to_string(i.phase)}, {"date", i.date.to_string()}});
  const auto v = parse_json(p.load()->call(host::Method::assess, serialize_canonical(boost::json::object{{"inspections", in}})),
                            "response");
  name_inspections(list);
  const auto& ids = v.at("inspections").as_array();
  ASSERT_EQ(ids.size(), list.size());
  for (std::size_t i = 0; i < list.size(); ++i) EXPECT_EQ(ids[i].as_string(), list[i].id) << i;
  EXPECT_EQ(v.at("risk").as_string(), risk_id("structural-safety"));
  EXPECT_EQ(v.at("aspect").as_string(), risk_id("structural-safety", "foundation"));
  EXPECT_EQ(v.at("control").as_string(), control_id("R-fire-spread", ControlMethod::site_inspection, Phase::structure));
  EXPECT_EQ(v.at("control_aspect").as_string(),
            control_id("R-fire-spread", ControlMethod::site_inspection, Phase::structure, "doorvoeringen"));
  EXPECT_EQ(v.at("inspection").as_string(), inspection_id(Phase::completion, 2));
}

TEST(StableIds, LuaRefusesAnEmptyPart) {
  ScriptPlugin p(script_with("function(req) return {id = wkb.control_id('R-x', '', 'design')} end"));
  const auto failure = expect_failure(*p.load(), host::Method::assess);
  EXPECT_NE(std::string(failure.what()).find("method moet een niet-lege tekst zijn"), std::string::npos)
      << failure.what();
}

}  // namespace
}  // namespace wkb::test
