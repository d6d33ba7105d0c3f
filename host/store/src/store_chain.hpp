#pragma once
// The store-wide chain (table store_chain): every command appends one entry
// naming the project it changed, that project's audit head after the command
// and the hash of its project row, linked to the entry before it. It is what
// makes a deleted project, a forged project and a changed project column
// visible, and its last hash is the store's head: the value to keep elsewhere
// or sign (`wkb audit sign`), so that a rewrite of the chain shows as well.
#include <soci/soci.h>

#include <optional>
#include <string>

#include "rows.hpp"

namespace wkb::store::detail {

// The hash an entry must carry: the row's hash with its own hash column empty.
std::string chain_hash(const Row& entry);

// The last entry of the whole chain (nullopt when empty).
std::optional<Row> last_chain_entry(soci::session& sql);
// The last entry naming `project` (nullopt when none).
std::optional<Row> last_chain_entry(soci::session& sql, const std::string& project);

// Appends the entry for `project_row` (after its command), inside the
// caller's transaction. PostgreSQL: serialised with a transaction-scoped
// advisory lock, taken only here, just before commit, so that commands on
// different projects do not wait for each other's plugin calls. Throws
// StoreDamaged when the chain's last entry does not carry its own hash.
void append_chain(soci::session& sql, bool postgresql, const Row& project_row, const std::string& at,
                  const std::string& store_display);

// The same for a key that is not a project (the staff register, kStaffKey):
// its log's count and head and the hash of what stands for its project row.
void append_chain_entry(soci::session& sql, bool postgresql, const std::string& key, long long audit_count,
                        const std::string& audit_head, const std::string& state_sha256, const std::string& at,
                        const std::string& store_display);

// What stands for the staff register's project row in its chain entries:
// the hash of its log's count and head and its number of rows.
std::string staff_state_sha256(long long audit_count, const std::string& audit_head, long long rows);
// Appends the register's entry after its log's last entry (the upgrade that
// starts the chain: nothing when the register has no log).
void append_staff_chain(soci::session& sql, bool postgresql, const std::string& at, const std::string& store_display);

}  // namespace wkb::store::detail
