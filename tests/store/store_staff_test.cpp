// The staff register in the store and its three rules: who may be named in a
// borgingsplan (`competence`), no bouwmelding without them (`plan-staffed`),
// and who may assess a finding (`assessor`); docs/store.md#staff.
#include <fstream>

#include "store_fixture.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/staff.hpp"
#include "wkb/store/dossier.hpp"

namespace wkb::store::test {
namespace {
using wkb::host::InputError;
using wkb::host::StaffRegister;
using wkb::host::StoreDamaged;

StaffRegister example_register(const std::string& name = "borg-twente") {
  const std::string file = std::string(WKB_SOURCE_DIR) + "/examples/staff/" + name + ".staff.json";
  return wkb::host::parse_staff(wkb::host::read_text_file(file), file);
}

// The issues of the ValidationError `f` throws (none when it does not).
template <typename F>
std::vector<Issue> issues_of(F f) {
  try {
    f();
  } catch (const ValidationError& e) {
    return e.issues();
  }
  return {};
}

long long count(soci::session& sql, const std::string& query) {
  long long n = 0;
  sql << query, soci::into(n);
  return n;
}

using StaffStoreTest = StoreTest;

TEST_P(StaffStoreTest, AddStoresNewPersonsVersionsChangedOnesAndSkipsIdenticalOnes) {
  auto store = open();
  StaffRegister reg = example_register();
  const auto first = store->add_staff(reg, "A. Borger");
  EXPECT_EQ(first.added.size(), reg.persons.size());
  EXPECT_TRUE(first.changed.empty());
  const auto chain_before = store->heads().store.seq;
  const auto again = store->add_staff(reg, "A. Borger");
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.changed.empty());
  EXPECT_EQ(again.unchanged, static_cast<int>(reg.persons.size()));
  EXPECT_EQ(store->heads().store.seq, chain_before);  // nothing written
  reg.persons[0].courses.push_back({"Wkb-terugkomdag", *Date::parse("2026-01-20")});
  const auto changed = store->add_staff(reg, "B. Borger");
  ASSERT_EQ(changed.changed, std::vector<std::string>{reg.persons[0].id});
  EXPECT_EQ(changed.unchanged, static_cast<int>(reg.persons.size()) - 1);
  const auto versions = store->staff_versions(reg.persons[0].id);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[1].version, 2);
  EXPECT_EQ(versions[1].by, "B. Borger");
  EXPECT_EQ(versions[1].person, reg.persons[0]);
  EXPECT_NE(versions[0].person, reg.persons[0]);  // version 1 is kept as it was
  const auto current = store->staff();
  ASSERT_EQ(current.size(), reg.persons.size());
  EXPECT_EQ(current[0], reg.persons[0]);  // by id: BT-001 first
  EXPECT_THROW(store->staff_versions(std::string("BT-999")), InputError);
  const auto report = store->verify(std::nullopt);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].message);
}

TEST_P(StaffStoreTest, AVersionFourStoreIsUpgradedKeepsItsDataAndVerifies) {
  std::string id;
  {
    auto store = open();
    id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  }
  {
    auto sql = raw();
    *sql << "DROP TABLE staff_versions";
    *sql << "DROP TABLE staff_assignments";
    *sql << "DELETE FROM wkb_schema_version WHERE version >= 5";
  }
  auto store = open();
  EXPECT_EQ(store->schema_version(), 5);
  EXPECT_TRUE(store->verify(std::nullopt).ok());
  EXPECT_EQ(store->load(id).plans.size(), 1u);
  notify_and_wait(*store, id, "A. Borger");  // register, assignment and bouwmelding on the upgraded store
  const auto report = store->verify(std::nullopt);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].message);
}

TEST_P(StaffStoreTest, AChangedDeletedOrAddedStaffRowIsFoundAndNothingIsWrittenOnIt) {
  const std::string id = open()->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  open()->add_staff(example_register(), "A. Borger");
  {
    auto sql = raw();
    // Raise a person's education after the fact.
    *sql << "UPDATE staff_versions SET person_json = REPLACE(person_json, '\"mbo-4\"', '\"hbo\"') "
            "WHERE person_id = 'BT-003'";
  }
  auto store = open();
  auto report = store->verify(std::nullopt);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].project, "#staff");
  EXPECT_EQ(report.problems[0].code, "row-altered");
  EXPECT_EQ(report.problems[0].key, "BT-003 versie 1");
  // The changed person never decides anything: assigning, importing, adding refuse.
  AssignRequest req{{{"installations", "BT-003"}}, "BT-001", "A. Borger"};
  EXPECT_THROW(store->assign(id, req, loader()), StoreDamaged);
  EXPECT_THROW(store->add_staff(example_register(), "A. Borger"), StoreDamaged);

  // A deleted row: the count the chain recorded no longer holds.
  { *raw() << "DELETE FROM staff_versions WHERE person_id = 'BT-003'"; }
  report = store->verify(std::nullopt);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0].project, "#staff");
  EXPECT_THROW(store->add_staff(example_register(), "A. Borger"), StoreDamaged);
}

// An entry of the register rewritten outside wkb (here only its spacing, so
// that it still names the same row hash) no longer fits its own hash: the
// store refuses to decide on the register before any write, not only verify.
TEST_P(StaffStoreTest, ARewrittenRegisterEntryIsRefusedWhenTheRegisterIsRead) {
  const std::string id = open()->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  open()->add_staff(example_register(), "A. Borger");
  { *raw() << "UPDATE audit_log SET payload = REPLACE(payload, '{', '{ ') WHERE project_id = '#staff' AND kind = 'staff-version'"; }
  auto store = open();
  AssignRequest req{{{"installations", "BT-003"}}, "BT-001", "A. Borger"};
  EXPECT_THROW(store->assign(id, req, loader()), StoreDamaged);
  EXPECT_FALSE(store->verify(std::nullopt).ok());
}

TEST_P(StaffStoreTest, AStaffRowAddedOutsideWkbIsFound) {
  auto store = open();
  store->add_staff(example_register(), "A. Borger");
  {
    auto sql = raw();
    *sql << "INSERT INTO staff_versions (person_id, version, person_json, made_by, made_at) "
            "SELECT person_id, 2, person_json, made_by, made_at FROM staff_versions WHERE person_id = 'BT-004'";
  }
  const auto report = store->verify(std::nullopt);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0].project, "#staff");
  EXPECT_THROW(store->staff(), StoreDamaged);
}

TEST_P(StaffStoreTest, AssignRefusesAPersonWithAGapNamingPersonRoleAndGap) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  store->add_staff(example_register(), "A. Borger");
  const auto needed = wkb::host::roles_needed(store->load(id).current_plan().plan);
  ASSERT_NE(std::find(needed.begin(), needed.end(), "site-inspection"), needed.end());
  ASSERT_NE(std::find(needed.begin(), needed.end(), "structural-safety"), needed.end());
  const long long entries = store->load(id).summary.audit_count;

  // Years: BT-004 has two years of site inspection, the instrument asks three.
  auto issues = issues_of([&] { store->assign(id, {{{"site-inspection", "BT-004"}}, "", "A. Borger"}, loader()); });
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].rule, "competence");
  EXPECT_NE(issues[0].message.find("BT-004"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("toezicht op de bouw"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("2 jaar ervaring"), std::string::npos) << issues[0].message;

  // Role and education: BT-003 (mbo-4, installations) for structural safety (hbo).
  issues = issues_of([&] { store->assign(id, {{{"structural-safety", "BT-003"}}, "", "A. Borger"}, loader()); });
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].rule, "competence");
  EXPECT_NE(issues[0].message.find("heeft de rol"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("opleiding mbo-4"), std::string::npos) << issues[0].message;

  // Inactive: BT-005 left at the end of 2025.
  issues = issues_of([&] { store->assign(id, {{{"structural-safety", "BT-005"}}, "", "A. Borger"}, loader()); });
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("niet actief"), std::string::npos) << issues[0].message;

  // The eindverantwoordelijke must qualify for coordination: BT-002 holds no such role.
  issues = issues_of([&] { store->assign(id, {{{"fire-safety", "BT-002"}}, "BT-002", "A. Borger"}, loader()); });
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].path, "--responsible BT-002");
  EXPECT_EQ(issues[0].rule, "competence");
  EXPECT_NE(issues[0].message.find("eindverantwoordelijke"), std::string::npos) << issues[0].message;

  // Unknown person, and a role the plan does not need or that is no area.
  issues = issues_of([&] {
    store->assign(id, {{{"risk-assessment-and-plan", "XX-1"}, {"gardening", "BT-001"}}, "", "A. Borger"}, loader());
  });
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].rule, "staff-unknown");
  EXPECT_EQ(issues[1].rule, "role-not-needed");

  // Nothing was written by any refusal.
  EXPECT_EQ(store->load(id).summary.audit_count, entries);
  EXPECT_FALSE(store->load(id).assignment);
  { EXPECT_EQ(count(*raw(), "SELECT COUNT(*) FROM staff_assignments"), 0); }
}

TEST_P(StaffStoreTest, TheBouwmeldingWaitsUntilEveryRoleAndTheEindverantwoordelijkeAreNamed) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  rewind_clock();
  auto refusal = [&] {
    try {
      store->notify(id, test_melder(), "A. Borger");
    } catch (const InputError& e) {
      return std::pair<std::string, std::string>(e.what(), e.rule());
    }
    return std::pair<std::string, std::string>("(no InputError)", "");
  };
  auto [message, rule] = refusal();
  EXPECT_EQ(rule, "plan-staffed");
  EXPECT_NE(message.find("eindverantwoordelijke"), std::string::npos) << message;
  EXPECT_NE(message.find("constructieve veiligheid"), std::string::npos) << message;

  // Everyone but the eindverantwoordelijke: still refused, naming only that.
  store->add_staff(example_register(), "A. Borger");
  AssignRequest req;
  for (const auto& role : wkb::host::roles_needed(store->load(id).current_plan().plan))
    req.roles.emplace_back(role, staff_for_area(role));
  req.by = "A. Borger";
  store->assign(id, req, loader());
  const auto record = store->load(id);
  EXPECT_EQ(record.unstaffed, std::vector<std::string>{"responsible"});
  std::tie(message, rule) = refusal();
  EXPECT_EQ(rule, "plan-staffed");
  EXPECT_EQ(message.find("constructieve veiligheid"), std::string::npos) << message;
  EXPECT_EQ(record.summary.state, State::planned);

  // A new assignment naming only the eindverantwoordelijke keeps the roles.
  store->assign(id, {{}, "BT-001", "A. Borger"}, loader());
  const auto assigned = store->load(id);
  EXPECT_TRUE(assigned.unstaffed.empty());
  ASSERT_TRUE(assigned.assignment);
  EXPECT_EQ(assigned.assignment->seq, 2);
  EXPECT_EQ(assigned.assignment->roles.size(), req.roles.size());
  EXPECT_EQ(assigned.assignment->responsible->name, "ing. A. Jansen");
  const auto n = store->notify(id, test_melder(), "A. Borger");
  EXPECT_NE(n.package_json.find("\"staff\""), std::string::npos);
  EXPECT_NE(n.package_json.find("ing. A. Jansen"), std::string::npos);
  const auto report = store->verify(std::nullopt);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].message);
  { EXPECT_EQ(count(*raw(), "SELECT COUNT(*) FROM staff_assignments"), 2); }  // a new row, never an update
}

// Named when the plan was staffed is not enough: on the day of the
// bouwmelding each person named must still be of the assurer and active.
TEST_P(StaffStoreTest, TheBouwmeldingChecksEveryNamedPersonAgainOnItsDay) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  staff_and_assign(*store, id, loader());
  StaffRegister reg = example_register();
  for (auto& p : reg.persons)
    if (p.id == "BT-001") {
      p.active_from = *Date::parse("1999-01-01");
      p.active_until = *Date::parse("2000-01-01");  // has left since
    }
  store->add_staff(reg, "A. Borger");
  rewind_clock();
  const auto entries = store->load(id).summary.audit_count;
  try {
    store->notify(id, test_melder(), "A. Borger");
    FAIL() << "notified with a person who has left";
  } catch (const InputError& e) {
    EXPECT_EQ(e.rule(), "competence");
    const std::string m = e.what();
    EXPECT_NE(m.find("eindverantwoordelijke: \"BT-001\""), std::string::npos) << m;
    EXPECT_NE(m.find("niet actief"), std::string::npos) << m;
  }
  EXPECT_EQ(store->load(id).summary.audit_count, entries);
  EXPECT_EQ(store->load(id).summary.state, State::planned);
}

// Personnel ids are the store's: another firm cannot take one over.
TEST_P(StaffStoreTest, AnotherFirmCannotReuseAPersonnelNumber) {
  auto store = open();
  store->add_staff(example_register(), "A. Borger");
  StaffRegister west = example_register("kwaliteitsborging-west");
  west.persons[0].id = "BT-001";
  const auto chain = store->heads().store.seq;
  const auto issues = issues_of([&] { store->add_staff(west, "A. Borger"); });
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].rule, "staff-id-taken");
  EXPECT_EQ(issues[0].path, "$.persons[0].id");
  EXPECT_EQ(store->heads().store.seq, chain);
  EXPECT_EQ(store->staff_versions("BT-001").size(), 1u);
}

// The persons can come with create and replan, in the same transaction: a
// refused person refuses the whole command.
TEST_P(StaffStoreTest, CreateAndReplanAssignInTheirOwnTransaction) {
  auto store = open();
  store->add_staff(example_register(), "A. Borger");
  const Project p = project();
  AssignRequest bad{{{"structural-safety", "BT-003"}}, "BT-001", "A. Borger"};
  EXPECT_FALSE(issues_of([&] { store->create(p, "nl.test.opslag", loader(), "A. Borger", bad); }).empty());
  EXPECT_TRUE(store->list().empty());
  AssignRequest good{{{"structural-safety", "BT-001"}}, "BT-001", "A. Borger"};
  store->create(p, "nl.test.opslag", loader(), "A. Borger", good);
  auto record = store->load(p.id);
  ASSERT_TRUE(record.assignment);
  EXPECT_EQ(record.assignment->plan_version, 1);
  EXPECT_EQ(record.assignment->role("structural-safety")->person, "BT-001");
  const auto entries = record.summary.audit_count;
  EXPECT_FALSE(issues_of([&] {
                 store->replan(p.id, std::nullopt, "", loader(), "A. Borger", AssignRequest{{{"fire-safety", "BT-003"}}, "", "A. Borger"});
               }).empty());
  EXPECT_EQ(store->load(p.id).summary.audit_count, entries);  // no plan version either
  store->replan(p.id, std::nullopt, "", loader(), "A. Borger", AssignRequest{{{"fire-safety", "BT-002"}}, "", "A. Borger"});
  record = store->load(p.id);
  EXPECT_EQ(record.current_plan().version, 2);
  EXPECT_EQ(record.assignment->plan_version, 2);
  EXPECT_EQ(record.assignment->role("fire-safety")->person, "BT-002");
  EXPECT_EQ(record.assignment->role("structural-safety")->person, "BT-001");  // kept
  EXPECT_TRUE(store->verify(std::nullopt).ok());
}

// A person kept from the previous assignment is checked again: one who has
// left since is not carried into the new assignment unnoticed.
TEST_P(StaffStoreTest, APersonKeptFromTheLastAssignmentIsCheckedAgain) {
  auto store = open();
  StaffRegister reg = example_register();
  store->add_staff(reg, "A. Borger");
  const Project p = project();
  store->create(p, "nl.test.opslag", loader(), "A. Borger", AssignRequest{{{"structural-safety", "BT-001"}}, "BT-001", "A. Borger"});
  reg.persons[0].active_from = *Date::parse("1999-01-01");
  reg.persons[0].active_until = *Date::parse("2000-01-01");  // BT-001 has left
  ASSERT_EQ(reg.persons[0].id, "BT-001");
  store->add_staff(reg, "A. Borger");
  const auto entries = store->load(p.id).summary.audit_count;
  const auto issues = issues_of([&] {
    store->assign(p.id, AssignRequest{{{"fire-safety", "BT-002"}}, "", "A. Borger"}, loader());
  });
  ASSERT_EQ(issues.size(), 2u) << "the kept role and the kept eindverantwoordelijke";
  for (const auto& i : issues) {
    EXPECT_EQ(i.rule, "competence");
    EXPECT_NE(i.path.find("(behouden)"), std::string::npos) << i.path;
    EXPECT_NE(i.message.find("niet actief"), std::string::npos) << i.message;
  }
  EXPECT_EQ(store->load(p.id).summary.audit_count, entries);
}

// A replan whose plan needs a new role is stored; the role shows as unstaffed
// and the bouwmelding waits until it has a person.
TEST_P(StaffStoreTest, AReplanThatNeedsANewRoleIsStoredAndTheBouwmeldingWaitsForIt) {
  auto store = open();
  Project p = project();
  p.local_conditions = {"soft-soil"};  // no fire separation under 5 m: no fire-safety control
  const std::string id = store->create(p, "nl.test.opslag", loader(), "A. Borger").summary.id;
  const auto before = wkb::host::roles_needed(store->load(id).current_plan().plan);
  ASSERT_EQ(std::find(before.begin(), before.end(), "fire-safety"), before.end());
  staff_and_assign(*store, id, loader());
  EXPECT_TRUE(store->load(id).unstaffed.empty());
  p.local_conditions = {"soft-soil", "fire-separation-under-5m"};
  store->replan(id, p, "brandscheiding dichter bij de perceelgrens", loader(), "A. Borger");
  const auto record = store->load(id);
  EXPECT_EQ(record.current_plan().version, 2);
  EXPECT_EQ(record.unstaffed, std::vector<std::string>{"fire-safety"});
  rewind_clock();
  try {
    store->notify(id, test_melder(), "A. Borger");
    ADD_FAILURE() << "notified without a person for fire safety";
  } catch (const InputError& e) {
    EXPECT_EQ(e.rule(), "plan-staffed");
    EXPECT_NE(std::string(e.what()).find("noemt niemand voor brandveiligheid;"), std::string::npos) << e.what();
  }
  store->assign(id, {{{"fire-safety", "BT-002"}}, "", "A. Borger"}, loader());
  EXPECT_NO_THROW(store->notify(id, test_melder(), "A. Borger"));
}

TEST_P(StaffStoreTest, AFindingByAnyoneButAQualifiedPersonOfTheAssurerIsRefusedNamingIt) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  notify_and_wait(*store, id, "A. Borger");
  store->add_staff(example_register("kwaliteitsborging-west"), "A. Borger");
  const Plan plan = store->load(id).current_plan().plan;
  auto base = findings_for(plan, FindingResult::conform);
  // The first finding on a structural control, to give it to the wrong people.
  std::size_t structural = base.size();
  for (std::size_t i = 0; i < base.size(); ++i)
    if (wkb::host::area_of_topic(plan.control(base[i].control)->topic) == "structural-safety") structural = i;
  ASSERT_LT(structural, base.size());
  const std::string other_firm = example_register("kwaliteitsborging-west").persons.at(0).id;
  const long long entries = store->load(id).summary.audit_count;
  for (const auto& [who, expect] : std::vector<std::pair<std::string, std::string>>{
           {"BT-002", "geen rol"},          // fire safety and bouwfysica only
           {"BT-005", "niet actief"},       // left at the end of 2025
           {other_firm, "werkt niet bij"},  // another kwaliteitsborger
           {"ing. A. Jansen (Borg Twente BV)", "staat niet in het personeelsregister"}}) {
    auto list = base;
    list[structural].assessed_by = who;
    const auto issues = issues_of([&] { store->add_findings(id, list, "A. Borger", true); });
    ASSERT_EQ(issues.size(), 1u) << who;
    EXPECT_EQ(issues[0].path, "$.findings[" + std::to_string(structural) + "]");
    EXPECT_EQ(issues[0].rule, "assessor");
    EXPECT_NE(issues[0].message.find(list[structural].control), std::string::npos) << issues[0].message;
    EXPECT_NE(issues[0].message.find(expect), std::string::npos) << issues[0].message;
  }
  // Nothing stored by the refusals; the right people are accepted.
  EXPECT_EQ(store->load(id).summary.audit_count, entries);
  EXPECT_TRUE(store->load(id).findings.empty());
  EXPECT_EQ(store->add_findings(id, base, "A. Borger", true).stored, static_cast<int>(base.size()));
}

TEST_P(StaffStoreTest, TheDossierListsThePersonsPerRole) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  notify_and_wait(*store, id, "A. Borger");
  store->add_findings(id, findings_for(store->load(id).current_plan().plan, FindingResult::conform), "A. Borger");
  store->evaluate(id, loader(), "A. Borger");
  store->close(id, close_request(false, "", "A. Borger"));
  const auto record = store->load(id);
  const std::string json = dossier_json(record);
  EXPECT_NE(json.find("\"staff\":[{"), std::string::npos);
  EXPECT_NE(json.find("\"responsible\""), std::string::npos);
  EXPECT_NE(json.find("ir. M. de Wit"), std::string::npos);
  const std::string html = dossier_html(record);
  EXPECT_NE(html.find("Personen van het borgingsplan"), std::string::npos);
  EXPECT_NE(html.find("eindverantwoordelijke"), std::string::npos);
  EXPECT_NE(html.find("BT-003"), std::string::npos);
}

WKB_STORE_BACKENDS(StaffStoreTest);

}  // namespace
}  // namespace wkb::store::test
