// `wkb audit verify` and `wkb audit replay`: everything stored is checked
// against the chains that cover it (docs/store.md#what-verify-checks).
#include <boost/json.hpp>

#include <map>
#include <set>

#include "store_chain.hpp"
#include "store_impl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;
using namespace detail;
using wkb::host::InputError;

namespace {

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

// The data tables, the audit entry kind that records each, and the payload
// member holding the row's key.
struct Bound {
  const TableCodec* table;
  const char* kind;
  const char* key;
};
const std::vector<Bound>& bound_tables() {
  static const std::vector<Bound> list = {
      {&kPlanVersions, "plan-version", "version"}, {&kFindings, "finding", "seq"},  {&kOverrides, "override", "seq"},
      {&kDecisions, "decision", "seq"},             {&kNotifications, "notification", ""},
      {&kClosures, "closure", ""},                  {&kPluginCalls, "plugin-call", "call"},
      {&kLifecycleEvents, "lifecycle", "seq"},      {&kFindingImports, "findings-import", "seq"},
      {&kStaffAssignments, "assignment", "seq"}};
  return list;
}

std::string q(const std::string& s) { return quote(s); }

// An audit entry's kind for a message: `bevinding ("finding")`.
std::string kind_nl(const std::string& kind) {
  static const std::map<std::string, std::string> labels = {
      {"created", "aanmaak van het project"}, {"replan", "herziening van het borgingsplan"},
      {"plan-version", "planversie"},         {"override", "afwijking van de risicoscore"},
      {"notification", "bouwmelding"},        {"finding", "bevinding"},
      {"decision", "oordeel"},                {"closure", "afsluiting door de kwaliteitsborger"},
      {"lifecycle", "stap in de levensloop"}, {"findings-import", "import van bevindingen"},
      {"state", "statuswijziging"},           {"plugin-call", "pluginaanroep"},
      {"assignment", "toewijzing van personen"}};
  const auto it = labels.find(kind);
  return it == labels.end() ? q(kind) : labelled_value_nl(it->second, kind);
}

// A stored state for a message: its Dutch label, or the quoted text when it is no state.
std::string state_nl(const std::string& s) {
  const auto state = parse_state(s);
  return state ? "\"" + std::string(label_nl(*state)) + "\"" : q(s);
}

// One project against its log, the store chain and its data rows; the first
// problem found.
std::optional<AuditProblem> check_project(soci::session& sql, const Row& p, const std::vector<const Row*>& chained,
                                          long& entries) {
  const std::string id = p.text("id");
  std::optional<AuditProblem> problem;
  auto fail = [&](int seq, const std::string& message, const std::string& code, const std::string& table = "",
                  const std::string& key = "") {
    if (!problem) problem = AuditProblem{id, seq, message, code, table, key};
  };
  // 1. The project's chain.
  std::map<std::pair<std::string, std::string>, std::pair<int, std::string>> bound;  // (table, key) -> entry, hash
  std::map<long long, std::string> hash_at;                                          // seq -> hash
  std::string last_state = "draft";
  int last_plan_version = 0, expected = 1;
  std::string prev = kGenesisHash;
  for (const Row& r : select_rows(sql, kAuditLog, id)) {
    ++entries;
    if (problem) continue;
    const AuditEntry e = audit_entry_of(r);
    if (e.seq != expected) {
      fail(expected, "registratie " + std::to_string(expected) + " ontbreekt (de volgende is registratie " +
                         std::to_string(e.seq) + "): er is een registratie verwijderd", "entry-removed");
      continue;
    }
    if (audit_hash(e) != e.hash) {
      fail(e.seq, "registratie " + std::to_string(e.seq) + " (" + kind_nl(e.kind) + ", " + datetime_nl(e.at) +
                      ") is gewijzigd: de inhoud past niet bij haar hash", "entry-altered");
      continue;
    }
    if (e.prev_hash != prev) {
      fail(e.seq, "registratie " + std::to_string(e.seq) + " (" + kind_nl(e.kind) +
                      ") sluit niet aan op de registratie ervoor: er zijn registraties verwijderd, ingevoegd of "
                      "verwisseld",
           "entry-out-of-order");
      continue;
    }
    prev = e.hash;
    hash_at[e.seq] = e.hash;
    ++expected;
    json::object payload;
    try {
      payload = parse_json(e.payload, "registratie " + std::to_string(e.seq)).as_object();
    } catch (const std::exception&) {
      fail(e.seq, "de inhoud van registratie " + std::to_string(e.seq) + " is geen JSON-object", "entry-altered");
      continue;
    }
    for (const auto& b : bound_tables())
      if (e.kind == b.kind)
        bound[{std::string(b.table->name), *b.key ? key_of(payload, b.key) : ""}] = {e.seq,
                                                                                     key_of(payload, "row_sha256")};
    if (e.kind == "state") {
      if (key_of(payload, "from") != last_state)
        fail(e.seq, "registratie " + std::to_string(e.seq) + " wijzigt de status vanaf " +
                        state_nl(key_of(payload, "from")) + ", maar de status daarvoor was " + state_nl(last_state),
             "state-discontinuous");
      last_state = key_of(payload, "to");
    }
    if (e.kind == "plan-version") last_plan_version = std::atoi(key_of(payload, "version").c_str());
  }
  const int count = p.int32("audit_count");
  const std::string& head = p.text("audit_head");
  if (!problem && (expected - 1 != count || prev != head))
    fail(expected, "de audittrail eindigt na registratie " + std::to_string(expected - 1) + ", maar de projectrij "
                       "noemt " + plural_nl(count, "registratie", "registraties") + " met een andere ketenkop: er "
                       "zijn registraties verwijderd of de projectrij is gewijzigd", "log-truncated");
  if (!problem && last_state != p.text("state"))
    fail(0, "de projectrij noemt de status " + state_nl(p.text("state")) + ", maar de audittrail eindigt bij " +
                state_nl(last_state), "state-mismatch");
  if (!problem && last_plan_version != p.int32("plan_version"))
    fail(0, "de projectrij noemt planversie " + std::to_string(p.int32("plan_version")) +
                ", maar de audittrail eindigt bij planversie " + std::to_string(last_plan_version),
         "plan-version-mismatch");

  // 2. The project row against the store chain, and the chain into the log.
  if (!problem && chained.empty())
    fail(0, "project " + q(id) + " staat niet in de keten van de opslag: het is buiten wkb om toegevoegd",
         "project-unrecorded", "projects", id);
  if (!problem && chained.back()->text("project_sha256") != p.sha256())
    fail(0, "de rij van project " + q(id) + " in tabel projects wijkt af van wat registratie " +
                std::to_string(chained.back()->integer("seq")) + " in de keten van de opslag vastlegde: er is "
                "buiten wkb om een kolom gewijzigd",
         "project-row-altered", "projects", id);
  for (const Row* c : chained) {
    if (problem) break;
    const auto at = hash_at.find(c->integer("audit_count"));
    if (at == hash_at.end() || at->second != c->text("audit_head"))
      fail(static_cast<int>(c->integer("audit_count")),
           "registratie " + std::to_string(c->integer("seq")) + " in de keten van de opslag legde registratie " +
               std::to_string(c->integer("audit_count")) + " van de audittrail vast met een andere hash: de "
               "audittrail is herschreven",
           "chain-mismatch");
  }

  // 3. Every data row matches what its entry recorded; none is extra or missing.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& b : bound_tables()) {
    if (problem) break;
    for (const Row& row : select_rows(sql, *b.table, id)) {
      const std::string table(b.table->name), key = row.key();
      seen.insert({table, key});
      const auto it = bound.find({table, key});
      const std::string what = "rij " + (key.empty() ? "" : key + " ") + "van project " + q(id) + " in tabel " + table;
      if (it == bound.end())
        fail(0, what + " heeft geen registratie in de audittrail: ze is buiten wkb om toegevoegd", "row-unrecorded",
             table, key);
      else if (it->second.second != row.sha256())
        fail(it->second.first, what + " wijkt af van wat registratie " + std::to_string(it->second.first) +
                                   " vastlegde: ze is gewijzigd nadat ze is geschreven", "row-altered", table, key);
    }
  }
  for (const auto& [key, entry] : bound)
    if (!seen.count(key))
      fail(entry.first, "rij " + (key.second.empty() ? "" : key.second + " ") + "van project " + q(id) +
                            " in tabel " + key.first + ", vastgelegd door registratie " + std::to_string(entry.first) +
                            ", ontbreekt: ze is verwijderd",
           "row-deleted", key.first, key.second);
  return problem;
}

}  // namespace

VerifyReport ProjectStore::verify(const std::optional<std::string>& only, const std::vector<std::string>& expected) {
  WKB_STORE_TRY
  auto& s = *impl_;
  auto& sql = s.sql();
  Transaction snapshot(s.db, Transaction::read);
  VerifyReport report;
  const auto projects = select_rows(sql, kProjects, only);
  if (only && projects.empty()) s.throw_unknown(*only);
  auto store_problem = [&](const std::string& project, const std::string& code, const std::string& message,
                           const std::string& table = "", const std::string& key = "") {
    report.problems.push_back(AuditProblem{project, 0, message, code, table, key});
  };

  // The store chain: numbered 1..n, each entry its own hash, each linked to the one before.
  const auto chain = select_rows(sql, kStoreChain, std::nullopt);
  std::map<std::string, std::vector<const Row*>> per_project;
  std::set<std::string> chain_hashes;
  {
    long long expected_seq = 1;
    std::string prev(64, '0');
    bool broken = false;
    for (const Row& e : chain) {
      chain_hashes.insert(e.text("hash"));
      per_project[e.text("project_id")].push_back(&e);
      if (broken) continue;
      if (e.integer("seq") != expected_seq || chain_hash(e) != e.text("hash") || e.text("prev_hash") != prev) {
        store_problem("", e.integer("seq") != expected_seq ? "chain-broken" : "chain-altered",
                      "registratie " + std::to_string(expected_seq) + " in de keten van de opslag " +
                          (e.integer("seq") != expected_seq
                               ? std::string("ontbreekt: er zijn registraties verwijderd")
                               : std::string("is gewijzigd, of sluit niet aan op de registratie ervoor")),
                      "store_chain", std::to_string(expected_seq));
        broken = true;
        continue;
      }
      prev = e.text("hash");
      ++expected_seq;
    }
    if (!chain.empty()) report.heads.store = {chain.back().integer("seq"), chain.back().text("hash")};
  }
  for (const auto& h : expected)
    if (!chain_hashes.count(h))
      store_problem("", "head-missing",
                    "de keten van de opslag bevat de ketenkop " + q(h) +
                        " niet meer: de keten is herschreven (of de ketenkop hoort bij een andere opslag)");

  std::set<std::string> ids;
  for (const Row& p : projects) {
    ++report.projects;
    const std::string id = p.text("id");
    ids.insert(id);
    report.heads.projects.push_back({id, p.int32("audit_count"), p.text("audit_head")});
    if (auto problem = check_project(sql, p, per_project[id], report.entries)) report.problems.push_back(*problem);
  }
  if (!only) {
    // The staff register is checked like a project, under its own key.
    const std::string staff_key(kStaffKey);
    if (auto problem = check_staff_register(sql, per_project[staff_key], report.entries))
      report.problems.push_back(*problem);
    ids.insert(staff_key);
    for (const auto& [id, entries] : per_project)
      if (!ids.count(id))
        store_problem(id, "project-deleted",
                      "project " + q(id) + " staat in de keten van de opslag (laatst bij registratie " +
                          std::to_string(entries.back()->integer("seq")) + "), maar niet in de opslag: het is "
                          "verwijderd",
                      "projects", id);
    // Rows of a project that does not exist.
    for (const TableCodec* t : all_tables()) {
      if (t == &kProjects || t == &kStoreChain || t == &kHeadSignatures || t == &kStaffVersions) continue;
      std::string project;
      soci::statement st =
          (sql.prepare << "SELECT DISTINCT project_id FROM " + std::string(t->name) + " ORDER BY project_id",
           soci::into(project));
      st.execute();
      while (st.fetch())
        if (!ids.count(project) && !per_project.count(project))
          store_problem(project, "row-orphan",
                        "tabel " + std::string(t->name) + " bevat rijen van project " + q(project) +
                            ", dat niet in de opslag staat: ze zijn buiten wkb om toegevoegd (of het project is "
                            "verwijderd)",
                        std::string(t->name), project);
    }
  }
  return report;
  WKB_STORE_CATCH
}

ReplayReport ProjectStore::replay(const std::string& id, const InstrumentLoader& load) {
  WKB_STORE_TRY
  auto& s = *impl_;
  std::vector<Row> rows;
  {
    Transaction snapshot(s.db, Transaction::read);
    s.summary(id);
    rows = select_rows(s.sql(), kPluginCalls, id);
  }
  ReplayReport report;
  report.project = id;
  std::map<std::string, std::string> files_now;  // plugin id -> files hash
  for (const auto& r : rows) {
    ReplayCall call;
    call.seq = r.int32("seq");
    call.method = r.text("method");
    call.plugin = r.text("plugin_id");
    call.recorded_version = r.text("plugin_version");
    try {
      auto& instrument = load(call.plugin);
      call.installed_version = instrument.manifest().version;
      if (!files_now.count(call.plugin)) files_now[call.plugin] = plugin_files_sha256(instrument.manifest());
      call.plugin_changed = files_now[call.plugin] != r.text("plugin_sha256");
      const auto method = parse_method(call.method);
      if (!method)
        throw InputError("pluginaanroep " + std::to_string(call.seq) + " noemt de onbekende methode " +
                         q(call.method) + "; deze aanroep kan niet opnieuw worden uitgevoerd");
      call.response_differs =
          response_sha256(instrument.raw().call(*method, r.text("request"))) != r.text("response_sha256");
    } catch (const std::exception& e) {
      call.error = e.what();
    }
    report.calls.push_back(std::move(call));
  }
  return report;
  WKB_STORE_CATCH
}

}  // namespace wkb::store
