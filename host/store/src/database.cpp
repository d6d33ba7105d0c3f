#include "database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <regex>

#include "wkb/host/errors.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/connection.hpp"

namespace wkb::store::detail {
namespace {

using wkb::host::InputError;
using wkb::host::UsageError;

bool starts_with(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

// postgresql://user:secret@host/db -> postgresql://user:***@host/db; password=x -> password=***
std::string mask(const std::string& s) {
  static const std::regex uri_password(R"((://[^:/@]+:)[^@]*@)");
  static const std::regex kw_password(R"((password\s*=\s*)\S+)");
  return std::regex_replace(std::regex_replace(s, uri_password, "$1***@"), kw_password, "$1***");
}

// Each migration moves the schema from version - 1 to version. Portable SQL
// only (SQLite and PostgreSQL): TEXT, INTEGER, composite primary keys, and no
// NULLs (absent values are empty strings), so SOCI needs no indicators.
struct Migration {
  int version;
  std::vector<const char*> statements;
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1,
       {
           "CREATE TABLE projects (id VARCHAR(200) PRIMARY KEY, name TEXT NOT NULL,"
           " instrument_id VARCHAR(200) NOT NULL, instrument_name TEXT NOT NULL,"
           " state VARCHAR(20) NOT NULL, plan_version INTEGER NOT NULL,"
           " created_at VARCHAR(32) NOT NULL, updated_at VARCHAR(32) NOT NULL,"
           " audit_count INTEGER NOT NULL, audit_head VARCHAR(64) NOT NULL)",
           "CREATE TABLE plan_versions (project_id VARCHAR(200) NOT NULL, version INTEGER NOT NULL,"
           " created_at VARCHAR(32) NOT NULL, created_by TEXT NOT NULL, reason TEXT NOT NULL,"
           " instrument_version VARCHAR(64) NOT NULL, project_json TEXT NOT NULL,"
           " assessment_json TEXT NOT NULL, sample_json TEXT NOT NULL, plan_json TEXT NOT NULL,"
           " PRIMARY KEY (project_id, version))",
           "CREATE TABLE overrides (project_id VARCHAR(200) NOT NULL, seq INTEGER NOT NULL,"
           " plan_version INTEGER NOT NULL, risk_id TEXT NOT NULL, before_json TEXT NOT NULL,"
           " after_json TEXT NOT NULL, motivation TEXT NOT NULL, made_by TEXT NOT NULL,"
           " made_at VARCHAR(32) NOT NULL, PRIMARY KEY (project_id, seq))",
           "CREATE TABLE findings (project_id VARCHAR(200) NOT NULL, seq INTEGER NOT NULL,"
           " control_id TEXT NOT NULL, unit_id TEXT NOT NULL, result VARCHAR(20) NOT NULL,"
           " note TEXT NOT NULL, assessed_by TEXT NOT NULL, finding_date VARCHAR(10) NOT NULL,"
           " recorded_at VARCHAR(32) NOT NULL, PRIMARY KEY (project_id, seq))",
           "CREATE TABLE decisions (project_id VARCHAR(200) NOT NULL, seq INTEGER NOT NULL,"
           " plan_version INTEGER NOT NULL, findings_count INTEGER NOT NULL,"
           " outcome VARCHAR(32) NOT NULL, decision_json TEXT NOT NULL, made_by TEXT NOT NULL,"
           " made_at VARCHAR(32) NOT NULL, PRIMARY KEY (project_id, seq))",
           "CREATE TABLE notifications (project_id VARCHAR(200) PRIMARY KEY, plan_version INTEGER NOT NULL,"
           " package_json TEXT NOT NULL, warnings TEXT NOT NULL, made_by TEXT NOT NULL,"
           " made_at VARCHAR(32) NOT NULL)",
           "CREATE TABLE closures (project_id VARCHAR(200) PRIMARY KEY, kind VARCHAR(32) NOT NULL,"
           " decision_seq INTEGER NOT NULL, from_outcome VARCHAR(32) NOT NULL, effort TEXT NOT NULL,"
           " made_by TEXT NOT NULL, made_at VARCHAR(32) NOT NULL)",
           "CREATE TABLE plugin_calls (project_id VARCHAR(200) NOT NULL, seq INTEGER NOT NULL,"
           " method VARCHAR(20) NOT NULL, plugin_id VARCHAR(200) NOT NULL,"
           " plugin_version VARCHAR(64) NOT NULL, plugin_sha256 VARCHAR(64) NOT NULL,"
           " request TEXT NOT NULL, request_sha256 VARCHAR(64) NOT NULL,"
           " response_sha256 VARCHAR(64) NOT NULL, PRIMARY KEY (project_id, seq))",
           "CREATE TABLE audit_log (project_id VARCHAR(200) NOT NULL, seq INTEGER NOT NULL,"
           " at VARCHAR(32) NOT NULL, actor TEXT NOT NULL, kind VARCHAR(32) NOT NULL,"
           " payload TEXT NOT NULL, prev_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL,"
           " PRIMARY KEY (project_id, seq))",
       }},
  };
  return list;
}

}  // namespace

Target parse_target(const std::string& db) {
  Target t;
  if (db.empty()) throw UsageError("--db is empty; give sqlite:PATH or postgresql://...");
  if (starts_with(db, "postgresql://") || starts_with(db, "postgres://")) {
    t.backend = Backend::postgresql;
    t.connect = libpq_keywords(db);
  } else if (starts_with(db, "postgresql:")) {
    t.backend = Backend::postgresql;
    t.connect = db.substr(11);
  } else if (starts_with(db, "sqlite3://")) {
    t.connect = db.substr(10);
  } else if (starts_with(db, "sqlite3:")) {
    t.connect = db.substr(8);
  } else if (starts_with(db, "sqlite:")) {
    t.connect = db.substr(7);
  } else if (db.find("://") != std::string::npos) {
    throw UsageError("--db " + mask(db) + ": unknown kind of store; use sqlite:PATH or postgresql://...");
  } else {
    t.connect = db;
  }
  if (t.connect.empty()) throw UsageError("--db " + mask(db) + ": no path or connection given");
  if (t.backend == Backend::sqlite && t.connect.find('=') != std::string::npos)
    throw UsageError("--db " + db + ": a SQLite path must not contain '='");
  t.display = t.backend == Backend::sqlite ? "sqlite:" + t.connect : mask(db);
  return t;
}

Database::Database(const std::string& db) : target_(parse_target(db)) {
  try {
    if (target_.backend == Backend::sqlite) {
      const std::filesystem::path file(target_.connect);
      const auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
      std::error_code ec;
      if (!std::filesystem::is_directory(dir, ec))
        throw InputError("store " + target_.display + ": folder " + dir.string() +
                         " does not exist; create it or choose another --db");
      if (std::filesystem::is_directory(file, ec))
        throw InputError("store " + target_.display + ": is a folder; give a file name");
      sql_.open(soci::sqlite3, target_.connect);
      // A second process waits for the lock instead of failing at once; WAL
      // lets readers run beside the writer, and with synchronous=NORMAL a
      // killed process never loses a committed transaction.
      sql_ << "PRAGMA busy_timeout = 15000";
      set_wal_mode();
      sql_ << "PRAGMA synchronous = NORMAL";
    } else {
      sql_.open(soci::postgresql, target_.connect);
      sql_ << "SET client_min_messages = WARNING";
    }
  } catch (const soci::soci_error& e) {
    std::string why = e.get_error_message();
    if (why.find("not a database") != std::string::npos)
      why += " (is this a wkb store? the file may be corrupt or of another program)";
    if (why.find("readonly") != std::string::npos)
      why += " (wkb needs write access to the store file and its folder; check the permissions)";
    throw InputError("store " + target_.display + ": cannot open: " + why);
  }
  migrate();
}

void Database::set_wal_mode() {
  // Switching a new file to WAL needs a moment of exclusive access, and SQLite
  // answers "database is locked" at once rather than through the busy
  // handler when another process is setting up the same file. Retry for as
  // long as the busy timeout would have waited.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  for (int attempt = 0;; ++attempt) {
    try {
      std::string mode;
      sql_ << "PRAGMA journal_mode = WAL", soci::into(mode);
      return;
    } catch (const soci::soci_error& e) {
      const std::string why = e.get_error_message();
      const bool busy = why.find("locked") != std::string::npos || why.find("busy") != std::string::npos;
      if (!busy || std::chrono::steady_clock::now() > deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(10 + 10 * attempt, 200)));
    }
  }
}

void Database::migrate() {
  // The usual case reads only, so that listing and verifying work on a store
  // this process may not write to.
  try {
    int current = 0;
    soci::indicator ind = soci::i_ok;
    sql_ << "SELECT MAX(version) FROM wkb_schema_version", soci::into(current, ind);
    if (ind == soci::i_ok && current == kSchemaVersion) {
      version_ = current;
      return;
    }
    if (ind == soci::i_ok && current > kSchemaVersion) throw_newer(current);
  } catch (const soci::soci_error&) {
    // No version table yet (a new store), or not a store: the transaction below tells.
  }
  // Two processes may set up a new store at the same moment; the loser of
  // that race fails ("already exists" on PostgreSQL, "locked" on SQLite) and
  // tries again, by which time the winner has committed the schema.
  for (int attempt = 0;; ++attempt) {
    try {
      migrate_once();
      return;
    } catch (const soci::soci_error& e) {
      const std::string why = e.get_error_message();
      const bool race = why.find("locked") != std::string::npos || why.find("busy") != std::string::npos ||
                        why.find("already exists") != std::string::npos || why.find("duplicate") != std::string::npos;
      if (!race || attempt >= 3) throw_migration_failure(e);
      std::this_thread::sleep_for(std::chrono::milliseconds(100 + 200 * attempt));
    }
  }
}

void Database::throw_newer(int version) {
  throw InputError("store " + target_.display + " has schema version " + std::to_string(version) +
                   ", newer than this wkb understands (" + std::to_string(kSchemaVersion) +
                   "); use a newer wkb. Nothing was changed.");
}

void Database::throw_migration_failure(const soci::soci_error& e) {
  std::string why = e.get_error_message();
  if (why.find("not a database") != std::string::npos)
    why += " (is this a wkb store? the file may be corrupt or of another program)";
  if (why.find("readonly") != std::string::npos || why.find("read-only") != std::string::npos)
    why += " (the store is read-only; check the file's permissions)";
  throw InputError("store " + target_.display + ": cannot prepare the schema: " + why);
}

void Database::migrate_once() {
  {
    {
      Transaction tx(*this);
      sql_ << "CREATE TABLE IF NOT EXISTS wkb_schema_version (version INTEGER PRIMARY KEY,"
              " applied_at VARCHAR(32) NOT NULL)";
      int current = 0;
      soci::indicator ind = soci::i_ok;
      sql_ << "SELECT MAX(version) FROM wkb_schema_version", soci::into(current, ind);
      if (ind == soci::i_null) current = 0;
      if (current > kSchemaVersion) throw_newer(current);
      const std::string at = now_utc();
      for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        for (const char* statement : m.statements) sql_ << statement;
        sql_ << "INSERT INTO wkb_schema_version (version, applied_at) VALUES (:v, :a)", soci::use(m.version),
            soci::use(at);
        current = m.version;
      }
      tx.commit();
      version_ = current;
    }
  }
}

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
  const bool sqlite = db_.backend() == Backend::sqlite;
  if (mode == write)
    db_.sql() << (sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  else
    db_.sql() << (sqlite ? "BEGIN" : "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.sql() << "ROLLBACK";
  } catch (...) {
    // The connection is gone; the server (or SQLite on next open) rolls back.
  }
}

void Transaction::commit() {
  db_.sql() << "COMMIT";
  open_ = false;
}

}  // namespace wkb::store::detail
