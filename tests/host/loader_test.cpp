// Loading native plugins: every way a library can be unusable gives a
// PluginFailure that names the plugin and the reason, and the host goes on.
#include <gtest/gtest.h>

#include "host_fixtures.hpp"

using namespace wkb;
using wkb::test::expect_plugin_failure;

namespace {
host::PluginFailure load_failure(const std::string& folder) {
  return expect_plugin_failure([&] { test::load_folder(test::test_plugin_dir() / folder); });
}
}  // namespace

TEST(Loader, LoadsTheExampleInstrumentAndItDescribesItself) {
  auto i = test::seriebouw();
  EXPECT_EQ(i->manifest().kind, "native");
  const Description& d = i->description();
  EXPECT_EQ(d.id, "nl.voorbeeld.seriebouw");
  EXPECT_EQ(d.id, i->manifest().id);
  EXPECT_EQ(d.version, i->manifest().version);
  EXPECT_EQ(d.provider.kvk, "11223344");
}

TEST(Loader, MissingLibraryIsRefusedAtTheManifest) {
  const auto e = load_failure("broken/missing-library");
  EXPECT_EQ(e.method(), "load");
  EXPECT_TRUE(test::names_rule(e, "entry-exists")) << e.what();
}

TEST(Loader, AFileThatIsNotALibraryGivesTheLoaderMessage) {
  const auto e = load_failure("broken/not-a-library");
  EXPECT_EQ(e.code(), "load-failed");
  EXPECT_NE(std::string(e.what()).find("libfake.so"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("dlerror"), std::string::npos) << e.what();
}

TEST(Loader, MissingEntrySymbol) {
  const auto e = load_failure("no-entry");
  EXPECT_EQ(e.code(), "missing-entry");
  EXPECT_NE(std::string(e.what()).find("wkb_instrument_entry"), std::string::npos);
}

TEST(Loader, WrongAbiVersion) {
  const auto e = load_failure("wrong-abi");
  EXPECT_EQ(e.code(), "abi-version");
  EXPECT_NE(std::string(e.what()).find("ABI-versie 2"), std::string::npos) << e.what();
}

TEST(Loader, PluginThatRefusesTheHostsAbi) { EXPECT_EQ(load_failure("null-table").code(), "abi-version"); }

TEST(Loader, MalformedManifestGivesLineAndColumn) {
  const auto e = load_failure("broken/malformed-manifest");
  EXPECT_EQ(e.code(), "invalid-manifest");
  EXPECT_NE(std::string(e.what()).find("plugin.json:2:13"), std::string::npos) << e.what();
}

TEST(Loader, ManifestIdMustEqualDescribeId) {
  auto i = test::fixture("id-mismatch");
  const auto e = expect_plugin_failure([&] { i->description(); });
  EXPECT_EQ(e.method(), "describe");
  EXPECT_TRUE(test::names_rule(e, "manifest-id")) << e.what();
}

TEST(Loader, MalformedJsonResponseIsAPluginFailure) {
  auto i = test::fixture("malformed-json");
  const auto e = expect_plugin_failure([&] { i->description(); });
  EXPECT_EQ(e.code(), "malformed-response");
  EXPECT_NE(std::string(e.what()).find("nl.test.malformed-json"), std::string::npos);
}

TEST(Loader, AnExceptionInThePluginBecomesAStructuredError) {
  auto i = test::fixture("throws");
  const auto e = expect_plugin_failure([&] { i->assess(test::project("kloosterstraat-12")); });
  EXPECT_EQ(e.method(), "assess");
  EXPECT_EQ(e.code(), "internal-error");
  EXPECT_NE(std::string(e.what()).find("risk catalogue could not be opened"), std::string::npos) << e.what();
  // The instance survives its exception: the next call works.
  EXPECT_EQ(i->description().id, "nl.voorbeeld.seriebouw");
}

TEST(Loader, ManyInstancesLoadAndUnloadCleanly) {
  for (int round = 0; round < 20; ++round) {
    auto a = test::seriebouw();
    auto b = test::seriebouw();
    EXPECT_EQ(a->assess(test::project("kavel-vrijstaand")).risks.size(),
              b->assess(test::project("kavel-vrijstaand")).risks.size());
  }
}

TEST(Loader, PluginReceivesInvalidRequestAsStructuredError) {
  auto raw = host::load_instrument(host::read_manifest(test::plugin_dir() / "seriebouw"));
  try {
    raw->call(host::Method::assess, R"({"project": {"schema": "wkb.project/1"}})");
    FAIL() << "accepted an invalid project";
  } catch (const host::PluginFailure& e) {
    EXPECT_EQ(e.code(), "invalid-request");
  }
  try {
    raw->call(host::Method::plan, "not json");
    FAIL();
  } catch (const host::PluginFailure& e) {
    EXPECT_EQ(e.code(), "malformed-request");
  }
}
