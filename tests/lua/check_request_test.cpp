// wkb.check_request refuses a bad request exactly as the native SDK's barrier
// does (same code, message and JSON path: the same C++ readers), and
// wkb.label_nl gives the labels native instruments get from labels_nl.hpp.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "lua_test_util.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace wkb::test {
namespace {

namespace json = boost::json;
using host::Method;

// Every method checks its request and then answers {ok = true}.
const std::string kChecked = R"(
local function checked(method)
  return function(req) wkb.check_request(method, req) return {ok = true} end
end
return {describe = checked("describe"), assess = checked("assess"), sample = checked("sample"),
        plan = checked("plan"), evaluate = checked("evaluate")})";

json::object project() {
  return json::parse(host::read_text_file(WKB_SOURCE_DIR "/examples/projects/kloosterstraat-12.json")).as_object();
}
std::string text(const json::value& v) { return json::serialize(v); }

struct Case {
  const char* name;
  Method method;
  std::string request;
};

std::vector<Case> bad_requests() {
  json::object cc2 = project(), no_units = project(), no_address = project();
  cc2["consequence_class"] = 2;
  no_units["building"].as_object()["units"] = 0;
  no_address.erase("address");
  const std::string p = text(project());
  return {
      {"a list", Method::assess, "[]"},
      {"no project", Method::assess, "{}"},
      {"project a number", Method::assess, R"({"project": 42})"},
      {"empty project", Method::assess, R"({"project": {}})"},
      {"consequence class 2", Method::assess, "{\"project\": " + text(cc2) + "}"},
      {"no units", Method::assess, "{\"project\": " + text(no_units) + "}"},
      {"no address", Method::assess, "{\"project\": " + text(no_address) + "}"},
      {"sample without members", Method::sample, "{}"},
      {"assessment with only schema", Method::sample,
       "{\"project\": " + p + ", \"assessment\": {\"schema\": \"wkb.assessment/1\"}}"},
      {"plan without assessment", Method::plan, "{\"project\": " + p + "}"},
      {"plan a list, findings null", Method::evaluate, "{\"project\": " + p + ", \"plan\": [], \"findings\": null}"},
      {"unknown request member", Method::sample,
       "{\"project\": " + p + ", \"assessment\": {}, \"extra\": 1}"},
  };
}

std::unique_ptr<host::Instrument> native_reference() {
  return host::load_instrument(host::read_manifest(WKB_TEST_PLUGIN_DIR "/reference-native"));
}

TEST(LuaCheckRequest, RefusesEveryBadRequestAsTheNativeBarrierDoes) {
  ScriptPlugin lua_plugin(kChecked);
  auto lua = lua_plugin.load();
  auto native = native_reference();
  for (const auto& c : bad_requests()) {
    SCOPED_TRACE(c.name);
    const auto n = expect_failure(*native, c.method, c.request);
    const auto l = expect_failure(*lua, c.method, c.request);
    EXPECT_EQ(l.code(), n.code());
    EXPECT_TRUE(l.code() == "invalid-request" || l.code() == "malformed-request") << l.code();
    EXPECT_EQ(l.detail(), n.detail());
    ASSERT_EQ(l.issues().size(), n.issues().size()) << l.what();
    if (!n.issues().empty()) {
      EXPECT_EQ(l.issues()[0].path, n.issues()[0].path);
    }
  }
}

TEST(LuaCheckRequest, NamesTheJsonPathOfTheFirstProblem) {
  ScriptPlugin lua_plugin(kChecked);
  auto lua = lua_plugin.load();
  json::object cc2 = project();
  cc2["consequence_class"] = 2;
  const auto e = expect_failure(*lua, Method::assess, "{\"project\": " + text(cc2) + "}");
  EXPECT_EQ(e.code(), "invalid-request");
  ASSERT_FALSE(e.issues().empty());
  EXPECT_EQ(e.issues()[0].path, "$.project.consequence_class");
  EXPECT_NE(e.detail().find("gevolgklasse"), std::string::npos) << e.detail();
}

TEST(LuaCheckRequest, PassesTheRequestsTheHostSends) {
  ScriptPlugin lua_plugin(kChecked);
  auto lua = lua_plugin.load();
  EXPECT_EQ(lua->call(Method::describe, "{}"), R"({"ok":true})");
  EXPECT_EQ(lua->call(Method::assess, "{\"project\": " + text(project()) + "}"), R"({"ok":true})");
}

TEST(LuaCheckRequest, AnUnknownMethodIsTheCallersError) {
  ScriptPlugin p(script_with("function(req) wkb.check_request('asses', req) return {} end"));
  const auto e = expect_failure(*p.load(), Method::assess);
  EXPECT_EQ(e.code(), "lua-error");
  EXPECT_NE(e.detail().find("geen methode van het contract"), std::string::npos) << e.detail();
}

// ---- labels ---------------------------------------------------------------------

std::string lua_label(host::Instrument& i, const std::string& kind, const std::string& value) {
  const std::string out =
      i.call(Method::assess, text(json::object{{"kind", kind}, {"value", value}}));
  return std::string(json::parse(out).at("label").as_string());
}

TEST(LuaLabels, EveryContractValueHasTheNativeLabel) {
  ScriptPlugin p(script_with("function(req) return {label = wkb.label_nl(req.kind, req.value)} end"));
  auto i = p.load();
  const std::map<std::string_view, std::string> kinds{
      {"BuildingType", "building_type"}, {"Phase", "phase"},       {"RiskPhase", "risk_phase"},
      {"ControlMethod", "method"},       {"Performer", "performer"}, {"FindingResult", "result"},
      {"Outcome", "outcome"}};
  const auto all = all_labelled_values();
  ASSERT_FALSE(all.empty());
  for (const auto& v : all) {
    ASSERT_TRUE(kinds.count(v.type)) << v.type << ": a contract type without a kind in wkb.label_nl";
    EXPECT_EQ(lua_label(*i, kinds.at(v.type), v.value), v.label) << v.type << " " << v.value;
  }
  for (const auto& t : taxonomy()) EXPECT_EQ(lua_label(*i, "topic", t.id), topic_label_nl(t.id));
  EXPECT_EQ(lua_label(*i, "role", "assurer"), role_label_nl("assurer"));
  EXPECT_EQ(lua_label(*i, "document_status", "missing"), document_status_label_nl("missing"));
  EXPECT_EQ(lua_label(*i, "date", "2026-12-01"), date_nl("2026-12-01"));
}

TEST(LuaLabels, UnknownKindOrValueIsAnError) {
  ScriptPlugin p(script_with("function(req) return {label = wkb.label_nl(req.kind, req.value)} end"));
  auto i = p.load();
  const auto value = expect_failure(*i, Method::assess, R"({"kind": "phase", "value": "roof"})");
  EXPECT_EQ(value.code(), "lua-error");
  EXPECT_NE(value.detail().find("\"roof\" is geen waarde van de soort phase"), std::string::npos) << value.detail();
  const auto kind = expect_failure(*i, Method::assess, R"({"kind": "colour", "value": "red"})");
  EXPECT_NE(kind.detail().find("onbekende soort"), std::string::npos) << kind.detail();
  const auto topic = expect_failure(*i, Method::assess, R"({"kind": "topic", "value": "no-such-topic"})");
  EXPECT_EQ(topic.code(), "lua-error");
}

}  // namespace
}  // namespace wkb::test
