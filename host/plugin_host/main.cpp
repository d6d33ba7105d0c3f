// wkb-plugin-host: loads exactly one plugin, native or Lua, inside a sandbox,
// and serves the five contract methods to the host over the channel on fd 3
// (host/src/isolation/channel.hpp). Started only by the host; not a command
// for people. The host validates everything that comes back: this process
// runs plugin code and is therefore never trusted.
//
// Order matters: close inherited descriptors, die with the parent, sandbox
// (no_new_privs, rlimits, seccomp), and only then read the start-up frame and
// load the plugin, so that library constructors and the Lua chunk already
// run inside the sandbox.
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "../src/isolation/channel.hpp"
#include "../src/isolation/sandbox.hpp"
#include "../src/isolation/start_message.hpp"
#include "../src/native_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"
#include "wkb/sdk/json.hpp"

namespace json = boost::json;
using namespace wkb;
using namespace wkb::host;
using namespace wkb::host::isolation;

namespace {

long long number_after(int argc, char** argv, const char* name, long long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::atoll(argv[i + 1]);
  return fallback;
}

void send_failure(const std::string& code, const std::string& message, const std::vector<Issue>& issues = {}) {
  json::array list;
  for (const auto& i : issues) list.push_back(json::object{{"path", i.path}, {"rule", i.rule}, {"message", i.message}});
  write_frame(kChannelFd, FrameType::failure,
              serialize_canonical(json::object{{"code", code}, {"message", message}, {"issues", std::move(list)}}));
}

// What the plugin logged (wkb_host.log) since the last note, bounded as the
// native loader bounds it; the host checks it again.
PluginLog g_plugin_log;

void keep_plugin_log(const std::string&, PluginLog log) {
  for (auto& line : log.lines) {
    if (g_plugin_log.lines.size() < kMaxPluginLogLines)
      g_plugin_log.lines.push_back(std::move(line));
    else
      ++g_plugin_log.dropped;
  }
  g_plugin_log.dropped += log.dropped;
}

// Refusals the plugin caused since the last check, and what it logged: both
// go to the host in one note (harmless refusals and log lines); a refusal
// that is not harmless means the call fails with its cause. While loading,
// the log waits for the first call's note (the host expects no note then).
bool report_refusals(bool with_log = true) {
  json::array harmless;
  std::string fatal;
  // The same refusal repeated is named once, with a count.
  std::vector<std::pair<Refusal, int>> seen;
  for (const auto& r : take_refusals()) {
    auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first.what == r.what; });
    if (it == seen.end())
      seen.push_back({r, 1});
    else
      ++it->second;
  }
  for (const auto& [r, n] : seen) {
    const std::string what = r.what + (n > 1 ? " (" + std::to_string(n) + " keer)" : "");
    if (r.harmless)
      harmless.push_back(json::string(what));
    else
      fatal += (fatal.empty() ? "" : ", ") + what;
  }
  const PluginLog logged = with_log ? std::exchange(g_plugin_log, {}) : PluginLog{};
  if (!harmless.empty() || !logged.empty()) {
    json::array lines;
    for (const auto& l : logged.lines) lines.push_back(json::object{{"level", l.level}, {"message", l.text}});
    write_frame(kChannelFd, FrameType::note,
                serialize_canonical(json::object{{"refused", std::move(harmless)},
                                                 {"log", std::move(lines)},
                                                 {"log_dropped", logged.dropped}}));
  }
  if (fatal.empty()) return true;
  send_failure("refused-syscall", "geweigerde systeemaanroep: " + fatal);
  return false;
}

std::unique_ptr<Instrument> load(const StartMessage& start) {
  LoadOptions o;
  o.lua_instruction_limit = start.lua_instruction_limit;
  o.lua_memory_limit = start.lua_memory_limit;
  o.lua_deadline_ms = start.lua_deadline_ms;
  if (start.manifest.kind == "lua")
    return load_lua(start.manifest, o,
                    start.pinned == StartMessage::Pinned::script ? std::make_shared<const std::string>(start.script)
                                                                 : nullptr);
  return load_native(start.manifest,
                     start.pinned == StartMessage::Pinned::memfd ? "/proc/self/fd/" + std::to_string(kPinnedEntryFd)
                                                                 : std::string(),
                     keep_plugin_log);
}

int serve(Instrument& instrument) {
  for (;;) {
    // The host usually asks again within a fraction of a millisecond.
    spin_until_readable(kChannelFd, kSpinBeforeSleep);
    auto frame = read_frame(kChannelFd);
    if (!frame) return 0;  // the host closed the channel: done
    if (frame->type != FrameType::call || frame->payload.empty()) return 3;
    const int index = static_cast<unsigned char>(frame->payload[0]);
    if (index > static_cast<int>(Method::evaluate)) return 3;
    const auto method = static_cast<Method>(index);
    try {
      std::string response = instrument.call(method, std::string_view(frame->payload).substr(1));
      if (!report_refusals()) continue;
      if (!write_frame(kChannelFd, FrameType::response, response)) return 0;
    } catch (const PluginFailure& e) {
      if (report_refusals()) send_failure(e.code(), e.detail(), e.issues());
    } catch (const std::bad_alloc&) {
      if (report_refusals()) send_failure("out-of-memory", "de plugin had meer geheugen nodig dan is toegestaan");
    } catch (const std::exception& e) {
      if (report_refusals()) send_failure("plugin-host-error", e.what());
    }
  }
}

void close_from(int first) {
  if (::syscall(SYS_close_range, first, ~0U, 0) != 0)
    for (int fd = first; fd < 4096; ++fd) ::close(fd);
}

// Whether this process sees a /proc of its PID namespace's own (set by the
// init before it starts the plugin host), and if not, why.
bool g_private_proc = false;
std::string g_proc_problem = "geen PID-namespace";

// PID 1 of the plugin's PID namespace ("--init"; no plugin code runs here):
// mounts a /proc that shows only this namespace, starts the plugin host as
// PID 2, reaps everything, reports the plugin host's wait status on
// kStatusFd and ends, which ends the namespace.
int run_init(int argc, char** argv, int (*serve_main)(int, char**)) {
  close_from(kStatusFd + 1);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // Private mounts first, so that the new /proc stays inside this namespace.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    g_proc_problem = std::string("mount --make-rprivate /: ") + std::strerror(errno);
  else if (::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    g_proc_problem = std::string("mount proc: ") + std::strerror(errno);
  else
    g_private_proc = true;
  const pid_t child = ::fork();
  if (child < 0) return 125;
  if (child == 0) {
    ::close(kStatusFd);
    return serve_main(argc, argv);
  }
  // The init keeps nothing but the status pipe: above all not the channel,
  // whose closing by the host tells the plugin host to end.
  for (int fd = 0; fd < kStatusFd; ++fd) ::close(fd);
  for (;;) {
    int status = 0;
    const pid_t w = ::waitpid(-1, &status, 0);
    if (w == child) {
      [[maybe_unused]] ssize_t n = ::write(kStatusFd, &status, sizeof status);
      ::_exit(0);
    }
    if (w < 0 && errno != EINTR) ::_exit(124);
  }
}

int serve_main(int argc, char** argv) {
  // Nothing but the channel, the pinned library and the standard streams
  // survives from the host; the plugin sees no database or log file.
  close_from(kPinnedEntryFd + 1);
  // Dies with the host (or the namespace's init); and when the host died
  // before this line, the channel is already closed and serve() ends.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  ::signal(SIGPIPE, SIG_IGN);

  SandboxLimits limits;
  limits.address_space_bytes = static_cast<std::size_t>(number_after(argc, argv, "--address-space", 2LL << 30));
  limits.cpu_seconds = static_cast<int>(number_after(argc, argv, "--cpu-seconds", 300));
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--without-seccomp") == 0) limits.seccomp = false;
    if (std::strcmp(argv[i], "--without-landlock") == 0) limits.landlock = false;
    if (std::strcmp(argv[i], "--read") == 0 && i + 1 < argc) limits.readable.emplace_back(argv[i + 1]);
    if (std::strcmp(argv[i], "--debug") == 0) log::set_level("debug");
  }
  const SandboxLayers layers = apply_sandbox(limits);
  // The layers are reported before any plugin code runs: a library
  // constructor could otherwise send a report of its own first.
  if (!write_frame(kChannelFd, FrameType::ready,
                   serialize_canonical(json::object{{"no_new_privs", layers.no_new_privs},
                                                    {"rlimits", layers.rlimits},
                                                    {"seccomp", layers.seccomp},
                                                    {"landlock", layers.landlock},
                                                    {"private_proc", g_private_proc},
                                                    {"proc_problem", g_private_proc ? "" : g_proc_problem},
                                                    {"problems", layers.problems}})))
    return 0;

  // From here on, everything runs sandboxed, including the plugin's loading.
  auto init_frame = read_frame(kChannelFd);
  if (!init_frame || init_frame->type != FrameType::init) return 3;
  std::unique_ptr<Instrument> instrument;
  try {
    const StartMessage start = read_start_message(init_frame->payload);
    if (start.probe) return 0;
    instrument = load(start);
  } catch (const PluginFailure& e) {
    if (report_refusals(false)) send_failure(e.code(), e.detail(), e.issues());
    return 0;
  } catch (const std::exception& e) {
    if (report_refusals(false)) send_failure("load-failed", e.what());
    return 0;
  }
  if (!report_refusals(false)) return 0;
  if (!write_frame(kChannelFd, FrameType::loaded, {})) return 0;
  if (!instrument) return 0;
  const int rc = serve(*instrument);
  // Plugin threads may still run; _exit skips static destructors that could
  // race with them (the library stays mapped: RTLD_NODELETE).
  instrument.reset();
  std::fflush(nullptr);
  ::_exit(rc);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--init") == 0) return run_init(argc, argv, serve_main);
  return serve_main(argc, argv);
}
