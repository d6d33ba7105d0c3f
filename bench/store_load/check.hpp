#pragma once
// After a run: is every write the workstations reported as successful in the
// store, and nothing a failed command would have written? Read through `wkb`
// itself (project list, project show --json, audit verify), so the check
// sees what an assurer would see.
#include <map>
#include <string>
#include <vector>

#include "workstation.hpp"

namespace wkb::load {

// What the store must hold afterwards. A killed command (timeout) may or may
// not have committed, so each count is a range.
struct Range {
  long min = 0, max = 0;
  void add(long n, bool certain) { max += n, min += certain ? n : 0; }
};
struct Expected {
  Range exists, findings, decisions, plan_versions, closed;
};

// Builds the expectations from the records (shared projects start created, one plan version).
std::map<std::string, Expected> expectations(const std::vector<Record>& records,
                                             const std::vector<std::string>& shared_ids);

struct CheckReport {
  long projects = 0;
  long lost = 0;     // reported writes missing from the store
  long phantom = 0;  // writes in the store no successful command reported
  bool verify_ok = false;
  long entries = 0;  // audit entries in the store
  double verify_ms = 0;
  std::vector<std::string> problems;
};

CheckReport check_store(const std::string& wkb, const std::map<std::string, Expected>& expected, double timeout_s);

}  // namespace wkb::load
