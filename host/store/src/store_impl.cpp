// The write path shared by every command: the check before a write, the
// audit entries, the pending rows and the save.
#include "store_impl.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "store_chain.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;
using namespace detail;
using wkb::host::InputError;
using wkb::host::StoreDamaged;

void ProjectStore::Impl::store_failure(const soci::soci_error& e) {
  if (is_busy(e)) db.throw_busy();
  throw InputError("opslag " + db.display() + ": de opdracht is niet uitgevoerd, er is niets geschreven: " +
                   explain(e.get_error_message()));
}

void ProjectStore::Impl::damaged(const std::exception& e) {
  std::string why = e.what();
  if (why.size() > 200) why = why.substr(0, 200) + "…";
  throw StoreDamaged("opslag " + db.display() + " bevat een rij die wkb niet kan lezen (" + why +
                     "); er is niets geschreven. Zoek de oorzaak met `wkb audit verify`");
}

void ProjectStore::Impl::throw_unknown(const std::string& id) {
  int n = 0;
  sql() << "SELECT COUNT(*) FROM projects", soci::into(n);
  throw InputError("project " + quote(id) + " staat niet in opslag " + db.display() +
                   (n ? "; `wkb project list` toont de " + plural_nl(n, "project", "projecten") + " die er wel in staan"
                      : " (de opslag bevat nog geen projecten); controleer het projectnummer en --db"));
}

void ProjectStore::Impl::Ctx::add(Row row) {
  const auto& tables = all_tables();
  if (pending.empty()) pending.resize(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i)
    if (tables[i] == &row.table()) {
      pending[i].push_back(std::move(row));
      return;
    }
}

ProjectStore::Impl::Ctx ProjectStore::Impl::lock(const std::string& id, const std::string& actor) {
  Ctx c;
  c.project = id;
  c.actor = actor;
  // The row lock first, the time after it: a writer that waited for another
  // must not date its entry before the one that writer just made.
  sql() << "UPDATE projects SET updated_at = updated_at WHERE id = :id", soci::use(id);
  c.at = now_utc();
  auto rows = select_rows(sql(), kProjects, id);
  if (rows.empty()) throw_unknown(id);
  c.row = rows.front();
  auto refuse = [&](const std::string& what) -> void {
    throw StoreDamaged("opslag " + db.display() + " is beschadigd bij project " + quote(id) + ": " + what +
                       ". Er is niets geschreven; zoek de oorzaak met `wkb audit verify " + id + "`");
  };
  const std::string& state = c.row.text("state");
  const auto parsed = parse_state(state);
  if (!parsed) refuse("de status " + quote(state) + " bestaat niet");
  c.state = *parsed;
  c.plan_version = c.row.int32("plan_version");
  c.audit_count = c.row.int32("audit_count");
  c.audit_head = c.row.text("audit_head");

  // The end of the log is where the project row says it is.
  const auto tail = select_rows(sql(), kAuditLog, id, "seq >= " + std::to_string(c.audit_count));
  std::string last_at;
  if (c.audit_count == 0) refuse("het project heeft geen audittrail");
  if (tail.empty() || tail.front().integer("seq") != c.audit_count || tail.front().text("hash") != c.audit_head)
    refuse("de projectrij eindigt bij registratie " + std::to_string(c.audit_count) +
           ", maar de audittrail heeft daar een andere of geen registratie");
  if (tail.size() > 1) refuse("de audittrail loopt door na de laatste registratie die de projectrij noemt");
  {
    const AuditEntry entry = audit_entry_of(tail.front());
    if (audit_hash(entry) != entry.hash) refuse("de laatste registratie past niet bij haar hash");
    last_at = entry.at;
  }
  // State and plan version are where the log left them.
  std::string log_state = "draft";
  int log_version = 0;
  for (const Row& e : select_rows(sql(), kAuditLog, id, "kind IN ('state', 'plan-version')")) {
    const json::object p = parse_json(e.text("payload"), "registratie " + std::to_string(e.int32("seq")) + " van project " + quote(id)).as_object();
    if (e.text("kind") == "state") log_state = json::value_to<std::string>(p.at("to"));
    else log_version = static_cast<int>(p.at("version").to_number<long long>());
  }
  if (log_state != state)
    refuse("de projectrij zegt status " + quote(state) + ", de audittrail " + quote(log_state));
  if (log_version != c.plan_version)
    refuse("de projectrij zegt planversie " + std::to_string(c.plan_version) + ", de audittrail " +
           std::to_string(log_version));
  // The row is the one the store chain recorded last for this project.
  const auto chained = last_chain_entry(sql(), id);
  if (!chained) refuse("het project staat niet in de keten van de opslag (buiten wkb om toegevoegd?)");
  if (chained->text("project_sha256") != c.row.sha256() || chained->integer("audit_count") != c.audit_count ||
      chained->text("audit_head") != c.audit_head)
    refuse("de projectrij is gewijzigd na de laatste opdracht die de keten van de opslag vastlegde");
  // Time runs forward: an entry never precedes the one before it.
  if (c.at < last_at) {
    // In minutes both times may read the same; then the seconds tell them apart.
    std::string now = datetime_nl(c.at), last = datetime_nl(last_at);
    if (now == last && c.at.size() >= 19 && last_at.size() >= 19) {
      now += ":" + c.at.substr(17, 2);
      last += ":" + last_at.substr(17, 2);
    }
    throw InputError("de klok staat op " + now + ", vóór de laatste registratie van project " + quote(id) + " (" +
                     last + "); een audittrail loopt vooruit in de tijd. Controleer de systeemklok (of WKB_NOW)");
  }
  sql() << "SELECT COUNT(*) FROM plugin_calls WHERE project_id = :id", soci::into(c.plugin_calls), soci::use(id);
  return c;
}

ProjectStore::Impl::Ctx ProjectStore::Impl::fresh(const Project& project, const Description& d,
                                                  const std::string& actor) {
  Ctx c;
  c.project = project.id;
  c.actor = actor;
  c.at = now_utc();
  c.is_new = true;
  c.audit_head = kGenesisHash;
  c.row.set("id", project.id)
      .set("name", project.name)
      .set("instrument_id", d.id)
      .set("instrument_name", d.name)
      .set("state", std::string(to_string(State::draft)))
      .set("plan_version", 0LL)
      .set("created_at", c.at)
      .set("updated_at", c.at)
      .set("audit_count", 0LL)
      .set("audit_head", c.audit_head);
  return c;
}

void ProjectStore::Impl::audit(Ctx& c, const std::string& kind, const json::object& payload) {
  AuditEntry e;
  e.project = c.project;
  e.seq = c.audit_count + 1;
  e.at = c.at;
  e.actor = c.actor;
  e.kind = kind;
  e.payload = serialize_canonical(payload);
  e.prev_hash = c.audit_head;
  e.hash = audit_hash(e);
  c.add(audit_row(e));
  c.audit_count = e.seq;
  c.audit_head = e.hash;
}

void ProjectStore::Impl::record(Ctx& c, Row row, const std::string& kind, json::object payload) {
  payload["row_sha256"] = row.sha256();
  c.add(std::move(row));
  audit(c, kind, payload);
}

void ProjectStore::Impl::change_state(Ctx& c, State to) {
  if (to == c.state) return;
  audit(c, "state", {{"from", to_string(c.state)}, {"to", to_string(to)}});
  c.state = to;
}

void ProjectStore::Impl::save(Ctx& c) {
  c.row.set("state", std::string(to_string(c.state)))
      .set("plan_version", static_cast<long long>(c.plan_version))
      .set("updated_at", c.at)
      .set("audit_count", static_cast<long long>(c.audit_count))
      .set("audit_head", c.audit_head);
  if (c.is_new)
    insert_rows(sql(), {c.row});
  else
    update_row(sql(), c.row, "id");
  for (const auto& rows : c.pending) insert_rows(sql(), rows);
  append_chain(sql(), postgresql(), c.row, c.at, db.display());
}

const std::string& ProjectStore::Impl::plugin_hash(const wkb::host::Manifest& m) {
  auto it = plugin_hash_cache.find(m.folder.string());
  if (it == plugin_hash_cache.end()) it = plugin_hash_cache.emplace(m.folder.string(), plugin_files_sha256(m)).first;
  return it->second;
}

std::string response_sha256(std::string_view response) {
  try {
    return wkb::host::sha256_hex(canonicalize(response, "response"));
  } catch (const std::exception&) {
    return wkb::host::sha256_hex(response);  // not JSON: the bytes themselves
  }
}

ProjectStore::Impl::Recorder::Recorder(Impl& impl, Ctx& c, wkb::host::CheckedInstrument& instrument)
    : instrument_(instrument) {
  const wkb::host::Manifest m = instrument.manifest();
  const std::string files = impl.plugin_hash(m);
  instrument.set_observer([&impl, &c, m, files](wkb::host::Method method, std::string_view request,
                                                std::string_view response) {
    const int seq = ++c.plugin_calls;
    const std::string meth(wkb::host::to_string(method));
    const std::string req_hash = wkb::host::sha256_hex(request);
    const std::string resp_hash = response_sha256(response);
    Row row(kPluginCalls);
    row.set("project_id", c.project)
        .set("seq", static_cast<long long>(seq))
        .set("method", meth)
        .set("plugin_id", m.id)
        .set("plugin_version", m.version)
        .set("plugin_sha256", files)
        .set("request", std::string(request))
        .set("request_sha256", req_hash)
        .set("response_sha256", resp_hash);
    impl.record(c, std::move(row), "plugin-call",
                {{"call", seq}, {"method", meth}, {"plugin", m.id}, {"version", m.version}, {"plugin_sha256", files},
                 {"request_sha256", req_hash}, {"response_sha256", resp_hash}});
    impl.step("plugin-call-recorded");
  });
}

ProjectStore::Impl::Recorder::~Recorder() { instrument_.set_observer({}); }

void ProjectStore::Impl::insert_plan_version(Ctx& c, PlanVersion& v) {
  v.version = c.plan_version + 1;
  v.created_at = c.at;
  v.created_by = c.actor;
  Row row(kPlanVersions);
  row.set("project_id", c.project)
      .set("version", static_cast<long long>(v.version))
      .set("created_at", v.created_at)
      .set("created_by", v.created_by)
      .set("reason", v.reason)
      .set("instrument_version", v.instrument_version)
      .set("project_json", write(v.project))
      .set("assessment_json", write(v.assessment))
      .set("sample_json", write(v.sample))
      .set("plan_json", write(v.plan));
  record(c, std::move(row), "plan-version",
         {{"version", v.version},
          {"reason", v.reason},
          {"instrument_version", v.instrument_version},
          {"controls", v.plan.controls.size()},
          {"inspections", v.plan.inspections.size()}});
  c.plan_version = v.version;
  step("plan-version-written");
}

PlanVersion ProjectStore::Impl::make_plan(wkb::host::CheckedInstrument& instrument, const Project& project,
                                          const Assessment& assessment, const std::string& reason) {
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
void ProjectStore::Impl::check_findings_fit(const std::string& id, const Project& project, const Plan& plan) {
  Findings f;
  f.project = project.id;
  for (auto& s : findings(id)) f.findings.push_back(s.finding);
  Issues issues;
  wkb::host::check_findings(project, plan, f, issues);
  if (!issues.empty()) {
    // Two ways a new plan can part from stored findings: a control or unit
    // gone, or a certificate whose new validity no longer covers a conform
    // certificate check already recorded. Each gets its own reason.
    const bool only_certificates = std::all_of(issues.list().begin(), issues.list().end(),
                                               [](const Issue& i) { return i.rule == "certificate-expired"; });
    std::string text =
        only_certificates
            ? "het nieuwe projectbestand van project " + quote(id) +
                  " geeft een certificaat een geldigheid die een al vastgelegde certificaatcontrole niet meer dekt; "
                  "een bevinding vervalt nooit. Controleer de geldigheidsdata in het projectbestand:"
            : "het nieuwe borgingsplan van project " + quote(id) +
                  " bevat niet meer alle beheersmaatregelen of eenheden waarvoor bevindingen zijn vastgelegd; "
                  "een bevinding vervalt nooit. Houd die beheersmaatregelen in het ontwerp, of leg de wijziging "
                  "op een andere manier vast:";
    for (const auto& i : issues.list()) text += "\n  vastgelegd: " + i.to_string();
    throw InputError(text, only_certificates ? "certificate-expired" : "");
  }
}

}  // namespace wkb::store
