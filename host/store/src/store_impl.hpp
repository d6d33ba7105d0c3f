#pragma once
// ProjectStore's inside, shared by the commands (commands.cpp), the readers
// (readers.cpp) and verify and replay (verify.cpp). Internal to wkb_store.
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "database.hpp"
#include "rows.hpp"
#include "wkb/store/assessors.hpp"
#include "wkb/store/project_store.hpp"

namespace wkb::store {

struct ProjectStore::Impl {
  Impl(const std::string& db, int lock_timeout_ms) : db(db, lock_timeout_ms) {}
  detail::Database db;
  std::function<void(const std::string&)> hook;
  std::map<std::string, std::string> plugin_hash_cache;  // folder -> files hash

  soci::session& sql() { return db.sql(); }
  bool postgresql() const { return db.backend() == detail::Backend::postgresql; }
  void step(const std::string& name) {
    if (hook) hook(name);
  }
  // A SOCI error as a store error: busy (exit 5) or invalid input (exit 3).
  [[noreturn]] void store_failure(const soci::soci_error& e);
  // Anything else a damaged row can raise (a JSON type error, a missing
  // member) as StoreDamaged, so that it never surfaces as an internal error.
  [[noreturn]] void damaged(const std::exception& e);
  [[noreturn]] void throw_unknown(const std::string& id);

  // One project inside a write command: its row as read (and checked against
  // the audit log and the store chain), and the rows the command writes,
  // sent in one multi-row insert per table when the command saves.
  struct Ctx {
    std::string project;
    std::string actor;
    std::string at;
    detail::Row row{detail::kProjects};
    State state = State::draft;
    int plan_version = 0;
    int audit_count = 0;
    std::string audit_head;
    int plugin_calls = 0;
    bool is_new = false;
    std::vector<std::vector<detail::Row>> pending;  // per table, in all_tables() order
    void add(detail::Row row);
  };

  // Starts a write on an existing project: reads its row (PostgreSQL: locks
  // it; SQLite: the transaction already holds the write lock), and refuses
  // with StoreDamaged unless the row, the end of its audit log and the store
  // chain agree, and with InputError when the clock stands before the last entry.
  Ctx lock(const std::string& id, const std::string& actor);
  // A new project (create): nothing to check but that the id is free.
  Ctx fresh(const Project& project, const Description& instrument, const std::string& actor);

  // Appends an audit entry (pending until save).
  void audit(Ctx& c, const std::string& kind, const boost::json::object& payload);
  // Appends a data row and its audit entry, which records the row's hash.
  void record(Ctx& c, detail::Row row, const std::string& kind, boost::json::object payload);
  void change_state(Ctx& c, State to);
  // Writes the pending rows, the project row and the store chain entry.
  void save(Ctx& c);

  const std::string& plugin_hash(const wkb::host::Manifest& m);

  // Records each call the instrument makes while alive.
  class Recorder {
   public:
    Recorder(Impl& impl, Ctx& c, wkb::host::CheckedInstrument& instrument);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

   private:
    wkb::host::CheckedInstrument& instrument_;
  };

  void insert_plan_version(Ctx& c, PlanVersion& v);
  PlanVersion make_plan(wkb::host::CheckedInstrument& instrument, const Project& project, const Assessment& assessment,
                        const std::string& reason);
  void check_findings_fit(const std::string& id, const Project& project, const Plan& plan);

  // Readers (readers.cpp).
  ProjectSummary summary(const std::string& id);
  ProjectSummary summary_of(const detail::Row& project, const std::string& instrument_version);
  std::vector<PlanVersion> plan_versions(const std::string& id, std::optional<int> only);
  PlanVersion current_plan(const std::string& id, int version);
  std::vector<StoredFinding> findings(const std::string& id);
  std::vector<StoredDecision> decisions(const std::string& id);
  std::vector<RiskOverride> overrides(const std::string& id);
  ProjectRecord record(const std::string& id);
  std::vector<LifecycleEvent> events(const std::string& id);

  // The staff register (staff_store.cpp). lock_staff: the register's
  // context for a write (c.project is kStaffKey), refused with StoreDamaged
  // unless its rows, log and chain agree. staff_rows: every version, each
  // checked against its audit entry. current_staff: id -> last version.
  Ctx lock_staff(const std::string& actor);
  std::vector<StaffVersion> staff_rows(const std::optional<std::string>& person);
  std::map<std::string, StaffVersion> current_staff();
  std::optional<Assignment> assignment(const std::string& id);  // the last one
  // Checks and records an assignment for `current` inside the command of `c`
  // (`project assign`, or create and replan with --role): ValidationError
  // naming each refused person, role and gap.
  Assignment assign_in(Ctx& c, const PlanVersion& current, const AssignRequest& req, const Description& d);

  // Lifecycle (lifecycle_commands.cpp): appends a lifecycle_events row and
  // its audit entry; `extra` is the number of events this command added before.
  LifecycleEvent add_event(Ctx& c, const std::string& step, const boost::json::object& payload);
  // The date of the bouwmelding in force (the last renewal, else the first).
  Date notified_on(const std::string& id);
};

// The staff side (staff_store.cpp): an assignment as stored, the roles the
// plan needs that nobody carries ("responsible" for the eindverantwoordelijke),
// a role's Dutch name, and verify's check of the register.
std::string assignment_json(const Assignment& a);
std::vector<std::string> unstaffed_roles(const Plan& plan, const std::optional<Assignment>& a);
std::string role_name_nl(const std::string& role);
// The bouwmelding's rule `plan-staffed`: InputError naming every role of the
// current plan without a person, and a missing eindverantwoordelijke; then
// every person named is checked again on `on` against the register as it is
// now (wkb::host::standing_gaps: of the project's assurer, active, the role,
// bijscholing), rule `competence`.
void check_plan_staffed(const std::string& id, const PlanVersion& current, const std::optional<Assignment>& a,
                        const std::map<std::string, StaffVersion>& staff, const Date& on);
std::optional<AuditProblem> check_staff_register(soci::session& sql, const std::vector<const detail::Row*>& chained,
                                                 long& entries);

// Lifecycle data read from rows and inputs (lifecycle_inputs.cpp).
void fill_lifecycle(ProjectRecord& r);
Melder melder_of(const boost::json::object& o);
boost::json::array completion_items_json(const std::vector<DossierItem>& items);

// Decoders from stored rows (readers.cpp); StoreDamaged naming the row when a
// value cannot be read.
PlanVersion plan_version_of(const detail::Row& row);
StoredFinding finding_of(const detail::Row& row);
StoredDecision decision_of(const detail::Row& row);
RiskOverride override_of(const detail::Row& row);
std::string response_sha256(std::string_view response);

#define WKB_STORE_TRY try {
#define WKB_STORE_CATCH                    \
  }                                        \
  catch (const soci::soci_error& e) {      \
    impl_->store_failure(e);               \
  }                                        \
  catch (const wkb::host::Error&) {        \
    throw;                                 \
  }                                        \
  catch (const wkb::ValidationError&) {    \
    throw;                                 \
  }                                        \
  catch (const wkb::SyntaxError&) {        \
    throw;                                 \
  }                                        \
  catch (const std::bad_alloc&) {          \
    throw;                                 \
  }                                        \
  catch (const std::exception& e) {        \
    impl_->damaged(e);                     \
  }

}  // namespace wkb::store
