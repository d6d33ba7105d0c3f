#pragma once
// The connection to a store: parsing --db, opening the SOCI session, SQLite
// settings, schema migrations and transactions. Internal to wkb_store; SOCI
// stays out of the public headers (it pulls in heavy Boost headers).
#include <soci/soci.h>

#include <memory>
#include <string>

namespace wkb::store::detail {

enum class Backend { sqlite, postgresql };

struct Target {
  Backend backend = Backend::sqlite;
  std::string connect;  // SOCI backend connection string (a file for SQLite)
  std::string display;  // for messages: secrets masked
};

// "sqlite:PATH", "sqlite3:PATH", a plain PATH (SQLite), "postgresql://...",
// "postgres://..." or "postgresql:KEY=VALUE ..." (libpq). Throws UsageError.
Target parse_target(const std::string& db);

// The schema version this program writes and understands. 2: the store-wide
// chain (store_chain) and signed heads (head_signatures).
inline constexpr int kSchemaVersion = 5;

// How long a writer waits for another process's lock: `lock_timeout_ms`
// when >= 0, else $WKB_LOCK_TIMEOUT (seconds), else 10 s. Throws UsageError
// for a malformed WKB_LOCK_TIMEOUT.
int lock_timeout_ms(int requested);

// True when `e` says the store was busy: SQLite's lock or PostgreSQL's
// lock_timeout / statement_timeout.
bool is_busy(const soci::soci_error& e);
// Why the database refused, in Dutch where the cause is known (not a store,
// read-only, unreachable server, ...); the database's own words follow, with
// any password masked, for whoever must look further.
std::string explain(const std::string& database_message);

class Database {
 public:
  // Connects, applies SQLite settings and pending migrations. Throws
  // InputError naming the store when it cannot be opened, is not a store,
  // or has a newer schema than this program knows.
  explicit Database(const std::string& db, int lock_timeout_ms = -1);

  soci::session& sql() { return sql_; }
  Backend backend() const { return target_.backend; }
  const std::string& display() const { return target_.display; }
  int schema_version() const { return version_; }
  int lock_timeout() const { return lock_timeout_ms_; }
  // StoreBusy (exit 5) with the store's name and the time waited.
  [[noreturn]] void throw_busy() const;

 private:
  void set_wal_mode();
  void migrate();
  void migrate_once();
  [[noreturn]] void throw_migration_failure(const soci::soci_error& e);
  [[noreturn]] void throw_newer(int version);
  Target target_;
  soci::session sql_;
  int version_ = 0;
  int lock_timeout_ms_ = 10000;
};

// One command, one transaction. SQLite takes the write lock at once (BEGIN
// IMMEDIATE), so that two writers wait for each other (busy timeout) instead
// of failing halfway on a lock upgrade. Rolls back unless committed.
class Transaction {
 public:
  enum Mode { write, read };
  // `read`: one consistent snapshot for a command that reads several tables
  // while another process may write (rolled back at the end).
  explicit Transaction(Database& db, Mode mode = write);
  ~Transaction();
  void commit();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace wkb::store::detail
