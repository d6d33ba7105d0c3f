#include "store_chain.hpp"

#include <boost/json.hpp>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::store::detail {

std::string chain_hash(const Row& entry) {
  Row copy = entry;
  copy.set("hash", std::string());
  return copy.sha256();
}

std::optional<Row> last_chain_entry(soci::session& sql) {
  long long last = 0;
  soci::indicator ind = soci::i_ok;
  sql << "SELECT MAX(seq) FROM store_chain", soci::into(last, ind);
  if (ind == soci::i_null) return std::nullopt;
  auto rows = select_rows(sql, kStoreChain, std::nullopt, "seq = " + std::to_string(last));
  if (rows.empty()) return std::nullopt;
  return rows.back();
}

std::optional<Row> last_chain_entry(soci::session& sql, const std::string& project) {
  long long last = 0;
  soci::indicator ind = soci::i_ok;
  sql << "SELECT MAX(seq) FROM store_chain WHERE project_id = :p", soci::into(last, ind), soci::use(project);
  if (ind == soci::i_null) return std::nullopt;
  auto rows = select_rows(sql, kStoreChain, project, "seq = " + std::to_string(last));
  if (rows.empty()) return std::nullopt;
  return rows.back();
}

void append_chain(soci::session& sql, bool postgresql, const Row& project_row, const std::string& at,
                  const std::string& store_display) {
  append_chain_entry(sql, postgresql, project_row.text("id"), project_row.integer("audit_count"),
                     project_row.text("audit_head"), project_row.sha256(), at, store_display);
}

void append_chain_entry(soci::session& sql, bool postgresql, const std::string& key, long long audit_count,
                        const std::string& audit_head, const std::string& state_sha256, const std::string& at,
                        const std::string& store_display) {
  if (postgresql) sql << "SELECT pg_advisory_xact_lock(20140014)";
  const auto last = last_chain_entry(sql);
  if (last && chain_hash(*last) != last->text("hash"))
    throw wkb::host::StoreDamaged("opslag " + store_display + " is beschadigd: de laatste registratie (" +
                                  std::to_string(last->integer("seq")) +
                                  ") in de keten van de opslag past niet bij haar hash; er is niets "
                                  "geschreven. Zoek de oorzaak met `wkb audit verify`");
  Row e(kStoreChain);
  e.set("seq", last ? last->integer("seq") + 1 : 1)
      .set("project_id", key)
      .set("audit_count", audit_count)
      .set("audit_head", audit_head)
      .set("project_sha256", state_sha256)
      .set("at", at)
      .set("prev_hash", last ? last->text("hash") : std::string(64, '0'))
      .set("hash", std::string());
  e.set("hash", chain_hash(e));
  insert_rows(sql, {e});
}

std::string staff_state_sha256(long long audit_count, const std::string& audit_head, long long rows) {
  return wkb::host::sha256_hex(serialize_canonical(boost::json::object{
      {"register", std::string(kStaffKey)}, {"audit_count", audit_count}, {"audit_head", audit_head}, {"rows", rows}}));
}

void append_staff_chain(soci::session& sql, bool postgresql, const std::string& at, const std::string& store_display) {
  const std::string key(kStaffKey);
  const auto log = select_rows(sql, kAuditLog, key);
  if (log.empty()) return;
  long long rows = 0;
  sql << "SELECT COUNT(*) FROM staff_versions", soci::into(rows);
  const long long count = log.back().integer("seq");
  const std::string head = log.back().text("hash");
  append_chain_entry(sql, postgresql, key, count, head, staff_state_sha256(count, head, rows), at, store_display);
}

}  // namespace wkb::store::detail
