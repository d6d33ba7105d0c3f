#pragma once
// The project store: an assurer's projects over their whole life, on SQLite
// (default) or PostgreSQL, with one code path (SOCI). Every public operation
// is one transaction: it happens completely or not at all, also when the
// process is killed halfway. Every change is appended to a hash-chained audit
// log per project (audit.hpp); plugin calls made for a project are recorded
// with the plugin's identity and hashes, so they can be replayed.
//
// Before a write, the project's row, the end of its audit log and the
// store-wide chain are checked to agree: a store changed outside wkb is never
// written on (and so never laundered by a later command).
//
// Errors: InputError (exit 3) for an unknown project, an illegal transition,
// bad findings, a store that cannot be opened; StoreDamaged (exit 3) for rows
// that disagree with the audit trail; StoreBusy (exit 5) when another process
// holds the lock longer than the lock timeout; the plugin's PluginFailure
// passes through. Nothing is written when an operation throws.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/staff.hpp"
#include "wkb/sdk/types.hpp"
#include "wkb/store/audit.hpp"
#include "wkb/store/lifecycle.hpp"

namespace wkb::store {

// Returns the loaded instrument with this id (the caller owns and caches it).
using InstrumentLoader = std::function<wkb::host::CheckedInstrument&(const std::string& id)>;

struct ProjectSummary {
  std::string id;
  std::string name;
  std::string instrument_id;
  std::string instrument_name;
  std::string instrument_version;  // of the current plan version
  State state = State::draft;
  int plan_version = 0;
  std::string created_at;
  std::string updated_at;
  int audit_count = 0;     // entries in the project's audit log
  std::string audit_head;  // the hash of its last entry: the project's head
};

// Everything one plan version was made from, so it stands on its own.
struct PlanVersion {
  int version = 0;
  std::string created_at;
  std::string created_by;
  std::string reason;  // "create", "replan: ...", "risk override r-x"
  std::string instrument_version;
  Project project;
  Assessment assessment;  // as stored by the host (overrides applied)
  Sample sample;
  Plan plan;
};

struct RiskOverride {
  int seq = 0;
  int plan_version = 0;  // the version the override produced
  Risk before;
  Risk after;
  std::string motivation;
  std::string by;
  std::string at;
};

struct StoredFinding {
  int seq = 0;
  Finding finding;
  std::string recorded_at;
};

struct StoredDecision {
  int seq = 0;
  int plan_version = 0;
  int findings_count = 0;  // findings the decision saw
  Decision decision;
  std::string by;
  std::string at;
};

// A warning for a person, with a stable English code for machines
// (docs/store.md#warnings): `wkb --json` gives {"code": ..., "message": ...}.
struct Warning {
  std::string code;     // "notify-late", ...
  std::string message;  // Dutch, for people
  bool operator==(const Warning&) const = default;
};

// Who files the bouwmelding and the gereedmelding (Bbl art. 2.18, 2.21):
// the melder (initiatiefnemer or aannemer), not the kwaliteitsborger. Read
// from a store-owned input (`wkb.melder/1`, docs/store.md#melder), since the
// project file (wkb.project/1) has no place for it.
struct Person {
  std::string name;
  std::string kvk;  // 8 digits, empty for a private person
  std::string address;
  std::string phone;
  std::string email;
  bool operator==(const Person&) const = default;
};

struct Melder {
  std::string role;  // "initiatiefnemer" or "aannemer"
  Person builder;
  std::optional<Person> authorised;  // gemachtigde
  std::string cadastral;             // kadastrale aanduiding, "Almere A 1234"; or
  std::string coordinates;           // RD coordinates "x, y" when there is no kadastrale aanduiding
  bool operator==(const Melder&) const = default;
};

// Parses and checks a wkb.melder/1 document; ValidationError with JSON paths.
Melder parse_melder(const std::string& text, const std::string& source);
std::string melder_json(const Melder& m);  // canonical

struct Notification {  // the bouwmelding
  int plan_version = 0;
  std::string package_json;  // {"schema":"wkb.bouwmelding/1","project":..,"assessment":..,"plan":..,"melder":..}
  std::vector<Warning> warnings;
  std::optional<Melder> melder;  // absent in a store written before schema version 4
  std::string by;
  std::string at;
};

// One recorded step of the lifecycle after the bouwmelding (schema version
// 4, table lifecycle_events): its kind, its data as canonical JSON, who and when.
struct LifecycleEvent {
  int seq = 0;
  std::string step;  // "start", "renotification", "deviation-notice", "info-request", "info-answer",
                     // "declaration", "notice", "completion", "use-decision"
  std::string payload_json;
  std::string by;
  std::string at;
};

// A part a melding tijdens de bouw names: the control and unit, their topic
// and Bbl reference, and the latest result that makes it a deviation.
struct NoticePart {
  std::string control;
  std::string unit;  // empty: a project-level control
  std::string topic;
  std::string bbl_ref;
  FindingResult result = FindingResult::open;
};

// `wkb melding`: a notice of deviations during construction (Bkl art. 3.86).
struct DeviationNotice {
  int number = 0;  // the project's first, second, ... melding: "melding 2"
  int seq = 0;     // of its lifecycle event
  std::vector<std::string> recipients;  // "client", "contractor", "competent-authority"
  std::vector<NoticePart> parts;
  std::string explanation;
  std::string by;
  std::string at;
};

// "opdrachtgever, aannemer en bevoegd gezag".
std::string recipients_nl(const std::vector<std::string>& recipients);

struct DeviationRequest {
  std::vector<std::pair<std::string, std::string>> parts;  // control, unit ("" for project level)
  std::vector<std::string> recipients;
  std::string explanation;
  std::string by;
};

// The verklaring's own data beside the closure (Bkl art. 3.86).
struct DeclarationDetails {
  std::string place;
  std::string responsible;  // eindverantwoordelijke
  std::string licence;      // the assurer's licence for the instrument, when known
};

// The dossier bevoegd gezag as a checklist (Bbl art. 2.21): every item is
// present (with a document), not applicable (with a reason), or missing.
struct DossierItem {
  std::string key;     // "use-functions", "structural", ...
  std::string status;  // "present", "not-applicable", "missing"
  std::string document;
  std::string reason;
};
// The items the checklist must hold, in order, with their Dutch names.
const std::vector<std::pair<std::string, std::string>>& dossier_item_names();

struct Completion {  // the gereedmelding, by the melder
  std::string intended_use;  // YYYY-MM-DD
  std::vector<DossierItem> items;
  std::string filed_by;  // the melder's builder
  std::string by;
  std::string at;
};
// Parses a wkb.gereedmelding/1 document (intended use and checklist).
Completion parse_completion(const std::string& text, const std::string& source);

struct Closure {  // the kwaliteitsborger's closing: verklaring or melding strijdigheid
  Outcome kind = Outcome::declaration;  // declaration or non_compliance_notice
  Outcome from_outcome = Outcome::declaration;  // open_items when an assurer turned it into a notice
  int decision_seq = 0;
  std::string effort;  // the written account of the effort made (open-items -> notice)
  std::string by;
  std::string at;
  std::optional<DeclarationDetails> declaration;  // with a verklaring (schema version 4)
  std::string not_notified;  // with a melding strijdigheid: why parts were not notified during construction
};

struct CloseRequest {
  bool notice = false;
  std::string effort;
  DeclarationDetails declaration;  // place and responsible are needed for a verklaring
  std::string not_notified;
  std::string by;
};

// The lifecycle of a project as the law names it (docs/store.md#lifecycle):
// when each step was recorded, absent until it happens. Timestamps are UTC
// ISO 8601 as stored ("2026-03-01T10:00:00Z"); the two dates the melder gives
// are calendar dates ("2026-04-01"). Read from the stored rows by
// ProjectStore::load; other commands (chain, monitor, compare) read it here.
// For a store written before schema version 4, the steps recorded then
// (bouwmelding, verklaring or melding strijdigheid) are filled in, the others
// stay absent.
struct Lifecycle {
  std::optional<std::string> construction_notice;          // bouwmelding (Bbl art. 2.18), the current one
  std::optional<std::string> construction_notice_expires;  // date the bouwmelding lapses without a start (one year)
  std::optional<std::string> construction_start;           // mededeling start bouw recorded (Bbl art. 7.7)
  std::optional<std::string> construction_start_date;      // the date the building starts, as announced
  std::vector<std::string> deviation_notices;              // meldingen tijdens de bouw (Bkl art. 3.86), oldest first
  std::optional<std::string> declaration;                  // verklaring of the kwaliteitsborger (Bkl art. 3.86)
  std::optional<std::string> non_compliance_notice;        // melding strijdigheid at the close
  std::optional<std::string> completion_notice;            // gereedmelding (Bbl art. 2.21), by the melder
  std::optional<std::string> intended_use_date;            // date of intended use given with the gereedmelding
  std::optional<std::string> closed_without_declaration;   // afgesloten zonder verklaring
};

// One version of a person in the staff register (schema version 5, table
// staff_versions; docs/store.md#staff). Version 1 is the person as first
// added; each change adds a version; the last is the one in force.
struct StaffVersion {
  int version = 0;
  wkb::host::StaffMember person;
  std::string by;
  std::string at;
};

struct StaffAdded {
  std::vector<std::string> added;    // person ids stored as version 1
  std::vector<std::string> changed;  // person ids stored as a new version
  int unchanged = 0;                 // persons identical to their current version, skipped
};

// Who carries out one role of a borgingsplan: the person as the register
// held them when they were assigned.
struct RoleAssignment {
  std::string role;  // a competence area; "responsible" for the eindverantwoordelijke
  std::string person;
  int person_version = 0;
  std::string name;
  std::string education;
  bool operator==(const RoleAssignment&) const = default;
};

// The persons of a project's borgingsplan (`wkb project assign`); each
// assignment is a new row, the last in force.
struct Assignment {
  int seq = 0;
  int plan_version = 0;  // the plan version it was made for
  std::vector<RoleAssignment> roles;  // in competence_areas() order
  std::optional<RoleAssignment> responsible;
  std::string by;
  std::string at;
  const RoleAssignment* role(std::string_view area) const;  // nullptr when nobody is assigned
};

struct AssignRequest {
  std::vector<std::pair<std::string, std::string>> roles;  // area, person id
  std::string responsible;  // person id; empty: the current assignment's
  std::string by;
};

struct ProjectRecord {
  ProjectSummary summary;
  Lifecycle lifecycle;
  std::vector<PlanVersion> plans;  // oldest first
  std::vector<RiskOverride> overrides;
  std::vector<StoredFinding> findings;
  std::vector<StoredDecision> decisions;
  std::optional<Notification> notification;
  std::optional<Closure> closure;
  std::vector<LifecycleEvent> events;  // oldest first
  std::vector<DeviationNotice> deviation_notices;
  std::optional<Completion> completion;
  StoreHead store_head;  // the store chain's head when the record was read
  std::optional<Assignment> assignment;  // the persons of the borgingsplan (schema version 5)
  // The roles the current plan needs (wkb::host::roles_needed) nobody is
  // assigned to, and "responsible" when there is no eindverantwoordelijke.
  std::vector<std::string> unstaffed;

  const PlanVersion& current_plan() const { return plans.back(); }
  Findings findings_message() const;  // wkb.findings/1 of all stored findings
};

// What create returns: the stored project and its first plan version.
struct Created {
  ProjectSummary summary;
  PlanVersion plan;
};

// What a risk override or a replan returns: the plan before and the new one.
struct PlanUpdate {
  PlanVersion previous;
  PlanVersion current;
  std::optional<RiskOverride> override_made;  // a risk override's record
};

struct FindingsAdded {
  int stored = 0;
  int already_stored = 0;  // findings of the input identical to stored ones, not stored again
  State state = State::notified;  // the project's state afterwards
};

struct OverrideRequest {
  std::string risk;
  std::optional<int> likelihood, impact, recoverability;
  std::string motivation;
  std::string by;
};

class ProjectStore {
 public:
  // Connects (`db` as for --db), applies migrations. Throws InputError.
  // With `create` false, a SQLite store that does not exist yet is refused
  // instead of made: reading or changing a project never leaves an empty
  // store behind after a typo in --db.
  // `lock_timeout_ms`: how long a writer waits for another process's lock
  // (-1: $WKB_LOCK_TIMEOUT seconds, else 10 s); past it StoreBusy.
  static std::unique_ptr<ProjectStore> open(const std::string& db, bool create = true, int lock_timeout_ms = -1);
  ~ProjectStore();

  std::string backend() const;  // "sqlite" or "postgresql"
  std::string display() const;  // the store for messages, secrets masked
  int schema_version() const;

  // Tests only: called at named points inside a transaction ("finding-written", ...).
  void set_step_hook(std::function<void(const std::string& step)> hook);

  // Stores the project and runs assess, sample, plan: draft -> planned.
  // `staff`: the persons of the borgingsplan, assigned in the same
  // transaction as by assign (nothing is stored when one is refused).
  Created create(const Project& project, const std::string& instrument_id, const InstrumentLoader& load,
                        const std::string& by, const std::optional<AssignRequest>& staff = std::nullopt);
  std::vector<ProjectSummary> list();
  ProjectRecord load(const std::string& id);
  std::vector<AuditEntry> audit_log(const std::string& id);

  // Changes a risk's scores in the stored assessment (who, when, why recorded)
  // and re-runs sample and plan on it: a new plan version.
  PlanUpdate override_risk(const std::string& id, const OverrideRequest& request, const InstrumentLoader& load);
  // Design or schedule changed: re-assess (overrides carried over), sample and plan.
  PlanUpdate replan(const std::string& id, const std::optional<Project>& changed, const std::string& reason,
                     const InstrumentLoader& load, const std::string& by,
                     const std::optional<AssignRequest>& staff = std::nullopt);
  // The bouwmelding by the melder: planned -> notified. Refused when
  // incomplete (docs/store.md#bouwmelding). `renew`: a new bouwmelding after
  // the first lapsed (no start within a year) or was refused (`refused`: why).
  Notification notify(const std::string& id, const Melder& melder, const std::string& by);
  LifecycleEvent renotify(const std::string& id, const Melder& melder, const std::string& refused,
                          const std::string& by);
  // Mededeling start bouw (Bbl art. 7.7): the date building starts.
  LifecycleEvent start(const std::string& id, const Date& start, const std::string& by);
  // A melding tijdens de bouw (Bkl art. 3.86).
  DeviationNotice notify_deviation(const std::string& id, const DeviationRequest& request);
  // An information request of the bevoegd gezag during construction, and its
  // answer; requests are numbered 1, 2, ... per project (LifecycleEvent::seq
  // of the answer's `request` is that number).
  // Returns the event with `seq` set to the request's number.
  LifecycleEvent information_request(const std::string& id, const std::string& question, const std::string& by);
  LifecycleEvent information_answer(const std::string& id, int request, const std::string& answer,
                                    const std::string& by);
  // The gereedmelding by the melder, after the verklaring: declared -> completed.
  Completion complete(const std::string& id, const Completion& completion, const std::string& by);
  // The bevoegd gezag's decision on use after a close without verklaring.
  LifecycleEvent use_decision(const std::string& id, const std::string& decision, const std::string& by);
  // Findings are checked against the current plan; the first one moves the
  // project to in-execution.
  // A finding's date lies between the bouwmelding and today (the store's
  // clock); one about the execution at least four weeks after the bouwmelding.
  // Findings identical to stored ones are not stored again (`already_stored`);
  // `is_import`: the content of a findings file, refused when the same
  // content was imported before; none new at all is refused too.
  FindingsAdded add_findings(const std::string& id, const std::vector<Finding>& findings, const std::string& by,
                             bool is_import = false);
  StoredDecision evaluate(const std::string& id, const InstrumentLoader& load, const std::string& by);
  // The kwaliteitsborger's close: a verklaring (in-execution -> declared) or
  // a melding strijdigheid (-> closed-without-declaration). `notice`: turn
  // open-items into a notice, which needs `effort`.
  Closure close(const std::string& id, const CloseRequest& request);

  // The staff register (staff_store.cpp). add_staff stores every person of
  // the register that is new or changed, in one transaction audit-logged
  // under the register's own key; identical persons are counted, not stored.
  StaffAdded add_staff(const wkb::host::StaffRegister& reg, const std::string& by);
  // Every version of every person (by id, then version); `person`: that one
  // (InputError when unknown).
  std::vector<StaffVersion> staff_versions(const std::optional<std::string>& person = std::nullopt);
  // The register in force: each person's last version.
  std::vector<wkb::host::StaffMember> staff();
  // Names the persons of the current borgingsplan: each role must be one the
  // plan needs and the person must meet the instrument's competence for it
  // today (wkb::host::competence_gaps, rule `competence`); the
  // eindverantwoordelijke must meet risk-assessment-and-plan. Roles not in
  // the request keep their current person. A new row, never an update.
  Assignment assign(const std::string& id, const AssignRequest& request, const InstrumentLoader& load);

  // Checks the hash chains and that every stored row matches its audit entry
  // and the store chain. `expected_heads`: store heads kept elsewhere, each of
  // which must still be in the chain (a rewrite removes them).
  VerifyReport verify(const std::optional<std::string>& id, const std::vector<std::string>& expected_heads = {});
  // The current heads: the store chain's and each project's.
  Heads heads();
  // Signs the current heads with an Ed25519 secret key (64 raw bytes) and
  // keeps the signature in the store; returns the signed document (JSON).
  SignedHeads sign_heads(const std::string& secret_key);
  // Checks every stored signature made with `public_key` (32 raw bytes): the
  // signature itself, and that each signed head is still in its chain.
  // Problems are added to `report`; none signed with this key is a problem too.
  void check_signed_heads(const std::string& public_key, VerifyReport& report);
  // Re-runs the recorded plugin calls of a project with the installed plugin.
  ReplayReport replay(const std::string& id, const InstrumentLoader& load);

  struct Impl;

 private:
  explicit ProjectStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// SHA-256 over every file of a plugin folder (relative path and content hash,
// sorted): what the audit trail records as the plugin's identity.
std::string plugin_files_sha256(const wkb::host::Manifest& manifest);

}  // namespace wkb::store
