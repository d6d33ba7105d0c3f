// The store-backed paths on SQLite and PostgreSQL: the mapping from a stored
// project to a registration, and `wkb project export --registrations`,
// `wkb chain` and `wkb monitor` reading the store of --db.
#include <boost/json.hpp>

#include <fstream>

#include "command.hpp"
#include "store_fixture.hpp"
#include "wkb/registrations/from_store.hpp"
#include "wkb/registrations/registration.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::store::test {
namespace {

namespace json = boost::json;
const std::string kInstrument = "nl.test.opslag";

// The test instrument's control on fire spread (found by topic: its id is the
// instrument's business).
const Control& fire_control(const Plan& plan) {
  for (const auto& c : plan.controls)
    if (c.topic == "fire-spread") return c;
  throw std::runtime_error("the test instrument planned no control on fire spread");
}

class RegistrationsStore : public StoreTest {
 protected:
  std::string notice_project(ProjectStore& st, const InstrumentLoader& load, const std::string& id,
                             const std::string& house_number);
};

// A project through its whole life to a melding strijdigheid: the fire
// control found unrepairable, everything else conform, on two site days.
std::string RegistrationsStore::notice_project(ProjectStore& st, const InstrumentLoader& load, const std::string& id,
                                               const std::string& house_number) {
  Project p = StoreTest::project(id);
  p.address.house_number = house_number;
  st.create(p, kInstrument, load, "A. Borger");
  notify_and_wait(st, id, "A. Borger");
  const Plan plan = st.load(id).current_plan().plan;
  auto findings = StoreTest::findings_for(plan, FindingResult::conform, "2026-05-01");
  for (auto& f : findings) {
    if (f.control == fire_control(plan).id) f.result = FindingResult::unrepairable;
    if (plan.control(f.control)->method == ControlMethod::site_inspection && f.unit && *f.unit == plan.control(f.control)->units.back())
      f.date = *Date::parse("2026-05-08");
  }
  st.add_findings(id, findings, "J. de Vries");
  EXPECT_EQ(st.evaluate(id, load, "A. Borger").decision.outcome, Outcome::non_compliance_notice);
  st.close(id, close_request(false, "", "A. Borger"));
  return id;
}

TEST_P(RegistrationsStore, TheMappingOfAStoredProject) {
  auto st = open();
  notice_project(*st, loader(), "2026-TST-0001", "12A-2");
  const auto record = st->load("2026-TST-0001");
  const reg::Registration r = reg::registration_of(record);
  EXPECT_EQ(r.project_id, "2026-TST-0001");
  EXPECT_EQ(r.instrument, kInstrument);
  EXPECT_EQ(r.assurer_kvk, "87654321");
  EXPECT_EQ(r.assurer_name, "Borg Twente BV");
  EXPECT_EQ(r.street, "Kloosterstraat");
  EXPECT_EQ(r.house, (reg::HouseNumber{12, "A", "2"}));
  EXPECT_EQ(r.postcode, "7607AB");
  EXPECT_EQ(r.city, "Almelo");
  EXPECT_EQ(r.bag_id, "0141010000123456");
  // The fixture's clock: the bouwmelding on 2026-03-01, then (notify_and_wait,
  // the four weeks of Bbl art. 2.18) everything else on 2026-06-01.
  EXPECT_EQ(r.bouwmelding, Date::parse("2026-03-01"));
  EXPECT_EQ(r.start, Date::parse("2026-04-06"));           // the foundation, the first phase after design
  EXPECT_EQ(r.last_phase_end, Date::parse("2026-04-06")->plus_days(214));  // the end of completion
  EXPECT_EQ(r.melding_strijdigheid, Date::parse("2026-06-01"));
  // Afgesloten zonder verklaring: the melder files no gereedmelding (Bbl art. 2.21 needs the verklaring).
  EXPECT_FALSE(r.gereedmelding.has_value());
  EXPECT_FALSE(r.verklaring.has_value());
  EXPECT_EQ(r.state, "closed-without-declaration");
  const Plan& plan = record.current_plan().plan;
  EXPECT_EQ(r.reasons, std::vector<std::string>{"fire-spread"});
  EXPECT_EQ(r.inspections_planned, static_cast<int>(plan.inspections.size()));
  bool site = false;
  for (const auto& c : plan.controls) site = site || c.method == ControlMethod::site_inspection;
  ASSERT_TRUE(site) << "the test instrument plans a site-inspection control";
  EXPECT_EQ(r.inspections_recorded, 2);  // two days with findings on site-inspection controls
  int unrepairable = 0;
  for (const auto& [topic, results] : r.findings_by_topic)
    if (auto it = results.find("unrepairable"); it != results.end()) unrepairable += it->second;
  EXPECT_EQ(r.findings_by_topic.at("fire-spread").at("unrepairable"), unrepairable);
  EXPECT_EQ(unrepairable, static_cast<int>(fire_control(plan).units.empty() ? 1 : fire_control(plan).units.size()));
}

TEST_P(RegistrationsStore, AProjectBeforeItsBouwmeldingHasNoDates) {
  auto st = open();
  st->create(project("2026-TST-0002"), kInstrument, loader(), "A. Borger");
  const reg::Registration r = reg::registration_of(st->load("2026-TST-0002"));
  EXPECT_EQ(r.state, "planned");
  EXPECT_FALSE(r.bouwmelding.has_value());
  EXPECT_FALSE(r.gereedmelding.has_value());
  EXPECT_EQ(r.house, (reg::HouseNumber{12, "", ""}));
  EXPECT_TRUE(r.reasons.empty());
}

TEST_P(RegistrationsStore, AnAddressThatDoesNotSplitIsRefusedNamingTheProject) {
  auto st = open();
  Project p = project("2026-TST-0003");
  p.address.house_number = "12 achter de kerk";
  st->create(p, kInstrument, loader(), "A. Borger");
  const std::string message = input_error_of([&] { reg::registrations_of(*st); });
  EXPECT_NE(message.find("project 2026-TST-0003"), std::string::npos) << message;
  EXPECT_NE(message.find("wkb project replan"), std::string::npos) << message;
}

wkb::test::CommandOutput wkb(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {WKB_CLI, "--db", db});
  return wkb::test::run_command(args, "2>/dev/null");
}

TEST_P(RegistrationsStore, ExportChainAndMonitorFromTheStore) {
  {
    auto st = open();
    notice_project(*st, loader(), "2026-TST-0001", "12A-2");
    Project other = project("2026-TST-0002");  // another address: the fixture's is the same for every project
    other.address.house_number = "14";
    other.address.bag_id = "0141010000123458";
    st->create(other, kInstrument, loader(), "A. Borger");
  }
  // The export is the message of the mapping.
  const auto exported = wkb(db(), {"project", "export", "--registrations", "--json"});
  ASSERT_EQ(exported.code, 0) << exported.out;
  const auto file = reg::read_registrations(exported.out, "export");
  ASSERT_EQ(file.registrations.size(), 2u);
  auto st = open();
  EXPECT_EQ(reg::write_registrations({file.generated_at, reg::registrations_of(*st)}), exported.out.substr(0, exported.out.size() - 1));

  // The chain: a melding for the notified project closes it; the planned one is not expected yet.
  const auto csv = tmp_ / "meldingen.csv";
  std::ofstream(csv) << "melding_id;datum;bag_id;postcode;huisnummer;huisletter;huisnummertoevoeging;gemeente;"
                        "kvk_kwaliteitsborger;instrument\n"
                        "BM-1;2026-03-01;;7607 AB;12;A;2;Almelo;87654321;nl.test.opslag\n";
  auto chain = wkb(db(), {"chain", "--meldingen", csv.string(), "--date", "2026-03-02", "--json"});
  EXPECT_EQ(chain.code, 0) << chain.out;
  EXPECT_TRUE(parse_json(chain.out, "chain").at("closed").as_bool());
  // The same melding in the BAG form of another object: now two findings.
  std::ofstream(csv) << "melding_id;datum;bag_id;postcode;huisnummer;huisletter;huisnummertoevoeging;gemeente;"
                        "kvk_kwaliteitsborger;instrument\n"
                        "BM-1;2026-03-01;0141010000999999;7607 AB;12;A;2;Almelo;87654321;nl.test.opslag\n";
  chain = wkb(db(), {"chain", "--meldingen", csv.string(), "--date", "2026-03-02", "--json"});
  EXPECT_EQ(chain.code, 1) << chain.out;
  const auto report = parse_json(chain.out, "chain");
  const auto& findings = report.at("findings").as_array();
  ASSERT_EQ(findings.size(), 2u) << chain.out;
  EXPECT_EQ(findings[0].at("kind").as_string(), "melding-unregistered");
  EXPECT_EQ(findings[0].at("meldingen").as_array()[0].as_string(), "BM-1");
  EXPECT_EQ(findings[1].at("kind").as_string(), "registration-without-melding");
  EXPECT_EQ(findings[1].at("projects").as_array()[0].as_string(), "2026-TST-0001");

  const auto monitor = wkb(db(), {"monitor", "--json"});
  ASSERT_EQ(monitor.code, 0) << monitor.out;
  const auto m = parse_json(monitor.out, "monitor");
  EXPECT_EQ(m.at("outcomes").at("non-compliance-notice").as_int64(), 1);
  EXPECT_EQ(m.at("outcomes").at("declaration").as_int64(), 0);
  EXPECT_EQ(m.at("projects").as_int64(), 2);
  EXPECT_EQ(m.at("reasons_by_topic").at("fire-spread").as_int64(), 1);

  // A store without projects exports an empty list; a missing store is refused.
  const auto empty = wkb(another_db(), {"project", "export", "--registrations", "--json"});
  if (GetParam() == "sqlite") {
    EXPECT_EQ(empty.code, 3) << empty.out;  // the store does not exist: export never makes one
  } else {
    EXPECT_EQ(empty.code, 0) << empty.out;
    EXPECT_EQ(reg::read_registrations(empty.out, "export").registrations.size(), 0u);
  }
}

WKB_STORE_BACKENDS(RegistrationsStore);

}  // namespace
}  // namespace wkb::store::test
