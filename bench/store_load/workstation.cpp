#include "workstation.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

#include "run_command.hpp"

namespace wkb::load {
namespace {

using Clock = std::chrono::steady_clock;
using Args = std::vector<std::string>;

// Where one of the workstation's own projects is in its life.
enum class Step { notify, findings, evaluate, close, dossier, verify, finished };

struct OwnProject {
  ProjectShape shape;
  Step step = Step::notify;
  std::vector<Part> pending;  // parts without a finding yet
  std::vector<Part> repair;   // parts whose last finding is open: a repair comes later
  std::vector<Part> done;
};

std::string escape(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

// `"stored":N` in a finding command's --json answer: what wkb says it wrote.
int stored_count(const std::string& out, int fallback) {
  const auto at = out.find("\"stored\":");
  return at == std::string::npos ? fallback : std::atoi(out.c_str() + at + 9);
}

class Workstation {
 public:
  explicit Workstation(const WorkstationConfig& c)
      : c_(c), rng_(c.seed * 1000003u + static_cast<std::uint64_t>(c.index)), record_(c.record_path) {
    char user[32];
    std::snprintf(user, sizeof user, "borger-%02d", c.index);
    user_ = user;
  }

  int run() {
    if (!record_) {
      std::cerr << "store_load: cannot write " << c_.record_path << "\n";
      return 1;
    }
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(c_.seconds));
    for (long n = 0; c_.commands > 0 ? n < c_.commands : Clock::now() < end; ++n) one_command();
    return record_.flush() ? 0 : 1;
  }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  template <class T>
  T& pick(std::vector<T>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng_)];
  }

  // The mix: a workstation mostly reads and records findings, now and then
  // starts or closes a project. Weights are out of 100.
  void one_command() {
    const double r = uniform() * 100;
    if (r < 40) return own_step();
    if (r < 52) return shared_finding_add();
    if (r < 60) return shared_findings_import();
    if (r < 65) return shared_evaluate();
    if (r < 66) return shared_replan();
    if (r < 84) return show();
    if (r < 91) return list();
    if (r < 99) return verify_one();
    return verify_all();
  }

  // ---- own projects ---------------------------------------------------------

  void own_step() {
    std::vector<OwnProject*> active;
    for (auto& p : own_)
      if (p.step != Step::finished) active.push_back(&p);
    // A workstation keeps a few projects going at once.
    if (active.size() < 3 && (active.empty() || uniform() < 0.3)) return create();
    OwnProject& p = *pick(active);
    if (p.step < Step::close && uniform() < 0.06) return replan(p);
    switch (p.step) {
      case Step::notify: return notify(p);
      case Step::findings: return uniform() < 0.5 ? finding_add(p) : findings_import(p);
      case Step::evaluate: return evaluate(p);
      case Step::close: return close(p);
      case Step::dossier: return dossier(p);
      case Step::verify: return verify_own(p);
      case Step::finished: return;
    }
  }

  void create() {
    char id[48];
    std::snprintf(id, sizeof id, "2026-W%02d-%04zu", c_.index, own_.size() + 1);
    OwnProject p;
    p.shape = random_shape(id, rng_);
    const std::string file = project_file(p.shape);
    Backdated back;
    const auto out = wkb("project create", id, 1, {"--json", "project", "create", "--instrument", "nl.test.opslag",
                                                    "--project", file});
    if (!out) return;
    p.pending = parts_of_answer(*out);
    own_.push_back(std::move(p));
  }

  void notify(OwnProject& p) {
    Backdated back;
    // The persons of the borgingsplan first: no bouwmelding without them.
    const auto show = wkb("project show", p.shape.id, 0, {"--json", "project", "show", p.shape.id});
    if (!show) return;
    if (const auto args = assign_args(p.shape.id, *show); !args.empty() && !wkb("project assign", p.shape.id, 1, args))
      return;
    if (wkb("project notify", p.shape.id, 1, {"project", "notify", p.shape.id, "--melder", melder_file(c_.dir)}))
      p.step = Step::findings;
  }

  void replan(OwnProject& p) {
    p.shape.schedule_shift_days += 7;
    const auto out = wkb("project replan", p.shape.id, 1,
                         {"--json", "project", "replan", p.shape.id, "--project", project_file(p.shape), "--reason",
                          "planning aannemer gewijzigd"});
    if (!out) return;
    // A moved schedule keeps the controls; should the plan ever change, the
    // parts still without a finding follow the new plan.
    p.pending.clear();
    for (const auto& part : parts_of_answer(*out))
      if (!contains(p.done, part) && !contains(p.repair, part)) p.pending.push_back(part);
    // A new plan version needs a new decision.
    if (p.step == Step::findings || p.step == Step::evaluate)
      p.step = p.pending.empty() && p.repair.empty() ? Step::evaluate : Step::findings;
  }

  // The next part's finding: mostly conform; one in five open first and
  // repaired later, as on a real site.
  FindingLine next_finding(OwnProject& p) {
    if (!p.repair.empty() && (p.pending.empty() || uniform() < 0.5)) {
      FindingLine l{p.repair.back(), "repaired", "hersteld en opnieuw beoordeeld"};
      p.repair.pop_back();
      p.done.push_back(l.part);
      return l;
    }
    FindingLine l{p.pending.back(), "conform", "volgens tekening en bestek"};
    p.pending.pop_back();
    if (uniform() < 0.2) {
      l.result = "open";
      l.note = "afwijking geconstateerd";
      p.repair.push_back(l.part);
    } else {
      p.done.push_back(l.part);
    }
    return l;
  }

  // Takes back the parts of a finding that was not stored.
  void undo(OwnProject& p, const std::vector<FindingLine>& lines) {
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      std::erase(p.done, it->part);
      std::erase(p.repair, it->part);
      (it->result == "repaired" ? p.repair : p.pending).push_back(it->part);
    }
  }

  void after_findings(OwnProject& p) {
    if (p.pending.empty() && p.repair.empty()) p.step = Step::evaluate;
  }

  void finding_add(OwnProject& p) {
    const FindingLine l = next_finding(p);
    if (!add_one("finding add", p.shape.id, l)) undo(p, {l});
    after_findings(p);
  }

  void findings_import(OwnProject& p) {
    std::vector<FindingLine> lines;
    const int n = 1 + static_cast<int>(uniform() * 4);
    for (int i = 0; i < n && !(p.pending.empty() && p.repair.empty()); ++i) lines.push_back(next_finding(p));
    if (!import("findings import", p.shape.id, lines)) undo(p, lines);
    after_findings(p);
  }

  void evaluate(OwnProject& p) {
    if (wkb("project evaluate", p.shape.id, 1, {"project", "evaluate", p.shape.id})) p.step = Step::close;
  }
  void close(OwnProject& p) {
    if (wkb("project close", p.shape.id, 1, {"project", "close", p.shape.id, "--place", "Utrecht"}))
      p.step = Step::dossier;
  }
  void dossier(OwnProject& p) {
    const std::string dir = c_.dir + "/dossier-" + p.shape.id;
    if (wkb("dossier", p.shape.id, 0, {"dossier", p.shape.id, "--out", dir})) p.step = Step::verify;
  }
  void verify_own(OwnProject& p) {
    if (wkb("audit verify ID", p.shape.id, 0, {"audit", "verify", p.shape.id})) p.step = Step::finished;
  }

  // ---- shared projects ------------------------------------------------------

  FindingLine shared_line(const SharedProject& s) {
    const Part& part = s.parts[std::uniform_int_distribution<std::size_t>(0, s.parts.size() - 1)(rng_)];
    const double r = uniform();
    if (r < 0.7) return {part, "conform", "in orde bevonden"};
    if (r < 0.9) return {part, "open", "afwijking geconstateerd"};
    return {part, "repaired", "hersteld"};
  }
  void shared_finding_add() {
    auto& s = pick(shared_);
    add_one("finding add [shared]", s.shape.id, shared_line(s));
  }
  void shared_findings_import() {
    auto& s = pick(shared_);
    std::vector<FindingLine> lines;
    for (int n = 2 + static_cast<int>(uniform() * 3); n > 0; --n) lines.push_back(shared_line(s));
    import("findings import [shared]", s.shape.id, lines);
  }
  void shared_evaluate() {
    auto& s = pick(shared_);
    wkb("project evaluate [shared]", s.shape.id, 1, {"project", "evaluate", s.shape.id});
  }
  void shared_replan() {
    // Another workstation's copy of the project with its own moved
    // schedule: the last replan wins, the controls stay the same.
    ProjectShape shape = pick(shared_).shape;
    shape.schedule_shift_days = 7 * (1 + static_cast<int>(uniform() * 4));
    wkb("project replan [shared]", shape.id, 1,
        {"project", "replan", shape.id, "--project", project_file(shape), "--reason", "bouwplanning verschoven"});
  }

  // ---- reads ----------------------------------------------------------------

  std::string any_project() {
    std::vector<std::string> ids;
    for (const auto& p : own_) ids.push_back(p.shape.id);
    for (const auto& s : shared_) ids.push_back(s.shape.id);
    return pick(ids);
  }
  void show() {
    const std::string id = any_project();
    const double r = uniform();
    if (r < 0.6) wkb("project show", id, 0, {"project", "show", id});
    else if (r < 0.9) wkb("project show --json", id, 0, {"--json", "project", "show", id});
    else wkb("project show --diff", id, 0, {"project", "show", id, "--diff"});
  }
  void list() { wkb("project list", "", 0, {"project", "list"}); }
  void verify_one() {
    const std::string id = any_project();
    wkb("audit verify ID", id, 0, {"audit", "verify", id});
  }
  void verify_all() { wkb("audit verify", "", 0, {"audit", "verify"}); }

  // ---- running commands -----------------------------------------------------

  // Each finding's note is its own: identical findings are not stored twice.
  std::string unique(const std::string& note) { return note + " (" + user_ + ", " + std::to_string(++notes_) + ")"; }
  bool add_one(const std::string& name, const std::string& id, const FindingLine& l) {
    Args a{"--json", "finding", "add", id, "--control", l.part.control, "--result", l.result, "--by", assessor_for(l.part.control),
           "--note", unique(l.note)};
    if (l.part.unit) a.insert(a.end(), {"--unit", *l.part.unit});
    return wkb(name, id, 1, a).has_value();
  }
  bool import(const std::string& name, const std::string& id, const std::vector<FindingLine>& lines) {
    const std::string file = c_.dir + "/findings-" + id + ".json";
    std::vector<FindingLine> own = lines;
    for (auto& l : own) l.note = unique(l.note);
    write_file(file, findings_json(id, own, today_utc()));
    return wkb(name, id, static_cast<int>(lines.size()), {"--json", "findings", "import", id, file}).has_value();
  }
  std::string project_file(const ProjectShape& p) {
    const std::string file = c_.dir + "/" + p.id + ".json";
    write_file(file, project_json(p));
    return file;
  }

  // Runs `wkb ARGS` with the retry policy, records it, and returns its stdout
  // when it succeeded. `writes`: what a success stores (findings, or 1 for a
  // write, 0 for a read).
  std::optional<std::string> wkb(const std::string& name, const std::string& id, int writes, const Args& args) {
    Args argv{c_.wkb};
    argv.insert(argv.end(), args.begin(), args.end());
    Record rec;
    rec.command = name;
    rec.project = id;
    const auto start = Clock::now();
    CommandResult r;
    for (rec.attempts = 1;; ++rec.attempts) {
      r = run_command(argv, c_.timeout_s);
      rec.cpu_ms += r.cpu_ms;
      if (r.timed_out || !is_busy(r.exit_code, r.err) || rec.attempts == kMaxAttempts) break;
      ++rec.busy_attempts;
      const double pause_s = 0.5 * (1 << (rec.attempts - 1)) * (0.5 + uniform());
      std::this_thread::sleep_for(std::chrono::duration<double>(pause_s));
    }
    rec.exit_code = r.exit_code;
    rec.wall_ms = r.wall_ms;
    rec.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    rec.outcome = r.timed_out ? Outcome::timeout
                  : r.exit_code == 0 ? Outcome::ok
                  : is_busy(r.exit_code, r.err) ? Outcome::busy : Outcome::error;
    rec.writes = rec.outcome == Outcome::ok && name.find("finding") != std::string::npos
                     ? stored_count(r.out, writes) : writes;
    if (rec.outcome != Outcome::ok) rec.message = escape(r.err.substr(0, r.err.find('\n')).substr(0, 300));
    record_ << rec.line() << "\n";
    if (rec.outcome != Outcome::ok) return std::nullopt;
    return r.out;
  }

  static bool contains(const std::vector<Part>& v, const Part& p) {
    return std::find(v.begin(), v.end(), p) != v.end();
  }

  const WorkstationConfig& c_;
  std::mt19937_64 rng_;
  std::ofstream record_;
  std::string user_;
  long notes_ = 0;
  std::vector<OwnProject> own_;
  std::vector<SharedProject> shared_ = c_.shared;
};

}  // namespace

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::ok: return "ok";
    case Outcome::error: return "error";
    case Outcome::busy: return "busy";
    case Outcome::timeout: return "timeout";
  }
  return "?";
}

bool is_busy(int exit_code, const std::string& err) {
  return exit_code == 5 || (exit_code == 3 && err.find("database is locked") != std::string::npos);
}

std::string Record::line() const {
  std::ostringstream o;
  o << command << '\t' << project << '\t' << to_string(outcome) << '\t' << exit_code << '\t' << attempts << '\t'
    << busy_attempts << '\t' << wall_ms << '\t' << total_ms << '\t' << cpu_ms << '\t' << writes << '\t' << message;
  return o.str();
}

Record Record::parse(const std::string& line) {
  std::vector<std::string> f;
  std::size_t from = 0;
  for (int i = 0; i < 10; ++i) {
    const auto tab = line.find('\t', from);
    if (tab == std::string::npos) throw std::runtime_error("damaged record line: " + line);
    f.push_back(line.substr(from, tab - from));
    from = tab + 1;
  }
  f.push_back(line.substr(from));
  Record r;
  r.command = f[0];
  r.project = f[1];
  const std::map<std::string, Outcome> outcomes{
      {"ok", Outcome::ok}, {"error", Outcome::error}, {"busy", Outcome::busy}, {"timeout", Outcome::timeout}};
  r.outcome = outcomes.at(f[2]);
  r.exit_code = std::stoi(f[3]);
  r.attempts = std::stoi(f[4]);
  r.busy_attempts = std::stoi(f[5]);
  r.wall_ms = std::stod(f[6]);
  r.total_ms = std::stod(f[7]);
  r.cpu_ms = std::stod(f[8]);
  r.writes = std::stoi(f[9]);
  r.message = f[10];
  return r;
}

int run_workstation(const WorkstationConfig& config) {
  try {
    return Workstation(config).run();
  } catch (const std::exception& e) {
    std::cerr << "store_load: workstation " << config.index << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace wkb::load
