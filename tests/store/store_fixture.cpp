#include "store_fixture.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/staff.hpp"
#include "wkb/store/connection.hpp"

namespace wkb::store::test {
namespace fs = std::filesystem;

namespace {
// libpq takes "options" in both connection string forms.
std::string with_search_path(const std::string& base, const std::string& schema) {
  if (base.find("://") != std::string::npos)
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  std::string kw = base.rfind("postgresql:", 0) == 0 ? base.substr(11) : base;
  return "postgresql:" + kw + " options='-csearch_path=" + schema + "'";
}
std::string libpq_form(const std::string& base) {
  if (base.rfind("postgresql:", 0) == 0 && base.find("://") == std::string::npos) return base.substr(11);
  return libpq_keywords(base);
}
}  // namespace

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

void StoreTest::SetUp() {
  static std::atomic<int> counter{0};
  ::setenv("WKB_NOW", "2026-03-01T10:00:00Z", 1);
  ::setenv("WKB_ALLOW_FIXED_CLOCK", "1", 1);
  ::unsetenv("WKB_TEST_PLUGIN_VARIANT");
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "_" + info->name();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  tmp_ = fs::temp_directory_path() / ("wkb-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(tmp_);
  fs::create_directories(tmp_);
  if (GetParam() == "postgresql") {
    const char* pg = std::getenv("WKB_TEST_PG");
    if (!pg || !*pg)
      GTEST_SKIP() << "PostgreSQL run skipped: WKB_TEST_PG is not set (scripts/test.sh starts a server with "
                      "scripts/pg-test-server.sh and sets it)";
    pg_base_ = pg;
    pg_schema_ = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    soci::session admin(soci::postgresql, libpq_form(pg_base_));
    admin << "CREATE SCHEMA " + pg_schema_;
    db_ = with_search_path(pg_base_, pg_schema_);
  } else {
    db_ = "sqlite:" + (tmp_ / "wkb.db").string();
  }
}

std::string StoreTest::another_db() {
  static std::atomic<int> more{0};
  const int n = more++;
  if (GetParam() == "postgresql") {
    const std::string schema = pg_schema_ + "_" + std::to_string(n);
    soci::session admin(soci::postgresql, libpq_form(pg_base_));
    admin << "CREATE SCHEMA " + schema;
    more_schemas_.push_back(schema);
    return with_search_path(pg_base_, schema);
  }
  return "sqlite:" + (tmp_ / ("more-" + std::to_string(n) + ".db")).string();
}

std::unique_ptr<soci::session> StoreTest::raw(const std::string& db) {
  if (GetParam() == "postgresql") return std::make_unique<soci::session>(soci::postgresql, libpq_form(db));
  return std::make_unique<soci::session>(soci::sqlite3, db.substr(7));
}

void StoreTest::TearDown() {
  loaded_.clear();
  for (const auto& schema : more_schemas_) {
    try {
      soci::session admin(soci::postgresql, libpq_form(pg_base_));
      admin << "SET client_min_messages = WARNING";
      admin << "DROP SCHEMA " + schema + " CASCADE";
    } catch (...) {
    }
  }
  if (!pg_schema_.empty()) {
    try {
      soci::session admin(soci::postgresql, libpq_form(pg_base_));
      admin << "SET client_min_messages = WARNING";
      admin << "DROP SCHEMA " + pg_schema_ + " CASCADE";
    } catch (...) {
    }
  }
  std::error_code ec;
  fs::remove_all(tmp_, ec);
}

std::unique_ptr<soci::session> StoreTest::raw() { return raw(db_); }

InstrumentLoader StoreTest::loader(const fs::path& folder) {
  const fs::path dir = folder.empty() ? fs::path(WKB_STORE_TEST_PLUGIN_DIR) : folder;
  return [this, dir](const std::string& id) -> wkb::host::CheckedInstrument& {
    const std::string key = dir.string() + "|" + id;
    auto it = loaded_.find(key);
    if (it == loaded_.end()) {
      const wkb::host::Manifest m = wkb::host::read_manifest(dir);
      if (m.id != id) throw wkb::host::UsageError("no plugin " + id);
      it = loaded_.emplace(key, std::make_unique<wkb::host::CheckedInstrument>(wkb::host::load_instrument(m))).first;
    }
    return *it->second;
  };
}

Project StoreTest::project(const std::string& id, int units, const std::string& foundation_start) {
  Project p;
  p.id = id;
  p.name = std::to_string(units) + " grondgebonden woningen Kloosterstraat";
  p.address = {"Kloosterstraat", "12", "7607 AB", "Almelo", std::string("0141010000123456")};
  p.consequence_class = 1;
  p.building = {BuildingType::dwelling, units, 3, "traditional"};
  p.parties.client = {"Woonstichting Voorbeeld", std::nullopt, false};
  p.parties.contractor = {"Bouwbedrijf Oost BV", std::string("12345678"), std::nullopt};
  p.parties.assurer = {"Borg Twente BV", std::string("87654321"), std::nullopt};
  for (int i = 1; i <= units; ++i) p.unit_ids.push_back("bn" + std::to_string(i));
  const Date f = *Date::parse(foundation_start);
  p.schedule = {{Phase::design, f.plus_days(-90), f.plus_days(-30)},
                {Phase::foundation, f, f.plus_days(24)},
                {Phase::structure, f.plus_days(28), f.plus_days(110)},
                {Phase::completion, f.plus_days(200), f.plus_days(214)}};
  p.documents = {{"beng-calculation", "missing"}};
  p.local_conditions = {"soft-soil", "fire-separation-under-5m"};
  return p;
}

std::vector<Finding> StoreTest::findings_for(const Plan& plan, FindingResult result, const std::string& date) {
  std::vector<Finding> out;
  for (const auto& c : plan.controls) {
    const std::string by = staff_for_area(std::string(wkb::host::area_of_topic(c.topic)));
    if (c.units.empty()) out.push_back({c.id, std::nullopt, result, "gecontroleerd", by, *Date::parse(date)});
    for (const auto& u : c.units) out.push_back({c.id, u, result, "gecontroleerd", by, *Date::parse(date)});
  }
  return out;
}

Melder test_melder() {
  Melder m;
  m.role = "aannemer";
  m.builder = {"Bouwbedrijf De Toets BV", "12345678", "Bouwweg 1, 1300 AA Almere", "036 123 45 67",
               "info@detoets.example"};
  m.cadastral = "Almere A 1234";
  return m;
}

void rewind_clock() { ::setenv("WKB_NOW", "2026-03-01T10:00:00Z", 1); }

std::string staff_register_path() { return std::string(WKB_SOURCE_DIR) + "/examples/staff/borg-twente.staff.json"; }

std::string staff_for_area(const std::string& area) {
  if (area == "fire-safety" || area == "building-physics") return "BT-002";
  if (area == "installations" || area == "site-inspection") return "BT-003";
  return "BT-001";
}

Assignment staff_and_assign(ProjectStore& store, const std::string& id, const InstrumentLoader& load) {
  const std::string file = staff_register_path();
  store.add_staff(wkb::host::parse_staff(wkb::host::read_text_file(file), file), "A. Borger");
  AssignRequest req;
  for (const auto& role : wkb::host::roles_needed(store.load(id).current_plan().plan))
    req.roles.emplace_back(role, staff_for_area(role));
  req.responsible = "BT-001";
  req.by = "A. Borger";
  return store.assign(id, req, load);
}

InstrumentLoader test_loader() {
  // The test instrument and the example instruments of the build, by id.
  static std::map<std::string, std::unique_ptr<wkb::host::CheckedInstrument>> loaded;
  return [](const std::string& id) -> wkb::host::CheckedInstrument& {
    if (auto it = loaded.find(id); it != loaded.end()) return *it->second;
    std::vector<fs::path> dirs = {WKB_STORE_TEST_PLUGIN_DIR};
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(WKB_STORE_PLUGINS_DIR, ec))
      if (fs::exists(e.path() / "plugin.json")) dirs.push_back(e.path());
    for (const auto& dir : dirs) {
      const wkb::host::Manifest m = wkb::host::read_manifest(dir);
      if (m.id == id)
        return *loaded.emplace(id, std::make_unique<wkb::host::CheckedInstrument>(wkb::host::load_instrument(m)))
                    .first->second;
    }
    throw wkb::host::UsageError("no plugin " + id);
  };
}

Notification notify_and_wait(ProjectStore& store, const std::string& id, const std::string& by) {
  rewind_clock();
  if (!store.load(id).assignment) staff_and_assign(store, id, test_loader());
  Notification n = store.notify(id, test_melder(), by);
  ::setenv("WKB_NOW", "2026-06-01T10:00:00Z", 1);
  return n;
}

CloseRequest close_request(bool notice, const std::string& effort, const std::string& by) {
  CloseRequest r;
  r.notice = notice;
  r.effort = effort;
  r.by = by;
  r.declaration = {"Almere", "", ""};  // signed by the assigned eindverantwoordelijke
  r.not_notified = "de meldingen zijn buiten wkb gedaan";
  return r;
}

}  // namespace wkb::store::test
