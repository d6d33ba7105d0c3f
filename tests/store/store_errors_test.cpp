// A store that cannot be used gives a clear InputError and is left alone.
#include <fstream>

#include "store_fixture.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/connection.hpp"

namespace wkb::store::test {
namespace {
namespace fs = std::filesystem;
using wkb::host::InputError;
using wkb::host::UsageError;

using StoreErrorsTest = StoreTest;

TEST_P(StoreErrorsTest, MigrationsAreVersionedAndANewerStoreIsRefused) {
  EXPECT_EQ(open()->schema_version(), 5);
  EXPECT_EQ(open()->schema_version(), 5);  // reopening applies nothing twice
  {
    auto sql = raw();
    int n = 0;
    *sql << "SELECT COUNT(*) FROM wkb_schema_version", soci::into(n);
    EXPECT_EQ(n, 5);
    *sql << "INSERT INTO wkb_schema_version (version, applied_at) VALUES (7, '2030-01-01T00:00:00Z')";
  }
  const std::string e = input_error_of([&] { open(); });
  EXPECT_NE(e.find("schemaversie 7"), std::string::npos) << e;
  EXPECT_NE(e.find("nieuwer dan deze wkb kent"), std::string::npos) << e;
}

// A store of schema version 1 (before the store chain) is upgraded when
// opened: each project gets its first store chain entry, and verifies.
TEST_P(StoreErrorsTest, AVersionOneStoreIsUpgradedAndVerifies) {
  const std::string id = open()->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  {
    auto sql = raw();
    *sql << "DROP TABLE store_chain";
    *sql << "DROP TABLE head_signatures";
    *sql << "DROP TABLE lifecycle_events";
    *sql << "DROP TABLE finding_imports";
    *sql << "DELETE FROM wkb_schema_version WHERE version >= 2";
  }
  auto store = open();
  EXPECT_EQ(store->schema_version(), 5);
  const auto report = store->verify(std::nullopt);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].message);
  EXPECT_EQ(report.heads.store.seq, 1);
  notify_and_wait(*store, id, "A. Borger");  // writes continue the upgraded chain
  EXPECT_TRUE(store->verify(std::nullopt).ok());
}

TEST_P(StoreErrorsTest, UnknownProjectIsNamed) {
  auto store = open();
  const std::string e = input_error_of([&] { notify_and_wait(*store, "2026-XX-9", "x"); });
  EXPECT_NE(e.find("2026-XX-9"), std::string::npos);
  EXPECT_NE(e.find("bevat nog geen projecten"), std::string::npos) << e;
  EXPECT_THROW(store->verify(std::string("2026-XX-9")), InputError);
}

TEST(StoreOpenTest, CorruptSqliteFileIsRefusedAndLeftAlone) {
  const fs::path dir = fs::temp_directory_path() / ("wkb-corrupt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "wkb.db";
  const std::string garbage(8192, 'x');
  { std::ofstream(file, std::ios::binary) << garbage; }
  const std::string e = input_error_of([&] { ProjectStore::open("sqlite:" + file.string()); });
  EXPECT_NE(e.find("is geen wkb-opslag"), std::string::npos) << e;
  EXPECT_EQ(fs::file_size(file), garbage.size());
  fs::remove_all(dir);
}

TEST(StoreOpenTest, MissingFolderUnreachableServerAndBadStringsAreClear) {
  EXPECT_NE(input_error_of([] { ProjectStore::open("sqlite:/nonexistent-wkb-folder/wkb.db"); }).find("bestaat niet"),
            std::string::npos);
  const std::string e =
      input_error_of([] { ProjectStore::open("postgresql://wkb:geheim@127.0.0.1:1/wkb?connect_timeout=2"); });
  EXPECT_NE(e.find("kan niet worden geopend"), std::string::npos) << e;
  EXPECT_EQ(e.find("geheim"), std::string::npos) << "the password must not be shown: " << e;
  EXPECT_THROW(ProjectStore::open("mysql://x/y"), UsageError);
  EXPECT_THROW(ProjectStore::open(""), UsageError);
}

TEST(StoreOpenTest, ReadOnlyStoreIsRefusedForWriting) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: file permissions do not stop root from writing";
  const fs::path dir = fs::temp_directory_path() / ("wkb-ro-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ProjectStore::open("sqlite:" + (dir / "wkb.db").string());
  fs::permissions(dir / "wkb.db", fs::perms::owner_read | fs::perms::group_read);
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_THROW(
      {
        auto s = ProjectStore::open("sqlite:" + (dir / "wkb.db").string());
        notify_and_wait(*s, "x", "y");
      },
      InputError);
  fs::permissions(dir, fs::perms::owner_all);
  fs::remove_all(dir);
}

TEST(StoreClockTest, FixedClockFromTheEnvironmentOnlyWhenAllowed) {
  ::setenv("WKB_NOW", "2020-03-01T10:00:00Z", 1);
  ::unsetenv("WKB_ALLOW_FIXED_CLOCK");
  EXPECT_GT(now_utc(), "2025-01-01T00:00:00Z") << "WKB_NOW alone must not date entries";
  ::setenv("WKB_ALLOW_FIXED_CLOCK", "yes", 1);
  EXPECT_GT(now_utc(), "2025-01-01T00:00:00Z") << "only WKB_ALLOW_FIXED_CLOCK=1 allows a fixed clock";
  ::setenv("WKB_ALLOW_FIXED_CLOCK", "1", 1);
  ::setenv("WKB_NOW", "2026-03-01T10:00:00Z", 1);
  EXPECT_EQ(now_utc(), "2026-03-01T10:00:00Z");
  EXPECT_EQ(today().to_string(), "2026-03-01");
  ::setenv("WKB_NOW", "2026-02-30T10:00:00Z", 1);
  EXPECT_THROW(now_utc(), InputError);
  ::unsetenv("WKB_NOW");
  EXPECT_EQ(now_utc().size(), 20u);
}

}  // namespace
WKB_STORE_BACKENDS(StoreErrorsTest);
}  // namespace wkb::store::test

namespace wkb::store::test {
namespace {
TEST(LibpqKeywordsTest, UrisBecomeKeywordsAndKeywordsStay) {
  EXPECT_EQ(libpq_keywords("postgresql://postgres@127.0.0.1:5433/wkbtest"),
            "user=postgres host=127.0.0.1 port=5433 dbname=wkbtest");
  EXPECT_EQ(libpq_keywords("postgres://borg:ge%20heim@db.example.nl/wkb?sslmode=require&options=-csearch_path%3Dx"),
            "user=borg password='ge heim' host=db.example.nl dbname=wkb sslmode=require options='-csearch_path=x'");
  EXPECT_EQ(libpq_keywords("postgresql://[::1]:5432/wkb"), "host=::1 port=5432 dbname=wkb");
  EXPECT_EQ(libpq_keywords("host=localhost dbname=wkb"), "host=localhost dbname=wkb");
  EXPECT_THROW(libpq_keywords("postgresql://h/db?novalue"), UsageError);
}
}  // namespace
}  // namespace wkb::store::test
