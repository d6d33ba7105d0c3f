#include "spawn.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "channel.hpp"
#include "sandbox.hpp"
#include "wkb/host/errors.hpp"

extern char** environ;

namespace wkb::host::isolation {

namespace {

// fork() without glibc's atfork handlers and locks: between it and execve the
// child only makes async-signal-safe system calls, also when the host has
// threads (the Lua watchdog, a database driver).
pid_t raw_clone(unsigned long flags) {
  return static_cast<pid_t>(::syscall(SYS_clone, flags | SIGCHLD, nullptr, nullptr, nullptr, nullptr));
}

// The variables a plugin may need to load (library path, time zone,
// locale); nothing else of the host's environment (a database password in
// WKB_DB) reaches plugin code.
std::vector<std::string> plugin_environment() {
  std::vector<std::string> keep;
  for (char** e = environ; e && *e; ++e) {
    const std::string v = *e;
    for (const char* prefix : {"LD_LIBRARY_PATH=", "TZ=", "LANG=", "LC_ALL=", "LC_CTYPE="})
      if (v.rfind(prefix, 0) == 0) keep.push_back(v);
  }
  return keep;
}

// In the child, before execve: async-signal-safe calls only. `status` (the
// namespace init's report pipe) becomes kStatusFd, or is absent.
[[noreturn]] void exec_plugin_host(const char* exe, char* const* argv, char* const* envp, int channel, int out,
                                   int err, int pinned, int status) {
  // First move every source above the targets, so that no dup2 overwrites a
  // source that happens to have a target's number.
  const int c = ::fcntl(channel, F_DUPFD, 100), o = ::fcntl(out, F_DUPFD, 100), e = ::fcntl(err, F_DUPFD, 100);
  const int p = pinned >= 0 ? ::fcntl(pinned, F_DUPFD, 100) : -1;
  const int s = status >= 0 ? ::fcntl(status, F_DUPFD, 100) : -1;
  if (c < 0 || o < 0 || e < 0 || (pinned >= 0 && p < 0) || (status >= 0 && s < 0)) ::_exit(126);
  const int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull < 0 || ::dup2(devnull, 0) < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0 ||
      ::dup2(c, kChannelFd) < 0 || (p >= 0 && ::dup2(p, kPinnedEntryFd) < 0) || (s >= 0 && ::dup2(s, kStatusFd) < 0))
    ::_exit(126);
  // Descriptors 4 and 5 are the pinned library and the status pipe, or
  // nothing: whatever the host had there (the admission checker's result
  // pipe) must not reach the plugin.
  if (p < 0) ::close(kPinnedEntryFd);
  if (s < 0) ::close(kStatusFd);
  // The plugin host closes every other descriptor it inherited at start.
  ::execve(exe, argv, envp);
  ::_exit(127);
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

PluginProcess::PluginProcess(const std::string& plugin_id, const SpawnRequest& r) {
  auto fail = [&](const std::string& what) {
    return PluginFailure(plugin_id, "load", "plugin-host-start",
                         "het pluginproces kon niet worden gestart (" + what + "): " + std::strerror(errno));
  };
  if (::access(r.executable.c_str(), X_OK) != 0)
    throw PluginFailure(plugin_id, "load", "plugin-host-missing",
                        "het programma voor het pluginproces, " + r.executable +
                            ", ontbreekt of is niet uitvoerbaar: " + std::strerror(errno) +
                            "; bouw het (target wkb-plugin-host), zet WKB_PLUGIN_HOST of gebruik --in-process");
  int sv[2] = {-1, -1}, outp[2] = {-1, -1}, errp[2] = {-1, -1}, statusp[2] = {-1, -1};
  auto close_all = [&] {
    for (int* pair : {sv, outp, errp, statusp})
      for (int i = 0; i < 2; ++i) close_fd(pair[i]);
  };
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 || ::pipe2(outp, O_CLOEXEC) != 0 ||
      ::pipe2(errp, O_CLOEXEC) != 0 || ::pipe2(statusp, O_CLOEXEC) != 0) {
    const int saved = errno;
    close_all();
    errno = saved;
    throw fail("socketpair/pipe2");
  }
  // Everything execve needs is prepared here: the child must not allocate.
  // In a namespace the executable starts as its init ("--init", PID 1),
  // which mounts a /proc of the namespace's own and starts the plugin host.
  std::vector<std::string> args{r.executable}, init_args{r.executable, "--init"};
  args.insert(args.end(), r.arguments.begin(), r.arguments.end());
  init_args.insert(init_args.end(), r.arguments.begin(), r.arguments.end());
  std::vector<char*> argv, init_argv;
  for (auto& a : args) argv.push_back(a.data());
  for (auto& a : init_args) init_argv.push_back(a.data());
  argv.push_back(nullptr);
  init_argv.push_back(nullptr);
  std::vector<std::string> env = plugin_environment();
  std::vector<char*> envp;
  for (auto& v : env) envp.push_back(v.data());
  envp.push_back(nullptr);

  // The host's memory and environment are not for its plugins to read
  // (/proc/PID/mem, /proc/PID/environ): a process without capabilities
  // cannot open them of a non-dumpable one, even with the same uid.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  pid_t pid = -1;
  if (r.try_pid_namespace) {
    // As root a PID namespace needs nothing else; otherwise a user namespace
    // makes it possible where unprivileged user namespaces are enabled.
    // A mount namespace too, for that /proc: the plugin then sees no process
    // but its own and the init, so it cannot tell from the host's command
    // line (wkb-admission __child --test ...) that it is being tested.
    for (unsigned long flags : {CLONE_NEWPID | CLONE_NEWNS, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUSER}) {
      pid = raw_clone(flags);
      if (pid == 0)
        exec_plugin_host(r.executable.c_str(), init_argv.data(), envp.data(), sv[1], outp[1], errp[1], r.pinned_fd,
                         statusp[1]);
      if (pid > 0) {
        pid_namespace_ = true;
        break;
      }
      namespace_problem_ = std::string("clone(CLONE_NEWPID): ") + std::strerror(errno);
    }
  } else {
    namespace_problem_ = "PID-namespace uitgeschakeld (WKB_SANDBOX_WITHOUT)";
  }
  if (pid < 0) {
    pid = raw_clone(0);
    if (pid == 0)
      exec_plugin_host(r.executable.c_str(), argv.data(), envp.data(), sv[1], outp[1], errp[1], r.pinned_fd, -1);
  }
  const int saved = errno;
  // The child's ends are the child's now.
  for (int* end : {&sv[1], &outp[1], &errp[1], &statusp[1]}) close_fd(*end);
  if (pid < 0) {
    close_all();
    errno = saved;
    throw fail("clone");
  }
  pid_ = pid;
  channel_ = sv[0];
  out_ = outp[0];
  err_ = errp[0];
  if (pid_namespace_)
    status_fd_ = statusp[0];
  else
    ::close(statusp[0]);
  for (int fd : {channel_, out_, err_}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

PluginProcess::~PluginProcess() {
  close_channel();
  // A plugin host that got EOF ends at once; give it a moment, then kill.
  if (!wait_for_exit(std::chrono::milliseconds(200))) kill();
  close_fd(out_);
  close_fd(err_);
  close_fd(status_fd_);
}

void PluginProcess::close_channel() { close_fd(channel_); }

std::optional<int> PluginProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  if (status_) return status_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pid_namespace_) {
      // The init reports the plugin host's status, then ends.
      pollfd p{status_fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(0, left.count()))) > 0) {
        int status = 0;
        const ssize_t n = ::read(status_fd_, &status, sizeof status);
        if (n == static_cast<ssize_t>(sizeof status)) status_ = status;
        if (!reaped_) {
          // The init ends right after writing; its namespace goes with it.
          int ignored = 0;
          ::waitpid(pid_, &ignored, 0);
          reaped_ = true;
        }
        if (!status_) status_ = SIGKILL;  // the init died without a report: as if killed
        return status_;
      }
    } else {
      int status = 0;
      const pid_t w = ::waitpid(pid_, &status, WNOHANG);
      if (w == pid_) {
        reaped_ = true;
        status_ = status;
        return status_;
      }
      if (w < 0) return std::nullopt;
      ::usleep(1000);
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
  }
}

void PluginProcess::kill() {
  if (reaped_ || pid_ < 0) return;
  // In a namespace, SIGKILL to its init ends every process in it.
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  if (!pid_namespace_ && !status_) status_ = status;
  if (pid_namespace_ && !status_) {
    int inner = 0;
    if (::read(status_fd_, &inner, sizeof inner) == static_cast<ssize_t>(sizeof inner)) status_ = inner;
  }
}

std::string describe_wait_status(int status, const std::string& when) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    std::string name;
    switch (sig) {
      case SIGSEGV: name = "segmentatiefout (SIGSEGV)"; break;
      case SIGABRT: name = "afgebroken (SIGABRT)"; break;
      case SIGBUS: name = "busfout (SIGBUS)"; break;
      case SIGFPE: name = "rekenfout (SIGFPE)"; break;
      case SIGILL: name = "ongeldige instructie (SIGILL)"; break;
      case SIGKILL: name = "gestopt (SIGKILL)"; break;
      case SIGSYS: name = "geweigerde systeemaanroep (SIGSYS)"; break;
      case SIGXCPU: name = "CPU-tijdlimiet overschreden (SIGXCPU)"; break;
      case SIGXFSZ: name = "schrijven naar een bestand geweigerd (SIGXFSZ)"; break;
      default: name = std::string("signaal ") + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
    }
    return name + " " + when;
  }
  if (WIFEXITED(status)) return "stopte " + when + " met code " + std::to_string(WEXITSTATUS(status));
  return "eindigde onverwacht " + when;
}

bool sandbox_layer_disabled(const char* layer) {
  const char* env = std::getenv("WKB_SANDBOX_WITHOUT");
  if (!env) return false;
  const std::string list = std::string(",") + env + ",";
  return list.find(std::string(",") + layer + ",") != std::string::npos;
}

}  // namespace wkb::host::isolation
