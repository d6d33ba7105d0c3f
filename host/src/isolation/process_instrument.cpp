// The host's side of an isolated plugin. One plugin host process per loaded
// plugin; each call is one frame out and one frame back, with a wall-clock
// deadline, while the plugin's stdout and stderr are drained into the log.
// Whatever the process does (crash, exit, hang, flood, lie about frames),
// this side ends it and throws a PluginFailure that says what happened.
#include "process_instrument.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "../error_response.hpp"
#include "../native_instrument.hpp"
#include "../plugin_log.hpp"
#include "channel.hpp"
#include "spawn.hpp"
#include "start_message.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::host::isolation {
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

// What a plugin can make this side remember or log, whatever it sends.
constexpr std::size_t kMaxIncidents = 1000;
constexpr std::size_t kMaxNoteEntries = 10;
// Output of the plugin kept per stream for the log; the rest is counted.
constexpr std::size_t kKeptOutputBytes = 2048;
// A Lua plugin's own deadline (with its location in the script) should win
// over the process deadline; this is the margin.
constexpr int kLuaDeadlineMarginMs = 1500;

// "tijdens plan": where a fault happened, for messages people read.
std::string during(const std::string& method) {
  if (method == "load") return "tijdens het laden";
  if (method == "unload") return "bij het afsluiten";
  return "tijdens " + method;
}

struct Captured {
  const char* name;
  std::string kept;
  std::size_t total = 0;
};

class ProcessInstrument final : public Instrument {
 public:
  ProcessInstrument(const Manifest& m, const LoadOptions& o, std::shared_ptr<const std::string> pinned,
                    bool probe_only = false)
      : manifest_(m), options_(o) {
    SpawnRequest req;
    req.executable = plugin_host_executable(o);
    req.arguments = {"--address-space", std::to_string(o.plugin_memory_limit), "--cpu-seconds",
                     std::to_string(o.plugin_cpu_seconds)};
    // Lua's print() logs at debug level: the plugin host logs what the host
    // would, and its stderr reaches the host's log.
    if (log::enabled_debug()) req.arguments.push_back("--debug");
    req.try_pid_namespace = !sandbox_layer_disabled("pid-namespace");
    if (sandbox_layer_disabled("seccomp")) req.arguments.push_back("--without-seccomp");
    if (sandbox_layer_disabled("landlock")) req.arguments.push_back("--without-landlock");
    // The plugin's folder is all it may read of its own (Landlock).
    if (!probe_only) {
      req.arguments.push_back("--read");
      req.arguments.push_back(m.folder.string());
    }
    int memfd = -1;
    StartMessage start;
    start.probe = probe_only;
    start.manifest = m;
    start.lua_instruction_limit = o.lua_instruction_limit;
    start.lua_memory_limit = o.lua_memory_limit;
    start.lua_deadline_ms = o.lua_deadline_ms;
    if (pinned && m.kind == "native") {
      memfd = sealed_memfd(m.id, *pinned);
      req.pinned_fd = memfd;
      start.pinned = StartMessage::Pinned::memfd;
    } else if (pinned) {
      start.pinned = StartMessage::Pinned::script;
      start.script = *pinned;
    }
    try {
      process_ = std::make_unique<PluginProcess>(m.id, req);
    } catch (...) {
      if (memfd >= 0) ::close(memfd);
      throw;
    }
    if (memfd >= 0) ::close(memfd);  // the child has its own copy
    // Loading gets the same deadline as a call: library constructors and the
    // Lua chunk run here. First the sandbox report, sent before any plugin
    // code ran, then the plugin's own answer to loading.
    const auto deadline = call_deadline();
    const std::string init_text = write_start_message(start);
    const Frame ready = exchange(frame_header(FrameType::init, init_text.size()) + init_text, "load", deadline);
    if (ready.type != FrameType::ready) fail_protocol("load", "beantwoordde de start met een onverwacht frame");
    read_layers(ready.payload);
    // The PID namespace counts with its own /proc only: through the host's
    // /proc the plugin would still see every process and command line.
    layers_.pid_namespace = process_->in_pid_namespace() && private_proc_;
    if (!process_->in_pid_namespace())
      layers_.problems += (layers_.problems.empty() ? "" : "; ") + process_->namespace_problem();
    else if (!private_proc_)
      layers_.problems += std::string(layers_.problems.empty() ? "" : "; ") + "/proc van de namespace niet gekoppeld (" + proc_problem_ + ")";
    if (probe_only) return;
    const Frame loaded = exchange({}, "load", deadline);
    if (loaded.type != FrameType::loaded) fail_protocol("load", "meldde het laden met een onverwacht frame");
    if (!layers_.complete()) {
      std::string missing;
      for (const auto& l : layers_.missing()) missing += (missing.empty() ? "" : ", ") + l;
      if (o.require_full_sandbox)
        throw PluginFailure(m.id, "load", "sandbox-incomplete",
                            "de sandbox is onvolledig (ontbreekt: " + missing + "; " + layers_.problems + ")");
      log::warn("plugin " + m.id + ": sandbox without " + missing + " (" + layers_.problems + ")");
    }
  }

  ~ProcessInstrument() override {
    if (process_) {
      process_->close_channel();
      // Output a thread wrote after the last call still reaches the log.
      drain_output(Clock::now() + std::chrono::milliseconds(50));
      report_output("unload");
    }
  }

  const Manifest& manifest() const override { return manifest_; }
  const SandboxLayers& layers() const { return layers_; }

  std::string call(Method method, std::string_view request) override {
    const std::string m(to_string(method));
    if (!dead_cause_.empty())
      throw PluginFailure(manifest_.id, m, "plugin-host-gone",
                          "het pluginproces is eerder gestopt (" + dead_cause_ + "); laad de plugin opnieuw");
    // Between calls the plugin host has nothing to say: a frame sent ahead
    // would otherwise pass as the answer to this call.
    char next = 0;
    if (parser_.buffered() > 0 || ::recv(process_->channel(), &next, 1, MSG_PEEK | MSG_DONTWAIT) > 0)
      fail_protocol(m, "stuurde een frame zonder vraag");
    std::string out = frame_header(FrameType::call, request.size() + 1);
    out += static_cast<char>(static_cast<int>(method));
    out.append(request);
    // One deadline for the whole call, however many frames it takes.
    const auto deadline = call_deadline();
    int notes = 0;
    for (;;) {
      // The request goes out once; after a note the answer follows by itself.
      const Frame f = exchange(std::exchange(out, {}), m, deadline);
      if (f.type == FrameType::response) {
        if (f.payload.empty())
          throw PluginFailure(manifest_.id, m, "no-response", empty_success_message());
        return f.payload;
      }
      if (f.type == FrameType::note) {
        // The plugin host sends at most one note per call; more is a flood.
        if (notes++ > 0) fail_protocol(m, "stuurde meer dan een melding");
        read_note(f.payload, m);
        continue;
      }
      fail_protocol(m, "antwoordde met een onverwacht frame");
    }
  }

  std::vector<std::string> take_incidents() override { return std::exchange(incidents_, {}); }

 private:
  // A Lua call ends by its own deadline first (with the line it was on);
  // this one is the backstop, also when --lua-deadline is the longer one.
  int deadline_ms() const {
    return manifest_.kind == "lua"
               ? std::max(options_.plugin_deadline_ms, options_.lua_deadline_ms) + kLuaDeadlineMarginMs
               : options_.plugin_deadline_ms;
  }
  Clock::time_point call_deadline() const { return Clock::now() + std::chrono::milliseconds(deadline_ms()); }

  // Sends `out` (a whole frame, or nothing when only the next frame is
  // awaited) and waits for the next frame back. A failure frame is thrown as
  // the PluginFailure it describes; every other way the exchange can end
  // (crash, exit, deadline, a frame too large) kills the process and throws.
  Frame exchange(const std::string& out, const std::string& method, Clock::time_point deadline) {
    std::size_t written = 0;
    const int ch = process_->channel();
    bool spun = false;
    for (;;) {
      if (auto f = parser_.next()) {
        report_output(method);
        if (f->type == FrameType::failure) throw failure_from(f->payload, method);
        return std::move(*f);
      }
      if (parser_.too_large())
        die(method, "response-too-large",
            "het antwoord " + during(method) + " is groter (" + std::to_string(parser_.announced()) +
                " bytes) dan de grens van " + std::to_string(kMaxResponseBytes >> 20) + " MiB of is misvormd");
      const auto now = Clock::now();
      if (now >= deadline)
        die(method, "deadline",
            "deadline van " + std::to_string(deadline_ms()) + " ms verstreken " + during(method) +
                "; het pluginproces is gestopt");
      pollfd p[3] = {{ch, static_cast<short>(POLLIN | (written < out.size() ? POLLOUT : 0)), 0},
                     {out_fd(), POLLIN, 0},
                     {err_fd(), POLLIN, 0}};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
      // Once the request is out, a short spin before sleeping: most answers
      // come within it, and a thread that did not sleep needs no cross-CPU
      // wake-up, the largest cost of a call on small VMs (docs/performance.md).
      if (!spun && written == out.size()) {
        spin_until_readable(ch, kSpinBeforeSleep);
        spun = true;
      }
      const int n = ::poll(p, 3, static_cast<int>(std::min<long long>(left + 1, 1000)));
      if (n < 0 && errno != EINTR) die(method, "channel-error", "poll mislukte " + during(method));
      if (n <= 0) continue;
      if (p[0].revents & POLLOUT) {
        const ssize_t w = ::send(ch, out.data() + written, out.size() - written, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w > 0) written += static_cast<std::size_t>(w);
        else if (w < 0 && errno != EAGAIN && errno != EINTR) ended(method);
      }
      if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        const ssize_t r = ::read(ch, buf, sizeof buf);
        if (r > 0) parser_.feed(buf, static_cast<std::size_t>(r));
        else if (r == 0 || (errno != EAGAIN && errno != EINTR)) ended(method);
      }
      for (int i = 1; i < 3; ++i)
        if (p[i].revents) drain(i == 1 ? stdout_ : stderr_, i == 1 ? process_->stdout_fd() : process_->stderr_fd());
    }
  }

  int out_fd() const { return stdout_open_ ? process_->stdout_fd() : -1; }
  int err_fd() const { return stderr_open_ ? process_->stderr_fd() : -1; }

  void drain(Captured& c, int fd) {
    char buf[65536];
    for (;;) {
      const ssize_t r = ::read(fd, buf, sizeof buf);
      if (r > 0) {
        c.total += static_cast<std::size_t>(r);
        if (c.kept.size() < kKeptOutputBytes)
          c.kept.append(buf, std::min<std::size_t>(static_cast<std::size_t>(r), kKeptOutputBytes - c.kept.size()));
        continue;
      }
      if (r == 0) (&c == &stdout_ ? stdout_open_ : stderr_open_) = false;
      return;
    }
  }

  void drain_output(Clock::time_point until) {
    while (Clock::now() < until && (stdout_open_ || stderr_open_)) {
      pollfd p[2] = {{out_fd(), POLLIN, 0}, {err_fd(), POLLIN, 0}};
      if (::poll(p, 2, 10) <= 0) break;
      if (p[0].revents) drain(stdout_, process_->stdout_fd());
      if (p[1].revents) drain(stderr_, process_->stderr_fd());
    }
  }

  // What the plugin printed goes to the log with its id, never to our stdout.
  void report_output(const std::string& method) {
    for (Captured* c : {&stdout_, &stderr_}) {
      if (c->total == 0) continue;
      std::string shown = c->kept;
      for (char& ch : shown)
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n') ch = ' ';
      log::warn("plugin " + manifest_.id + " wrote " + std::to_string(c->total) + " bytes to " + c->name +
                " (" + method + "): " + shown + (c->total > c->kept.size() ? "..." : ""));
      if (incidents_.size() < kMaxIncidents)
        incidents_.push_back("schreef " + std::to_string(c->total) + " bytes naar " + c->name + " " + during(method));
      c->kept.clear();
      c->total = 0;
    }
  }

  // The channel closed: the process ended (or is about to). Says how.
  [[noreturn]] void ended(const std::string& method) {
    auto status = process_->wait_for_exit(std::chrono::milliseconds(1000));
    if (!status) die(method, "channel-closed", "het pluginproces sloot het kanaal " + during(method));
    drain_output(Clock::now() + std::chrono::milliseconds(20));
    report_output(method);
    dead_cause_ = describe_wait_status(*status, during(method));
    throw PluginFailure(manifest_.id, method, WIFSIGNALED(*status) ? "crashed" : "exited", dead_cause_);
  }

  [[noreturn]] void die(const std::string& method, const std::string& code, const std::string& cause) {
    process_->kill();
    drain_output(Clock::now() + std::chrono::milliseconds(20));
    report_output(method);
    dead_cause_ = cause;
    throw PluginFailure(manifest_.id, method, code, cause);
  }

  [[noreturn]] void fail_protocol(const std::string& method, const std::string& what) {
    die(method, "malformed-frame", "het pluginproces " + what + " " + during(method));
  }

  PluginFailure failure_from(const std::string& payload, const std::string& method) {
    json::value v;
    try {
      v = parse_json(payload, "failure frame");
    } catch (const std::exception&) {
      fail_protocol(method, "stuurde een onleesbare foutmelding");
    }
    const auto* o = v.if_object();
    auto str = [&](const json::object* obj, const char* key) {
      const auto* f = obj ? obj->if_contains(key) : nullptr;
      return f && f->is_string() ? std::string(f->get_string()) : std::string();
    };
    std::vector<Issue> issues;
    if (const auto* is = o ? o->if_contains("issues") : nullptr; is && is->is_array())
      for (const auto& i : is->get_array())
        issues.push_back({str(i.if_object(), "path"), str(i.if_object(), "rule"), str(i.if_object(), "message")});
    return untrusted_failure(manifest_.id, method, str(o, "code"), str(o, "message"), issues);
  }

  void read_layers(const std::string& payload) {
    try {
      const json::value v = parse_json(payload, "ready frame");
      const auto& o = v.as_object();
      layers_.no_new_privs = o.at("no_new_privs").as_bool();
      layers_.rlimits = o.at("rlimits").as_bool();
      layers_.seccomp = o.at("seccomp").as_bool();
      const auto* landlock = o.if_contains("landlock");
      layers_.landlock = landlock && landlock->is_bool() && landlock->get_bool();
      const auto* proc = o.if_contains("private_proc");
      private_proc_ = proc && proc->is_bool() && proc->get_bool();
      if (const auto* why = o.if_contains("proc_problem"); why && why->is_string())
        proc_problem_ = std::string(why->get_string()).substr(0, 500);
      layers_.problems = std::string(o.at("problems").as_string()).substr(0, 2000);
    } catch (const std::exception&) {
      fail_protocol("load", "meldde zijn sandbox onleesbaar");
    }
  }

  // A note: harmless refused system calls, and what the plugin logged
  // (wkb_host.log). Both go to the log only; neither touches the answer.
  // The plugin host may be compromised: every part is bounded again here.
  void read_note(const std::string& payload, const std::string& method) {
    try {
      const json::value v = parse_json(payload, "note frame");
      const auto& o = v.as_object();
      static const json::array kNone;
      const auto* refused_v = o.if_contains("refused");
      const auto& refused = refused_v ? refused_v->as_array() : kNone;
      // The plugin host names each kind of refusal once, with a count.
      for (std::size_t i = 0; i < refused.size() && i < kMaxNoteEntries; ++i) {
        std::string what = clean_untrusted(std::string(refused[i].as_string()), 200);
        log::warn("plugin " + manifest_.id + ": refused system call (" + method + "), harmless to the answer: " + what);
        if (incidents_.size() < kMaxIncidents)
          incidents_.push_back("geweigerde systeemaanroep " + during(method) + ": " + what);
      }
      PluginLog logged;
      const auto* lines_v = o.if_contains("log");
      const auto& lines = lines_v ? lines_v->as_array() : kNone;
      for (const auto& line : lines) {
        if (logged.lines.size() == kMaxPluginLogLines) {
          ++logged.dropped;
          continue;
        }
        const auto& lo = line.as_object();
        const std::int64_t level = lo.at("level").as_int64();
        logged.lines.push_back({static_cast<std::int32_t>(level >= 0 && level <= 3 ? level : 2),
                                clean_untrusted(std::string(lo.at("message").as_string()), kMaxPluginLogBytes)});
      }
      if (const auto* d = o.if_contains("log_dropped"))
        logged.dropped += static_cast<std::size_t>(std::clamp<std::int64_t>(d->to_number<std::int64_t>(), 0, 1'000'000));
      write_plugin_log(manifest_.id, method, logged);
    } catch (const std::exception&) {
      fail_protocol(method, "stuurde een onleesbare melding");
    }
  }

  Manifest manifest_;
  LoadOptions options_;
  std::unique_ptr<PluginProcess> process_;
  FrameParser parser_{kMaxResponseBytes + 1024};
  SandboxLayers layers_;
  bool private_proc_ = false;
  std::string proc_problem_;
  Captured stdout_{"stdout", {}}, stderr_{"stderr", {}};
  bool stdout_open_ = true, stderr_open_ = true;
  std::string dead_cause_;
  std::vector<std::string> incidents_;
};

}  // namespace

std::string plugin_host_executable(const LoadOptions& options) {
  if (!options.plugin_host_executable.empty()) return options.plugin_host_executable;
  if (const char* env = std::getenv("WKB_PLUGIN_HOST"); env && *env) return env;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (self.parent_path() / "wkb-plugin-host").string();
}

std::unique_ptr<Instrument> load_in_plugin_host(const Manifest& manifest, const LoadOptions& options,
                                                std::shared_ptr<const std::string> pinned) {
  return std::make_unique<ProcessInstrument>(manifest, options, std::move(pinned));
}

}  // namespace wkb::host::isolation

namespace wkb::host {

SandboxStatus probe_sandbox(const LoadOptions& options) {
  Manifest probe;
  probe.id = "sandbox-probe";
  probe.kind = "native";
  SandboxStatus s;
  isolation::ProcessInstrument p(probe, options, nullptr, true);
  s.missing = p.layers().missing();
  s.problems = p.layers().problems;
  return s;
}

}  // namespace wkb::host
