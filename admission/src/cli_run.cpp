// wkb-admission run: the whole conformance suite on one plugin folder, with
// progress on a terminal, the reports and the verdict line; and the hidden
// "__child" the harness runs each test in.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "cli.hpp"
#include "wkb/admission/checks.hpp"
#include "wkb/admission/generator.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/register.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::admission::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using host::UsageError;

// Seeds are 64-bit (random ones use every bit), beyond the parser's numbers.
std::uint64_t seed_of(const std::string& s) {
  try {
    std::size_t used = 0;
    const auto v = std::stoull(s, &used, 10);
    if (used == s.size() && !s.empty() && s[0] != '-') return v;
  } catch (const std::exception&) {
  }
  throw UsageError("optie --seed verwacht een geheel getal van 0 tot en met 18446744073709551615, niet \"" + s + "\"",
                   "bad-value");
}

fs::path self_exe(const char* argv0) {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::absolute(argv0) : p;
}

// The default policy and corpus: <prefix>/share/wkb/admission/ beside the
// installed program, which the build tree mirrors (admission/CMakeLists.txt).
fs::path admission_data_dir(const char* argv0) {
  return (self_exe(argv0).parent_path() / WKB_ADMISSION_DATA_FROM_BIN).lexically_normal();
}

// The reports must be writable before a single test runs: a run of minutes
// that ends in "cannot write" is a run lost, and no verdict may be printed.
void check_out_dir(const fs::path& out, const fs::path& plugin) {
  // Reports inside the plugin folder would change the files under test.
  const fs::path p = fs::weakly_canonical(fs::absolute(plugin));
  const fs::path o = fs::weakly_canonical(fs::absolute(out));
  const auto [p_end, o_it] = std::mismatch(p.begin(), p.end(), o.begin(), o.end());
  if (p_end == p.end())
    throw UsageError("--out " + out.string() + " ligt in de plugin-map " + p.string() +
                         "; schrijf de rapporten ergens anders (ze zouden de getoetste bestanden veranderen)",
                     "out-inside-plugin");
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec || !fs::is_directory(out))
    throw UsageError("--out " + out.string() + ": de map kan niet worden gemaakt (" + host::describe_errno_nl(ec.value()) +
                         "); kies een map waarin u mag schrijven",
                     "unwritable-output", out.string());
  const fs::path probe = out / ".wkb-admission-schrijftest";
  std::FILE* f = std::fopen(probe.c_str(), "w");
  int error = f ? 0 : errno;
  if (f) {
    if (std::fputs("x", f) < 0) error = errno;
    if (std::fclose(f) != 0 && error == 0) error = errno;
  }
  fs::remove(probe, ec);
  if (error != 0)
    throw UsageError("--out " + out.string() + ": in deze map kan niet worden geschreven (" + host::describe_errno_nl(error) +
                         "); kies een map waarin u mag schrijven",
                     "unwritable-output", out.string());
}

// Harness inputs are checked before any test runs: a bad policy, register
// or corpus is a usage problem, not a verdict on the plugin.
void check_inputs(const RunOptions& o) {
  try {
    load_policy(o.policy_file);
    if (o.register_file) host::load_register(*o.register_file);
    load_corpus(o.corpus_dir);
  } catch (const host::UsageError&) {
    throw;
  } catch (const std::exception& e) {
    throw UsageError(e.what(), "bad-harness-input");
  }
}

// "[12/30] chapter-id, 45 s" on one terminal line, refreshed every second
// while a test runs, so a hanging plugin is visibly waiting, not silent.
class Ticker {
 public:
  explicit Ticker(std::ostream& err) : err_(err), enabled_(::isatty(STDERR_FILENO) == 1) {
    if (enabled_) thread_ = std::thread([this] { loop(); });
  }
  ~Ticker() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    clear();
  }
  void started(std::size_t number, std::size_t total, const std::string& id) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    label_ = "[" + std::to_string(number) + "/" + std::to_string(total) + "] " + id;
    since_ = std::chrono::steady_clock::now();
    draw();
  }
  // Before a result line: the status line must not stay in front of it.
  void clear() {
    if (!enabled_) return;
    std::lock_guard lock(draw_mutex_);
    err_ << "\r\033[K" << std::flush;
  }
  void finished() {
    std::lock_guard lock(mutex_);
    label_.clear();
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      wake_.wait_for(lock, std::chrono::seconds(1));
      if (!stop_ && !label_.empty()) draw();
    }
  }
  void draw() {  // mutex_ held
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - since_).count();
    std::lock_guard lock(draw_mutex_);
    err_ << "\r\033[K" << label_ << ", " << s << " s" << std::flush;
  }

  std::ostream& err_;
  const bool enabled_;
  std::mutex mutex_, draw_mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::string label_;
  std::chrono::steady_clock::time_point since_;
  std::thread thread_;
};

json::object summary_json(const RunReport& rep, const fs::path& out, const WrittenReports& written) {
  json::object counts;
  for (Status s : {Status::pass, Status::fail, Status::warn, Status::skip, Status::crashed, Status::timeout})
    counts[to_string(s)] = std::count_if(rep.results.begin(), rep.results.end(),
                                         [&](const TestResult& r) { return r.status == s; });
  json::array problems;
  for (const auto& r : rep.results)
    if (r.status != Status::pass && r.status != Status::skip)
      problems.push_back({{"id", r.id}, {"status", to_string(r.status)}, {"message", r.message}});
  return {{"schema", "wkb.admission-summary/1"},
          {"verdict", rep.admitted() ? "admitted" : "rejected"},
          {"verdict_line", verdict_line(rep)},
          {"complete", rep.complete},
          {"plugin", {{"id", rep.plugin_id}, {"version", rep.plugin_version}, {"folder", rep.plugin_dir.string()}}},
          {"seed", std::to_string(rep.seed)},
          {"duration_ms", rep.duration_ms},
          {"counts", std::move(counts)},
          {"problems", std::move(problems)},
          {"reports", {{"json", (out / kReportFileName).string()},
                       {"junit", (out / "junit.xml").string()},
                       {"html", (out / "report.html").string()},
                       {"signature", (out / kReportSignatureFileName).string()}}},
          {"report_sha256", written.report_sha256},
          {"run_public_key", written.public_key_hex}};
}

int cmd_run(const Call& c) {
  const auto& line = c.line;
  RunOptions o;
  o.plugin_dir = line.arguments.at(0);
  std::error_code ec;
  if (!fs::is_directory(o.plugin_dir, ec))
    throw UsageError(o.plugin_dir.string() + ": geen map; geef de map van de plugin (met plugin.json)",
                     "not-a-plugin-folder", o.plugin_dir.string());
  const fs::path data = admission_data_dir(c.argv0);
  o.policy_file = fs::absolute(line.get("policy").value_or((data / "policy" / "default.json").string()));
  o.corpus_dir = fs::absolute(line.get("corpus").value_or((data / "corpus").string()));
  o.out_dir = line.get("out").value_or("admission-report");
  if (auto r = line.get("register")) o.register_file = fs::absolute(*r);
  if (auto s = line.get("seed")) {
    o.seed = seed_of(*s);
  } else {
    std::random_device rd;
    o.seed = (static_cast<std::uint64_t>(rd()) << 32) | rd();
  }
  o.only = line.get("only").value_or("");
  o.self_exe = self_exe(c.argv0);
  check_out_dir(o.out_dir, o.plugin_dir);
  check_inputs(o);
  // The plugin runs only in a sandboxed plugin host process. Where this
  // system cannot give it every layer, the run starts only when asked to,
  // and the report says which layers were missing.
  o.allow_weaker_sandbox = line.flag("allow-weaker-sandbox");
  try {
    o.sandbox = host::probe_sandbox();
  } catch (const std::exception& e) {
    throw UsageError(std::string("de sandbox voor plugins kan niet worden gestart: ") + e.what(), "sandbox-unavailable");
  }
  std::string missing;
  for (const auto& m : o.sandbox.missing) missing += (missing.empty() ? "" : ", ") + m;
  if (!o.sandbox.complete() && !o.allow_weaker_sandbox)
    throw UsageError("deze machine biedt niet elke laag van de sandbox voor plugins (ontbreekt: " + missing + "; " +
                         o.sandbox.problems +
                         "). Voer de toets uit als root of met user namespaces, of geef --allow-weaker-sandbox (het "
                         "rapport vermeldt dan de ontbrekende lagen)",
                     "weaker-sandbox");
  // Under --json stdout carries one object at the end; the lines a person
  // follows go to stderr then.
  std::ostream& text = c.json ? c.err : c.out;
  text << "wkb-admission " << kSuiteVersion << ": " << o.plugin_dir.string() << " (seed " << o.seed << ")\n";
  if (!o.sandbox.complete())
    text << "WAARSCHUWING: zwakkere sandbox, ontbrekende lagen: " << missing << " (" << o.sandbox.problems << ")\n";
  text << std::flush;
  RunReport rep;
  {
    Ticker ticker(c.err);
    Progress progress;
    progress.started = [&](std::size_t n, std::size_t total, const TestInfo& t) { ticker.started(n, total, t.id); };
    progress.finished = [&](const TestResult& r) {
      ticker.finished();
      ticker.clear();
      text << "[" << label_nl(r.status) << "] " << r.id << " (H" << r.chapter << ", " << r.duration_ms
           << " ms): " << r.message << "\n";
      // The console shows the first few details; report.json has them all.
      for (std::size_t i = 0; i < r.details.size() && i < 5; ++i) text << "    " << r.details[i] << "\n";
      if (r.details.size() > 5) text << "    (nog " << r.details.size() - 5 << " in report.json)\n";
      text << std::flush;
    };
    rep = run_suite(o, progress);
  }
  const WrittenReports written = write_reports(rep, o.out_dir);
  if (c.json) {
    c.out << serialize_canonical(summary_json(rep, o.out_dir, written)) << "\n";
  } else {
    c.out << "rapporten: " << (o.out_dir / kReportFileName).string() << ", junit.xml, report.html\n";
    // The whole key: compared with report.sig.json (or given to certify as
    // --run-key) it ties the report to this run.
    c.out << "handtekening van dit rapport: ed25519 " << written.public_key_hex << " (" << kReportSignatureFileName
          << ")\n";
    c.out << verdict_line(rep) << "\n";
  }
  return rep.admitted() ? 0 : 1;
}

int cmd_run_guarded(const Call& c) {
  try {
    return cmd_run(c);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    // Harness failure after the run began: still end with a verdict line.
    if (c.json) throw;
    c.err << "wkb-admission: " << e.what() << "\n";
    c.out << "NIET TOEGELATEN (toets niet voltooid: fout in de toetsomgeving)\n";
    return 2;
  }
}

int cmd_child(const Call& c) {
  const auto& line = c.line;
  TestJob job;
  job.test_id = line.get("test").value_or("");
  job.plugin_dir = line.get("plugin").value_or("");
  job.policy = load_policy(line.get("policy").value_or(""));
  job.corpus_dir = line.get("corpus").value_or("");
  job.seed = seed_of(line.get("seed").value_or("0"));
  job.heartbeat_fd = std::stoi(line.get("heartbeat-fd").value_or("-1"));
  job.require_full_sandbox = !line.flag("allow-weaker-sandbox");
  if (auto r = line.get("register")) job.register_file = *r;
  if (job.heartbeat_fd >= 0) {
    // Alive: the watchdog counts from here, not from fork (a loaded machine
    // may be slow to exec).
    [[maybe_unused]] auto n = ::write(job.heartbeat_fd, ".", 1);
  }
  const TestResult r = run_test_in_process(job);
  json::array details;
  for (const auto& d : r.details) details.emplace_back(d);
  json::object o{{"status", to_string(r.status)}, {"message", r.message}, {"details", std::move(details)}};
  if (!r.digest.empty()) o["digest"] = r.digest;
  // The result goes to the harness through a pipe; only the harness writes
  // files. No plugin process holds this descriptor (the plugin host gets
  // only its channel and the standard streams).
  const std::string text = serialize_canonical(o);
  const int fd = std::stoi(line.get("result-fd").value_or("-1"));
  for (std::size_t done = 0; fd >= 0 && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return 2;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

cmdline::Option hidden(std::string name, std::string value_name = "X") {
  cmdline::Option o{std::move(name), std::move(value_name), "intern"};
  o.hidden = true;
  return o;
}

}  // namespace

std::vector<Command> run_commands() {
  cmdline::Option out =
      cmdline::typed_option("out", "MAP",
                            "de map voor report.json, junit.xml, report.html en report.sig.json (standaard "
                            "admission-report); moet schrijfbaar zijn, anders begint de toets niet",
                            cmdline::ValueKind::out_dir);
  cmdline::Option corpus = cmdline::typed_option("corpus", "MAP",
                                                 "het referentiecorpus (standaard admission/corpus/); staat met zijn "
                                                 "SHA-256 in het rapport",
                                                 cmdline::ValueKind::path);
  return {
      {{.name = "run",
        .summary = "toets een instrument (een plugin-map, native of Lua)",
        .details = "Elke toets loopt in een eigen proces, de plugin in een afgeschermd pluginproces. Op een "
                   "terminal toont stderr welke toets loopt en hoe lang al.\n\n"
                   "De laatste regel is altijd het oordeel: TOEGELATEN of NIET TOEGELATEN, met aantallen. "
                   "Met --json staat op stdout alleen de samenvatting (wkb.admission-summary/1) en gaan de "
                   "regels per toets naar stderr.",
        .arguments = {{"PLUGIN_MAP", "de map van het instrument, met plugin.json", false, cmdline::ValueKind::path}},
        .options = {cmdline::file_option("register", "BESTAND", "het onafhankelijkheidsregister (wkb.register/1)"),
                    cmdline::file_option("policy", "BESTAND", "het toelatingsbeleid (wkb.admission-policy/1); "
                                                              "standaard admission/policy/default.json"),
                    out,
                    {"seed", "N", "seed voor gegenereerde projecten, een geheel getal van 0 tot en met 2^64-1 "
                                  "(standaard willekeurig; staat in het rapport)"},
                    {"only", "REGEX", "alleen toetsen waarvan de id hierop past (het rapport is dan onvolledig)"},
                    corpus,
                    {"allow-weaker-sandbox", "",
                     "toets ook waar seccomp, een PID-namespace of een andere laag van de sandbox ontbreekt "
                     "(anders weigert run te starten, exitcode 2); het rapport vermeldt de ontbrekende lagen"}}},
       cmd_run_guarded},
      {{.name = "__child",
        .summary = "intern: één toets in een eigen proces",
        .options = {hidden("test"), hidden("plugin"), hidden("policy"), hidden("corpus"), hidden("seed"),
                    hidden("result-fd"), hidden("heartbeat-fd"), hidden("register"),
                    hidden("allow-weaker-sandbox", "")},
        .hidden = true},
       cmd_child},
  };
}

}  // namespace wkb::admission::cli
