// The staff register in the store (schema version 5, docs/store.md#staff) and
// the persons of a borgingsplan (`wkb project assign`).
//
// The register is not a project, yet it is evidence like one: who assessed a
// finding, who was named in the plan. Its rows are recorded in audit_log and
// store_chain under the reserved key kStaffKey ("#staff"), which no project id
// can be; the chain entry's project_sha256 is the hash of the register's state
// (its log count and head and its number of rows), so that a deleted or added
// row, a rewritten log or a changed row is found before the next write
// (lock_staff, staff_rows) and by `wkb audit verify` (check_staff_register).
#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "store_chain.hpp"
#include "store_impl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;
using namespace detail;
using wkb::host::InputError;
using wkb::host::StaffMember;
using wkb::host::StoreDamaged;

namespace {

const std::string kKey(kStaffKey);

std::string state_sha256(long long audit_count, const std::string& audit_head, long long rows) {
  return staff_state_sha256(audit_count, audit_head, rows);
}

long long count_rows(soci::session& sql, const char* table, const std::string& where = "") {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM " + std::string(table) + (where.empty() ? "" : " WHERE " + where), soci::into(n);
  return n;
}

json::object role_json(const RoleAssignment& r) {
  return {{"role", r.role}, {"person", r.person}, {"person_version", r.person_version}, {"name", r.name},
          {"education", r.education}};
}

RoleAssignment role_of(const json::object& o) {
  return {json::value_to<std::string>(o.at("role")), json::value_to<std::string>(o.at("person")),
          static_cast<int>(o.at("person_version").to_number<long long>()), json::value_to<std::string>(o.at("name")),
          json::value_to<std::string>(o.at("education"))};
}

std::string person_nl(const StaffMember& p) { return quote(p.id) + " (" + p.name + ")"; }

}  // namespace

const RoleAssignment* Assignment::role(std::string_view area) const {
  for (const auto& r : roles)
    if (r.role == area) return &r;
  return nullptr;
}

std::string assignment_json(const Assignment& a) {
  json::array roles;
  for (const auto& r : a.roles) roles.push_back(role_json(r));
  return serialize_canonical(json::object{
      {"roles", roles}, {"responsible", a.responsible ? json::value(role_json(*a.responsible)) : json::value(nullptr)}});
}

std::vector<std::string> unstaffed_roles(const Plan& plan, const std::optional<Assignment>& a) {
  std::vector<std::string> out;
  for (const auto& role : wkb::host::roles_needed(plan))
    if (!a || !a->role(role)) out.push_back(role);
  if (!a || !a->responsible) out.push_back("responsible");
  return out;
}

std::string role_name_nl(const std::string& role) {
  return role == "responsible" ? "eindverantwoordelijke" : competence_area_label_nl(role);
}

void check_plan_staffed(const std::string& id, const PlanVersion& current, const std::optional<Assignment>& a,
                        const std::map<std::string, StaffVersion>& staff, const Date& on) {
  const auto missing = unstaffed_roles(current.plan, a);
  if (missing.empty()) {
    // Named when the plan was staffed; still so on the day of the bouwmelding?
    const std::string kvk = current.project.parties.assurer.kvk.value_or("");
    std::vector<std::pair<std::string, const RoleAssignment*>> named;
    for (const auto& r : a->roles) named.emplace_back(r.role, &r);
    named.emplace_back("risk-assessment-and-plan", &*a->responsible);
    std::string problems;
    for (const auto& [role, r] : named) {
      const auto it = staff.find(r->person);
      std::vector<std::string> gaps =
          it == staff.end() ? std::vector<std::string>{"staat niet meer in het personeelsregister"}
                            : wkb::host::standing_gaps(it->second.person, role, kvk, on);
      if (gaps.empty()) continue;
      std::string why;
      for (const auto& g : gaps) why += (why.empty() ? "" : "; ") + g;
      problems += "\n  " + std::string(&*a->responsible == r ? "eindverantwoordelijke" : role_name_nl(role)) +
                  ": " + quote(r->person) + " (" + r->name + ") " + why;
    }
    if (problems.empty()) return;
    throw InputError("de bouwmelding voor project " + quote(id) + " is geweigerd: niet iedereen die het borgingsplan "
                         "noemt, voldoet nog op " + date_nl(on.to_string()) + ":" + problems +
                         "\nWijs een ander toe met `wkb project assign " + id + "`, of werk het personeelsregister bij "
                         "met `wkb staff add BESTAND`",
                     "competence");
  }
  std::string list;
  for (const auto& r : missing) list += (list.empty() ? "" : ", ") + role_name_nl(r);
  throw InputError("de bouwmelding voor project " + quote(id) + " is geweigerd: het borgingsplan (versie " +
                       std::to_string(current.version) + ") noemt niemand voor " + list +
                       "; het borgingsplan noemt wie de werkzaamheden uitvoert en wie eindverantwoordelijk is (zie "
                       "docs/staff.md; het artikel daarvoor is niet bevestigd). Wijs personen toe met `wkb project assign " +
                       id + " --role GEBIED=PERSOON --responsible PERSOON`",
                   "plan-staffed");
}

void check_assessors(const std::vector<Finding>& findings, const Plan& plan, const std::string& assurer_kvk,
                     const std::vector<StaffMember>& staff, Issues& issues) {
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const Control* control = plan.control(f.control);
    if (!control || is_blank(f.assessed_by)) continue;  // named by check_findings and the blank check
    const std::string what = "bevinding " + std::to_string(i + 1) + " over " + quote(f.control) +
                             (f.unit ? " (eenheid " + quote(*f.unit) + ")" : "") + ": ";
    const std::string path = "$.findings[" + std::to_string(i) + "]";
    const auto person = std::find_if(staff.begin(), staff.end(), [&](const StaffMember& m) { return m.id == f.assessed_by; });
    if (person == staff.end()) {
      issues.add(path, "assessor",
                 what + "de beoordelaar " + quote(f.assessed_by) + " staat niet in het personeelsregister; "
                 "\"assessed_by\" noemt het personeelsnummer van een persoon van de kwaliteitsborger (`wkb staff list`)");
      continue;
    }
    if (const auto why = wkb::host::assessor_problem(*person, *control, assurer_kvk, f.date))
      issues.add(path, "assessor", what + *why);  // names the person and why not
  }
}

ProjectStore::Impl::Ctx ProjectStore::Impl::lock_staff(const std::string& actor) {
  // One writer of the register at a time (SQLite: BEGIN IMMEDIATE already is).
  if (postgresql()) sql() << "SELECT pg_advisory_xact_lock(20140015)";
  Ctx c;
  c.project = kKey;
  c.actor = actor;
  c.at = now_utc();
  auto refuse = [&](const std::string& what) -> void {
    throw StoreDamaged("opslag " + db.display() + " is beschadigd bij het personeelsregister: " + what +
                       ". Er is niets geschreven; zoek de oorzaak met `wkb audit verify`");
  };
  const long long rows = count_rows(sql(), "staff_versions");
  const auto chained = last_chain_entry(sql(), kKey);
  if (!chained) {
    if (rows || count_rows(sql(), "audit_log", "project_id = '" + kKey + "'"))
      refuse("er staan personen of registraties in die de keten van de opslag niet kent (buiten wkb om toegevoegd?)");
    c.audit_count = 0;
    c.audit_head = kGenesisHash;
    return c;
  }
  c.audit_count = chained->int32("audit_count");
  c.audit_head = chained->text("audit_head");
  const auto tail = select_rows(sql(), kAuditLog, kKey, "seq >= " + std::to_string(c.audit_count));
  if (tail.size() != 1 || tail.front().integer("seq") != c.audit_count || tail.front().text("hash") != c.audit_head)
    refuse("de audittrail van het register eindigt niet bij registratie " + std::to_string(c.audit_count) +
           ", die de keten van de opslag als laatste vastlegde");
  const AuditEntry last = audit_entry_of(tail.front());
  if (audit_hash(last) != last.hash) refuse("de laatste registratie past niet bij haar hash");
  if (chained->text("project_sha256") != state_sha256(c.audit_count, c.audit_head, rows))
    refuse("het aantal personenversies (" + std::to_string(rows) +
           ") is niet wat de keten van de opslag vastlegde: er zijn rijen verwijderd of toegevoegd");
  if (c.at < last.at)
    throw InputError("de klok staat op " + datetime_nl(c.at) + ", vóór de laatste registratie van het "
                     "personeelsregister (" + datetime_nl(last.at) + "); controleer de systeemklok (of WKB_NOW)");
  return c;
}

std::vector<StaffVersion> ProjectStore::Impl::staff_rows(const std::optional<std::string>& person) {
  // Each row must be the one its audit entry recorded: a person changed
  // outside wkb never decides who may assess or be named. The rows first,
  // the entries after: a register import committed in between (PostgreSQL
  // reads each statement's own snapshot) adds entries, never a row without one.
  const auto rows = select_rows(sql(), kStaffVersions, person);
  std::map<std::pair<std::string, long long>, std::string> recorded;
  for (const Row& e : select_rows(sql(), kAuditLog, kKey, "kind = 'staff-version'")) {
    // An entry rewritten to fit a changed row no longer fits its own hash.
    if (const AuditEntry entry = audit_entry_of(e); audit_hash(entry) != entry.hash)
      throw StoreDamaged("opslag " + db.display() + " is beschadigd: registratie " + std::to_string(entry.seq) +
                         " van het personeelsregister past niet bij haar hash. Er is niets geschreven; zoek de "
                         "oorzaak met `wkb audit verify`");
    const json::object p = parse_json(e.text("payload"), "registratie " + std::to_string(e.int32("seq")) +
                                                             " van het personeelsregister").as_object();
    recorded[{json::value_to<std::string>(p.at("person")), p.at("version").to_number<long long>()}] =
        json::value_to<std::string>(p.at("row_sha256"));
  }
  std::vector<StaffVersion> out;
  for (const Row& r : rows) {
    const std::string id = r.text("person_id");
    const long long version = r.integer("version");
    const auto it = recorded.find({id, version});
    if (it == recorded.end() || it->second != r.sha256())
      throw StoreDamaged("opslag " + db.display() + " is beschadigd: persoon " + quote(id) + " versie " +
                         std::to_string(version) + " in het personeelsregister " +
                         (it == recorded.end() ? "heeft geen registratie in de audittrail"
                                               : "wijkt af van wat de audittrail vastlegde") +
                         ". Er is niets geschreven; zoek de oorzaak met `wkb audit verify`");
    StaffVersion v;
    v.version = static_cast<int>(version);
    v.person = wkb::host::parse_staff_member(r.text("person_json"), "personeelsregister, " + quote(id));
    v.by = r.text("made_by");
    v.at = r.text("made_at");
    out.push_back(std::move(v));
  }
  return out;
}

std::map<std::string, StaffVersion> ProjectStore::Impl::current_staff() {
  std::map<std::string, StaffVersion> out;
  for (auto& v : staff_rows(std::nullopt)) out[v.person.id] = v;  // ordered by version: the last stays
  return out;
}

std::optional<Assignment> ProjectStore::Impl::assignment(const std::string& id) {
  const auto rows = select_rows(sql(), kStaffAssignments, id);
  if (rows.empty()) return std::nullopt;
  const Row& r = rows.back();
  Assignment a;
  a.seq = r.int32("seq");
  a.plan_version = r.int32("plan_version");
  a.by = r.text("made_by");
  a.at = r.text("made_at");
  const json::object o = parse_json(r.text("assignment_json"), "toewijzing van project " + quote(id)).as_object();
  for (const auto& v : o.at("roles").as_array()) a.roles.push_back(role_of(v.as_object()));
  if (o.at("responsible").is_object()) a.responsible = role_of(o.at("responsible").as_object());
  return a;
}

StaffAdded ProjectStore::add_staff(const wkb::host::StaffRegister& reg, const std::string& by) {
  check_text("de naam bij --by", by, TextKind::line, Limits::kNameChars);
  if (is_blank(by))
    throw InputError("voor het personeelsregister is de naam nodig van wie het vastlegt; geef --by NAAM of zet WKB_USER");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock_staff(by);
  std::map<std::string, std::pair<int, std::string>> current;  // id -> version, canonical JSON
  std::map<std::string, StaffMember> latest;
  for (const auto& v : s.staff_rows(std::nullopt)) {
    current[v.person.id] = {v.version, wkb::host::staff_member_json(v.person)};
    latest[v.person.id] = v.person;
  }
  // Personnel ids are the store's, across firms: a person of another firm
  // under a number already taken would silently become a new version of
  // someone else (and inherit their findings).
  Issues taken;
  for (std::size_t i = 0; i < reg.persons.size(); ++i)
    if (const auto it = latest.find(reg.persons[i].id); it != latest.end() && it->second.kvk != reg.persons[i].kvk)
      taken.add("$.persons[" + std::to_string(i) + "].id", "staff-id-taken",
                "personeelsnummer " + quote(reg.persons[i].id) + " is in deze opslag al van " + it->second.name +
                    " (KvK " + it->second.kvk + "); een persoon van KvK " + reg.persons[i].kvk +
                    " krijgt een eigen nummer, bijvoorbeeld met het voorvoegsel van het eigen bureau");
  if (!taken.empty()) throw ValidationError("personeelsregister van " + reg.assurer.name, taken.list());
  StaffAdded out;
  std::vector<Row> rows;
  for (const auto& p : reg.persons) {
    const std::string text = wkb::host::staff_member_json(p);
    const auto it = current.find(p.id);
    if (it != current.end() && it->second.second == text) {
      ++out.unchanged;
      continue;
    }
    const int version = it == current.end() ? 1 : it->second.first + 1;
    (version == 1 ? out.added : out.changed).push_back(p.id);
    Row row(kStaffVersions);
    row.set("person_id", p.id)
        .set("version", static_cast<long long>(version))
        .set("person_json", text)
        .set("made_by", by)
        .set("made_at", c.at);
    s.record(c, std::move(row), "staff-version", {{"person", p.id}, {"version", version}});
  }
  if (out.added.empty() && out.changed.empty()) return out;  // nothing to write
  s.audit(c, "staff-import", {{"assurer", reg.assurer.name}, {"kvk", reg.assurer.kvk.value_or("")},
                              {"added", out.added.size()}, {"changed", out.changed.size()},
                              {"unchanged", out.unchanged}});
  for (const auto& table : c.pending) insert_rows(s.sql(), table);
  append_chain_entry(s.sql(), s.postgresql(), kKey, c.audit_count, c.audit_head,
                     state_sha256(c.audit_count, c.audit_head, count_rows(s.sql(), "staff_versions")), c.at,
                     s.db.display());
  tx.commit();
  return out;
  WKB_STORE_CATCH
}

std::vector<StaffVersion> ProjectStore::staff_versions(const std::optional<std::string>& person) {
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction snapshot(s.db, Transaction::read);
  auto out = s.staff_rows(person);
  if (person && out.empty())
    throw InputError("persoon " + quote(*person) + " staat niet in het personeelsregister van opslag " +
                         s.db.display() + "; `wkb staff list` toont wie er wel in staat",
                     "staff-unknown");
  return out;
  WKB_STORE_CATCH
}

std::vector<StaffMember> ProjectStore::staff() {
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction snapshot(s.db, Transaction::read);
  std::vector<StaffMember> out;
  for (auto& [id, v] : s.current_staff()) out.push_back(std::move(v.person));
  return out;
  WKB_STORE_CATCH
}

Assignment ProjectStore::assign(const std::string& id, const AssignRequest& req, const InstrumentLoader& load) {
  check_text("de naam bij --by", req.by, TextKind::line, Limits::kNameChars);
  if (is_blank(req.by))
    throw InputError("voor een toewijzing is de naam nodig van wie het vastlegt; geef --by NAAM of zet WKB_USER");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, req.by);
  if (c.state == State::declared || c.state == State::completed || c.state == State::closed_without_declaration)
    throw InputError("project " + quote(id) + " is afgesloten (status " + std::string(label_nl(c.state)) +
                         "); de personen van het borgingsplan liggen vast",
                     "invalid-transition");
  const Assignment a =
      s.assign_in(c, s.current_plan(id, c.plan_version), req, load(c.row.text("instrument_id")).description());
  s.save(c);
  tx.commit();
  return a;
  WKB_STORE_CATCH
}

Assignment ProjectStore::Impl::assign_in(Ctx& c, const PlanVersion& current, const AssignRequest& req,
                                         const Description& d) {
  auto& s = *this;
  const std::string& id = c.project;
  const auto needed = wkb::host::roles_needed(current.plan);
  const std::string kvk = current.project.parties.assurer.kvk.value_or("");
  const Date today = *Date::parse(c.at.substr(0, 10));
  const auto staff = s.current_staff();
  const std::optional<Assignment> before = s.assignment(id);

  Issues issues;
  std::map<std::string, RoleAssignment> chosen;  // role -> person
  auto pick = [&](const std::string& role, const std::string& person_id, const std::string& path) {
    const std::string role_nl = role_name_nl(role);
    const auto it = staff.find(person_id);
    if (it == staff.end()) {
      issues.add(path, "staff-unknown",
                 "persoon " + quote(person_id) + " (rol " + role_nl + ") staat niet in het personeelsregister; "
                 "voeg het register toe met `wkb staff add BESTAND`");
      return std::optional<RoleAssignment>();
    }
    const StaffMember& p = it->second.person;
    // The eindverantwoordelijke answers for the plan as a whole: the
    // competence of risicobeoordeling, borgingsplan en coördinatie.
    const std::string area = role == "responsible" ? "risk-assessment-and-plan" : role;
    const auto gaps = wkb::host::competence_gaps(p, area, d, kvk, today);
    if (!gaps.empty()) {
      std::string why;
      for (const auto& g : gaps) why += (why.empty() ? "" : "; ") + g;
      issues.add(path, "competence",
                 "persoon " + person_nl(p) + " voldoet niet voor de rol " + role_nl + " volgens instrument " + d.id +
                     ": " + why);
      return std::optional<RoleAssignment>();
    }
    return std::optional<RoleAssignment>(
        RoleAssignment{role, p.id, it->second.version, p.name, p.education});
  };
  std::set<std::string> given;
  for (const auto& [role, person] : req.roles) {
    const std::string path = "--role " + role + "=" + person;
    if (!given.insert(role).second) {
      issues.add(path, "role-twice", "de rol " + quote(role) + " is twee keer gegeven; geef één persoon per rol");
      continue;
    }
    if (std::find(needed.begin(), needed.end(), role) == needed.end()) {
      std::string list;
      for (const auto& n : needed)
        list += (list.empty() ? "" : ", ") + labelled_value_nl(competence_area_label_nl(n), n);
      issues.add(path, "role-not-needed",
                 (is_competence_area(role) ? "het borgingsplan (versie " + std::to_string(current.version) +
                                                 ") heeft geen persoon nodig voor de rol " +
                                                 labelled_value_nl(competence_area_label_nl(role), role)
                                           : quote(role) + " is geen deelgebied") +
                     "; nodig zijn: " + list);
      continue;
    }
    if (auto r = pick(role, person, path)) chosen[role] = *r;
  }
  // A person kept from the previous assignment is checked again on today's
  // register and date: one who has left or whose bijscholing has lapsed is
  // not carried into a new borgingsplan unnoticed.
  if (before)
    for (const auto& role : needed)
      if (!chosen.count(role) && before->role(role))
        if (auto r = pick(role, before->role(role)->person, "(behouden) rol " + role)) chosen[role] = *r;
  std::optional<RoleAssignment> responsible;
  if (!req.responsible.empty()) {
    if (auto r = pick("responsible", req.responsible, "--responsible " + req.responsible)) responsible = *r;
  } else if (before && before->responsible) {
    responsible = pick("responsible", before->responsible->person, "(behouden) eindverantwoordelijke");
  }
  if (!issues.empty()) throw ValidationError("toewijzing van personen aan project " + quote(id), issues.list());
  if (req.roles.empty() && req.responsible.empty())
    throw InputError("geef ten minste één --role GEBIED=PERSOON of --responsible PERSOON", "assignment-empty");

  Assignment a;
  {
    long long n = 0;
    s.sql() << "SELECT COUNT(*) FROM staff_assignments WHERE project_id = :p", soci::into(n), soci::use(id);
    a.seq = static_cast<int>(n) + 1;
  }
  a.plan_version = current.version;
  a.by = req.by;
  a.at = c.at;
  a.responsible = responsible;
  // In the order the plan needs them; a role the plan no longer needs is dropped.
  for (const auto& role : needed)
    if (chosen.count(role)) a.roles.push_back(chosen[role]);
  Row row(kStaffAssignments);
  row.set("project_id", id)
      .set("seq", static_cast<long long>(a.seq))
      .set("plan_version", static_cast<long long>(a.plan_version))
      .set("assignment_json", assignment_json(a))
      .set("made_by", req.by)
      .set("made_at", c.at);
  json::object roles;
  for (const auto& r : a.roles) roles[r.role] = r.person;
  s.record(c, std::move(row), "assignment",
           {{"seq", a.seq}, {"roles", roles}, {"responsible", responsible ? responsible->person : ""}});
  return a;
}

// `wkb audit verify` for the register: its log, its chain entries and each row.
std::optional<AuditProblem> check_staff_register(soci::session& sql, const std::vector<const Row*>& chained,
                                                 long& entries) {
  std::optional<AuditProblem> problem;
  auto fail = [&](int seq, const std::string& message, const std::string& code, const std::string& table = "",
                  const std::string& key = "") {
    if (!problem) problem = AuditProblem{kKey, seq, message, code, table, key};
  };
  std::map<std::string, std::pair<int, std::string>> bound;  // row key -> entry, row hash
  std::map<long long, std::string> hash_at;
  std::string prev = kGenesisHash;
  int expected = 1;
  for (const Row& r : select_rows(sql, kAuditLog, kKey)) {
    ++entries;
    if (problem) continue;
    const AuditEntry e = audit_entry_of(r);
    if (e.seq != expected) {
      fail(expected, "registratie " + std::to_string(expected) + " van het personeelsregister ontbreekt: er is een "
                     "registratie verwijderd", "entry-removed");
      continue;
    }
    if (audit_hash(e) != e.hash || e.prev_hash != prev) {
      fail(e.seq, "registratie " + std::to_string(e.seq) + " van het personeelsregister is gewijzigd of sluit niet "
                  "aan op de registratie ervoor", audit_hash(e) != e.hash ? "entry-altered" : "entry-out-of-order");
      continue;
    }
    prev = e.hash;
    hash_at[e.seq] = e.hash;
    ++expected;
    if (e.kind != "staff-version") continue;
    try {
      const json::object p = parse_json(e.payload, "registratie").as_object();
      bound[json::value_to<std::string>(p.at("person")) + " versie " +
            std::to_string(p.at("version").to_number<long long>())] = {e.seq,
                                                                       json::value_to<std::string>(p.at("row_sha256"))};
    } catch (const std::exception&) {
      fail(e.seq, "de inhoud van registratie " + std::to_string(e.seq) + " van het personeelsregister is onleesbaar",
           "entry-altered");
    }
  }
  const auto rows = select_rows(sql, kStaffVersions, std::nullopt);
  if (!problem && chained.empty() && (expected > 1 || !rows.empty()))
    fail(0, "het personeelsregister staat niet in de keten van de opslag: het is buiten wkb om gevuld",
         "project-unrecorded", "staff_versions");
  if (!problem && !chained.empty()) {
    const Row& last = *chained.back();
    if (last.integer("audit_count") != expected - 1 || last.text("audit_head") != prev)
      fail(expected, "de audittrail van het personeelsregister eindigt na registratie " + std::to_string(expected - 1) +
                         ", maar de keten van de opslag legde registratie " +
                         std::to_string(last.integer("audit_count")) + " als laatste vast", "log-truncated");
    else if (last.text("project_sha256") != state_sha256(expected - 1, prev, static_cast<long long>(rows.size())))
      fail(0, "het personeelsregister heeft " + std::to_string(rows.size()) + " rijen, wat de keten van de opslag "
              "niet vastlegde: er zijn rijen verwijderd of toegevoegd", "project-row-altered", "staff_versions");
    for (const Row* c : chained) {
      const auto at = hash_at.find(c->integer("audit_count"));
      if (at == hash_at.end() || at->second != c->text("audit_head"))
        fail(static_cast<int>(c->integer("audit_count")),
             "registratie " + std::to_string(c->integer("seq")) + " in de keten van de opslag past niet bij de "
             "audittrail van het personeelsregister: die is herschreven", "chain-mismatch");
    }
  }
  std::set<std::string> seen;
  for (const Row& row : rows) {
    const std::string key = row.key();
    seen.insert(key);
    const auto it = bound.find(key);
    if (it == bound.end())
      fail(0, "persoon " + key + " in tabel staff_versions heeft geen registratie in de audittrail: buiten wkb om "
              "toegevoegd", "row-unrecorded", "staff_versions", key);
    else if (it->second.second != row.sha256())
      fail(it->second.first, "persoon " + key + " in tabel staff_versions wijkt af van wat registratie " +
                                 std::to_string(it->second.first) + " vastlegde: gewijzigd nadat ze is geschreven",
           "row-altered", "staff_versions", key);
  }
  for (const auto& [key, entry] : bound)
    if (!seen.count(key))
      fail(entry.first, "persoon " + key + " in tabel staff_versions, vastgelegd door registratie " +
                            std::to_string(entry.first) + ", ontbreekt: ze is verwijderd",
           "row-deleted", "staff_versions", key);
  return problem;
}

}  // namespace wkb::store
