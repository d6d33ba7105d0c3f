// The tamper suite: someone with write access to the database edits it by
// hand, one edit per fresh store, in every table. `audit verify` must name
// each edit (exit 1 in the CLI), and no later write may launder one.
#include <sodium.h>

#include <functional>

#include "store_fixture.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/store/audit.hpp"

namespace wkb::store::test {
namespace {

const std::string kId = "2026-TST-0001";     // the project that is tampered with
const std::string kOther = "2026-TST-0002";  // a bystander that must stay in order

struct Edit {
  std::string name;
  std::vector<std::string> sql;  // {p}: the project id
  std::string code;              // the problem verify must report
  std::string table = "";        // and, when given, the table it names
};

std::string fill(std::string s) {
  for (std::size_t at; (at = s.find("{p}")) != std::string::npos;) s.replace(at, 3, kId);
  return s;
}

const std::vector<Edit>& edits() {
  static const std::vector<Edit> list = {
      // The project row, column by column.
      {"project name", {"UPDATE projects SET name = 'Ander project' WHERE id = '{p}'"}, "project-row-altered", "projects"},
      {"instrument name", {"UPDATE projects SET instrument_name = 'Ander instrument' WHERE id = '{p}'"},
       "project-row-altered", "projects"},
      {"instrument id", {"UPDATE projects SET instrument_id = 'nl.ander' WHERE id = '{p}'"}, "project-row-altered"},
      {"created at", {"UPDATE projects SET created_at = '2020-01-01T00:00:00Z' WHERE id = '{p}'"},
       "project-row-altered"},
      {"updated at", {"UPDATE projects SET updated_at = '2020-01-01T00:00:00Z' WHERE id = '{p}'"},
       "project-row-altered"},
      {"state", {"UPDATE projects SET state = 'notified' WHERE id = '{p}'"}, "state-mismatch"},
      {"unknown state", {"UPDATE projects SET state = 'gestolen' WHERE id = '{p}'"}, "state-mismatch"},
      {"plan version", {"UPDATE projects SET plan_version = 1 WHERE id = '{p}'"}, "plan-version-mismatch"},
      {"audit count", {"UPDATE projects SET audit_count = audit_count - 1 WHERE id = '{p}'"}, "log-truncated"},
      {"audit head",
       {"UPDATE projects SET audit_head = '1111111111111111111111111111111111111111111111111111111111111111'"
        " WHERE id = '{p}'"},
       "log-truncated"},
      // Whole projects.
      {"deleted project", {"DELETE FROM projects WHERE id = '{p}'"}, "project-deleted", "projects"},
      {"deleted project and all its rows",
       {"DELETE FROM projects WHERE id = '{p}'", "DELETE FROM audit_log WHERE project_id = '{p}'",
        "DELETE FROM findings WHERE project_id = '{p}'", "DELETE FROM plan_versions WHERE project_id = '{p}'",
        "DELETE FROM overrides WHERE project_id = '{p}'", "DELETE FROM decisions WHERE project_id = '{p}'",
        "DELETE FROM notifications WHERE project_id = '{p}'", "DELETE FROM closures WHERE project_id = '{p}'",
        "DELETE FROM plugin_calls WHERE project_id = '{p}'"},
       "project-deleted"},
      {"forged empty project",
       {"INSERT INTO projects (id, name, instrument_id, instrument_name, state, plan_version, created_at, updated_at,"
        " audit_count, audit_head) VALUES ('2026-VALS-1', 'Vals', 'nl.test.opslag', 'Opslag', 'draft', 0,"
        " '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z', 0,"
        " '0000000000000000000000000000000000000000000000000000000000000000')"},
       "project-unrecorded"},
      {"orphan finding",
       {"INSERT INTO findings (project_id, seq, control_id, unit_id, result, note, assessed_by, finding_date,"
        " recorded_at) VALUES ('2026-GEEN-1', 1, 'R-energy-performance/document-review/design', '', 'conform', '', 'x', '2026-05-01',"
        " '2026-05-01T00:00:00Z')"},
       "row-orphan", "findings"},
      {"orphan audit entry",
       {"INSERT INTO audit_log (project_id, seq, at, actor, kind, payload, prev_hash, hash) SELECT '2026-GEEN-2', seq,"
        " at, actor, kind, payload, prev_hash, hash FROM audit_log WHERE project_id = '{p}' AND seq = 1"},
       "row-orphan", "audit_log"},
      // A completed project reopened: the last two entries and the closure row
      // removed, the project row made to match.
      {"truncated log and closure removed",
       {"DELETE FROM closures WHERE project_id = '{p}'",
        "DELETE FROM audit_log WHERE project_id = '{p}' AND seq > (SELECT audit_count - 2 FROM projects WHERE id = '{p}')",
        "UPDATE projects SET state = 'in-execution', audit_count = audit_count - 2,"
        " audit_head = (SELECT a.hash FROM audit_log a WHERE a.project_id = '{p}' AND"
        " a.seq = (SELECT MAX(b.seq) FROM audit_log b WHERE b.project_id = '{p}')) WHERE id = '{p}'"},
       "project-row-altered"},
      // Every data table.
      {"plan version row", {"UPDATE plan_versions SET reason = 'x' WHERE project_id = '{p}' AND version = 1"},
       "row-altered", "plan_versions"},
      {"override row", {"UPDATE overrides SET motivation = 'zomaar' WHERE project_id = '{p}'"}, "row-altered",
       "overrides"},
      {"finding row", {"UPDATE findings SET note = 'achteraf' WHERE project_id = '{p}' AND seq = 1"}, "row-altered",
       "findings"},
      {"decision row", {"UPDATE decisions SET made_by = 'iemand' WHERE project_id = '{p}'"}, "row-altered",
       "decisions"},
      {"notification row", {"UPDATE notifications SET made_at = '2020-01-01T00:00:00Z' WHERE project_id = '{p}'"},
       "row-altered", "notifications"},
      {"closure row", {"UPDATE closures SET effort = 'veel' WHERE project_id = '{p}'"}, "row-altered", "closures"},
      {"plugin call row", {"UPDATE plugin_calls SET request = '{}' WHERE project_id = '{p}' AND seq = 1"},
       "row-altered", "plugin_calls"},
      {"deleted decision", {"DELETE FROM decisions WHERE project_id = '{p}'"}, "row-deleted", "decisions"},
      {"deleted notification", {"DELETE FROM notifications WHERE project_id = '{p}'"}, "row-deleted",
       "notifications"},
      {"deleted plugin call", {"DELETE FROM plugin_calls WHERE project_id = '{p}' AND seq = 2"}, "row-deleted",
       "plugin_calls"},
      {"forged finding",
       {"INSERT INTO findings (project_id, seq, control_id, unit_id, result, note, assessed_by, finding_date,"
        " recorded_at) VALUES ('{p}', 99, 'R-energy-performance/document-review/design', '', 'conform', '', 'x', '2026-05-01', '2026-05-01T00:00:00Z')"},
       "row-unrecorded", "findings"},
      // The audit log and the store chain.
      {"audit payload", {"UPDATE audit_log SET payload = REPLACE(payload, 'conform', 'open') WHERE project_id = '{p}'"},
       "entry-altered"},
      {"audit entry removed", {"DELETE FROM audit_log WHERE project_id = '{p}' AND seq = 3"}, "entry-removed"},
      {"store chain entry altered", {"UPDATE store_chain SET at = '2020-01-01T00:00:00Z' WHERE seq = 2"},
       "chain-altered", "store_chain"},
      {"store chain entry removed", {"DELETE FROM store_chain WHERE seq = 1"}, "chain-broken", "store_chain"},
      {"store chain head removed",
       {"DELETE FROM store_chain WHERE seq = (SELECT MAX(seq) FROM store_chain)"}, "project-row-altered"},
  };
  return list;
}

class TamperTest : public StoreTest {
 protected:
  // Two projects with every kind of row; kId is completed.
  void fill_store(const std::string& db) {
    auto store = ProjectStore::open(db);
    for (const auto& id : {kId, kOther}) {
      rewind_clock();
      store->create(project(id), "nl.test.opslag", loader(), "A. Borger");
      store->override_risk(id, {"R-energy-performance", 3, std::nullopt, std::nullopt, "BENG deels aanwezig", "A. Borger"}, loader());
      notify_and_wait(*store, id, "A. Borger");
    }
    store->add_findings(kId, findings_for(store->load(kId).current_plan().plan, FindingResult::conform), "J. de Vries");
    store->evaluate(kId, loader(), "A. Borger");
    store->close(kId, close_request(false, "", "A. Borger"));
  }
  std::string prepared() {
    const std::string db = another_db();
    fill_store(db);
    return db;
  }
};

TEST_P(TamperTest, EveryEditIsCaughtAndNamed) {
  int checked = 0;
  for (const Edit& edit : edits()) {
    if (edit.code.empty()) continue;
    SCOPED_TRACE(edit.name);
    const std::string db = prepared();
    ASSERT_TRUE(ProjectStore::open(db)->verify(std::nullopt).ok()) << "the untouched store must verify";
    {
      auto sql = raw(db);
      for (const auto& statement : edit.sql) *sql << fill(statement);
    }
    const auto report = ProjectStore::open(db)->verify(std::nullopt);
    bool found = false;
    std::string seen;
    for (const auto& p : report.problems) {
      seen += p.code + "(" + p.project + "," + p.table + ") ";
      found |= p.code == edit.code && (edit.table.empty() || p.table == edit.table);
      EXPECT_NE(p.project, kOther) << "the bystander project was reported: " << p.message;
    }
    EXPECT_TRUE(found) << "expected " << edit.code << " " << edit.table << ", got: " << seen;
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

// Each write first checks the project against its log and the store chain.
TEST_P(TamperTest, AWriteNeverLaundersATamperedState) {
  const std::string db = prepared();
  {
    auto sql = raw(db);
    *sql << "UPDATE projects SET state = 'notified' WHERE id = :p", soci::use(kId);
  }
  auto store = ProjectStore::open(db);
  const auto entries = store->audit_log(kId).size();
  Finding f{"R-energy-performance/document-review/design", std::nullopt, FindingResult::conform, "", "BT-002", *Date::parse("2026-05-02")};  // bouwfysica
  try {
    store->add_findings(kId, {f}, "x");
    ADD_FAILURE() << "a write on a tampered project was accepted";
  } catch (const wkb::host::StoreDamaged& e) {
    EXPECT_NE(std::string(e.what()).find("wkb audit verify " + kId), std::string::npos) << e.what();
    EXPECT_EQ(e.exit_code(), 3);
  }
  EXPECT_EQ(store->audit_log(kId).size(), entries);
  EXPECT_FALSE(store->verify(std::nullopt).ok());
  // An unknown state is refused the same way, not dereferenced.
  {
    auto sql = raw(db);
    *sql << "UPDATE projects SET state = 'weg' WHERE id = :p", soci::use(kId);
  }
  EXPECT_THROW(store->add_findings(kId, {f}, "x"), wkb::host::StoreDamaged);
  EXPECT_THROW(store->load(kId), wkb::host::StoreDamaged);
  // The bystander is still writable.
  EXPECT_NO_THROW(store->add_findings(kOther, {f}, "x"));
}

TEST_P(TamperTest, AReopenedProjectCannotBeClosedAgain) {
  const std::string db = prepared();
  {
    auto sql = raw(db);
    for (const auto& e : edits())
      if (e.name == "truncated log and closure removed")
        for (const auto& s : e.sql) *sql << fill(s);
  }
  auto store = ProjectStore::open(db);
  EXPECT_EQ(store->load(kId).summary.state, State::in_execution);
  EXPECT_THROW(store->close(kId, close_request(true, "alsnog melding", "x")), wkb::host::StoreDamaged);
}

// Rewrites a project's whole log with recomputed hashes, and the store chain
// after it: what someone with this documentation and write access can do.
void rewrite_chain(soci::session& sql, const std::string& id, const std::function<void(AuditEntry&)>& change) {
  std::vector<AuditEntry> log;
  {
    AuditEntry e;
    soci::statement st = (sql.prepare << "SELECT project_id, seq, at, actor, kind, payload, prev_hash, hash FROM"
                                         " audit_log WHERE project_id = :p ORDER BY seq",
                          soci::into(e.project), soci::into(e.seq), soci::into(e.at), soci::into(e.actor),
                          soci::into(e.kind), soci::into(e.payload), soci::into(e.prev_hash), soci::into(e.hash),
                          soci::use(id));
    st.execute();
    while (st.fetch()) log.push_back(e);
  }
  std::string prev = kGenesisHash;
  for (auto& e : log) {
    change(e);
    e.prev_hash = prev;
    e.hash = audit_hash(e);
    prev = e.hash;
    sql << "UPDATE audit_log SET payload = :pl, prev_hash = :ph, hash = :h WHERE project_id = :p AND seq = :s",
        soci::use(e.payload), soci::use(e.prev_hash), soci::use(e.hash), soci::use(id), soci::use(e.seq);
  }
  sql << "UPDATE projects SET audit_head = :h WHERE id = :p", soci::use(prev), soci::use(id);
}

TEST_P(TamperTest, AFullRewriteIsCaughtByAKeptHeadAndBySignedHeads) {
  const std::string db = prepared();
  auto store = ProjectStore::open(db);
  const std::string kept = store->verify(std::nullopt).heads.store.hash;
  ASSERT_EQ(kept.size(), 64u);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  ASSERT_EQ(sodium_init() < 0, false);
  crypto_sign_keypair(pk, sk);
  const std::string pub(reinterpret_cast<char*>(pk), sizeof pk), sec(reinterpret_cast<char*>(sk), sizeof sk);
  store->sign_heads(sec);
  VerifyReport signed_ok;
  store->check_signed_heads(pub, signed_ok);
  EXPECT_TRUE(signed_ok.ok()) << (signed_ok.problems.empty() ? "" : signed_ok.problems[0].message);

  // The rewrite: the project's log with a finding changed, then the store
  // chain rebuilt from its first entry with recomputed hashes. (The rewriter
  // uses wkb's own code to rebuild the chain, as one with the source could.)
  {
    auto sql = raw(db);
    rewrite_chain(*sql, kId, [](AuditEntry& e) {
      if (e.kind == "created") e.payload += " ";
    });
    *sql << "DELETE FROM store_chain";
    *sql << "DELETE FROM wkb_schema_version WHERE version >= 2";
    *sql << "DROP TABLE store_chain";
    *sql << "DROP TABLE head_signatures";  // the rewriter cannot forge signatures; keeping them would show it
  }
  auto rewritten = ProjectStore::open(db);  // the upgrade rebuilds the chain over the rewritten rows
  EXPECT_TRUE(rewritten->verify(std::nullopt).ok()) << "without a kept head a full rewrite cannot be seen";
  const auto report = rewritten->verify(std::nullopt, {kept});
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].code, "head-missing");
  VerifyReport signed_report;
  rewritten->check_signed_heads(pub, signed_report);
  ASSERT_FALSE(signed_report.ok());
  EXPECT_EQ(signed_report.problems[0].code, "signature-missing");
}

TEST_P(TamperTest, AChangedSignatureOrSignedHeadIsCaught) {
  const std::string db = prepared();
  auto store = ProjectStore::open(db);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  ASSERT_EQ(sodium_init() < 0, false);
  crypto_sign_keypair(pk, sk);
  const std::string pub(reinterpret_cast<char*>(pk), sizeof pk);
  store->sign_heads(std::string(reinterpret_cast<char*>(sk), sizeof sk));
  {
    auto sql = raw(db);
    rewrite_chain(*sql, kOther, [](AuditEntry& e) {
      if (e.kind == "created") e.payload += " ";
    });
  }
  VerifyReport r;
  store->check_signed_heads(pub, r);
  bool head_missing = false;
  for (const auto& p : r.problems) head_missing |= p.code == "signature-head-missing";
  EXPECT_TRUE(head_missing);
  {
    auto sql = raw(db);
    *sql << "UPDATE head_signatures SET payload = REPLACE(payload, '\"entries\"', '\"entries\" ')";
  }
  VerifyReport r2;
  store->check_signed_heads(pub, r2);
  ASSERT_FALSE(r2.problems.empty());
  EXPECT_EQ(r2.problems[0].code, "signature-invalid");
}

TEST_P(TamperTest, AStateChangeThatDoesNotContinueIsCaughtEvenWithRecomputedHashes) {
  const std::string db = prepared();
  {
    auto sql = raw(db);
    rewrite_chain(*sql, kOther, [](AuditEntry& e) {
      if (e.kind == "state" && e.payload.find("\"to\":\"notified\"") != std::string::npos)
        e.payload = "{\"from\":\"draft\",\"to\":\"notified\"}";
    });
  }
  const auto report = ProjectStore::open(db)->verify(kOther);
  ASSERT_FALSE(report.problems.empty());
  EXPECT_EQ(report.problems[0].code, "state-discontinuous") << report.problems[0].message;
}

}  // namespace
WKB_STORE_BACKENDS(TamperTest);
}  // namespace wkb::store::test
