#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

#include "host_fixtures.hpp"
#include "wkb/host/discovery.hpp"

using namespace wkb;
namespace fs = std::filesystem;

TEST(Discovery, SplitsPluginPaths) {
  const auto p = host::split_plugin_path("/a::/b/c:");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], "/a");
  EXPECT_EQ(p[1], "/b/c");
}

TEST(Discovery, FindsTheBuildsPlugins) {
  const auto found = host::discover_plugins({test::plugin_dir()});
  const auto it = std::find_if(found.begin(), found.end(),
                               [](const auto& d) { return d.ok && d.manifest.id == "nl.voorbeeld.seriebouw"; });
  ASSERT_NE(it, found.end());
  EXPECT_EQ(it->manifest.kind, "native");
}

TEST(Discovery, BrokenFoldersAreReportedNotFatal) {
  const auto found = host::discover_plugins({test::test_plugin_dir() / "broken"});
  ASSERT_EQ(found.size(), 3u);
  for (const auto& d : found) {
    if (d.folder.filename() == "not-a-library") continue;  // its manifest is fine; loading fails later
    EXPECT_FALSE(d.ok) << d.folder;
    EXPECT_FALSE(d.problem.empty());
  }
}

TEST(Discovery, UnknownIdListsWhatIsAvailable) {
  try {
    host::find_plugin({test::plugin_dir()}, "nl.nobody.nothing");
    FAIL();
  } catch (const host::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("nl.voorbeeld.seriebouw"), std::string::npos) << e.what();
  }
}

TEST(Discovery, TwoFoldersWithOneIdAreRefused) {
  // Fixtures derived from Seriebouw keep its id, so the fixture folder holds several.
  EXPECT_THROW(host::find_plugin({test::test_plugin_dir()}, "nl.voorbeeld.seriebouw"), host::PluginFailure);
}

TEST(Discovery, ManifestEntryMayNotLeaveTheFolder) {
  const fs::path dir = fs::temp_directory_path() / ("wkb-manifest-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "plugin.json") << R"({"id": "nl.test.escape", "name": "x", "version": "1.0", "sdk": 2,
    "kind": "python", "entry": "../../etc/passwd", "provider": {"kvk": "123", "name": "x"}})";
  const auto found = host::discover_plugins({dir});
  ASSERT_EQ(found.size(), 1u);
  ASSERT_FALSE(found[0].ok);
  for (const char* rule : {"entry-in-folder", "semver", "sdk-version", "allowed-value", "kvk-format"})
    EXPECT_NE(found[0].problem.find(rule), std::string::npos) << rule << " in " << found[0].problem;
  fs::remove_all(dir);
}
