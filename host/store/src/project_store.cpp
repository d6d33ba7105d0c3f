#include "wkb/store/project_store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "database.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/host/log.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/store/clock.hpp"

namespace wkb::store {
namespace json = boost::json;
using detail::Database;
using detail::Transaction;
using wkb::host::InputError;

namespace {

std::string q(const std::string& s) { return "\"" + s + "\""; }

// A data row as canonical JSON, hashed: binds the row to its audit entry.
std::string row_sha256(const json::object& row) { return wkb::host::sha256_hex(serialize_canonical(row)); }

std::string response_sha256(std::string_view response) {
  try {
    return wkb::host::sha256_hex(canonicalize(response, "response"));
  } catch (const std::exception&) {
    return wkb::host::sha256_hex(response);  // not JSON: the bytes themselves
  }
}

json::object plan_version_row(const std::string& project, const PlanVersion& v, const std::string& project_json,
                              const std::string& assessment_json, const std::string& sample_json,
                              const std::string& plan_json) {
  return {{"project_id", project},          {"version", v.version},
          {"created_at", v.created_at},     {"created_by", v.created_by},
          {"reason", v.reason},             {"instrument_version", v.instrument_version},
          {"project_json", project_json},   {"assessment_json", assessment_json},
          {"sample_json", sample_json},     {"plan_json", plan_json}};
}

json::object finding_row(const std::string& project, int seq, const std::string& control, const std::string& unit,
                         const std::string& result, const std::string& note, const std::string& by,
                         const std::string& date, const std::string& recorded_at) {
  return {{"project_id", project}, {"seq", seq},       {"control_id", control},   {"unit_id", unit},
          {"result", result},      {"note", note},     {"assessed_by", by},       {"finding_date", date},
          {"recorded_at", recorded_at}};
}

json::object override_row(const std::string& project, int seq, int plan_version, const std::string& risk,
                          const std::string& before, const std::string& after, const std::string& motivation,
                          const std::string& by, const std::string& at) {
  return {{"project_id", project}, {"seq", seq},       {"plan_version", plan_version}, {"risk_id", risk},
          {"before_json", before}, {"after_json", after}, {"motivation", motivation},  {"made_by", by},
          {"made_at", at}};
}

json::object decision_row(const std::string& project, int seq, int plan_version, int findings_count,
                          const std::string& outcome, const std::string& text, const std::string& by,
                          const std::string& at) {
  return {{"project_id", project}, {"seq", seq},         {"plan_version", plan_version},
          {"findings_count", findings_count},            {"outcome", outcome},
          {"decision_json", text}, {"made_by", by},      {"made_at", at}};
}

json::object notification_row(const std::string& project, int plan_version, const std::string& package,
                              const std::string& warnings, const std::string& by, const std::string& at) {
  return {{"project_id", project}, {"plan_version", plan_version}, {"package_json", package},
          {"warnings", warnings},  {"made_by", by},                {"made_at", at}};
}

json::object closure_row(const std::string& project, const std::string& kind, int decision_seq,
                         const std::string& from, const std::string& effort, const std::string& by,
                         const std::string& at) {
  return {{"project_id", project}, {"kind", kind},     {"decision_seq", decision_seq}, {"from_outcome", from},
          {"effort", effort},      {"made_by", by},    {"made_at", at}};
}

json::object plugin_call_row(const std::string& project, int seq, const std::string& method, const std::string& plugin,
                             const std::string& version, const std::string& files, const std::string& request,
                             const std::string& request_hash, const std::string& response_hash) {
  return {{"project_id", project},     {"seq", seq},          {"method", method},
          {"plugin_id", plugin},       {"plugin_version", version}, {"plugin_sha256", files},
          {"request", request},        {"request_sha256", request_hash}, {"response_sha256", response_hash}};
}

json::object risk_json(const Risk& r) {
  return {{"likelihood", r.likelihood}, {"impact", r.impact}, {"recoverability", r.recoverability}, {"score", r.score}};
}

}  // namespace

Findings ProjectRecord::findings_message() const {
  Findings f;
  f.project = summary.id;
  for (const auto& s : findings) f.findings.push_back(s.finding);
  return f;
}

std::string plugin_files_sha256(const wkb::host::Manifest& manifest) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(manifest.folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file())
      files.emplace_back(fs::relative(it->path(), manifest.folder).generic_string(),
                         wkb::host::sha256_file(it->path()));
  std::sort(files.begin(), files.end());
  std::string text;
  for (const auto& [name, hash] : files) text += name + " " + hash + "\n";
  return wkb::host::sha256_hex(text);
}

// ---------------------------------------------------------------------------

struct ProjectStore::Impl {
  explicit Impl(const std::string& db) : db(db) {}
  Database db;
  std::function<void(const std::string&)> hook;
  std::map<std::string, std::string> plugin_hash_cache;  // folder -> files hash

  soci::session& sql() { return db.sql(); }
  void step(const std::string& name) {
    if (hook) hook(name);
  }
  [[noreturn]] void store_failure(const soci::soci_error& e) {
    throw InputError("store " + db.display() + ": " + e.get_error_message());
  }

  // The state of one project inside a command's transaction.
  struct Ctx {
    std::string project;
    std::string actor;
    std::string at;
    State state = State::draft;
    int plan_version = 0;
    int audit_count = 0;
    std::string audit_head = kGenesisHash;
    int plugin_calls = 0;
  };

  // Locks the project row for this transaction (PostgreSQL: row lock; SQLite:
  // the transaction already holds the write lock) and reads its state.
  Ctx lock(const std::string& id, const std::string& actor) {
    Ctx c;
    c.project = id;
    c.actor = actor;
    c.at = now_utc();
    std::string state;
    soci::indicator ind = soci::i_ok;
    sql() << "UPDATE projects SET updated_at = updated_at WHERE id = :id", soci::use(id);
    sql() << "SELECT state, plan_version, audit_count, audit_head FROM projects WHERE id = :id", soci::into(state, ind),
        soci::into(c.plan_version), soci::into(c.audit_count), soci::into(c.audit_head), soci::use(id);
    if (!sql().got_data()) throw_unknown(id);
    c.state = *parse_state(state);
    sql() << "SELECT COUNT(*) FROM plugin_calls WHERE project_id = :id", soci::into(c.plugin_calls), soci::use(id);
    return c;
  }

  [[noreturn]] void throw_unknown(const std::string& id) {
    int n = 0;
    sql() << "SELECT COUNT(*) FROM projects", soci::into(n);
    throw InputError("project " + q(id) + " is not in store " + db.display() +
                     (n ? "; see `wkb project list` for the projects it holds" : " (the store holds no projects)"));
  }

  void audit(Ctx& c, const std::string& kind, const json::object& payload) {
    AuditEntry e;
    e.project = c.project;
    e.seq = c.audit_count + 1;
    e.at = c.at;
    e.actor = c.actor;
    e.kind = kind;
    e.payload = serialize_canonical(payload);
    e.prev_hash = c.audit_head;
    e.hash = audit_hash(e);
    sql() << "INSERT INTO audit_log (project_id, seq, at, actor, kind, payload, prev_hash, hash)"
             " VALUES (:p, :s, :at, :actor, :kind, :payload, :prev, :hash)",
        soci::use(e.project), soci::use(e.seq), soci::use(e.at), soci::use(e.actor), soci::use(e.kind),
        soci::use(e.payload), soci::use(e.prev_hash), soci::use(e.hash);
    c.audit_count = e.seq;
    c.audit_head = e.hash;
  }

  void change_state(Ctx& c, State to) {
    if (to == c.state) return;
    audit(c, "state", {{"from", to_string(c.state)}, {"to", to_string(to)}});
    c.state = to;
  }

  void save(const Ctx& c) {
    const std::string state(to_string(c.state));
    sql() << "UPDATE projects SET state = :s, plan_version = :v, updated_at = :u, audit_count = :n,"
             " audit_head = :h WHERE id = :id",
        soci::use(state), soci::use(c.plan_version), soci::use(c.at), soci::use(c.audit_count),
        soci::use(c.audit_head), soci::use(c.project);
  }

  const std::string& plugin_hash(const wkb::host::Manifest& m) {
    auto it = plugin_hash_cache.find(m.folder.string());
    if (it == plugin_hash_cache.end())
      it = plugin_hash_cache.emplace(m.folder.string(), plugin_files_sha256(m)).first;
    return it->second;
  }

  // Records each call the instrument makes while alive.
  class Recorder {
   public:
    Recorder(Impl& impl, Ctx& c, wkb::host::CheckedInstrument& instrument) : instrument_(instrument) {
      const wkb::host::Manifest m = instrument.manifest();
      const std::string files = impl.plugin_hash(m);
      instrument.set_observer([&impl, &c, m, files](wkb::host::Method method, std::string_view request,
                                                    std::string_view response) {
        const int seq = ++c.plugin_calls;
        const std::string meth(wkb::host::to_string(method));
        const std::string req(request);
        const std::string req_hash = wkb::host::sha256_hex(request);
        const std::string resp_hash = response_sha256(response);
        impl.sql() << "INSERT INTO plugin_calls (project_id, seq, method, plugin_id, plugin_version, plugin_sha256,"
                      " request, request_sha256, response_sha256) VALUES (:p, :s, :m, :id, :v, :h, :r, :rh, :sh)",
            soci::use(c.project), soci::use(seq), soci::use(meth), soci::use(m.id), soci::use(m.version),
            soci::use(files), soci::use(req), soci::use(req_hash), soci::use(resp_hash);
        const json::object row =
            plugin_call_row(c.project, seq, meth, m.id, m.version, files, req, req_hash, resp_hash);
        impl.audit(c, "plugin-call",
                   {{"call", seq}, {"method", meth}, {"plugin", m.id}, {"version", m.version},
                    {"plugin_sha256", files}, {"request_sha256", req_hash}, {"response_sha256", resp_hash},
                    {"row_sha256", row_sha256(row)}});
        impl.step("plugin-call-recorded");
      });
    }
    ~Recorder() { instrument_.set_observer({}); }

   private:
    wkb::host::CheckedInstrument& instrument_;
  };

  void insert_plan_version(Ctx& c, PlanVersion& v) {
    v.version = c.plan_version + 1;
    v.created_at = c.at;
    v.created_by = c.actor;
    const std::string pj = write(v.project), aj = write(v.assessment), sj = write(v.sample), plj = write(v.plan);
    sql() << "INSERT INTO plan_versions (project_id, version, created_at, created_by, reason, instrument_version,"
             " project_json, assessment_json, sample_json, plan_json)"
             " VALUES (:p, :v, :at, :by, :r, :iv, :pj, :aj, :sj, :plj)",
        soci::use(c.project), soci::use(v.version), soci::use(v.created_at), soci::use(v.created_by),
        soci::use(v.reason), soci::use(v.instrument_version), soci::use(pj), soci::use(aj), soci::use(sj),
        soci::use(plj);
    audit(c, "plan-version",
          {{"version", v.version},
           {"reason", v.reason},
           {"instrument_version", v.instrument_version},
           {"controls", v.plan.controls.size()},
           {"inspections", v.plan.inspections.size()},
           {"row_sha256", row_sha256(plan_version_row(c.project, v, pj, aj, sj, plj))}});
    c.plan_version = v.version;
    step("plan-version-written");
  }

  std::vector<PlanVersion> plan_versions(const std::string& id, bool only_current, int current) {
    std::vector<PlanVersion> out;
    PlanVersion v;
    std::string pj, aj, sj, plj;
    const int from = only_current ? current : 0;
    soci::statement st = (sql().prepare << "SELECT version, created_at, created_by, reason, instrument_version,"
                                           " project_json, assessment_json, sample_json, plan_json FROM plan_versions"
                                           " WHERE project_id = :p AND version >= :v ORDER BY version",
                          soci::into(v.version), soci::into(v.created_at), soci::into(v.created_by),
                          soci::into(v.reason), soci::into(v.instrument_version), soci::into(pj), soci::into(aj),
                          soci::into(sj), soci::into(plj), soci::use(id), soci::use(from));
    st.execute();
    while (st.fetch()) {
      const std::string subject = "store: project " + id + ", plan version " + std::to_string(v.version);
      v.project = read_project(pj, subject);
      v.assessment = read_assessment(aj, subject);
      v.sample = read_sample(sj, subject);
      v.plan = read_plan(plj, subject);
      out.push_back(v);
    }
    return out;
  }

  std::vector<StoredFinding> findings(const std::string& id) {
    std::vector<StoredFinding> out;
    int seq = 0;
    std::string control, unit, result, note, by, date, recorded;
    soci::statement st = (sql().prepare << "SELECT seq, control_id, unit_id, result, note, assessed_by, finding_date,"
                                           " recorded_at FROM findings WHERE project_id = :p ORDER BY seq",
                          soci::into(seq), soci::into(control), soci::into(unit), soci::into(result), soci::into(note),
                          soci::into(by), soci::into(date), soci::into(recorded), soci::use(id));
    st.execute();
    while (st.fetch()) {
      StoredFinding s;
      s.seq = seq;
      s.finding.control = control;
      if (!unit.empty()) s.finding.unit = unit;
      const auto r = parse_finding_result(result);
      const auto d = Date::parse(date);
      if (!r || !d)
        throw InputError("store " + db.display() + ": finding " + std::to_string(seq) + " of project " + id +
                         " is damaged (result " + q(result) + ", date " + q(date) + "); run `wkb audit verify " + id +
                         "`");
      s.finding.result = *r;
      s.finding.date = *d;
      s.finding.note = note;
      s.finding.assessed_by = by;
      s.recorded_at = recorded;
      out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<StoredDecision> decisions(const std::string& id) {
    std::vector<StoredDecision> out;
    StoredDecision d;
    std::string outcome, text;
    soci::statement st = (sql().prepare << "SELECT seq, plan_version, findings_count, outcome, decision_json, made_by,"
                                           " made_at FROM decisions WHERE project_id = :p ORDER BY seq",
                          soci::into(d.seq), soci::into(d.plan_version), soci::into(d.findings_count),
                          soci::into(outcome), soci::into(text), soci::into(d.by), soci::into(d.at), soci::use(id));
    st.execute();
    while (st.fetch()) {
      d.decision = read_decision(text, "store: project " + id + ", decision " + std::to_string(d.seq));
      out.push_back(d);
    }
    return out;
  }

  ProjectSummary summary(const std::string& id) {
    ProjectSummary s;
    std::string state;
    sql() << "SELECT p.id, p.name, p.instrument_id, p.instrument_name, v.instrument_version, p.state, p.plan_version,"
             " p.created_at, p.updated_at FROM projects p JOIN plan_versions v ON v.project_id = p.id AND"
             " v.version = p.plan_version WHERE p.id = :id",
        soci::into(s.id), soci::into(s.name), soci::into(s.instrument_id), soci::into(s.instrument_name),
        soci::into(s.instrument_version), soci::into(state), soci::into(s.plan_version), soci::into(s.created_at),
        soci::into(s.updated_at), soci::use(id);
    if (!sql().got_data()) throw_unknown(id);
    s.state = parse_state(state).value_or(State::draft);
    return s;
  }

  ProjectRecord record(const std::string& id) {
    ProjectRecord r;
    r.summary = summary(id);
    r.plans = plan_versions(id, false, 0);
    r.findings = findings(id);
    r.decisions = decisions(id);
    {
      RiskOverride o;
      std::string risk, before, after;
      soci::statement st = (sql().prepare << "SELECT seq, plan_version, risk_id, before_json, after_json, motivation,"
                                             " made_by, made_at FROM overrides WHERE project_id = :p ORDER BY seq",
                            soci::into(o.seq), soci::into(o.plan_version), soci::into(risk), soci::into(before),
                            soci::into(after), soci::into(o.motivation), soci::into(o.by), soci::into(o.at),
                            soci::use(id));
      st.execute();
      while (st.fetch()) {
        auto to_risk = [&](const std::string& text) {
          Risk k;
          k.id = risk;
          const json::object obj = parse_json(text, "store: override").as_object();
          k.likelihood = static_cast<int>(obj.at("likelihood").to_number<int>());
          k.impact = static_cast<int>(obj.at("impact").to_number<int>());
          k.recoverability = static_cast<int>(obj.at("recoverability").to_number<int>());
          k.score = static_cast<int>(obj.at("score").to_number<int>());
          return k;
        };
        o.before = to_risk(before);
        o.after = to_risk(after);
        r.overrides.push_back(o);
      }
    }
    {
      Notification n;
      std::string warnings;
      sql() << "SELECT plan_version, package_json, warnings, made_by, made_at FROM notifications WHERE project_id = :p",
          soci::into(n.plan_version), soci::into(n.package_json), soci::into(warnings), soci::into(n.by),
          soci::into(n.at), soci::use(id);
      if (sql().got_data()) {
        const json::value list = parse_json(warnings, "store: warnings");
        for (const auto& w : list.as_array()) n.warnings.emplace_back(w.as_string());
        r.notification = n;
      }
    }
    {
      Closure c;
      std::string kind, from;
      sql() << "SELECT kind, decision_seq, from_outcome, effort, made_by, made_at FROM closures WHERE project_id = :p",
          soci::into(kind), soci::into(c.decision_seq), soci::into(from), soci::into(c.effort), soci::into(c.by),
          soci::into(c.at), soci::use(id);
      if (sql().got_data()) {
        c.kind = parse_outcome(kind).value_or(Outcome::incomplete);
        c.from_outcome = parse_outcome(from).value_or(Outcome::incomplete);
        r.closure = c;
      }
    }
    return r;
  }

  // Runs sample and plan on `assessment` (assess already done or overridden).
  PlanVersion make_plan(wkb::host::CheckedInstrument& instrument, const Project& project, const Assessment& assessment,
                        const std::string& reason) {
    PlanVersion v;
    v.reason = reason;
    v.instrument_version = instrument.description().version;
    v.project = project;
    v.assessment = assessment;
    v.sample = instrument.sample(project, assessment);
    v.plan = instrument.plan(project, v.assessment, v.sample);
    return v;
  }

  // Findings already stored must still fit a new plan: a finding is evidence
  // and is never dropped silently.
  void check_findings_fit(const std::string& id, const Project& project, const Plan& plan) {
    Findings f;
    f.project = project.id;
    for (auto& s : findings(id)) f.findings.push_back(s.finding);
    Issues issues;
    wkb::host::check_findings(project, plan, f, issues);
    if (!issues.empty()) {
      std::string text = "the new plan of project " + id +
                         " no longer contains controls or units that have findings; a finding is never dropped. "
                         "Keep those controls in the design, or record the change otherwise:";
      for (const auto& i : issues.list()) text += "\n  stored " + i.to_string();
      throw InputError(text);
    }
  }
};

// ---------------------------------------------------------------------------

ProjectStore::ProjectStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProjectStore::~ProjectStore() = default;

std::unique_ptr<ProjectStore> ProjectStore::open(const std::string& db, bool create) {
  if (!create) {
    const detail::Target t = detail::parse_target(db);
    std::error_code ec;
    if (t.backend == detail::Backend::sqlite && !std::filesystem::exists(t.connect, ec))
      throw wkb::host::InputError("store " + t.display +
                                  " does not exist; `wkb project create` makes a new store (check --db or WKB_DB)");
  }
  return std::unique_ptr<ProjectStore>(new ProjectStore(std::make_unique<Impl>(db)));
}

std::string ProjectStore::backend() const {
  return impl_->db.backend() == detail::Backend::sqlite ? "sqlite" : "postgresql";
}
std::string ProjectStore::display() const { return impl_->db.display(); }
int ProjectStore::schema_version() const { return impl_->db.schema_version(); }
void ProjectStore::set_step_hook(std::function<void(const std::string&)> hook) { impl_->hook = std::move(hook); }

#define WKB_STORE_TRY try {
#define WKB_STORE_CATCH                 \
  }                                     \
  catch (const soci::soci_error& e) {   \
    impl_->store_failure(e);            \
  }

ProjectSummary ProjectStore::create(const Project& project, const std::string& instrument_id,
                                    const InstrumentLoader& load, const std::string& by) {
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  int exists = 0;
  s.sql() << "SELECT COUNT(*) FROM projects WHERE id = :id", soci::into(exists), soci::use(project.id);
  if (exists)
    throw InputError("project " + q(project.id) + " already exists in store " + s.db.display() +
                     "; to record a changed design or schedule use `wkb project replan " + project.id +
                     " --project FILE`");
  auto& instrument = load(instrument_id);
  const Description& d = instrument.description();
  Impl::Ctx c;
  c.project = project.id;
  c.actor = by;
  c.at = now_utc();
  const std::string draft(to_string(State::draft));
  const int zero = 0;
  const std::string genesis = kGenesisHash;
  s.sql() << "INSERT INTO projects (id, name, instrument_id, instrument_name, state, plan_version, created_at,"
             " updated_at, audit_count, audit_head) VALUES (:id, :n, :i, :in, :s, :v, :c, :u, :ac, :ah)",
      soci::use(project.id), soci::use(project.name), soci::use(d.id), soci::use(d.name), soci::use(draft),
      soci::use(zero), soci::use(c.at), soci::use(c.at), soci::use(zero), soci::use(genesis);
  s.audit(c, "created", {{"name", project.name}, {"instrument", d.id}, {"instrument_version", d.version},
                         {"project_sha256", wkb::host::sha256_hex(write(project))}});
  s.step("project-written");
  PlanVersion v;
  {
    Impl::Recorder rec(s, c, instrument);
    const Assessment a = instrument.assess(project);
    v = s.make_plan(instrument, project, a, "create");
  }
  s.insert_plan_version(c, v);
  s.change_state(c, transition(project.id, c.state, Action::plan));
  s.save(c);
  tx.commit();
  return s.summary(project.id);
  WKB_STORE_CATCH
}

std::vector<ProjectSummary> ProjectStore::list() {
  WKB_STORE_TRY
  Transaction snapshot(impl_->db, Transaction::read);
  std::vector<std::string> ids;
  std::string id;
  soci::statement st = (impl_->sql().prepare << "SELECT id FROM projects ORDER BY id", soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  std::vector<ProjectSummary> out;
  for (const auto& x : ids) out.push_back(impl_->summary(x));
  return out;
  WKB_STORE_CATCH
}

ProjectRecord ProjectStore::load(const std::string& id) {
  WKB_STORE_TRY
  Transaction snapshot(impl_->db, Transaction::read);
  return impl_->record(id);
  WKB_STORE_CATCH
}

std::vector<AuditEntry> ProjectStore::audit_log(const std::string& id) {
  WKB_STORE_TRY
  impl_->summary(id);
  std::vector<AuditEntry> out;
  AuditEntry e;
  soci::statement st =
      (impl_->sql().prepare << "SELECT project_id, seq, at, actor, kind, payload, prev_hash, hash FROM audit_log"
                               " WHERE project_id = :p ORDER BY seq",
       soci::into(e.project), soci::into(e.seq), soci::into(e.at), soci::into(e.actor), soci::into(e.kind),
       soci::into(e.payload), soci::into(e.prev_hash), soci::into(e.hash), soci::use(id));
  st.execute();
  while (st.fetch()) out.push_back(e);
  return out;
  WKB_STORE_CATCH
}

PlanVersion ProjectStore::override_risk(const std::string& id, const OverrideRequest& r, const InstrumentLoader& load) {
  auto trim_empty = [](const std::string& s) { return s.find_first_not_of(" \t\n") == std::string::npos; };
  if (trim_empty(r.motivation))
    throw InputError("a risk override needs a written motivation (--motivation TEXT): why the score differs from "
                     "the instrument's");
  if (trim_empty(r.by)) throw InputError("a risk override needs the name of the assurer who makes it (--by NAME)");
  if (!r.likelihood && !r.impact && !r.recoverability)
    throw InputError("a risk override changes at least one of --likelihood, --impact, --recoverability");
  for (const auto& [name, v] : {std::pair{"likelihood", r.likelihood}, std::pair{"impact", r.impact},
                                std::pair{"recoverability", r.recoverability}})
    if (v && (*v < 1 || *v > 5))
      throw InputError(std::string("--") + name + " " + std::to_string(*v) + " is out of range; use 1 to 5");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, r.by);
  transition(id, c.state, Action::override_risk);
  const PlanVersion current = s.plan_versions(id, true, c.plan_version).at(0);
  Assessment a = current.assessment;
  auto it = std::find_if(a.risks.begin(), a.risks.end(), [&](const Risk& k) { return k.id == r.risk; });
  if (it == a.risks.end()) {
    std::string ids;
    for (const auto& k : a.risks) ids += (ids.empty() ? "" : ", ") + k.id;
    throw InputError("project " + id + " has no risk " + q(r.risk) + "; its risks are: " + ids);
  }
  const Risk before = *it;
  if (r.likelihood) it->likelihood = *r.likelihood;
  if (r.impact) it->impact = *r.impact;
  if (r.recoverability) it->recoverability = *r.recoverability;
  it->score = it->likelihood * it->impact * it->recoverability;
  const Risk after = *it;
  auto& instrument = load(s.summary(id).instrument_id);
  PlanVersion v;
  {
    Impl::Recorder rec(s, c, instrument);
    v = s.make_plan(instrument, current.project, a, "risk override " + r.risk);
  }
  s.check_findings_fit(id, current.project, v.plan);
  s.insert_plan_version(c, v);
  int seq = 0;
  s.sql() << "SELECT COUNT(*) FROM overrides WHERE project_id = :p", soci::into(seq), soci::use(id);
  ++seq;
  const std::string bj = serialize_canonical(risk_json(before)), aj = serialize_canonical(risk_json(after));
  s.sql() << "INSERT INTO overrides (project_id, seq, plan_version, risk_id, before_json, after_json, motivation,"
             " made_by, made_at) VALUES (:p, :s, :v, :r, :b, :a, :m, :by, :at)",
      soci::use(id), soci::use(seq), soci::use(v.version), soci::use(r.risk), soci::use(bj), soci::use(aj),
      soci::use(r.motivation), soci::use(r.by), soci::use(c.at);
  const json::object row = override_row(id, seq, v.version, r.risk, bj, aj, r.motivation, r.by, c.at);
  s.audit(c, "override",
          {{"seq", seq}, {"risk", r.risk}, {"before", risk_json(before)}, {"after", risk_json(after)},
           {"motivation", r.motivation}, {"plan_version", v.version}, {"row_sha256", row_sha256(row)}});
  s.save(c);
  tx.commit();
  return v;
  WKB_STORE_CATCH
}

PlanVersion ProjectStore::replan(const std::string& id, const std::optional<Project>& changed, const std::string& reason,
                                 const InstrumentLoader& load, const std::string& by) {
  if (changed && changed->id != id)
    throw InputError("the project file is for project " + q(changed->id) + ", not " + q(id) +
                     "; a project keeps its id");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::replan);
  const PlanVersion current = s.plan_versions(id, true, c.plan_version).at(0);
  const Project project = changed ? *changed : current.project;
  auto& instrument = load(s.summary(id).instrument_id);
  PlanVersion v;
  json::array carried;
  {
    Impl::Recorder rec(s, c, instrument);
    Assessment a = instrument.assess(project);
    // An assurer's recorded deviation holds until overridden again.
    RiskOverride o;
    std::string risk, after;
    soci::statement st = (s.sql().prepare << "SELECT risk_id, after_json FROM overrides WHERE project_id = :p"
                                             " ORDER BY seq",
                          soci::into(risk), soci::into(after), soci::use(id));
    st.execute();
    while (st.fetch()) {
      for (auto& k : a.risks)
        if (k.id == risk) {
          const json::object obj = parse_json(after, "store: override").as_object();
          k.likelihood = static_cast<int>(obj.at("likelihood").to_number<int>());
          k.impact = static_cast<int>(obj.at("impact").to_number<int>());
          k.recoverability = static_cast<int>(obj.at("recoverability").to_number<int>());
          k.score = k.likelihood * k.impact * k.recoverability;
          carried.push_back(json::value(risk));
        }
    }
    v = s.make_plan(instrument, project, a, reason.empty() ? "replan" : "replan: " + reason);
  }
  s.check_findings_fit(id, project, v.plan);
  s.insert_plan_version(c, v);
  s.audit(c, "replan", {{"reason", reason}, {"project_changed", changed.has_value()},
                        {"project_sha256", wkb::host::sha256_hex(write(project))}, {"overrides_kept", carried}});
  if (changed && changed->name != current.project.name)
    s.sql() << "UPDATE projects SET name = :n WHERE id = :id", soci::use(changed->name), soci::use(id);
  s.save(c);
  tx.commit();
  return v;
  WKB_STORE_CATCH
}

Notification ProjectStore::notify(const std::string& id, const std::string& by) {
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  const State next = transition(id, c.state, Action::notify);
  const PlanVersion current = s.plan_versions(id, true, c.plan_version).at(0);
  Notification n;
  n.plan_version = current.version;
  n.by = by;
  n.at = c.at;
  // The bouwmelding is filed at least 4 weeks before building starts.
  const Date today = *Date::parse(c.at.substr(0, 10));
  std::optional<SchedulePhase> first;
  for (const auto& p : current.project.schedule)
    if (p.phase != Phase::design && (!first || p.start < first->start)) first = p;
  if (first && first->start < today.plus_days(28)) {
    const int days = first->start.days() - today.days();
    const std::string when =
        days >= 0 ? "begint op " + first->start.to_string() + ", " + std::to_string(days) + " dag(en) na deze bouwmelding"
                  : "is al op " + first->start.to_string() + " begonnen, " + std::to_string(-days) +
                        " dag(en) voor deze bouwmelding";
    n.warnings.push_back("de eerste bouwfase (" + label_nl(first->phase) + ") " + when +
                         "; de bouwmelding hoort ten minste 4 weken (28 dagen) voor de start van de bouw te worden "
                         "gedaan");
  }
  const json::object package{{"schema", "wkb.bouwmelding/1"},
                             {"project", parse_json(write(current.project), "project")},
                             {"assessment", parse_json(write(current.assessment), "assessment")},
                             {"plan", parse_json(write(current.plan), "plan")},
                             {"plan_version", current.version},
                             {"instrument", {{"id", s.summary(id).instrument_id},
                                             {"version", current.instrument_version}}},
                             {"notified_at", c.at},
                             {"notified_by", by}};
  n.package_json = serialize_canonical(package);
  json::array warnings;
  for (const auto& w : n.warnings) warnings.push_back(json::value(w));
  const std::string wj = serialize_canonical(warnings);
  s.sql() << "INSERT INTO notifications (project_id, plan_version, package_json, warnings, made_by, made_at)"
             " VALUES (:p, :v, :pk, :w, :by, :at)",
      soci::use(id), soci::use(n.plan_version), soci::use(n.package_json), soci::use(wj), soci::use(by),
      soci::use(c.at);
  const json::object row = notification_row(id, n.plan_version, n.package_json, wj, by, c.at);
  s.audit(c, "notification", {{"plan_version", n.plan_version}, {"warnings", warnings},
                              {"row_sha256", row_sha256(row)}});
  s.change_state(c, next);
  s.save(c);
  tx.commit();
  return n;
  WKB_STORE_CATCH
}

int ProjectStore::add_findings(const std::string& id, const std::vector<Finding>& list, const std::string& by) {
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  const State next = transition(id, c.state, Action::add_finding);
  const PlanVersion current = s.plan_versions(id, true, c.plan_version).at(0);
  Findings f;
  f.project = id;
  f.findings = list;
  Issues issues;
  wkb::host::check_findings(current.project, current.plan, f, issues);
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].assessed_by.find_first_not_of(" \t") == std::string::npos)
      issues.add("$.findings[" + std::to_string(i) + "].assessed_by", "assessed-by",
                 "a finding names who assessed it (--by NAME)");
  if (!issues.empty()) throw ValidationError("findings for project " + id, issues.list());
  if (list.empty()) throw InputError("no findings given for project " + id);
  int seq = 0;
  s.sql() << "SELECT COUNT(*) FROM findings WHERE project_id = :p", soci::into(seq), soci::use(id);
  for (const auto& x : list) {
    ++seq;
    const std::string unit = x.unit.value_or(""), result(to_string(x.result)), date = x.date.to_string();
    s.sql() << "INSERT INTO findings (project_id, seq, control_id, unit_id, result, note, assessed_by, finding_date,"
               " recorded_at) VALUES (:p, :s, :c, :u, :r, :n, :by, :d, :at)",
        soci::use(id), soci::use(seq), soci::use(x.control), soci::use(unit), soci::use(result), soci::use(x.note),
        soci::use(x.assessed_by), soci::use(date), soci::use(c.at);
    s.audit(c, "finding",
            {{"seq", seq}, {"control", x.control}, {"unit", unit}, {"result", result}, {"date", date},
             {"row_sha256", row_sha256(finding_row(id, seq, x.control, unit, result, x.note, x.assessed_by, date,
                                                   c.at))}});
    s.step("finding-written");
  }
  s.change_state(c, next);
  s.save(c);
  tx.commit();
  return static_cast<int>(list.size());
  WKB_STORE_CATCH
}

StoredDecision ProjectStore::evaluate(const std::string& id, const InstrumentLoader& load, const std::string& by) {
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::evaluate);
  const PlanVersion current = s.plan_versions(id, true, c.plan_version).at(0);
  Findings f;
  f.project = id;
  for (auto& x : s.findings(id)) f.findings.push_back(x.finding);
  auto& instrument = load(s.summary(id).instrument_id);
  StoredDecision d;
  {
    Impl::Recorder rec(s, c, instrument);
    d.decision = wkb::host::evaluate_findings(instrument, current.project, current.plan, f,
                                              "stored findings of project " + id);
  }
  s.sql() << "SELECT COUNT(*) FROM decisions WHERE project_id = :p", soci::into(d.seq), soci::use(id);
  ++d.seq;
  d.plan_version = current.version;
  d.findings_count = static_cast<int>(f.findings.size());
  d.by = by;
  d.at = c.at;
  const std::string outcome(to_string(d.decision.outcome)), text = write(d.decision);
  s.sql() << "INSERT INTO decisions (project_id, seq, plan_version, findings_count, outcome, decision_json, made_by,"
             " made_at) VALUES (:p, :s, :v, :n, :o, :j, :by, :at)",
      soci::use(id), soci::use(d.seq), soci::use(d.plan_version), soci::use(d.findings_count), soci::use(outcome),
      soci::use(text), soci::use(by), soci::use(c.at);
  const json::object row = decision_row(id, d.seq, d.plan_version, d.findings_count, outcome, text, by, c.at);
  s.audit(c, "decision", {{"seq", d.seq}, {"outcome", outcome}, {"plan_version", d.plan_version},
                          {"findings_count", d.findings_count}, {"row_sha256", row_sha256(row)}});
  s.save(c);
  tx.commit();
  return d;
  WKB_STORE_CATCH
}

Closure ProjectStore::close(const std::string& id, bool notice, const std::string& effort, const std::string& by) {
  const bool has_effort = effort.find_first_not_of(" \t\n") != std::string::npos;
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  const State next = transition(id, c.state, Action::close);
  const auto decisions = s.decisions(id);
  if (decisions.empty())
    throw InputError("project " + id + " has no decision yet; run `wkb project evaluate " + id + "` first");
  const StoredDecision& d = decisions.back();
  int findings = 0;
  s.sql() << "SELECT COUNT(*) FROM findings WHERE project_id = :p", soci::into(findings), soci::use(id);
  if (d.plan_version != c.plan_version || d.findings_count != findings)
    throw InputError("the last decision of project " + id + " is out of date (the plan or the findings changed "
                     "since); run `wkb project evaluate " + id + "` again");
  Closure cl;
  cl.decision_seq = d.seq;
  cl.from_outcome = d.decision.outcome;
  cl.by = by;
  cl.at = c.at;
  switch (d.decision.outcome) {
    case Outcome::declaration:
      if (notice)
        throw InputError("the decision of project " + id + " is a declaration; a non-compliance notice needs an "
                         "unrepairable finding or open items. Close without --notice");
      cl.kind = Outcome::declaration;
      break;
    case Outcome::non_compliance_notice:
      cl.kind = Outcome::non_compliance_notice;
      break;
    case Outcome::open_items:
      if (!notice)
        throw InputError("the decision of project " + id + " has " + std::to_string(d.decision.grounds.size()) +
                         " open item(s); a project completes only with a declaration or a non-compliance notice. "
                         "Resolve them (`wkb finding add " + id + " ... --result repaired`) and evaluate again, or "
                         "close with --notice --effort TEXT (the written account of the effort made)");
      if (!has_effort)
        throw InputError("turning open items into a non-compliance notice needs --effort TEXT: a written account "
                         "of the effort made to resolve them");
      cl.kind = Outcome::non_compliance_notice;
      cl.effort = effort;
      break;
    case Outcome::incomplete:
      throw InputError("the decision of project " + id + " is incomplete: some controls have no finding yet; "
                       "record them (`wkb finding add`) and evaluate again");
  }
  const std::string kind(to_string(cl.kind)), from(to_string(cl.from_outcome));
  s.sql() << "INSERT INTO closures (project_id, kind, decision_seq, from_outcome, effort, made_by, made_at)"
             " VALUES (:p, :k, :d, :f, :e, :by, :at)",
      soci::use(id), soci::use(kind), soci::use(cl.decision_seq), soci::use(from), soci::use(cl.effort),
      soci::use(by), soci::use(c.at);
  const json::object row = closure_row(id, kind, cl.decision_seq, from, cl.effort, by, c.at);
  s.audit(c, "closure", {{"kind", kind}, {"from_outcome", from}, {"decision_seq", cl.decision_seq},
                         {"row_sha256", row_sha256(row)}});
  s.change_state(c, next);
  s.save(c);
  tx.commit();
  return cl;
  WKB_STORE_CATCH
}

// ---- audit verify and replay -------------------------------------------------

namespace {

// What the audit log says each data row must hash to: (table, key) -> row_sha256.
using Bindings = std::map<std::pair<std::string, std::string>, std::pair<int, std::string>>;

std::string key_of(const json::object& payload, const char* member) {
  const auto* v = payload.if_contains(member);
  if (!v) return "";
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return v->is_string() ? std::string(v->as_string()) : "";
}

std::optional<wkb::host::Method> parse_method(std::string_view s) {
  using wkb::host::Method;
  for (Method m : {Method::describe, Method::assess, Method::sample, Method::plan, Method::evaluate})
    if (wkb::host::to_string(m) == s) return m;
  return std::nullopt;
}

}  // namespace

VerifyReport ProjectStore::verify(const std::optional<std::string>& only) {
  WKB_STORE_TRY
  auto& s = *impl_;
  auto& sql = s.sql();
  Transaction snapshot(s.db, Transaction::read);
  VerifyReport report;
  std::vector<std::string> ids;
  if (only) {
    s.summary(*only);
    ids.push_back(*only);
  } else {
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id FROM projects ORDER BY id", soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  for (const auto& id : ids) {
    ++report.projects;
    std::optional<AuditProblem> problem;
    auto fail = [&](int seq, const std::string& message, const std::string& code = "",
                    const std::string& table = "", const std::string& key = "") {
      if (!problem) problem = AuditProblem{id, seq, message, code, table, key};
    };
    std::string state, head;
    int plan_version = 0, count = 0;
    sql << "SELECT state, plan_version, audit_count, audit_head FROM projects WHERE id = :id", soci::into(state),
        soci::into(plan_version), soci::into(count), soci::into(head), soci::use(id);

    // 1. The chain.
    Bindings bound;
    std::string last_state = "draft";
    int last_plan_version = 0;
    {
      AuditEntry e;
      soci::statement st =
          (sql.prepare << "SELECT project_id, seq, at, actor, kind, payload, prev_hash, hash FROM audit_log"
                          " WHERE project_id = :p ORDER BY seq",
           soci::into(e.project), soci::into(e.seq), soci::into(e.at), soci::into(e.actor), soci::into(e.kind),
           soci::into(e.payload), soci::into(e.prev_hash), soci::into(e.hash), soci::use(id));
      st.execute();
      int expected = 1;
      std::string prev = kGenesisHash;
      while (st.fetch()) {
        ++report.entries;
        if (problem) continue;
        if (e.seq != expected) {
          fail(expected, "entry " + std::to_string(expected) + " is missing (the next entry is " +
                             std::to_string(e.seq) + "): an entry was removed", "entry-removed");
          continue;
        }
        if (audit_hash(e) != e.hash) {
          fail(e.seq, "entry " + std::to_string(e.seq) + " (" + e.kind + ", " + e.at +
                          ") was altered: its contents do not match its hash", "entry-altered");
          continue;
        }
        if (e.prev_hash != prev) {
          fail(e.seq, "entry " + std::to_string(e.seq) + " (" + e.kind +
                          ") does not follow the entry before it: entries were removed, inserted or re-ordered", "entry-out-of-order");
          continue;
        }
        prev = e.hash;
        ++expected;
        json::object payload;
        try {
          payload = parse_json(e.payload, "audit entry").as_object();
        } catch (const std::exception&) {
          fail(e.seq, "entry " + std::to_string(e.seq) + " has a payload that is not a JSON object", "entry-altered");
          continue;
        }
        static const std::map<std::string, std::pair<std::string, const char*>> kTables = {
            {"plan-version", {"plan_versions", "version"}}, {"finding", {"findings", "seq"}},
            {"override", {"overrides", "seq"}},              {"decision", {"decisions", "seq"}},
            {"notification", {"notifications", ""}},        {"closure", {"closures", ""}},
            {"plugin-call", {"plugin_calls", "call"}}};
        if (auto t = kTables.find(e.kind); t != kTables.end())
          bound[{t->second.first, *t->second.second ? key_of(payload, t->second.second) : ""}] = {
              e.seq, key_of(payload, "row_sha256")};
        if (e.kind == "state") last_state = key_of(payload, "to");
        if (e.kind == "plan-version") last_plan_version = std::stoi(key_of(payload, "version"));
      }
      if (!problem && (expected - 1 != count || prev != head))
        fail(expected, "the log ends after entry " + std::to_string(expected - 1) + " but the project records " +
                           std::to_string(count) + " entries ending in another hash: entries were removed or "
                           "the project row was altered", "log-truncated");
    }
    if (!problem && last_state != state)
      fail(0, "the project row says state " + q(state) + " but the audit log ends in " + q(last_state), "state-mismatch");
    if (!problem && last_plan_version != plan_version)
      fail(0, "the project row says plan version " + std::to_string(plan_version) + " but the audit log ends in " +
                  std::to_string(last_plan_version), "plan-version-mismatch");

    // 2. Every data row matches what its entry recorded, and none is extra or missing.
    std::set<std::pair<std::string, std::string>> seen;
    auto check_row = [&](const std::string& table, const std::string& key, const json::object& row) {
      seen.insert({table, key});
      auto it = bound.find({table, key});
      const std::string what = table + " row " + (key.empty() ? "" : key + " ") + "of project " + id;
      if (it == bound.end())
        fail(0, what + " has no audit entry: it was added outside wkb", "row-unrecorded", table, key);
      else if (it->second.second != row_sha256(row))
        fail(it->second.first, what + " differs from what audit entry " + std::to_string(it->second.first) +
                                   " recorded: it was altered after it was written", "row-altered", table, key);
    };
    if (!problem) {
      {
        PlanVersion v;
        std::string pj, aj, sj, plj;
        soci::statement st = (sql.prepare << "SELECT version, created_at, created_by, reason, instrument_version,"
                                             " project_json, assessment_json, sample_json, plan_json FROM plan_versions"
                                             " WHERE project_id = :p ORDER BY version",
                              soci::into(v.version), soci::into(v.created_at), soci::into(v.created_by),
                              soci::into(v.reason), soci::into(v.instrument_version), soci::into(pj), soci::into(aj),
                              soci::into(sj), soci::into(plj), soci::use(id));
        st.execute();
        while (st.fetch())
          check_row("plan_versions", std::to_string(v.version), plan_version_row(id, v, pj, aj, sj, plj));
      }
      {
        int seq = 0;
        std::string control, unit, result, note, by, date, recorded;
        soci::statement st = (sql.prepare << "SELECT seq, control_id, unit_id, result, note, assessed_by, finding_date,"
                                             " recorded_at FROM findings WHERE project_id = :p ORDER BY seq",
                              soci::into(seq), soci::into(control), soci::into(unit), soci::into(result),
                              soci::into(note), soci::into(by), soci::into(date), soci::into(recorded), soci::use(id));
        st.execute();
        while (st.fetch())
          check_row("findings", std::to_string(seq),
                    finding_row(id, seq, control, unit, result, note, by, date, recorded));
      }
      {
        int seq = 0, version = 0;
        std::string risk, before, after, motivation, by, at;
        soci::statement st = (sql.prepare << "SELECT seq, plan_version, risk_id, before_json, after_json, motivation,"
                                             " made_by, made_at FROM overrides WHERE project_id = :p ORDER BY seq",
                              soci::into(seq), soci::into(version), soci::into(risk), soci::into(before),
                              soci::into(after), soci::into(motivation), soci::into(by), soci::into(at), soci::use(id));
        st.execute();
        while (st.fetch())
          check_row("overrides", std::to_string(seq),
                    override_row(id, seq, version, risk, before, after, motivation, by, at));
      }
      {
        int seq = 0, version = 0, n = 0;
        std::string outcome, text, by, at;
        soci::statement st = (sql.prepare << "SELECT seq, plan_version, findings_count, outcome, decision_json,"
                                             " made_by, made_at FROM decisions WHERE project_id = :p ORDER BY seq",
                              soci::into(seq), soci::into(version), soci::into(n), soci::into(outcome),
                              soci::into(text), soci::into(by), soci::into(at), soci::use(id));
        st.execute();
        while (st.fetch())
          check_row("decisions", std::to_string(seq), decision_row(id, seq, version, n, outcome, text, by, at));
      }
      {
        int version = 0;
        std::string package, warnings, by, at;
        sql << "SELECT plan_version, package_json, warnings, made_by, made_at FROM notifications WHERE project_id = :p",
            soci::into(version), soci::into(package), soci::into(warnings), soci::into(by), soci::into(at),
            soci::use(id);
        if (sql.got_data()) check_row("notifications", "", notification_row(id, version, package, warnings, by, at));
      }
      {
        int decision = 0;
        std::string kind, from, effort, by, at;
        sql << "SELECT kind, decision_seq, from_outcome, effort, made_by, made_at FROM closures WHERE project_id = :p",
            soci::into(kind), soci::into(decision), soci::into(from), soci::into(effort), soci::into(by),
            soci::into(at), soci::use(id);
        if (sql.got_data()) check_row("closures", "", closure_row(id, kind, decision, from, effort, by, at));
      }
      {
        int seq = 0;
        std::string method, plugin, version, files, request, rh, sh;
        soci::statement st = (sql.prepare << "SELECT seq, method, plugin_id, plugin_version, plugin_sha256, request,"
                                             " request_sha256, response_sha256 FROM plugin_calls WHERE project_id = :p"
                                             " ORDER BY seq",
                              soci::into(seq), soci::into(method), soci::into(plugin), soci::into(version),
                              soci::into(files), soci::into(request), soci::into(rh), soci::into(sh), soci::use(id));
        st.execute();
        while (st.fetch())
          check_row("plugin_calls", std::to_string(seq),
                    plugin_call_row(id, seq, method, plugin, version, files, request, rh, sh));
      }
      for (const auto& [key, entry] : bound)
        if (!seen.count(key))
          fail(entry.first, key.first + " row " + key.second + " of project " + id + ", recorded by audit entry " +
                                std::to_string(entry.first) + ", is missing: it was deleted", "row-deleted", key.first, key.second);
    }
    if (problem) report.problems.push_back(*problem);
  }
  return report;
  WKB_STORE_CATCH
}

ReplayReport ProjectStore::replay(const std::string& id, const InstrumentLoader& load) {
  WKB_STORE_TRY
  auto& s = *impl_;
  s.summary(id);
  ReplayReport report;
  report.project = id;
  struct Row {
    int seq;
    std::string method, plugin, version, files, request, response_hash;
  };
  std::vector<Row> rows;
  {
    Row r;
    soci::statement st = (s.sql().prepare << "SELECT seq, method, plugin_id, plugin_version, plugin_sha256, request,"
                                             " response_sha256 FROM plugin_calls WHERE project_id = :p ORDER BY seq",
                          soci::into(r.seq), soci::into(r.method), soci::into(r.plugin), soci::into(r.version),
                          soci::into(r.files), soci::into(r.request), soci::into(r.response_hash), soci::use(id));
    st.execute();
    while (st.fetch()) rows.push_back(r);
  }
  std::map<std::string, std::string> files_now;  // plugin id -> files hash
  for (const auto& r : rows) {
    ReplayCall call;
    call.seq = r.seq;
    call.method = r.method;
    call.plugin = r.plugin;
    call.recorded_version = r.version;
    try {
      auto& instrument = load(r.plugin);
      call.installed_version = instrument.manifest().version;
      if (!files_now.count(r.plugin)) files_now[r.plugin] = plugin_files_sha256(instrument.manifest());
      call.plugin_changed = files_now[r.plugin] != r.files;
      const auto method = parse_method(r.method);
      if (!method) throw InputError("unknown method " + q(r.method));
      call.response_differs = response_sha256(instrument.raw().call(*method, r.request)) != r.response_hash;
    } catch (const std::exception& e) {
      call.error = e.what();
    }
    report.calls.push_back(std::move(call));
  }
  return report;
  WKB_STORE_CATCH
}

}  // namespace wkb::store
