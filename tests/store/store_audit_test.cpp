// Tampering with the audit chain or the data it covers is detected and named;
// replay re-runs recorded plugin calls.
#include <fstream>

#include "store_fixture.hpp"

namespace wkb::store::test {
namespace {
namespace fs = std::filesystem;

class AuditTest : public StoreTest {
 protected:
  // A project with findings, a decision and a closure: every kind of row.
  std::string full_project(const std::string& id = "2026-TST-0001") {
    auto store = open();
    rewind_clock();
    store->create(project(id), "nl.test.opslag", loader(), "A. Borger");
    store->override_risk(id, {"R-energy-performance", 3, std::nullopt, std::nullopt, "BENG-berekening deels aanwezig", "A. Borger"},
                         loader());
    notify_and_wait(*store, id, "A. Borger");
    store->add_findings(id, findings_for(store->load(id).current_plan().plan, FindingResult::conform), "J. de Vries");
    store->evaluate(id, loader(), "A. Borger");
    store->close(id, close_request(false, "", "A. Borger"));
    return id;
  }
  int seq_of(const std::string& id, const std::string& kind, int nth = 1) {
    for (const auto& e : open()->audit_log(id))
      if (e.kind == kind && --nth == 0) return e.seq;
    return -1;
  }
  VerifyReport verify(const std::optional<std::string>& id = std::nullopt) { return open()->verify(id); }
};

TEST_P(AuditTest, AnUntouchedStoreVerifies) {
  const auto id = full_project();
  full_project("2026-TST-0002");
  const auto report = verify();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].message);
  EXPECT_EQ(report.projects, 2);
  EXPECT_GT(report.entries, 30);
}

TEST_P(AuditTest, AnAlteredEntryIsNamed) {
  const auto id = full_project();
  const int seq = seq_of(id, "finding", 2);
  auto sql = raw();
  *sql << "UPDATE audit_log SET payload = REPLACE(payload, 'conform', 'repaired') WHERE project_id = :p AND seq = :s",
      soci::use(id), soci::use(seq);
  const auto report = verify(id);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].seq, seq);
  EXPECT_NE(report.problems[0].message.find("is gewijzigd: de inhoud past niet bij haar hash"), std::string::npos) << report.problems[0].message;
}

TEST_P(AuditTest, AHandEditedFindingRowIsCaught) {
  const auto id = full_project("2026-TST-0007");
  auto sql = raw();
  *sql << "UPDATE findings SET result = 'conform', note = 'achteraf aangepast' WHERE project_id = :p AND seq = 2",
      soci::use(id);
  const auto report = verify();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].project, id);
  EXPECT_EQ(report.problems[0].seq, seq_of(id, "finding", 2));
  EXPECT_NE(report.problems[0].message.find("rij 2 van project \"" + id + "\" in tabel findings"), std::string::npos) << report.problems[0].message;
  EXPECT_EQ(report.problems[0].code, "row-altered");
  EXPECT_EQ(report.problems[0].table, "findings");
  EXPECT_EQ(report.problems[0].key, "2");
}

TEST_P(AuditTest, ARemovedEntryIsCaughtInTheMiddleAndAtTheEnd) {
  const auto id = full_project();
  const int middle = seq_of(id, "decision");
  const int last = static_cast<int>(open()->audit_log(id).size());
  {
    auto sql = raw();
    *sql << "DELETE FROM audit_log WHERE project_id = :p AND seq = :s", soci::use(id), soci::use(last);
  }
  auto report = verify(id);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].seq, last);
  {
    auto sql = raw();
    *sql << "DELETE FROM audit_log WHERE project_id = :p AND seq = :s", soci::use(id), soci::use(middle);
  }
  report = verify(id);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].seq, middle);
  EXPECT_NE(report.problems[0].message.find("ontbreekt"), std::string::npos) << report.problems[0].message;
}

TEST_P(AuditTest, ReorderedEntriesAreCaught) {
  const auto id = full_project();
  const int a = seq_of(id, "finding", 1), b = seq_of(id, "finding", 2);
  auto sql = raw();
  // Swap the two entries by renumbering them.
  *sql << "UPDATE audit_log SET seq = -1 WHERE project_id = :p AND seq = :s", soci::use(id), soci::use(a);
  *sql << "UPDATE audit_log SET seq = :a WHERE project_id = :p AND seq = :s", soci::use(a), soci::use(id),
      soci::use(b);
  *sql << "UPDATE audit_log SET seq = :b WHERE project_id = :p AND seq = -1", soci::use(b), soci::use(id);
  const auto report = verify(id);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].seq, a);
  EXPECT_EQ(report.problems[0].code, "entry-altered");
}

TEST_P(AuditTest, ADeletedDataRowAndAForgedOneAreCaught) {
  const auto id = full_project();
  {
    auto sql = raw();
    *sql << "DELETE FROM overrides WHERE project_id = :p", soci::use(id);
  }
  auto report = verify(id);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].message.find("ontbreekt: ze is verwijderd"), std::string::npos) << report.problems[0].message;
  const auto id2 = full_project("2026-TST-0002");
  {
    auto sql = raw();
    *sql << "INSERT INTO findings (project_id, seq, control_id, unit_id, result, note, assessed_by, finding_date,"
            " recorded_at) VALUES (:p, 99, 'R-energy-performance/document-review/design', '', 'conform', '', 'x', '2026-05-01', '2026-05-01T00:00:00Z')",
        soci::use(id2);
  }
  report = verify(id2);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].message.find("heeft geen registratie in de audittrail"), std::string::npos)
      << report.problems[0].message;
}

TEST_P(AuditTest, AStateChangedBehindTheLogsBackIsCaught) {
  const auto id = full_project();
  auto sql = raw();
  *sql << "UPDATE projects SET state = 'in-execution' WHERE id = :p", soci::use(id);
  const auto report = verify(id);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].message.find("de projectrij noemt de status \"in uitvoering\""), std::string::npos)
      << report.problems[0].message;
}

TEST_P(AuditTest, ReplayMatchesTheSamePluginAndNoticesChanges) {
  const auto id = full_project();
  auto store = open();
  auto report = store->replay(id, loader());
  ASSERT_EQ(report.calls.size(), 6u);  // create 3, override 2, evaluate 1
  EXPECT_TRUE(report.ok());
  // A plugin that answers differently now.
  ::setenv("WKB_TEST_PLUGIN_VARIANT", "1", 1);
  report = open()->replay(id, loader());
  ::unsetenv("WKB_TEST_PLUGIN_VARIANT");
  int differs = 0;
  for (const auto& c : report.calls) differs += c.response_differs;
  EXPECT_EQ(differs, 1);  // only assess carries the rationale that changed
  EXPECT_FALSE(report.ok());
  // A plugin whose files changed (same answers).
  const fs::path copy = tmp_ / "opslag";
  fs::copy(WKB_STORE_TEST_PLUGIN_DIR, copy);
  { std::ofstream(copy / "NOTES.txt") << "een extra bestand\n"; }
  report = open()->replay(id, loader(copy));
  ASSERT_FALSE(report.calls.empty());
  EXPECT_TRUE(report.calls[0].plugin_changed);
  EXPECT_FALSE(report.calls[0].response_differs);
}

}  // namespace
WKB_STORE_BACKENDS(AuditTest);
}  // namespace wkb::store::test
