#pragma once
// The audit trail: per project an append-only, hash-chained log. Entry n's
// hash is SHA-256 over (project, n, time, actor, kind, payload, hash of n-1);
// the project row keeps the count and head, so a removed last entry shows too.
// Data rows (findings, plan versions, ...) are bound to their entry by a hash
// of the row, so a hand-edited row is caught as well.
#include <string>
#include <string_view>
#include <vector>

namespace wkb::store {

struct AuditEntry {
  std::string project;
  int seq = 0;  // 1, 2, ... per project
  std::string at;
  std::string actor;
  std::string kind;     // "state", "plan-version", "override", "finding", "decision", "notification", "closure", "plugin-call"
  std::string payload;  // canonical JSON
  std::string prev_hash;
  std::string hash;
};

// The hash an entry must carry.
std::string audit_hash(const AuditEntry& e);
// The hash before the first entry of a project.
inline constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// The key under which the staff register's entries stand in the audit log
// and the store chain, and its problems in a VerifyReport: never a project id
// (those match ^[A-Za-z0-9._-]{1,64}$).
inline constexpr std::string_view kStaffAuditKey = "#staff";

struct AuditProblem {
  std::string project;
  int seq = 0;  // the first bad entry (0: the project row or a data row)
  std::string message;  // English, complete
  // entry-removed, entry-altered, entry-out-of-order, log-truncated,
  // state-mismatch, state-discontinuous, plan-version-mismatch, row-altered,
  // row-unrecorded, row-deleted, row-orphan, project-row-altered,
  // project-unrecorded, project-deleted, chain-altered, chain-broken,
  // head-missing, signature-invalid, signature-head-missing, signature-missing
  std::string code;
  std::string table;  // for row-*: the table and the row's key
  std::string key;
};

// A store's head: the last entry of the store-wide chain (store_chain), over
// all projects. Kept elsewhere or signed, it shows a rewrite of the store.
struct StoreHead {
  long long seq = 0;  // entries in the store chain
  std::string hash;   // the last entry's hash (empty for an empty store)
};

struct ProjectHead {
  std::string project;
  int entries = 0;
  std::string hash;
};

struct Heads {
  StoreHead store;
  std::vector<ProjectHead> projects;  // by id
};

// What `wkb audit sign` produces: the canonical payload that was signed and
// the signature, both kept in the store (head_signatures) and printed.
struct SignedHeads {
  long long seq = 0;
  std::string payload;     // canonical JSON: {"schema":"wkb.heads/1","store":{..},"projects":[..],"signed_at":..}
  std::string public_key;  // hex
  std::string signature;   // hex
  std::string signed_at;
  std::string document() const;  // the JSON a user keeps: payload and signature
};

struct VerifyReport {
  int projects = 0;
  long entries = 0;
  Heads heads;  // as found (also when problems were found)
  std::vector<AuditProblem> problems;  // per project, the first problem found
  bool ok() const { return problems.empty(); }
};

struct ReplayCall {
  int seq = 0;  // plugin call number within the project
  std::string method;
  std::string plugin;
  std::string recorded_version;
  std::string installed_version;
  bool plugin_changed = false;    // the plugin's files hash differs
  bool response_differs = false;  // the canonical response differs
  std::string error;              // the call failed now
};

struct ReplayReport {
  std::string project;
  std::vector<ReplayCall> calls;
  bool ok() const {
    for (const auto& c : calls)
      if (c.plugin_changed || c.response_differs || !c.error.empty()) return false;
    return true;
  }
};

}  // namespace wkb::store
