#pragma once
// Runs one `wkb` command as its own process, the way a workstation's shell
// would, and measures it: wall time from spawn to exit and the CPU time the
// process and its children (the plugin host) used.
#include <string>
#include <vector>

namespace wkb::load {

struct CommandResult {
  int exit_code = -1;     // -1 when it did not end normally (killed, signal)
  bool timed_out = false;  // killed after the deadline
  double wall_ms = 0;
  double cpu_ms = 0;      // user + system of the process and its children
  std::string out;
  std::string err;
};

// argv[0] is the program. The environment is the caller's. Output beyond
// `max_output` bytes per stream is read and dropped (a `project show` of a big
// project must not fill memory, but the child must never block on a full pipe).
CommandResult run_command(const std::vector<std::string>& argv, double timeout_s, std::size_t max_output = 1 << 20);

}  // namespace wkb::load
