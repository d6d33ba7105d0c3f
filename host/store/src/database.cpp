#include "database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <thread>
#include <regex>

#include "wkb/host/errors.hpp"
#include "wkb/store/clock.hpp"
#include "rows.hpp"
#include "store_chain.hpp"
#include "wkb/store/connection.hpp"
#include "wkb/store/text.hpp"

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
// NULLs (absent values are empty strings). The tables' columns come from their
// codecs (rows.hpp); a later change to a column list adds a migration here.
struct Migration {
  int version;
  void (*apply)(soci::session& sql, bool postgresql, const std::string& display);
};

void create_v1(soci::session& sql, bool, const std::string&) {
  for (const TableCodec* t : {&kProjects, &kPlanVersions, &kOverrides, &kFindings, &kDecisions, &kNotifications,
                              &kClosures, &kPluginCalls, &kAuditLog})
    sql << t->create_sql();
}

// The store-wide chain starts here: each existing project gets one entry for
// its current row. What happened before cannot be proven by this chain; the
// per-project logs still prove it (docs/store.md#upgrading).
void create_v2(soci::session& sql, bool postgresql, const std::string& display) {
  sql << kStoreChain.create_sql();
  sql << kHeadSignatures.create_sql();
  const std::string at = now_utc();
  for (const Row& p : select_rows(sql, kProjects, std::nullopt)) append_chain(sql, postgresql, p, at, display);
  // The staff register (version 5) has a log of its own; a store rebuilt
  // from version 1 with one chains it too.
  append_staff_chain(sql, postgresql, at, display);
}

// Version 3: each write looks up its project's last chain entry; without an
// index that is a scan of the whole chain, and a year of commands becomes
// quadratic (found by the year benchmark on PostgreSQL).
void create_v3(soci::session& sql, bool, const std::string&) {
  sql << "CREATE INDEX store_chain_by_project ON store_chain (project_id, seq)";
}

// Version 4: the lifecycle tables (rows.cpp) and a wider state column. No
// stored row changes, so every hash of a version 3 store still verifies, and
// the whole upgrade is one transaction (migrate_once).
void create_v4(soci::session& sql, bool postgresql, const std::string&) {
  // IF NOT EXISTS: a store whose version rows were removed by hand to re-run
  // the upgrade of version 2 (the store chain) keeps its lifecycle rows.
  for (const TableCodec* t : {&kLifecycleEvents, &kFindingImports})
    sql << "CREATE TABLE IF NOT EXISTS" + t->create_sql().substr(std::string("CREATE TABLE").size());
  // "closed-without-declaration" is longer than the 20 characters version 1
  // gave the state; SQLite does not enforce the length, PostgreSQL does. The
  // values (and so every hash) stay as they are.
  if (postgresql) sql << "ALTER TABLE projects ALTER COLUMN state TYPE VARCHAR(40)";
}

// Version 5: the staff register and the persons of a borgingsplan (rows.cpp).
// New tables only: every stored row and hash stays as it was.
void create_v5(soci::session& sql, bool, const std::string&) {
  for (const TableCodec* t : {&kStaffVersions, &kStaffAssignments})
    sql << "CREATE TABLE IF NOT EXISTS" + t->create_sql().substr(std::string("CREATE TABLE").size());
}

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, create_v1}, {2, create_v2}, {3, create_v3}, {4, create_v4}, {5, create_v5}};
  return list;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

std::string explain(const std::string& why) {
  std::string out;
  if (contains(why, "not a database") || contains(why, "malformed"))
    out = "het bestand is geen wkb-opslag (het is beschadigd of van een ander programma); controleer --db";
  else if (contains(why, "readonly") || contains(why, "read-only"))
    out = "de opslag is alleen-lezen; wkb moet kunnen schrijven in het opslagbestand en in de map ervan. "
          "Controleer de rechten";
  else if (contains(why, "unable to open") || contains(why, "cannot open"))
    out = "het bestand kan niet worden geopend; controleer het pad en de rechten";
  else if (contains(why, "password authentication failed") || contains(why, "authentication"))
    out = "de PostgreSQL-server weigert de aanmelding; controleer gebruiker en wachtwoord";
  else if (contains(why, "does not exist"))
    out = "de database of gebruiker bestaat niet op de PostgreSQL-server; controleer de verbinding";
  else if (contains(why, "Connection refused") || contains(why, "could not connect") ||
           contains(why, "could not translate host name"))
    out = "de PostgreSQL-server is niet bereikbaar; controleer host en poort en of de server draait";
  else
    out = "de database geeft een fout";
  std::string raw = mask(why);
  while (!raw.empty() && (raw.back() == '\n' || raw.back() == ' ')) raw.pop_back();
  if (raw.size() > 300) raw = raw.substr(0, 300) + "…";
  return out + " (melding van de database: " + raw + ")";
}

Target parse_target(const std::string& db) {
  Target t;
  if (db.empty()) throw UsageError("--db is leeg; geef sqlite:PAD of postgresql://GEBRUIKER@HOST/DATABASE");
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
    throw UsageError("--db " + quote(mask(db)) + ": onbekend soort opslag; geef sqlite:PAD of "
                     "postgresql://GEBRUIKER@HOST/DATABASE");
  } else {
    t.connect = db;
  }
  if (t.connect.empty()) throw UsageError("--db " + quote(mask(db)) + ": er ontbreekt een pad of verbinding na het soort opslag; "
                                  "geef bijvoorbeeld sqlite:projecten.db");
  if (t.backend == Backend::sqlite && t.connect.find('=') != std::string::npos)
    throw UsageError("--db " + quote(db) + ": een SQLite-pad bevat geen '='; kies een andere bestandsnaam, of "
                     "geef een PostgreSQL-verbinding als postgresql://...");
  t.display = t.backend == Backend::sqlite ? "sqlite:" + t.connect : mask(db);
  return t;
}

int lock_timeout_ms(int requested) {
  if (requested >= 0) return requested;
  const char* env = std::getenv("WKB_LOCK_TIMEOUT");
  if (!env || !*env) return 10000;
  try {
    std::size_t used = 0;
    const double seconds = std::stod(env, &used);
    if (used == std::strlen(env) && seconds >= 0 && seconds <= 3600) return static_cast<int>(seconds * 1000);
  } catch (const std::exception&) {
  }
  throw UsageError("WKB_LOCK_TIMEOUT=" + quote(env) +
                   " is geen wachttijd; geef een aantal seconden van 0 tot 3600 (bijvoorbeeld 10)");
}

bool is_busy(const soci::soci_error& e) {
  const std::string why = e.get_error_message();
  return contains(why, "database is locked") || contains(why, "database table is locked") ||
         contains(why, "SQLITE_BUSY") || contains(why, "lock timeout") || contains(why, "statement timeout");
}

void Database::throw_busy() const {
  const int s = lock_timeout_ms_ / 1000, ms = lock_timeout_ms_ % 1000;
  throw wkb::host::StoreBusy("opslag " + target_.display +
                             ": een ander wkb-proces schrijft in deze opslag; probeer het opnieuw (gewacht: " +
                             std::to_string(s) + (ms ? "," + std::to_string(ms / 100) : "") +
                             " s; WKB_LOCK_TIMEOUT stelt de wachttijd in seconden in). Er is niets geschreven.");
}

Database::Database(const std::string& db, int lock_timeout)
    : target_(parse_target(db)), lock_timeout_ms_(lock_timeout_ms(lock_timeout)) {
  try {
    if (target_.backend == Backend::sqlite) {
      const std::filesystem::path file(target_.connect);
      const auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
      std::error_code ec;
      if (!std::filesystem::is_directory(dir, ec))
        throw InputError("opslag " + target_.display + ": de map " + quote(dir.string()) +
                         " bestaat niet; maak haar aan of kies een andere --db");
      if (std::filesystem::is_directory(file, ec))
        throw InputError("opslag " + target_.display + " is een map; geef de naam van een bestand");
      sql_.open(soci::sqlite3, target_.connect);
      // A second process waits for the lock instead of failing at once; WAL
      // lets readers run beside the writer, and with synchronous=NORMAL a
      // killed process never loses a committed transaction.
      sql_ << "PRAGMA busy_timeout = " + std::to_string(lock_timeout_ms_);
      set_wal_mode();
      sql_ << "PRAGMA synchronous = NORMAL";
    } else {
      sql_.open(soci::postgresql, target_.connect);
      sql_ << "SET client_min_messages = WARNING";
      // A writer waits at most the lock timeout for another's row or chain
      // lock instead of for ever; a statement that runs away is stopped.
      sql_ << "SET lock_timeout = " + std::to_string(lock_timeout_ms_);
      sql_ << "SET statement_timeout = " + std::to_string(lock_timeout_ms_ + 60000);
    }
  } catch (const soci::soci_error& e) {
    if (is_busy(e)) throw_busy();
    throw InputError("opslag " + target_.display + " kan niet worden geopend: " + explain(e.get_error_message()));
  }
  migrate();
}

void Database::set_wal_mode() {
  // Switching a new file to WAL needs a moment of exclusive access, and SQLite
  // answers "database is locked" at once rather than through the busy
  // handler when another process is setting up the same file. Retry for as
  // long as the busy timeout would have waited.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(lock_timeout_ms_);
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
      if (!race || attempt >= 3) {
        if (is_busy(e)) throw_busy();
        throw_migration_failure(e);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100 + 200 * attempt));
    }
  }
}

void Database::throw_newer(int version) {
  throw InputError("opslag " + target_.display + " heeft schemaversie " + std::to_string(version) +
                   ", nieuwer dan deze wkb kent (" + std::to_string(kSchemaVersion) +
                   "); gebruik een nieuwere wkb. Er is niets gewijzigd.");
}

void Database::throw_migration_failure(const soci::soci_error& e) {
  throw InputError("opslag " + target_.display + ": het schema kan niet worden ingericht: " +
                   explain(e.get_error_message()));
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
        m.apply(sql_, target_.backend == Backend::postgresql, target_.display);
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
