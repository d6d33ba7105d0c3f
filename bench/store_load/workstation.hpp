#pragma once
// One assurer's workstation: a loop of real `wkb` commands, each its own
// process, on the workstation's own projects (created, notified, given
// findings, evaluated, closed, their dossier made and verified) and on
// projects the whole team shares (findings, evaluations, a replan).
//
// Every command becomes one line in the workstation's record file (see
// Record), which the driver reads afterwards for the figures and for the
// check that every reported write is in the store.
#include <cstdint>
#include <string>
#include <vector>

#include "project_files.hpp"

namespace wkb::load {

struct SharedProject {
  ProjectShape shape;
  std::vector<Part> parts;
};

struct WorkstationConfig {
  int index = 0;
  std::string wkb;         // the wkb binary
  std::string dir;         // this workstation's folder for project and findings files
  std::string record_path;
  std::uint64_t seed = 1;
  double seconds = 60;     // start no command after this many seconds...
  long commands = 0;       // ...or after this many commands, when > 0
  double timeout_s = 120;  // a command still running after this is killed (and counted)
  std::vector<SharedProject> shared;
};

// The outcome of one command after the workstation's retry policy.
enum class Outcome { ok, error, busy, timeout };
const char* to_string(Outcome o);

// One line of a record file, tab-separated in this order.
struct Record {
  std::string command;   // "finding add", "finding add [shared]", ...
  std::string project;   // "" for store-wide commands
  Outcome outcome = Outcome::ok;
  int exit_code = 0;     // of the last attempt
  int attempts = 1;
  int busy_attempts = 0;  // attempts that ended "store busy" and were retried
  double wall_ms = 0;    // the last attempt
  double total_ms = 0;   // all attempts and the pauses between them
  double cpu_ms = 0;     // all attempts
  int writes = 0;        // findings stored (finding commands), else 1 for a write, 0 for a read
  std::string message;   // first line of stderr when it failed

  std::string line() const;
  static Record parse(const std::string& line);
};

// Runs the workstation; returns 0, or 1 when it could not run at all.
int run_workstation(const WorkstationConfig& config);

// The policy for "store busy": a busy exit (5; or SQLite's "database is
// locked", exit 3, from wkb versions before exit code 5) is retried up to
// kMaxAttempts in all, after 0.5 s, 1 s, 2 s, each times a random 0.5..1.5.
constexpr int kMaxAttempts = 4;
bool is_busy(int exit_code, const std::string& err);

}  // namespace wkb::load
