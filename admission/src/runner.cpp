// Isolation: each test runs in a child process (this executable re-invoked
// with "__child"). The child writes its result to a file and a heartbeat byte
// to a pipe around every plugin call; the parent stops a child that stays
// silent longer than the policy's inactivity timeout. The plugin's own stdout
// and stderr go to a log file per test, never into results.
#include "wkb/admission/runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
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
    throw host::InputError(subject + ": unknown status");
  r.message = std::string(o.at("message").as_string());
  for (const auto& d : o.at("details").as_array()) r.details.emplace_back(d.as_string());
  if (const auto* dg = o.if_contains("digest")) r.digest = std::string(dg->as_string());
  return r;
}

// One child process for one test.
TestResult run_child(const RunOptions& o, const Policy& policy, const TestInfo& t, const fs::path& work, int round) {
  const std::string stem = t.id + (round ? "." + std::to_string(round) : "");
  const fs::path result_file = work / (stem + ".result.json");
  const fs::path log_file = work / (stem + ".log");
  fs::remove(result_file);
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) throw host::InputError(std::string("pipe: ") + std::strerror(errno));
  std::vector<std::string> args{o.self_exe.string(), "__child",         "--test",   t.id,
                                "--plugin",          o.plugin_dir.string(), "--policy", o.policy_file.string(),
                                "--corpus",          o.corpus_dir.string(), "--seed",   std::to_string(o.seed),
                                "--result",          result_file.string(), "--heartbeat-fd", "3"};
  if (o.register_file) {
    args.push_back("--register");
    args.push_back(o.register_file->string());
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw host::InputError(std::string("fork: ") + std::strerror(errno));
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
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(pipefd[1]);
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
  TestResult r;
  if (timed_out) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    r.status = Status::timeout;
    r.message = ms_since(started) >= policy.max_test_duration_ms
                    ? "the test ran longer than " + std::to_string(policy.max_test_duration_ms) +
                          " ms (max_test_duration_ms); the test process was stopped"
                    : "no progress for " + std::to_string(policy.inactivity_timeout_ms) +
                          " ms (inactivity watchdog); the test process was stopped";
  } else if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    r.status = Status::crashed;
    r.message = "the plugin crashed the test process: signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
  } else if (std::error_code ec; !fs::exists(result_file, ec)) {
    r.status = Status::fail;
    r.message = "the test process ended with exit code " + std::to_string(WEXITSTATUS(status)) + " without a result";
  } else {
    try {
      r = parse_result(host::read_text_file(result_file), result_file.string());
    } catch (const std::exception& e) {
      r.status = Status::fail;
      r.message = std::string("unreadable test result: ") + e.what();
    }
  }
  if (r.status == Status::crashed || r.status == Status::timeout || r.message.find("without a result") != std::string::npos)
    if (auto tail = tail_of(log_file, 600); !tail.empty()) r.details.push_back("output of the test process: " + tail);
  return r;
}

std::string count_text(const RunReport& rep) {
  int n[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& r : rep.results) ++n[static_cast<int>(r.status)];
  std::string s = std::to_string(n[0]) + " geslaagd, " + std::to_string(n[1]) + " gefaald, " +
                  std::to_string(n[4]) + " gecrasht, " + std::to_string(n[5]) + " time-out, " +
                  std::to_string(n[2]) + " waarschuwing(en), " + std::to_string(n[3]) + " overgeslagen";
  return s;
}

}  // namespace

bool RunReport::admitted() const {
  if (results.empty()) return false;
  return std::none_of(results.begin(), results.end(), [](const TestResult& r) { return rejects(r.status); });
}

std::string verdict_line(const RunReport& rep) {
  return std::string(rep.admitted() ? "TOEGELATEN" : "NIET TOEGELATEN") + " (" + count_text(rep) +
         (rep.complete ? "" : "; onvolledige toets: --only") + ")";
}

RunReport run_suite(const RunOptions& o, const std::function<void(const TestResult&)>& progress) {
  const auto started = Clock::now();
  RunReport rep;
  rep.suite_version = std::string(kSuiteVersion);
  rep.started = now_utc();
  rep.plugin_dir = fs::weakly_canonical(fs::absolute(o.plugin_dir));
  rep.policy = load_policy(o.policy_file);
  rep.register_file = o.register_file;
  if (o.register_file) rep.register_sha256 = host::sha256_file(*o.register_file);
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

  std::optional<std::regex> only;
  if (!o.only.empty()) {
    try {
      only.emplace(o.only, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw host::UsageError("--only: \"" + o.only + "\" is not a regular expression: " + e.what());
    }
  }
  const fs::path work = o.out_dir / "work";
  fs::create_directories(work);
  RunOptions child = o;
  child.plugin_dir = rep.plugin_dir;
  for (const auto& t : catalogue()) {
    if (only && !std::regex_search(t.id, *only)) {
      rep.complete = false;
      continue;
    }
    const auto t0 = Clock::now();
    TestResult r = run_child(child, rep.policy, t, work, t.twice ? 1 : 0);
    if (t.twice && r.status == Status::pass) {
      const TestResult second = run_child(child, rep.policy, t, work, 2);
      if (second.status != Status::pass) {
        r = second;
      } else if (second.digest != r.digest) {
        r.status = Status::fail;
        r.message = "two processes gave different responses to the same requests";
        r.details = {"digest of process 1: " + r.digest, "digest of process 2: " + second.digest};
      } else {
        r.message = "two processes gave identical responses (SHA-256 " + r.digest.substr(0, 16) + "...)";
      }
    }
    r.id = t.id;
    r.chapter = t.chapter;
    r.title = t.title;
    r.duration_ms = ms_since(t0);
    rep.results.push_back(r);
    if (progress) progress(rep.results.back());
  }
  rep.duration_ms = ms_since(started);
  return rep;
}

// ---- reports ------------------------------------------------------------------

std::string report_json(const RunReport& rep) {
  json::array files;
  for (const auto& f : rep.files) files.push_back(json::object{{"path", f.path}, {"sha256", f.sha256}});
  json::array tests;
  std::map<int, std::pair<long long, std::map<std::string, int>>> chapters;
  for (const auto& r : rep.results) {
    json::array details;
    for (const auto& d : r.details) details.emplace_back(d);
    tests.push_back(json::object{{"id", r.id},
                                 {"chapter", r.chapter},
                                 {"title", r.title},
                                 {"status", to_string(r.status)},
                                 {"message", r.message},
                                 {"details", std::move(details)},
                                 {"duration_ms", r.duration_ms}});
    chapters[r.chapter].first += r.duration_ms;
    ++chapters[r.chapter].second[std::string(to_string(r.status))];
  }
  json::array chapter_list;
  for (const auto& [ch, v] : chapters) {
    json::object counts;
    for (const auto& [s, n] : v.second) counts[s] = n;
    chapter_list.push_back(json::object{{"chapter", ch},
                                        {"title", chapter_title(ch)},
                                        {"duration_ms", v.first},
                                        {"counts", std::move(counts)}});
  }
  json::object counts;
  for (Status s : {Status::pass, Status::fail, Status::warn, Status::skip, Status::crashed, Status::timeout})
    counts[to_string(s)] = std::count_if(rep.results.begin(), rep.results.end(),
                                         [&](const TestResult& r) { return r.status == s; });
  json::object doc{
      {"schema", "wkb.admission-report/1"},
      {"verdict", rep.admitted() ? "admitted" : "rejected"},
      {"verdict_line", verdict_line(rep)},
      {"complete", rep.complete},
      {"only", rep.only},
      {"suite_version", rep.suite_version},
      {"plugin", json::object{{"id", rep.plugin_id},
                              {"name", rep.plugin_name},
                              {"version", rep.plugin_version},
                              {"kind", rep.plugin_kind},
                              {"folder", rep.plugin_dir.string()},
                              {"provider", json::object{{"kvk", rep.provider_kvk}, {"name", rep.provider_name}}},
                              {"files", std::move(files)}}},
      {"policy", json::object{{"id", rep.policy.id},
                              {"version", rep.policy.version},
                              {"sha256", rep.policy.sha256},
                              {"file", rep.policy.file.string()}}},
      {"register", rep.register_file ? json::value(json::object{{"file", rep.register_file->string()},
                                                                {"sha256", rep.register_sha256}})
                                     : json::value(nullptr)},
      {"seed", std::to_string(rep.seed)},
      {"started", rep.started},
      {"duration_ms", rep.duration_ms},
      {"counts", std::move(counts)},
      {"chapters", std::move(chapter_list)},
      {"tests", std::move(tests)}};
  return serialize_canonical(doc) + "\n";
}

namespace {
std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // XML 1.0 forbids most control characters; plugin text may hold any.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out.push_back(c);
    }
  }
  return out;
}

std::string join_details(const TestResult& r) {
  std::string s;
  for (const auto& d : r.details) s += d + "\n";
  return s;
}

std::string_view status_nl(Status s) {
  switch (s) {
    case Status::pass: return "geslaagd";
    case Status::fail: return "gefaald";
    case Status::warn: return "waarschuwing";
    case Status::skip: return "overgeslagen";
    case Status::crashed: return "gecrasht";
    case Status::timeout: return "time-out";
  }
  return "?";
}
}  // namespace

std::string junit_xml(const RunReport& rep) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  int failures = 0, skipped = 0;
  for (const auto& r : rep.results) {
    failures += rejects(r.status);
    skipped += r.status == Status::skip;
  }
  x += "<testsuites name=\"wkb-admission " + xml_escape(rep.suite_version) + "\" tests=\"" +
       std::to_string(rep.results.size()) + "\" failures=\"" + std::to_string(failures) + "\" time=\"" +
       std::to_string(rep.duration_ms / 1000.0) + "\">\n";
  for (int ch = 1; ch <= 5; ++ch) {
    std::string cases;
    int n = 0, f = 0, sk = 0;
    long long ms = 0;
    for (const auto& r : rep.results) {
      if (r.chapter != ch) continue;
      ++n;
      ms += r.duration_ms;
      cases += "    <testcase classname=\"" + xml_escape(rep.plugin_id) + ".hoofdstuk" + std::to_string(ch) +
               "\" name=\"" + xml_escape(r.id) + "\" time=\"" + std::to_string(r.duration_ms / 1000.0) + "\">\n";
      if (rejects(r.status)) {
        ++f;
        cases += "      <failure type=\"" + std::string(to_string(r.status)) + "\" message=\"" +
                 xml_escape(r.message) + "\">" + xml_escape(join_details(r)) + "</failure>\n";
      } else if (r.status == Status::skip) {
        ++sk;
        cases += "      <skipped message=\"" + xml_escape(r.message) + "\"/>\n";
      } else {
        cases += "      <system-out>" + xml_escape(std::string(to_string(r.status)) + ": " + r.message + "\n" +
                                                   join_details(r)) +
                 "</system-out>\n";
      }
      cases += "    </testcase>\n";
    }
    if (n == 0) continue;
    x += "  <testsuite name=\"" + std::to_string(ch) + " " + xml_escape(chapter_title(ch)) + "\" tests=\"" +
         std::to_string(n) + "\" failures=\"" + std::to_string(f) + "\" skipped=\"" + std::to_string(sk) +
         "\" time=\"" + std::to_string(ms / 1000.0) + "\">\n" + cases + "  </testsuite>\n";
  }
  (void)skipped;
  x += "</testsuites>\n";
  return x;
}

std::string report_html(const RunReport& rep) {
  const bool ok = rep.admitted();
  std::string h = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Toelatingstoets " +
                  xml_escape(rep.plugin_id) +
                  "</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}"
                  "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}"
                  ".geslaagd{background:#e6f4e6}.gefaald,.gecrasht,.time-out{background:#fbe3e3}"
                  ".waarschuwing{background:#fff4d6}.overgeslagen{background:#eee}"
                  ".oordeel{font-size:1.4em;font-weight:bold}pre{white-space:pre-wrap;margin:0}</style></head><body>\n";
  h += "<h1>Toelatingstoets instrument voor kwaliteitsborging</h1>\n";
  h += "<p class=\"oordeel\">Oordeel: " + std::string(ok ? "TOEGELATEN" : "NIET TOEGELATEN") + "</p>\n";
  h += "<p>" + xml_escape(verdict_line(rep)) + "</p>\n<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + xml_escape(k) + "</th><td>" + xml_escape(v) + "</td></tr>\n";
  };
  row("Instrument", rep.plugin_name + " (" + rep.plugin_id + ")");
  row("Versie", rep.plugin_version);
  row("Soort", rep.plugin_kind);
  row("Instrumentaanbieder", rep.provider_name + " (KvK " + rep.provider_kvk + ")");
  row("Toetsversie", rep.suite_version);
  row("Beleid", rep.policy.id + " versie " + rep.policy.version + " (SHA-256 " + rep.policy.sha256 + ")");
  row("Onafhankelijkheidsregister", rep.register_file ? rep.register_file->string() : "niet opgegeven");
  row("Seed", std::to_string(rep.seed));
  row("Gestart (UTC)", rep.started);
  row("Duur", std::to_string(rep.duration_ms) + " ms");
  row("Volledig", rep.complete ? "ja" : "nee, alleen toetsen die passen bij --only " + rep.only);
  h += "</table>\n<h2>Bestanden (SHA-256)</h2>\n<table>\n";
  for (const auto& f : rep.files) h += "<tr><td>" + xml_escape(f.path) + "</td><td><code>" + f.sha256 + "</code></td></tr>\n";
  h += "</table>\n";
  for (int ch = 1; ch <= 5; ++ch) {
    std::string rows;
    for (const auto& r : rep.results) {
      if (r.chapter != ch) continue;
      rows += "<tr class=\"" + std::string(status_nl(r.status)) + "\"><td><code>" + xml_escape(r.id) + "</code><br>" +
              xml_escape(r.title) + "</td><td>" + std::string(status_nl(r.status)) + "</td><td>" +
              xml_escape(r.message) + (r.details.empty() ? "" : "<pre>" + xml_escape(join_details(r)) + "</pre>") +
              "</td><td>" + std::to_string(r.duration_ms) + " ms</td></tr>\n";
    }
    if (rows.empty()) continue;
    h += "<h2>Hoofdstuk " + std::to_string(ch) + ": " + xml_escape(chapter_title(ch)) +
         "</h2>\n<table><tr><th>Toets</th><th>Uitslag</th><th>Toelichting</th><th>Duur</th></tr>\n" + rows +
         "</table>\n";
  }
  h += "<p>Lees dit rapport met docs/admission/reading-a-report.md. Alleen een volledige toets met oordeel "
       "TOEGELATEN kan worden gecertificeerd (wkb-admission certify).</p>\n</body></html>\n";
  return h;
}

void write_reports(const RunReport& rep, const fs::path& dir) {
  fs::create_directories(dir);
  host::write_text_file_atomic(dir / "report.json", report_json(rep));
  host::write_text_file_atomic(dir / "junit.xml", junit_xml(rep));
  host::write_text_file_atomic(dir / "report.html", report_html(rep));
}

}  // namespace wkb::admission
