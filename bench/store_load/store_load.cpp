// store_load: a team of assurers on one PostgreSQL project store.
//
//   store_load [--db URL] [--workers 2,4,8,16] [--seconds 60 | --commands N]
//              [--seed N] [--shared K] [--timeout S] [--keep]
//
// For each N in --workers: a fresh store (PostgreSQL: a new schema in the
// database of --db, default $WKB_TEST_PG; sqlite:DIR: a new file in DIR), K
// projects the team shares (created and notified first), then N processes,
// each an assurer's workstation running real `wkb` commands as separate
// processes (workstation.hpp has the mix). Afterwards every write a
// workstation reported is looked up in the store and `wkb audit verify` runs
// (check.hpp). Prints per command the throughput and p50/p99 latency, errors,
// "store busy" retries, and lost writes. A benchmark, not a test; figures go
// into docs/performance.md ("Teams on PostgreSQL").
//
// Exit 0 when no command failed, none hung, nothing was lost or made up and
// verify passed; 1 otherwise; 77 (skipped) when there is no PostgreSQL to use.
#include <boost/json.hpp>
#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "check.hpp"
#include "run_command.hpp"
#include "workstation.hpp"

using namespace wkb::load;
namespace fs = std::filesystem;

namespace {

struct Options {
  std::string db;
  std::vector<int> workers{2, 4, 8, 16};
  double seconds = 60;
  long commands = 0;
  std::uint64_t seed = 20261201;
  int shared = 4;
  double timeout_s = 120;
  bool keep = false;
  long server_pid = 0;  // the PostgreSQL postmaster, to report the server's CPU time
  std::string wkb = WKB_LOAD_WKB;
  std::string plugins = WKB_LOAD_PLUGINS;
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "store_load: " << why << "\n"
            << "usage: store_load [--db URL] [--workers 2,4,8,16] [--seconds S | --commands N] [--seed N]\n"
               "                  [--shared K] [--timeout S] [--keep] [--server-pid PID] [--wkb PATH]\n"
               "                  [--plugins DIR]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--db") o.db = next();
      else if (a == "--workers") {
        o.workers.clear();
        std::stringstream s(next());
        for (std::string n; std::getline(s, n, ',');) o.workers.push_back(std::stoi(n));
      } else if (a == "--seconds") o.seconds = std::stod(next());
      else if (a == "--commands") o.commands = std::stol(next());
      else if (a == "--seed") o.seed = std::stoull(next());
      else if (a == "--shared") o.shared = std::stoi(next());
      else if (a == "--timeout") o.timeout_s = std::stod(next());
      else if (a == "--keep") o.keep = true;
      else if (a == "--server-pid") o.server_pid = std::stol(next());
      else if (a == "--wkb") o.wkb = next();
      else if (a == "--plugins") o.plugins = next();
      else usage("unknown option " + a);
    } catch (const std::invalid_argument&) {
      usage(a + " needs a number");
    }
  }
  if (o.workers.empty() || o.shared < 1) usage("--workers and --shared need at least 1");
  return o;
}

bool is_sqlite(const std::string& db) { return db.rfind("sqlite:", 0) == 0; }

// ---- the store of one run ---------------------------------------------------

// A PostgreSQL schema (or SQLite file) of its own per run, so runs do not see
// each other's projects and tests may run beside it.
class RunStore {
 public:
  RunStore(const Options& o, const fs::path& work, int n) : base_(o.db), keep_(o.keep) {
    const std::string name = "load_" + std::to_string(::getpid()) + "_" + std::to_string(n);
    if (is_sqlite(base_)) {
      file_ = fs::path(base_.substr(7)) / (name + ".db");
      url_ = "sqlite:" + file_.string();
      return;
    }
    schema_ = name;
    admin("CREATE SCHEMA " + schema_);
    url_ = base_.find("://") != std::string::npos
               ? base_ + (base_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_
               : base_ + " options='-csearch_path=" + schema_ + "'";
  }
  ~RunStore() {
    if (keep_) return;
    try {
      if (!schema_.empty()) admin("DROP SCHEMA " + schema_ + " CASCADE");
      if (!file_.empty()) {
        for (const char* ext : {"", "-wal", "-shm"}) fs::remove(file_.string() + ext);
      }
    } catch (const std::exception& e) {
      std::cerr << "store_load: " << e.what() << "\n";
    }
  }
  const std::string& url() const { return url_; }

 private:
  // libpq reads the URI itself; the keyword form comes as "postgresql:k=v ...".
  void admin(const std::string& sql) const {
    const std::string conninfo = base_.rfind("postgresql:", 0) == 0 && base_.find("://") == std::string::npos
                                     ? base_.substr(11) : base_;
    PGconn* c = PQconnectdb(conninfo.c_str());
    // DROP SCHEMA ... CASCADE lists every table as a NOTICE: not for the report.
    PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
    std::string why;
    if (PQstatus(c) != CONNECTION_OK) why = PQerrorMessage(c);
    else {
      PGresult* r = PQexec(c, sql.c_str());
      if (PQresultStatus(r) != PGRES_COMMAND_OK) why = PQresultErrorMessage(r);
      PQclear(r);
    }
    PQfinish(c);
    if (!why.empty()) throw std::runtime_error(sql + ": " + why);
  }

  std::string base_, url_, schema_;
  fs::path file_;
  bool keep_;
};

// ---- the machine ------------------------------------------------------------

struct CpuSample {
  long long busy = 0, total = 0;
};
CpuSample cpu_now() {
  std::ifstream f("/proc/stat");
  std::string cpu;
  long long v[8] = {};
  f >> cpu;
  for (auto& x : v) f >> x;
  CpuSample s;
  for (auto x : v) s.total += x;
  s.busy = s.total - v[3] - v[4];  // minus idle and iowait
  return s;
}
// CPU seconds of a process and of the children it has reaped: for the
// postmaster, every backend of a connection that has ended (each `wkb`
// command is one connection).
double process_cpu_s(long pid) {
  if (pid <= 0) return 0;
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream in(stat.substr(paren + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 17 && in >> field; ++i)
    if (i >= 14) ticks += std::stod(field);  // utime, stime, cutime, cstime
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::string loadavg() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}

// ---- one run ----------------------------------------------------------------

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<SharedProject> make_shared(const Options& o, const fs::path& dir) {
  namespace json = boost::json;
  std::vector<SharedProject> shared;
  {
    // The example register, each person with a bijscholing 60 days back (the
    // backdated clock), so that it never ages out of the two years.
    json::value reg = json::parse(read_file(WKB_LOAD_STAFF));
    for (auto& person : reg.at("persons").as_array())
      person.as_object()["courses"].as_array().push_back(
          json::object{{"name", "Bijscholing (belastingproef)"}, {"date", today_utc(-60)}});
    const std::string file = (dir / "staff.json").string();
    write_file(file, json::serialize(reg));
    Backdated back;  // before the projects' first entries
    const auto staff = run_command({o.wkb, "staff", "add", file}, o.timeout_s);
    if (staff.exit_code != 0) throw std::runtime_error("adding the staff register failed: " + staff.err);
  }
  for (int k = 1; k <= o.shared; ++k) {
    SharedProject s;
    // A series under construction: every workstation records findings on it.
    s.shape = {"2026-TEAM-" + std::to_string(k), 30, true, true, false, 0};
    const std::string file = (dir / (s.shape.id + ".json")).string();
    write_file(file, project_json(s.shape));
    Backdated back;
    const auto c = run_command({o.wkb, "--json", "project", "create", "--instrument", "nl.test.opslag", "--project", file},
                               o.timeout_s);
    const auto show = run_command({o.wkb, "--json", "project", "show", s.shape.id}, o.timeout_s);
    std::vector<std::string> assign{o.wkb};
    if (show.exit_code == 0)
      for (const auto& a : assign_args(s.shape.id, show.out)) assign.push_back(a);
    const auto a = assign.size() > 1 ? run_command(assign, o.timeout_s) : show;
    const auto n = run_command({o.wkb, "project", "notify", s.shape.id, "--melder", melder_file(dir.string())},
                               o.timeout_s);
    if (c.exit_code != 0 || a.exit_code != 0 || n.exit_code != 0)
      throw std::runtime_error("setting up " + s.shape.id + " failed: " + c.err + a.err + n.err);
    s.parts = parts_of_answer(c.out);
    shared.push_back(std::move(s));
  }
  return shared;
}

// Starts the workstations as processes and waits for all of them.
bool run_workstations(const Options& o, const fs::path& dir, int n, const std::vector<SharedProject>& shared) {
  std::vector<pid_t> pids;
  std::fflush(nullptr);
  for (int k = 1; k <= n; ++k) {
    WorkstationConfig c;
    c.index = k;
    c.wkb = o.wkb;
    c.dir = (dir / ("w" + std::to_string(k))).string();
    fs::create_directories(c.dir);
    c.record_path = (dir / ("w" + std::to_string(k) + ".tsv")).string();
    c.seed = o.seed;
    c.seconds = o.seconds;
    c.commands = o.commands;
    c.timeout_s = o.timeout_s;
    c.shared = shared;
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      // The same name as the workstation's --by, for commands that take the actor from the environment.
      char user[32];
      std::snprintf(user, sizeof user, "borger-%02d", k);
      ::setenv("WKB_USER", user, 1);
      std::_Exit(run_workstation(c));
    }
    pids.push_back(pid);
  }
  bool ok = true;
  for (pid_t pid : pids) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  return ok;
}

std::vector<Record> read_records(const fs::path& dir, int n) {
  std::vector<Record> all;
  for (int k = 1; k <= n; ++k) {
    std::ifstream f(dir / ("w" + std::to_string(k) + ".tsv"));
    for (std::string line; std::getline(f, line);) all.push_back(Record::parse(line));
  }
  return all;
}

// ---- figures ------------------------------------------------------------------

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

struct Totals {
  long commands = 0, ok = 0, writes_ok = 0, errors = 0, busy_retries = 0, busy_gave_up = 0, timeouts = 0;
  std::vector<double> ms;
  double cpu_ms = 0;
};

void add(Totals& t, const Record& r) {
  ++t.commands;
  t.busy_retries += r.busy_attempts;
  t.cpu_ms += r.cpu_ms;
  switch (r.outcome) {
    case Outcome::ok:
      ++t.ok;
      if (r.writes > 0) ++t.writes_ok;
      t.ms.push_back(r.wall_ms);
      break;
    case Outcome::error: ++t.errors; break;
    case Outcome::busy: ++t.busy_gave_up; break;
    case Outcome::timeout: ++t.timeouts; break;
  }
}

struct RunFigures {
  int n = 0;
  double seconds = 0;
  Totals all;
  CheckReport check;
  double cpu_busy = 0;  // share of the machine's CPUs busy during the run
  double server_cpu_s = 0;
  std::string load_before, load_after;
};

void print_command_table(const std::vector<Record>& records, double seconds) {
  std::map<std::string, Totals> by;
  for (const auto& r : records) add(by[r.command], r);
  std::printf("| command | count | per s | p50 ms | p99 ms | max ms | errors | busy retries | busy gave up |\n"
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& [name, t] : by)
    std::printf("| %s | %ld | %.2f | %.0f | %.0f | %.0f | %ld | %ld | %ld |\n", name.c_str(), t.commands,
                t.ok / seconds, percentile(t.ms, 0.5), percentile(t.ms, 0.99), percentile(t.ms, 1.0),
                t.errors + t.timeouts, t.busy_retries, t.busy_gave_up);
}

void print_failures(const std::vector<Record>& records) {
  int shown = 0;
  for (const auto& r : records) {
    if (r.outcome == Outcome::ok || shown++ >= 10) continue;
    std::printf("  %s: %s %s, exit %d after %d attempt(s): %s\n", to_string(r.outcome), r.command.c_str(),
                r.project.c_str(), r.exit_code, r.attempts, r.message.c_str());
  }
}

RunFigures run_once(const Options& o, const fs::path& work, int n) {
  const fs::path dir = work / ("n" + std::to_string(n));
  fs::create_directories(dir);
  RunStore store(o, work, n);
  ::setenv("WKB_DB", store.url().c_str(), 1);
  ::setenv("WKB_USER", "teamleider", 1);
  const auto shared = make_shared(o, dir);
  std::vector<std::string> shared_ids;
  for (const auto& s : shared) shared_ids.push_back(s.shape.id);

  RunFigures f;
  f.n = n;
  f.load_before = loadavg();
  const CpuSample c0 = cpu_now();
  const double s0 = process_cpu_s(o.server_pid);
  const auto t0 = std::chrono::steady_clock::now();
  const bool all_ran = run_workstations(o, dir, n, shared);
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const CpuSample c1 = cpu_now();
  f.server_cpu_s = process_cpu_s(o.server_pid) - s0;
  f.load_after = loadavg();
  f.cpu_busy = c1.total > c0.total ? double(c1.busy - c0.busy) / double(c1.total - c0.total) : 0;
  if (!all_ran) throw std::runtime_error("a workstation process failed; see above");

  const auto records = read_records(dir, n);
  for (const auto& r : records) add(f.all, r);
  f.check = check_store(o.wkb, expectations(records, shared_ids), o.timeout_s);

  std::printf("\n## %d workstations, %.1f s, seed %llu, %s\n\n", n, f.seconds,
              static_cast<unsigned long long>(o.seed), is_sqlite(o.db) ? "SQLite" : "PostgreSQL");
  print_command_table(records, f.seconds);
  std::printf("\nall: %ld commands, %.1f/s (%.1f writes/s); CPU busy %.0f %% of the machine's %ld; cores used by "
              "wkb processes %.2f",
              f.all.commands, f.all.ok / f.seconds, f.all.writes_ok / f.seconds, 100 * f.cpu_busy,
              ::sysconf(_SC_NPROCESSORS_ONLN), f.all.cpu_ms / 1000 / f.seconds);
  if (o.server_pid > 0) std::printf(", by the PostgreSQL server %.2f", f.server_cpu_s / f.seconds);
  std::printf("; load average %s -> %s\n", f.load_before.c_str(), f.load_after.c_str());
  std::printf("errors %ld, timeouts %ld, busy retries %ld (gave up %ld); lost writes %ld, phantom writes %ld over "
              "%ld projects; audit verify %s (%ld entries, %.1f s)\n",
              f.all.errors, f.all.timeouts, f.all.busy_retries, f.all.busy_gave_up, f.check.lost, f.check.phantom,
              f.check.projects, f.check.verify_ok ? "ok" : "FAILED", f.check.entries, f.check.verify_ms / 1000);
  print_failures(records);
  for (std::size_t i = 0; i < f.check.problems.size() && i < 20; ++i)
    std::printf("  store: %s\n", f.check.problems[i].c_str());
  return f;
}

bool clean(const RunFigures& f) {
  return f.all.errors == 0 && f.all.timeouts == 0 && f.check.lost == 0 && f.check.phantom == 0 && f.check.verify_ok;
}

// The machine is shared (other builds), so besides throughput the table gives
// the CPU the run's own processes got and the commands per CPU second: that
// figure does not depend on how much CPU others left over.
void print_summary(const std::vector<RunFigures>& runs) {
  std::printf("\n## Summary\n\n| workstations | commands/s | writes/s | p50 ms | p99 ms | errors | busy retries "
              "| lost writes | audit verify | cores: wkb + server | commands per CPU s | load average after |\n"
              "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
  for (const auto& f : runs) {
    const double cores = f.all.cpu_ms / 1000 / f.seconds + f.server_cpu_s / f.seconds;
    std::printf("| %d | %.1f | %.1f | %.0f | %.0f | %ld | %ld | %ld | %s | %.2f | %.1f | %s |\n", f.n,
                f.all.ok / f.seconds, f.all.writes_ok / f.seconds, percentile(f.all.ms, 0.5),
                percentile(f.all.ms, 0.99), f.all.errors + f.all.timeouts, f.all.busy_retries,
                f.check.lost + f.check.phantom, f.check.verify_ok ? "ok" : "FAILED", cores,
                cores > 0 ? f.all.ok / f.seconds / cores : 0, f.load_after.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse_options(argc, argv);
  if (o.db.empty()) {
    const char* pg = std::getenv("WKB_TEST_PG");
    if (!pg || !*pg) {
      std::cerr << "store_load: skipped: no --db and WKB_TEST_PG is not set (scripts/pg-test-server.sh starts a "
                   "server)\n";
      return 77;
    }
    o.db = pg;
  }
  // Every workstation uses the same plugins and the real clock.
  ::setenv("WKB_PLUGIN_PATH", o.plugins.c_str(), 1);
  ::unsetenv("WKB_NOW");
  ::unsetenv("WKB_ALLOW_FIXED_CLOCK");
  char tmpl[] = "/tmp/wkb-load.XXXXXX";
  if (!::mkdtemp(tmpl)) {
    std::perror("store_load: mkdtemp");
    return 1;
  }
  const fs::path work = tmpl;
  int rc = 0;
  try {
    std::vector<RunFigures> runs;
    for (int n : o.workers) {
      runs.push_back(run_once(o, work, n));
      if (!clean(runs.back())) rc = 1;
    }
    if (runs.size() > 1) print_summary(runs);
  } catch (const std::exception& e) {
    std::cerr << "store_load: " << e.what() << "\n";
    rc = 1;
  }
  if (!o.keep) fs::remove_all(work);
  return rc;
}
