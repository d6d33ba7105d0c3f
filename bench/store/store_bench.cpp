// store_bench: a national year of Wkb projects through the project store.
//
//   store_bench --db sqlite:/tmp/year.db [--projects 7000] [--findings 50000]
//
// About 7 000 projects a year (mostly single dwellings, some series of up to
// 200), each created (assess, sample, plan), notified, given its findings in
// one import, evaluated and closed: five transactions per project, every one
// with its audit entries and recorded plugin calls. Prints projects per
// second. Figures go into docs/performance.md ("Store").
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/staff.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/project_store.hpp"

using namespace wkb;

namespace {

// Mostly single dwellings; one in seven is a series of 2..200 units,
// skewed towards small series.
int units_of(int i) {
  if (i % 7 != 0) return 1;
  const double r = static_cast<double>((static_cast<unsigned long long>(i) * 2654435761ull) % 1000) / 1000.0;
  return 2 + static_cast<int>(198 * r * r * r);
}

Project make_project(int i) {
  Project p;
  char id[32];
  std::snprintf(id, sizeof id, "2026-BNCH-%06d", i);
  p.id = id;
  const int units = units_of(i);
  p.name = units == 1 ? "Vrijstaande woning kavel " + std::to_string(i) : std::to_string(units) + " woningen plan " + std::to_string(i);
  p.address = {"Dorpsstraat", std::to_string(1 + i % 300), "7607 AB", "Almelo", std::nullopt};
  p.building = {BuildingType::dwelling, units, 2, "traditional"};
  p.parties.client = {"Opdrachtgever " + std::to_string(i), std::nullopt, true};
  p.parties.contractor = {"Bouwbedrijf Oost BV", std::string("12345678"), std::nullopt};
  p.parties.assurer = {"Borg Twente BV", std::string("87654321"), std::nullopt};
  for (int u = 1; u <= units; ++u) p.unit_ids.push_back("bn" + std::to_string(u));
  const Date f = Date::from_ymd(2026, 4, 6).plus_days(i % 200);
  p.schedule = {{Phase::design, f.plus_days(-90), f.plus_days(-30)},
                {Phase::foundation, f, f.plus_days(24)},
                {Phase::structure, f.plus_days(28), f.plus_days(110)}};
  if (i % 3 == 0) p.documents = {{"beng-calculation", "missing"}};
  if (i % 2 == 0) p.local_conditions.push_back("soft-soil");
  if (i % 5 == 0) p.local_conditions.push_back("fire-separation-under-5m");
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  int projects = 7000;
  long target_findings = 50000;
  std::string plugin_dir = WKB_STORE_BENCH_PLUGIN_DIR;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) { std::cerr << a << " needs a value\n"; std::exit(2); }
      return argv[++i];
    };
    if (a == "--db") db = next();
    else if (a == "--projects") projects = std::stoi(next());
    else if (a == "--findings") target_findings = std::stol(next());
    else if (a == "--plugin") plugin_dir = next();
    else { std::cerr << "usage: store_bench --db URL [--projects N] [--findings N] [--plugin DIR]\n"; return 2; }
  }
  if (db.empty()) { std::cerr << "store_bench: --db is required (use a new, empty store)\n"; return 2; }
  try {
    auto store = store::ProjectStore::open(db);
    if (!store->list().empty()) { std::cerr << "store_bench: the store is not empty\n"; return 2; }
    host::CheckedInstrument instrument(host::load_instrument(host::read_manifest(plugin_dir)));
    const store::InstrumentLoader load = [&](const std::string&) -> host::CheckedInstrument& { return instrument; };
    // The example staff register: the bouwmelding needs the persons of the
    // plan, and every finding an assessor of the register (docs/store.md#staff).
    // The bench runs on the real clock: each person gets a bijscholing of today,
    // so that the example register never ages out of the two years.
    host::StaffRegister staff = host::parse_staff(host::read_text_file(WKB_STORE_BENCH_STAFF), WKB_STORE_BENCH_STAFF);
    for (auto& person : staff.persons) person.courses.push_back({"Bijscholing (meting)", store::today()});
    store->add_staff(staff, "A. Borger");
    auto person_for = [](std::string_view area) -> std::string {
      if (area == "fire-safety" || area == "building-physics") return "BT-002";
      if (area == "installations" || area == "site-inspection") return "BT-003";
      return "BT-001";
    };
    long findings = 0, units_total = 0;
    int declarations = 0, notices = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < projects; ++i) {
      const Project p = make_project(i);
      units_total += p.building.units;
      store->create(p, "nl.test.opslag", load, "A. Borger");
      store::Melder melder;
      melder.role = "aannemer";
      melder.builder = {"Bouwbedrijf Meting BV", "12345678", "Bouwweg 1, Almere", "036 123 45 67", "info@meting.example"};
      melder.cadastral = "Almere A 1";
      store::AssignRequest assign;
      for (const auto& role : host::roles_needed(store->load(p.id).current_plan().plan))
        assign.roles.emplace_back(role, person_for(role));
      assign.responsible = "BT-001";
      assign.by = "A. Borger";
      store->assign(p.id, assign, load);
      store->notify(p.id, melder, "A. Borger");
      const Plan plan = store->load(p.id).current_plan().plan;
      std::vector<Finding> list;
      const Date day = p.schedule[1].start.plus_days(3);
      for (const auto& c : plan.controls) {
        std::vector<std::optional<std::string>> parts;
        if (c.units.empty()) parts.push_back(std::nullopt);
        for (const auto& u : c.units) parts.push_back(u);
        for (const auto& u : parts) list.push_back({c.id, u, FindingResult::conform, "in orde", person_for(host::area_of_topic(c.topic)), day});
      }
      // Earlier findings that were later repaired, spread so that the year
      // holds about `target_findings` findings in all.
      const long due = target_findings * (i + 1) / projects;
      const std::size_t required = list.size();
      for (std::size_t k = 0; findings + static_cast<long>(list.size()) < due && k < 3 * required; ++k) {
        Finding open = list[k % required];
        open.result = FindingResult::open;
        open.note = "afwijking geconstateerd";
        open.date = day.plus_days(-1);
        list.push_back(open);
        list[k % required].result = FindingResult::repaired;
      }
      // One project in fifty has a part that cannot be put right.
      if (i % 50 == 49) list[0].result = FindingResult::unrepairable;
      findings += static_cast<long>(list.size());
      store->add_findings(p.id, list, "J. de Vries");
      store->evaluate(p.id, load, "A. Borger");
      store::CloseRequest close;
      close.by = "A. Borger";
      close.declaration = {"Almere", "A. Borger", ""};
      close.not_notified = "meting zonder meldingen";
      const auto c = store->close(p.id, close);
      (c.kind == Outcome::declaration ? declarations : notices)++;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("backend       %s\nprojects      %d (%ld units; %d declarations, %d notices)\nfindings      %ld\n"
                "seconds       %.1f\nprojects/s    %.0f\nfindings/s    %.0f\n",
                store->backend().c_str(), projects, units_total, declarations, notices, findings, s, projects / s,
                findings / s);
    const auto v0 = std::chrono::steady_clock::now();
    const auto report = store->verify(std::nullopt);
    std::printf("audit verify  %.1f s (%ld entries, %s)\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - v0).count(), report.entries,
                report.ok() ? "ok" : "PROBLEMS");
    return report.ok() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "store_bench: " << e.what() << "\n";
    return 1;
  }
}
