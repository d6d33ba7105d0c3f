// Isolation: each test runs in a checker process (this executable re-invoked
// with "__child"), which never runs plugin code: the plugin runs in a
// sandboxed plugin host process the checker starts. The checker sends its
// result through a pipe (fd 4) and a heartbeat byte (fd 3) around every
// plugin call; only this process writes results and reports. The parent stops
// a checker that stays silent longer than the policy's inactivity timeout.
// It is a child subreaper: whatever a test left running (a process that
// escaped into a session of its own) becomes its child and is killed and
// reaped before the next test.
#include "wkb/admission/runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstring>
#include <ctime>
#include <regex>

#include "wkb/admission/catalogue.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::admission {
namespace json = boost::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string tail_of(const fs::path& log, std::size_t max_chars) {
  try {
    std::string text = host::read_text_file(log);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (text.size() > max_chars) text = "..." + text.substr(text.size() - max_chars);
    return text;
  } catch (...) {
    return {};
  }
}

TestResult parse_result(const std::string& text, const std::string& subject) {
  const json::value v = parse_json(text, subject);
  const auto& o = v.as_object();
  TestResult r;
  if (!parse_status(std::string(o.at("status").as_string()), r.status))
    throw host::InputError(subject + ": onbekende status \"" + std::string(o.at("status").as_string()) + "\"");
  r.message = std::string(o.at("message").as_string());
  for (const auto& d : o.at("details").as_array()) r.details.emplace_back(d.as_string());
  if (const auto* dg = o.if_contains("digest")) r.digest = std::string(dg->as_string());
  return r;
}

// Every process left below this one (direct children, and orphans that
// reparented to this subreaper) is killed and reaped, until none is left.
void kill_leftovers() {
  for (int round = 0; round < 100; ++round) {
    std::vector<pid_t> children;
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/self/task", ec)) {
      std::string list;
      try {
        list = host::read_text_file(task.path() / "children", 1 << 20);
      } catch (...) {
        continue;
      }
      std::size_t pos = 0;
      while (pos < list.size()) {
        const auto end = list.find(' ', pos);
        const std::string n = list.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (!n.empty()) children.push_back(static_cast<pid_t>(std::stol(n)));
        if (end == std::string::npos) break;
        pos = end + 1;
      }
    }
    if (children.empty()) return;
    for (pid_t c : children) ::kill(c, SIGKILL);
    for (pid_t c : children) ::waitpid(c, nullptr, 0);
  }
}

// One checker process for one test.
TestResult run_child(const RunOptions& o, const Policy& policy, const TestInfo& t, const fs::path& work, int round) {
  const std::string stem = t.id + (round ? "." + std::to_string(round) : "");
  const fs::path log_file = work / (stem + ".log");
  int pipefd[2], resultfd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0 || ::pipe2(resultfd, O_CLOEXEC) != 0)
    throw host::InputError("het toetsproces voor " + t.id + " kon niet worden gestart (pipe: " + std::strerror(errno) + ")");
  std::vector<std::string> args{o.self_exe.string(), "__child",         "--test",   t.id,
                                "--plugin",          o.plugin_dir.string(), "--policy", o.policy_file.string(),
                                "--corpus",          o.corpus_dir.string(), "--seed",   std::to_string(o.seed),
                                "--result-fd",       "4",                   "--heartbeat-fd", "3"};
  if (o.allow_weaker_sandbox) args.push_back("--allow-weaker-sandbox");
  if (o.register_file) {
    args.push_back("--register");
    args.push_back(o.register_file->string());
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0)
    throw host::InputError("het toetsproces voor " + t.id + " kon niet worden gestart (fork: " + std::strerror(errno) + ")");
  if (pid == 0) {
    // Child: its own process group (so that anything the plugin spawns dies
    // with it), no core files from crashing fixtures, heartbeat on fd 3,
    // stdout and stderr into the test's log.
    ::setpgid(0, 0);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    if (policy.memory_limit_mb > 0) {
      const rlim_t bytes = static_cast<rlim_t>(policy.memory_limit_mb) << 20;
      const rlimit mem{bytes, bytes};
      ::setrlimit(RLIMIT_AS, &mem);
    }
    const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log >= 0) {
      ::dup2(log, 1);
      ::dup2(log, 2);
    }
    ::dup2(pipefd[1], 3);  // dup2 clears O_CLOEXEC on the copy
    ::dup2(resultfd[1], 4);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(pipefd[1]);
  ::close(resultfd[1]);
  ::fcntl(resultfd[0], F_SETFL, O_NONBLOCK);
  std::string result_text;
  bool result_eof = false;
  auto read_result = [&] {
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(resultfd[0], buf, sizeof buf);
      if (n > 0 && result_text.size() < (1u << 20)) result_text.append(buf, static_cast<std::size_t>(n));
      if (n == 0) result_eof = true;
      if (n <= 0) return;
    }
  };
  ::setpgid(pid, pid);  // also from this side: no race with the child's own call
  const auto started = Clock::now();
  auto last = Clock::now();
  bool timed_out = false, eof = false;
  int status = 0;
  for (;;) {
    if (!eof) {
      // A plugin that keeps the heartbeat alive cannot run forever either.
      const long long left = std::min<long long>(policy.inactivity_timeout_ms - ms_since(last),
                                                 policy.max_test_duration_ms - ms_since(started));
      if (left <= 0) {
        timed_out = true;
        break;
      }
      pollfd p{pipefd[0], POLLIN, 0};
      const int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 200)));
      if (n > 0) {
        char buf[256];
        const ssize_t got = ::read(pipefd[0], buf, sizeof buf);
        if (got > 0) last = Clock::now();
        else if (got == 0) eof = true;
      }
    } else {
      ::usleep(2000);
    }
    read_result();
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      ::kill(-pid, SIGKILL);  // leftovers the plugin may have spawned
      break;
    }
    if (eof && ms_since(last) > policy.inactivity_timeout_ms) {
      timed_out = true;
      break;
    }
  }
  ::close(pipefd[0]);
  // The checker has ended; what it wrote is in the pipe (bounded wait: a
  // leftover holding the pipe open must not stall the harness).
  for (int i = 0; !timed_out && !result_eof && i < 100; ++i) {
    pollfd p{resultfd[0], POLLIN, 0};
    if (::poll(&p, 1, 10) > 0) read_result();
  }
  ::close(resultfd[0]);
  kill_leftovers();
  TestResult r;
  if (timed_out) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    r.status = Status::timeout;
    r.message = ms_since(started) >= policy.max_test_duration_ms
                    ? "de toets duurde langer dan " + number_nl(policy.max_test_duration_ms) +
                          " ms (max_test_duration_ms van het beleid); het toetsproces is gestopt"
                    : "geen voortgang gedurende " + number_nl(policy.inactivity_timeout_ms) +
                          " ms (inactivity_timeout_ms van het beleid); het toetsproces is gestopt";
  } else if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    r.status = Status::crashed;
    // The checker runs no plugin code: this is the harness's own fault (or
    // the memory limit), reported like a crash so that it is never a pass.
    const char* abbrev = sigabbrev_np(sig);
    r.message = "het toetsproces stopte door signaal " + std::to_string(sig) +
                (abbrev ? " (SIG" + std::string(abbrev) + ")" : std::string());
  } else if (result_text.empty()) {
    r.status = Status::fail;
    r.message = "het toetsproces eindigde met exitcode " + std::to_string(WEXITSTATUS(status)) + " zonder resultaat";
  } else {
    try {
      r = parse_result(result_text, "het resultaat van toets " + t.id);
    } catch (const std::exception& e) {
      r.status = Status::fail;
      r.message = std::string("onleesbaar toetsresultaat: ") + e.what();
    }
  }
  if (r.status == Status::crashed || r.status == Status::timeout || r.message.find("zonder resultaat") != std::string::npos)
    if (auto tail = tail_of(log_file, 600); !tail.empty()) r.details.push_back("uitvoer van het toetsproces: " + tail);
  return r;
}

}  // namespace

namespace {
// What is wrong with a regular expression, in Dutch (std::regex_error::what()
// is English).
std::string regex_problem_nl(std::regex_constants::error_type code) {
  namespace rc = std::regex_constants;
  switch (code) {
    case rc::error_collate: return "ongeldige naam van een sorteerelement";
    case rc::error_ctype: return "ongeldige tekenklasse";
    case rc::error_escape: return "ongeldige escape met \\";
    case rc::error_backref: return "ongeldige terugverwijzing";
    case rc::error_brack: return "[ en ] staan niet in paren";
    case rc::error_paren: return "( en ) staan niet in paren";
    case rc::error_brace: return "{ en } staan niet in paren";
    case rc::error_badbrace: return "ongeldig bereik tussen { }";
    case rc::error_range: return "ongeldig tekenbereik";
    case rc::error_space: return "te weinig geheugen voor de expressie";
    case rc::error_badrepeat: return "*, +, ? of { staat nergens achter";
    case rc::error_complexity: return "de expressie is te complex";
    case rc::error_stack: return "de expressie vraagt te veel geheugen";
    default: return "ongeldige expressie";
  }
}

// One digest for a folder's files: SHA-256 over "relative-path sha256\n"
// lines in path order (hash_plugin_files sorts them).
std::string folder_digest(const fs::path& dir, std::size_t* count) {
  const auto files = host::hash_plugin_files(dir);
  std::string listing;
  for (const auto& f : files) listing += f.path + " " + f.sha256 + "\n";
  *count = files.size();
  return host::sha256_hex(listing);
}
}  // namespace

RunReport run_suite(const RunOptions& o, const Progress& progress) {
  const auto started = Clock::now();
  RunReport rep;
  rep.suite_version = std::string(kSuiteVersion);
  rep.started = now_utc();
  rep.plugin_dir = fs::weakly_canonical(fs::absolute(o.plugin_dir));
  rep.policy = load_policy(o.policy_file);
  rep.register_file = o.register_file;
  if (o.register_file) rep.register_sha256 = host::sha256_file(*o.register_file);
  rep.corpus_dir = o.corpus_dir;
  rep.corpus_sha256 = folder_digest(o.corpus_dir, &rep.corpus_files);
  rep.seed = o.seed;
  rep.only = o.only;
  // The manifest and the file hashes are read by the harness itself: no
  // plugin code runs in this process.
  try {
    const host::Manifest m = host::read_manifest(rep.plugin_dir);
    rep.plugin_id = m.id;
    rep.plugin_name = m.name;
    rep.plugin_version = m.version;
    rep.plugin_kind = m.kind;
    rep.provider_kvk = m.provider_kvk;
    rep.provider_name = m.provider_name;
  } catch (const std::exception&) {
    // load-manifest reports it; the other tests still run and fail clearly.
  }
  rep.files = host::hash_plugin_files(rep.plugin_dir);
  rep.sandbox = o.sandbox;
  // Processes that escape a test's process group (setsid) reparent here and
  // are killed after the test (kill_leftovers).
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  // Not readable through /proc by the plugin processes below it (the run's
  // signing key lives in this process's memory at the end).
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);

  std::optional<std::regex> only;
  if (!o.only.empty()) {
    try {
      only.emplace(o.only, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw host::UsageError("optie --only verwacht een reguliere expressie (ECMAScript), niet \"" + o.only + "\" (" +
                                 regex_problem_nl(e.code()) + ")",
                             "bad-value");
    }
  }
  const fs::path work = o.out_dir / "work";
  fs::create_directories(work);
  RunOptions child = o;
  child.plugin_dir = rep.plugin_dir;
  std::vector<const TestInfo*> selected;
  for (const auto& t : catalogue()) {
    if (only && !std::regex_search(t.id, *only)) rep.complete = false;
    else selected.push_back(&t);
  }
  for (std::size_t i = 0; i < selected.size(); ++i) {
    const TestInfo& t = *selected[i];
    if (progress.started) progress.started(i + 1, selected.size(), t);
    const auto t0 = Clock::now();
    TestResult r = run_child(child, rep.policy, t, work, t.twice ? 1 : 0);
    if (t.twice && r.status == Status::pass) {
      const TestResult second = run_child(child, rep.policy, t, work, 2);
      if (second.status != Status::pass) {
        r = second;
      } else if (second.digest != r.digest) {
        r.status = Status::fail;
        r.message = "twee processen gaven verschillende antwoorden op dezelfde vragen";
        r.details = {"SHA-256 van proces 1: " + r.digest, "SHA-256 van proces 2: " + second.digest};
      } else {
        r.message = "twee processen gaven dezelfde antwoorden (SHA-256 " + r.digest.substr(0, 16) + "...)";
      }
    }
    r.id = t.id;
    r.chapter = t.chapter;
    r.title = t.title;
    r.duration_ms = ms_since(t0);
    rep.results.push_back(r);
    if (progress.finished) progress.finished(rep.results.back());
  }
  rep.duration_ms = ms_since(started);
  return rep;
}

}  // namespace wkb::admission
