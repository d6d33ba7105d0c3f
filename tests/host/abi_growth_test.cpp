// How the ABI and the contract grow (docs/decisions/0007-abi-growth.md):
// tables of a later ABI 1 revision load, tables that are too small or have
// holes are refused by name, the host's log callback is bounded on both
// sides of the process boundary, and members of a newer contract minor
// version are ignored only when the plugin declared that version. An older
// host meets a newer plugin and the reverse, native and Lua.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "../../host/src/native_instrument.hpp"
#include "host_fixtures.hpp"
#include "wkb/abi.h"
#include "wkb/host/log.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/sdk/contract.hpp"

using namespace wkb;
using wkb::test::expect_plugin_failure;
namespace fs = std::filesystem;

namespace {

// Plugin log lines and ignored members are logged at info level; the
// host's default is warn.
struct InfoLevel {
  InfoLevel() { host::log::set_level("info"); }
  ~InfoLevel() { host::log::set_level("warn"); }
};

host::LoadOptions isolated() {
  host::LoadOptions o;
  o.isolation = host::Isolation::process;
  o.plugin_host_executable = WKB_PLUGIN_HOST_EXE;
  return o;
}

std::unique_ptr<host::CheckedInstrument> load(const std::string& name, const host::LoadOptions& o = {},
                                              ContractVersion host_contract = kContractVersion) {
  return std::make_unique<host::CheckedInstrument>(
      host::load_instrument(host::read_manifest(test::test_plugin_dir() / name), o), host_contract);
}

host::PluginFailure load_failure(const std::string& name, const host::LoadOptions& o = {}) {
  return expect_plugin_failure([&] { load(name, o)->description(); });
}

std::string what(const host::PluginFailure& e) {
  std::string s = e.what();
  for (const auto& i : e.issues()) s += "\n" + i.to_string();
  return s;
}

bool mentions(const host::PluginFailure& e, const std::string& text) {
  return what(e).find(text) != std::string::npos;
}

// The decision of a whole run, canonical: the same plugin must decide the
// same whatever the shape of its table.
std::string decision_of(host::CheckedInstrument& i) {
  const Project p = test::project("kloosterstraat-12");
  const auto r = host::run_pipeline(i, p);
  return write(r.assessment) + write(r.plan);
}

}  // namespace

// ---- the table ---------------------------------------------------------------

TEST(AbiGrowth, TableOfALaterRevisionLoadsAndItsUnknownEntryIsNeverCalled) {
  // The extra entry aborts when called; the answers must be Seriebouw's.
  const std::string expected = decision_of(*test::seriebouw());
  EXPECT_EQ(decision_of(*load("growth-bigger-table")), expected);
  EXPECT_EQ(decision_of(*load("growth-bigger-table", isolated())), expected);
}

TEST(AbiGrowth, TableThatEndsBeforeGetExtensionIsRefusedWithBothSizes) {
  const auto e = load_failure("growth-small-table");
  EXPECT_EQ(e.code(), "abi-table");
  EXPECT_EQ(e.method(), "load");
  const auto small = std::to_string(offsetof(wkb_instrument_api_v1, get_extension));
  const auto full = std::to_string(sizeof(wkb_instrument_api_v1));
  EXPECT_TRUE(mentions(e, small + " bytes")) << what(e);
  EXPECT_TRUE(mentions(e, "ten minste " + full)) << what(e);
  EXPECT_TRUE(mentions(e, "bouw hem opnieuw")) << what(e);
  // The same refusal from the plugin host process.
  EXPECT_EQ(load_failure("growth-small-table", isolated()).code(), "abi-table");
}

TEST(AbiGrowth, EmptyEntriesAreNamed) {
  const auto e = load_failure("growth-missing");
  EXPECT_EQ(e.code(), "abi-table");
  EXPECT_TRUE(mentions(e, "lege plaatsen: plan, evaluate")) << what(e);
}

TEST(AbiGrowth, AnotherAbiVersionNamesBothVersions) {
  const auto e = load_failure("wrong-abi");
  EXPECT_EQ(e.code(), "abi-version");
  EXPECT_TRUE(mentions(e, "ABI-versie 2; deze host spreekt ABI-versie 1")) << what(e);
  EXPECT_TRUE(mentions(e, "SDK 1")) << what(e);
}

// ---- the host struct: log and extensions ---------------------------------------

TEST(AbiGrowth, PluginLogIsBoundedCleanAndNeverPartOfTheAnswer) {
  std::vector<std::pair<std::string, host::PluginLog>> got;
  const auto m = host::read_manifest(test::test_plugin_dir() / "growth-talk");
  host::CheckedInstrument i(host::load_native(m, {}, [&](const std::string& method, host::PluginLog log) {
    got.emplace_back(method, std::move(log));
  }));
  const Description d = i.description();
  EXPECT_EQ(write(d), write(test::seriebouw()->description()));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, "describe");
  const auto& log = got[0].second;
  // 44 messages: the first 20 kept, the rest counted.
  ASSERT_EQ(log.lines.size(), host::kMaxPluginLogLines);
  EXPECT_EQ(log.dropped, 44u - host::kMaxPluginLogLines);
  EXPECT_EQ(log.lines[0].level, WKB_LOG_INFO);
  // The plugin saw ABI 1 and no host extension.
  EXPECT_EQ(log.lines[0].text, "host abi 1, host extension none");
  // No line break or escape sequence survives: a line cannot pose as the host's.
  EXPECT_EQ(log.lines[1].text, "line one FAKE host line [31m red");
  EXPECT_EQ(log.lines[2].level, WKB_LOG_ERROR);
  EXPECT_LE(log.lines[2].text.size(), host::kMaxPluginLogBytes + 3);
  EXPECT_EQ(log.lines[2].text.substr(log.lines[2].text.size() - 3), "...");
  EXPECT_EQ(log.lines[3].level, WKB_LOG_WARNING) << "an unknown level is logged as a warning";
}

TEST(AbiGrowth, PluginLogCrossesTheProcessBoundaryBounded) {
  auto i = load("growth-talk", isolated());
  const InfoLevel info;
  testing::internal::CaptureStderr();
  const Description d = i->description();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(d.id, "nl.voorbeeld.seriebouw");
  EXPECT_NE(err.find("plugin nl.voorbeeld.seriebouw (describe): host abi 1, host extension none"), std::string::npos)
      << err;
  EXPECT_NE(err.find("line one FAKE host line"), std::string::npos) << err;
  EXPECT_EQ(err.find("\nFAKE"), std::string::npos) << err;
  EXPECT_EQ(err.find('\x1b'), std::string::npos) << err;
  EXPECT_NE(err.find("24 more log messages dropped"), std::string::npos) << err;
  // Logging is no misbehaviour: no incident.
  EXPECT_TRUE(i->raw().take_incidents().empty());
}

TEST(AbiGrowth, ANoteForgedOnTheChannelIsBoundedAgainByTheHost) {
  // The plugin host may be compromised: what its note says is cut to the
  // same limits in the host, and changes nothing of the answer.
  auto i = load("growth-forged-note", isolated());
  const InfoLevel info;
  testing::internal::CaptureStderr();
  const Description d = i->description();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(write(d), write(test::seriebouw()->description()));
  std::size_t shown = 0;
  for (std::size_t at = err.find("(describe): forged "); at != std::string::npos;
       at = err.find("(describe): forged ", at + 1))
    ++shown;
  // 20 kept, of which 3 at debug level (not shown at info).
  EXPECT_EQ(shown, 17u) << err;
  EXPECT_NE(err.find("480 more log messages dropped"), std::string::npos) << err;
  EXPECT_EQ(err.find('\x1b'), std::string::npos);
  EXPECT_EQ(err.find(std::string(host::kMaxPluginLogBytes + 1, 'y')), std::string::npos);
}

TEST(AbiGrowth, AMalformedNoteIsAProtocolFault) {
  auto i = load("growth-bad-note", isolated());
  const auto e = expect_plugin_failure([&] { i->description(); });
  EXPECT_EQ(e.code(), "malformed-frame");
  EXPECT_TRUE(mentions(e, "onleesbare melding")) << what(e);
}

TEST(AbiGrowth, PluginExtensionIsFoundByIdInProcessOnly) {
  const auto m = host::read_manifest(test::test_plugin_dir() / "growth-talk");
  auto raw = host::load_native(m, {}, [](const std::string&, host::PluginLog) {});
  const void* echo = host::native_extension(*raw, "nl.test.echo/1");
  ASSERT_NE(echo, nullptr);
  EXPECT_EQ(*static_cast<const std::uint32_t*>(echo), 0x57B0ECu);
  EXPECT_EQ(host::native_extension(*raw, "nl.test.echo/2"), nullptr);
  EXPECT_EQ(host::native_extension(*raw, nullptr), nullptr);
  // Pointers do not cross processes: an isolated plugin offers none here.
  auto far = host::load_instrument(m, isolated());
  EXPECT_EQ(host::native_extension(*far, "nl.test.echo/1"), nullptr);
}

// ---- the contract version --------------------------------------------------------

TEST(ContractGrowth, VersionsParseAsMajorDotMinor) {
  EXPECT_EQ(parse_contract_version("1.0"), (ContractVersion{1, 0}));
  EXPECT_EQ(parse_contract_version("1.12"), (ContractVersion{1, 12}));
  for (const char* bad : {"", "1", "1.", ".1", "01.0", "1.01", "1.0.0", "a.b", "1.-1", "99999.0"})
    EXPECT_FALSE(parse_contract_version(bad)) << bad;
  EXPECT_TRUE(tolerates_unknown_members({1, 1}, {1, 0}));
  EXPECT_FALSE(tolerates_unknown_members({1, 0}, {1, 0}));
  EXPECT_FALSE(tolerates_unknown_members({1, 0}, {1, 1}));
  EXPECT_FALSE(tolerates_unknown_members({2, 1}, {1, 0}));
}

TEST(ContractGrowth, SdkDescribeStatesTheContractItSpeaks) {
  auto i = test::seriebouw();
  EXPECT_NE(i->raw().call(host::Method::describe, "{}").find("\"contract\":\"1.0\""), std::string::npos);
  EXPECT_EQ(i->plugin_contract(), kContractVersion);
}

TEST(ContractGrowth, OlderHostMeetsNewerNativePlugin) {
  // A plugin of contract 1.1 with members this 1.0 host does not know, in
  // describe and in assess: ignored and logged; the answers mean what they
  // mean without them.
  for (const auto& o : {host::LoadOptions{}, isolated()}) {
    auto i = load("growth-contract-1.1", o);
    const InfoLevel info;
    testing::internal::CaptureStderr();
    const std::string got = decision_of(*i);
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(got, decision_of(*test::seriebouw()));
    EXPECT_EQ(i->plugin_contract(), (ContractVersion{1, 1}));
    EXPECT_NE(err.find("$.x_future"), std::string::npos) << err;
    EXPECT_NE(err.find("$.sampling.x_future_rounding"), std::string::npos) << err;
    EXPECT_NE(err.find("$.risks[0].x_future_weight"), std::string::npos) << err;
  }
}

TEST(ContractGrowth, KnownMembersStayStrictInANewerMessage) {
  // Declaring a newer minor version is no licence for a wrong known member:
  // contract 1.7 without extras reads, a 1.7 host sees the same.
  auto i = load("growth-contract-1.7");
  EXPECT_EQ(i->plugin_contract(), (ContractVersion{1, 7}));
  EXPECT_EQ(decision_of(*i), decision_of(*test::seriebouw()));
}

TEST(ContractGrowth, UnknownMembersInAMessageOfTheReadersOwnVersionAreRefused) {
  const auto e = load_failure("growth-contract-1.0-extra");
  EXPECT_EQ(e.code(), "contract-violation");
  EXPECT_TRUE(test::names_rule(e, "unknown-member")) << what(e);
  EXPECT_TRUE(mentions(e, "$.x_future")) << what(e);
}

TEST(ContractGrowth, NewerHostMeetsOlderPlugin) {
  // A host of 1.1 (played here) reads a 1.0 plugin as it is ...
  auto old_plugin = std::make_unique<host::CheckedInstrument>(
      host::load_instrument(host::read_manifest(test::plugin_dir() / "seriebouw")), ContractVersion{1, 1});
  EXPECT_EQ(decision_of(*old_plugin), decision_of(*test::seriebouw()));
  // ... and strictly: members the plugin's own version does not have are refused.
  const auto e = expect_plugin_failure([] {
    load("growth-contract-1.0-extra", {}, ContractVersion{1, 1})->description();
  });
  EXPECT_TRUE(test::names_rule(e, "unknown-member")) << what(e);
  // A plugin of the host's own minor version is read strictly too.
  const auto same = expect_plugin_failure([] { load("growth-contract-1.1", {}, ContractVersion{1, 1})->description(); });
  EXPECT_TRUE(test::names_rule(same, "unknown-member")) << what(same);
}

TEST(ContractGrowth, HostSendsOnlyMembersOfContract10) {
  // Whatever the plugin declares, the requests carry the members of 1.0 only
  // (the host never sends members newer than the plugin's version, and it
  // knows none newer than its own).
  auto i = load("growth-contract-1.1");
  std::map<host::Method, std::set<std::string>> seen;
  i->set_observer([&](host::Method m, std::string_view request, std::string_view) {
    const boost::json::value v = boost::json::parse(request);
    for (const auto& kv : v.as_object()) seen[m].insert(std::string(kv.key()));
  });
  decision_of(*i);
  EXPECT_EQ(seen[host::Method::assess], (std::set<std::string>{"project"}));
  EXPECT_EQ(seen[host::Method::sample], (std::set<std::string>{"project", "assessment"}));
  EXPECT_EQ(seen[host::Method::plan], (std::set<std::string>{"project", "assessment", "sample"}));
}

TEST(ContractGrowth, AnotherMajorVersionIsRefusedNamingBoth) {
  const auto e = load_failure("growth-contract-2.0");
  EXPECT_TRUE(test::names_rule(e, "contract-version")) << what(e);
  EXPECT_TRUE(mentions(e, "contractversie 2.0, deze host contract 1 (versie 1.0)")) << what(e);
  EXPECT_TRUE(mentions(e, "$.contract")) << what(e);
}

TEST(ContractGrowth, OlderHostMeetsNewerLuaPlugin) {
  auto i = load("lua-contract-1.1");
  EXPECT_EQ(i->description().id, "nl.test.lua-contract");
  EXPECT_EQ(i->plugin_contract(), (ContractVersion{1, 1}));
  auto isolated_i = load("lua-contract-1.1", isolated());
  EXPECT_EQ(isolated_i->plugin_contract(), (ContractVersion{1, 1}));
}

TEST(ContractGrowth, LuaPluginOfTheHostsVersionWithUnknownMembersIsRefused) {
  const auto e = load_failure("lua-contract-1.0-extra");
  EXPECT_TRUE(test::names_rule(e, "unknown-member")) << what(e);
  EXPECT_TRUE(mentions(e, "$.sampling.x_future_rounding")) << what(e);
  // A newer host (played) refuses it as well.
  const auto newer = expect_plugin_failure([] { load("lua-contract-1.0-extra", {}, ContractVersion{1, 1})->description(); });
  EXPECT_TRUE(test::names_rule(newer, "unknown-member")) << what(newer);
}

TEST(ContractGrowth, ManifestForAnotherSdkNamesBothVersions) {
  const auto e = expect_plugin_failure([] { host::read_manifest(test::test_plugin_dir() / "broken-sdk" / "sdk-2"); });
  EXPECT_EQ(e.code(), "invalid-manifest");
  EXPECT_TRUE(test::names_rule(e, "sdk-version")) << what(e);
  EXPECT_TRUE(mentions(e, "$.sdk")) << what(e);
  EXPECT_TRUE(mentions(e, "SDK 2")) << what(e);
  EXPECT_TRUE(mentions(e, "SDK 1")) << what(e);
}
