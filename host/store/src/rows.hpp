#pragma once
// One row codec per table: the column list that creates the table, inserts
// and selects its rows, and hashes a row for the audit trail. A column is
// named once, here; nothing else in the store spells out a table's columns.
//
// A row's hash is SHA-256 over the canonical JSON object {column: value}
// (integers as numbers, text as strings): the hash that binds a data row to
// its audit entry, and the project row to the store chain.
#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "wkb/store/audit.hpp"

namespace wkb::store::detail {

using Value = std::variant<long long, std::string>;

struct Column {
  std::string_view name;
  std::string_view sql_type;  // portable: VARCHAR(n), TEXT, INTEGER; always NOT NULL
  bool integer = false;
};

struct TableCodec {
  std::string_view name;
  std::vector<Column> columns;
  std::string_view primary_key;  // "project_id, seq"
  std::string_view order_by;     // the order rows are read in: "seq"

  std::string create_sql() const;
  std::size_t index(std::string_view column) const;  // logic_error for an unknown column
};

// The tables (docs/store.md#layout).
extern const TableCodec kProjects, kPlanVersions, kOverrides, kFindings, kDecisions, kNotifications, kClosures,
    kPluginCalls, kAuditLog, kStoreChain, kHeadSignatures, kLifecycleEvents, kFindingImports, kStaffVersions,
    kStaffAssignments;
// The key of the staff register's audit log and store chain entries (audit.hpp).
inline constexpr std::string_view kStaffKey = kStaffAuditKey;
// Every table, in creation order.
const std::vector<const TableCodec*>& all_tables();

class Row {
 public:
  explicit Row(const TableCodec& table);
  Row& set(std::string_view column, Value value);
  // A text column's value; StoreDamaged when the stored value is not text.
  const std::string& text(std::string_view column) const;
  // An integer column's value; StoreDamaged when it is not an integer.
  long long integer(std::string_view column) const;
  int int32(std::string_view column) const;
  const TableCodec& table() const { return *table_; }
  const std::vector<Value>& values() const { return values_; }
  // The row's key for messages: "3", "" (one row per project), "2026-X-1" for projects.
  std::string key() const;
  std::string sha256() const;

 private:
  friend class RowReader;
  const TableCodec* table_;
  std::vector<Value> values_;
  std::vector<bool> set_;
};

// An audit_log row as an AuditEntry and back: where the table's columns meet
// the struct's members, for the writer, the pre-write check, verify and the
// readers alike.
AuditEntry audit_entry_of(const Row& row);
Row audit_row(const AuditEntry& e);

// Inserts rows of one table with as few statements as possible (multi-row
// VALUES, split below the SQLite limit of bound parameters): one round trip
// per table per command in the usual case. Every column must be set.
void insert_rows(soci::session& sql, const std::vector<Row>& rows);
// UPDATE ... SET every column but the key.
void update_row(soci::session& sql, const Row& row, std::string_view key_column);

// SELECT every column FROM table [WHERE project_id = :p] ORDER BY the
// table's order. A NULL or a value of the wrong type (possible in SQLite, or
// after tampering) is read as a value that can never hash like a written one.
std::vector<Row> select_rows(soci::session& sql, const TableCodec& table, const std::optional<std::string>& project,
                             std::string_view extra_where = "");

}  // namespace wkb::store::detail
