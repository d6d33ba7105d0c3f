#pragma once
// Starting and ending one plugin host process. Where the system allows it
// (root, or unprivileged user namespaces) the process gets a PID namespace of
// its own: a tiny init (PID 1, no plugin code) starts the plugin host as PID
// 2, reaps it, and reports its wait status through a pipe. Killing the init
// kills everything in the namespace, so nothing a plugin started outlives it.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace wkb::host::isolation {

struct SpawnRequest {
  std::string executable;
  std::vector<std::string> arguments;  // argv[1..]
  int pinned_fd = -1;                  // becomes kPinnedEntryFd in the child
  bool try_pid_namespace = true;
};

class PluginProcess {
 public:
  // Throws PluginFailure(load) naming `plugin_id` when no process can start.
  PluginProcess(const std::string& plugin_id, const SpawnRequest& request);
  ~PluginProcess();  // kills and reaps whatever is left
  PluginProcess(const PluginProcess&) = delete;
  PluginProcess& operator=(const PluginProcess&) = delete;

  int channel() const { return channel_; }
  int stdout_fd() const { return out_; }
  int stderr_fd() const { return err_; }
  bool in_pid_namespace() const { return pid_namespace_; }
  const std::string& namespace_problem() const { return namespace_problem_; }

  // Closes the channel (the plugin host then ends by itself).
  void close_channel();
  // The plugin host's wait status once it ended, waiting at most `timeout`.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  // SIGKILL to the whole tree, then reaps. Idempotent.
  void kill();

 private:
  pid_t pid_ = -1;  // the plugin host, or the namespace's init
  bool pid_namespace_ = false;
  std::string namespace_problem_;
  int channel_ = -1, out_ = -1, err_ = -1, status_fd_ = -1;
  std::optional<int> status_;  // the plugin host's wait status, once known
  bool reaped_ = false;
};

// How a process ended, in Dutch, with `when` ("tijdens plan"):
// "segmentatiefout (SIGSEGV) tijdens plan", "stopte tijdens plan met code 0".
std::string describe_wait_status(int status, const std::string& when);

}  // namespace wkb::host::isolation
