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

// The schema version this program writes and understands.
inline constexpr int kSchemaVersion = 1;

class Database {
 public:
  // Connects, applies SQLite settings and pending migrations. Throws
  // InputError naming the store when it cannot be opened, is not a store,
  // or has a newer schema than this program knows.
  explicit Database(const std::string& db);

  soci::session& sql() { return sql_; }
  Backend backend() const { return target_.backend; }
  const std::string& display() const { return target_.display; }
  int schema_version() const { return version_; }

 private:
  void set_wal_mode();
  void migrate();
  void migrate_once();
  [[noreturn]] void throw_migration_failure(const soci::soci_error& e);
  [[noreturn]] void throw_newer(int version);
  Target target_;
  soci::session sql_;
  int version_ = 0;
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
