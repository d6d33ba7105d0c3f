// Reading stored projects back: summaries, records, the audit log, heads.
// A row that cannot be decoded is StoreDamaged naming it, never a crash.
#include <boost/json.hpp>

#include "store_chain.hpp"
#include "store_impl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;
using namespace detail;
using wkb::host::StoreDamaged;

namespace {

std::string where(const Row& r) {
  return "opslag: project " + quote(r.text("project_id")) + ", tabel " + std::string(r.table().name) +
         (r.key().empty() ? "" : ", rij " + r.key());
}

[[noreturn]] void row_damaged(const Row& r, const std::string& what) {
  throw StoreDamaged("de opslag is beschadigd: tabel " + std::string(r.table().name) + " van project " +
                     quote(r.text("project_id")) + (r.key().empty() ? "" : ", rij " + r.key()) + ": " + what +
                     "; zoek de oorzaak met `wkb audit verify " + r.text("project_id") + "`");
}

Risk risk_of(const Row& r, const std::string& column) {
  Risk k;
  k.id = r.text("risk_id");
  try {
    const json::object obj = parse_json(r.text(column), where(r)).as_object();
    k.likelihood = obj.at("likelihood").to_number<int>();
    k.impact = obj.at("impact").to_number<int>();
    k.recoverability = obj.at("recoverability").to_number<int>();
    k.score = obj.at("score").to_number<int>();
  } catch (const std::exception&) {
    row_damaged(r, "kolom " + column + " is geen risicoscore");
  }
  return k;
}

// A stored warning: {"code": ..., "message": ...}; a store written before
// warnings had codes holds only the text, whose code is then recognised from
// it (the late bouwmelding was the only warning) or "unclassified".
Warning stored_warning(const json::value& w) {
  if (w.is_object()) {
    const json::object& o = w.as_object();
    return {std::string(o.at("code").as_string()), std::string(o.at("message").as_string())};
  }
  const std::string text(w.as_string());
  const bool late = text.find("de bouwmelding hoort ten minste 4 weken") != std::string::npos;
  const bool started = text.find(" begonnen, ") != std::string::npos;
  return {late ? (started ? "notify-after-start" : "notify-late") : "unclassified", text};
}

}  // namespace

PlanVersion plan_version_of(const Row& r) {
  PlanVersion v;
  v.version = r.int32("version");
  v.created_at = r.text("created_at");
  v.created_by = r.text("created_by");
  v.reason = r.text("reason");
  v.instrument_version = r.text("instrument_version");
  const std::string subject = where(r);
  v.project = read_project(r.text("project_json"), subject);
  v.assessment = read_assessment(r.text("assessment_json"), subject);
  v.sample = read_sample(r.text("sample_json"), subject);
  v.plan = read_plan(r.text("plan_json"), subject);
  return v;
}

StoredFinding finding_of(const Row& r) {
  StoredFinding s;
  s.seq = r.int32("seq");
  s.finding.control = r.text("control_id");
  if (!r.text("unit_id").empty()) s.finding.unit = r.text("unit_id");
  const auto result = parse_finding_result(r.text("result"));
  const auto date = Date::parse(r.text("finding_date"));
  if (!result || !date)
    row_damaged(r, "het resultaat " + quote(r.text("result")) + " of de datum " + quote(r.text("finding_date")) +
                       " is ongeldig");
  s.finding.result = *result;
  s.finding.date = *date;
  s.finding.note = r.text("note");
  s.finding.assessed_by = r.text("assessed_by");
  s.recorded_at = r.text("recorded_at");
  return s;
}

StoredDecision decision_of(const Row& r) {
  StoredDecision d;
  d.seq = r.int32("seq");
  d.plan_version = r.int32("plan_version");
  d.findings_count = r.int32("findings_count");
  d.decision = read_decision(r.text("decision_json"), where(r));
  d.by = r.text("made_by");
  d.at = r.text("made_at");
  return d;
}

RiskOverride override_of(const Row& r) {
  RiskOverride o;
  o.seq = r.int32("seq");
  o.plan_version = r.int32("plan_version");
  o.before = risk_of(r, "before_json");
  o.after = risk_of(r, "after_json");
  o.motivation = r.text("motivation");
  o.by = r.text("made_by");
  o.at = r.text("made_at");
  return o;
}

ProjectSummary ProjectStore::Impl::summary_of(const Row& p, const std::string& instrument_version) {
  ProjectSummary s;
  s.id = p.text("id");
  s.name = p.text("name");
  s.instrument_id = p.text("instrument_id");
  s.instrument_name = p.text("instrument_name");
  s.instrument_version = instrument_version;
  const auto state = parse_state(p.text("state"));
  if (!state)
    throw StoreDamaged("de opslag is beschadigd: project " + quote(s.id) + " heeft de onbekende status " +
                       quote(p.text("state")) + "; zoek de oorzaak met `wkb audit verify " + s.id + "`");
  s.state = *state;
  s.plan_version = p.int32("plan_version");
  s.created_at = p.text("created_at");
  s.updated_at = p.text("updated_at");
  s.audit_count = p.int32("audit_count");
  s.audit_head = p.text("audit_head");
  return s;
}

ProjectSummary ProjectStore::Impl::summary(const std::string& id) {
  const auto rows = select_rows(sql(), kProjects, id);
  if (rows.empty()) throw_unknown(id);
  const int version = rows.front().int32("plan_version");
  std::string instrument_version;
  sql() << "SELECT instrument_version FROM plan_versions WHERE project_id = :p AND version = :v",
      soci::into(instrument_version), soci::use(id), soci::use(version);
  if (!sql().got_data())
    throw StoreDamaged("de opslag is beschadigd: project " + quote(id) + " noemt planversie " + std::to_string(version) +
                       ", die ontbreekt; zoek de oorzaak met `wkb audit verify " + id + "`");
  return summary_of(rows.front(), instrument_version);
}

std::vector<PlanVersion> ProjectStore::Impl::plan_versions(const std::string& id, std::optional<int> only) {
  std::vector<PlanVersion> out;
  for (const Row& r : select_rows(sql(), kPlanVersions, id, only ? "version = " + std::to_string(*only) : ""))
    out.push_back(plan_version_of(r));
  return out;
}

PlanVersion ProjectStore::Impl::current_plan(const std::string& id, int version) {
  auto list = plan_versions(id, version);
  if (list.empty())
    throw StoreDamaged("de opslag is beschadigd: planversie " + std::to_string(version) + " van project " + quote(id) +
                       " ontbreekt; zoek de oorzaak met `wkb audit verify " + id + "`");
  return std::move(list.front());
}

std::vector<StoredFinding> ProjectStore::Impl::findings(const std::string& id) {
  std::vector<StoredFinding> out;
  for (const Row& r : select_rows(sql(), kFindings, id)) out.push_back(finding_of(r));
  return out;
}

std::vector<StoredDecision> ProjectStore::Impl::decisions(const std::string& id) {
  std::vector<StoredDecision> out;
  for (const Row& r : select_rows(sql(), kDecisions, id)) out.push_back(decision_of(r));
  return out;
}

std::vector<LifecycleEvent> ProjectStore::Impl::events(const std::string& id) {
  std::vector<LifecycleEvent> out;
  for (const Row& r : select_rows(sql(), kLifecycleEvents, id))
    out.push_back({r.int32("seq"), r.text("step"), r.text("payload"), r.text("made_by"), r.text("made_at")});
  return out;
}

std::vector<RiskOverride> ProjectStore::Impl::overrides(const std::string& id) {
  std::vector<RiskOverride> out;
  for (const Row& r : select_rows(sql(), kOverrides, id)) out.push_back(override_of(r));
  return out;
}

ProjectRecord ProjectStore::Impl::record(const std::string& id) {
  ProjectRecord r;
  r.summary = summary(id);
  r.plans = plan_versions(id, std::nullopt);
  r.findings = findings(id);
  r.decisions = decisions(id);
  r.overrides = overrides(id);
  for (const Row& n : select_rows(sql(), kNotifications, id)) {
    Notification x;
    x.plan_version = n.int32("plan_version");
    x.package_json = n.text("package_json");
    try {
      const json::value list = parse_json(n.text("warnings"), where(n));
      for (const auto& w : list.as_array()) x.warnings.push_back(stored_warning(w));
    } catch (const std::exception&) {
      row_damaged(n, "kolom warnings is geen lijst van waarschuwingen");
    }
    x.by = n.text("made_by");
    x.at = n.text("made_at");
    r.notification = x;
  }
  for (const Row& c : select_rows(sql(), kClosures, id)) {
    Closure x;
    const auto kind = parse_outcome(c.text("kind")), from = parse_outcome(c.text("from_outcome"));
    if (!kind || !from) row_damaged(c, "de soort " + quote(c.text("kind")) + " of de eerdere uitkomst " +
                                       quote(c.text("from_outcome")) + " is geen bekende uitkomst");
    x.kind = *kind;
    x.from_outcome = *from;
    x.decision_seq = c.int32("decision_seq");
    x.effort = c.text("effort");
    x.by = c.text("made_by");
    x.at = c.text("made_at");
    r.closure = x;
  }
  r.events = events(id);
  fill_lifecycle(r);
  if (r.plans.empty()) current_plan(id, r.summary.plan_version);  // throws: a record always has a plan
  r.assignment = assignment(id);
  r.unstaffed = unstaffed_roles(r.current_plan().plan, r.assignment);
  if (const auto head = last_chain_entry(sql())) r.store_head = {head->integer("seq"), head->text("hash")};
  return r;
}

// ---- public readers ---------------------------------------------------------

std::vector<ProjectSummary> ProjectStore::list() {
  WKB_STORE_TRY
  Transaction snapshot(impl_->db, Transaction::read);
  std::vector<std::string> ids;
  for (const Row& p : select_rows(impl_->sql(), kProjects, std::nullopt)) ids.push_back(p.text("id"));
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
  Transaction snapshot(impl_->db, Transaction::read);
  impl_->summary(id);
  std::vector<AuditEntry> out;
  for (const Row& e : select_rows(impl_->sql(), kAuditLog, id)) out.push_back(audit_entry_of(e));
  return out;
  WKB_STORE_CATCH
}

Heads ProjectStore::heads() {
  WKB_STORE_TRY
  Transaction snapshot(impl_->db, Transaction::read);
  Heads h;
  if (const auto last = last_chain_entry(impl_->sql())) h.store = {last->integer("seq"), last->text("hash")};
  for (const Row& p : select_rows(impl_->sql(), kProjects, std::nullopt))
    h.projects.push_back({p.text("id"), p.int32("audit_count"), p.text("audit_head")});
  return h;
  WKB_STORE_CATCH
}

}  // namespace wkb::store
