#pragma once
// Shared set-up for the store tests: a fresh store per test on the backend of
// the test's parameter ("sqlite" always; "postgresql" when WKB_TEST_PG is set,
// in a schema of its own so that tests may run in parallel), the test
// instrument (tests/store/plugin), a fixed clock and a credible project.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "wkb/host/errors.hpp"
#include "wkb/store/project_store.hpp"

namespace wkb::store::test {

// The message of the InputError `f` throws, or "(no InputError)".
template <typename F>
std::string input_error_of(F f) {
  try {
    f();
  } catch (const wkb::host::InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A new connection to the store of this test (each call opens one).
  std::unique_ptr<ProjectStore> open() { return ProjectStore::open(db_); }
  const std::string& db() const { return db_; }
  // Another, empty store on the same backend (dropped at the end of the test).
  std::string another_db();
  // Raw SQL on any store of this test.
  std::unique_ptr<soci::session> raw(const std::string& db);
  // Raw SQL on the store, for tampering.
  std::unique_ptr<soci::session> raw();
  // Loads plugins from `folder` (default: the built test plugin) once each.
  InstrumentLoader loader(const std::filesystem::path& folder = {});

  // A project of `units` dwellings whose foundation starts on `foundation_start`.
  static Project project(const std::string& id = "2026-TST-0001", int units = 12,
                         const std::string& foundation_start = "2026-04-06");
  // One finding per part (control, unit) of the plan, all with `result`,
  // each assessed by the person of staff_for_area for its topic's area.
  static std::vector<Finding> findings_for(const Plan& plan, FindingResult result, const std::string& date = "2026-05-01");

  std::filesystem::path tmp_;

 private:
  std::string db_;
  std::string pg_schema_;
  std::vector<std::string> more_schemas_;
  std::string pg_base_;
  std::map<std::string, std::unique_ptr<wkb::host::CheckedInstrument>> loaded_;
};

// The example staff register (examples/staff/borg-twente.staff.json) and who
// of it the staff fixture names per area: BT-001 coordination and structure,
// BT-002 fire safety and bouwfysica, BT-003 installations and site inspection.
std::string staff_register_path();
std::string staff_for_area(const std::string& area);
// Adds the example register (nothing when it is there) and assigns its persons
// to every role the project's current plan needs, BT-001 as eindverantwoordelijke.
Assignment staff_and_assign(ProjectStore& store, const std::string& id, const InstrumentLoader& load);
// Loads the test instrument (tests/store/plugin), for helpers without a test.
InstrumentLoader test_loader();
// A complete melder (wkb.melder/1) for the bouwmelding.
Melder test_melder();
// The clock back to the fixture's 1 March 2026, for a project created after
// another one's notify_and_wait (the clock never runs back within a project).
void rewind_clock();
// The bouwmelding by the test melder on 1 March 2026 (the project must have
// been created by then; without an assignment, staff_and_assign first with
// the test instrument); then the clock moves on to 1 June 2026, past the four
// weeks (Bbl art. 2.18), so that findings dated in May can be recorded.
Notification notify_and_wait(ProjectStore& store, const std::string& id, const std::string& by);
// A close as the CLI makes it: a verklaring in Almere signed by `by`; a notice
// says why its parts were not notified during construction (the older tests
// record no meldingen).
CloseRequest close_request(bool notice, const std::string& effort, const std::string& by);

std::string backend_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace wkb::store::test

#define WKB_STORE_BACKENDS(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgresql"), wkb::store::test::backend_name)
