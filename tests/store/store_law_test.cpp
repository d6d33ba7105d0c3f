// The lifecycle as the law runs it (issue 11), on SQLite and PostgreSQL: the
// melder's bouwmelding, start bouw, meldingen tijdens de bouw, information
// requests, verklaring, gereedmelding with the dossier checklist, the close
// without verklaring, and the integrity of findings. Every refusal stores
// nothing (the audit log and the store chain do not move).
#include <cstdlib>

#include "store_fixture.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/sdk/validation.hpp"
#include "wkb/store/dossier.hpp"

namespace wkb::store::test {
namespace {

using LawTest = StoreTest;

// The test instrument's BENG control (a design-phase document review).
const std::string kBeng = "R-energy-performance/document-review/design";

void clock(const char* at) { ::setenv("WKB_NOW", at, 1); }

// What a refusal must leave alone.
struct Unchanged {
  ProjectStore& store;
  std::string id;
  std::size_t entries;
  long long chain;
  Unchanged(ProjectStore& s, std::string p)
      : store(s), id(std::move(p)), entries(s.audit_log(id).size()), chain(s.heads().store.seq) {}
  void check() const {
    EXPECT_EQ(store.audit_log(id).size(), entries) << "a refused command wrote to the audit log";
    EXPECT_EQ(store.heads().store.seq, chain) << "a refused command wrote to the store chain";
  }
};

// The text of the error `f` throws (any kind), with a ValidationError's issues and paths.
template <typename F>
std::string refusal(F f) {
  try {
    f();
  } catch (const wkb::ValidationError& e) {
    std::string s = e.what();
    for (const auto& i : e.issues()) s += "\n" + i.path + " [" + i.rule + "] " + i.message;
    return s;
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

Completion full_checklist(const std::string& use) {
  Completion c;
  c.intended_use = use;
  for (const auto& [key, name] : dossier_item_names())
    c.items.push_back({key, key == "equivalent-measures" ? "not-applicable" : "present",
                       key == "equivalent-measures" ? "" : "document " + key,
                       key == "equivalent-measures" ? "geen gelijkwaardige maatregelen toegepast" : ""});
  return c;
}

// Created with the persons of its borgingsplan assigned, ready for the bouwmelding.
std::string created(ProjectStore& store, const Project& p, InstrumentLoader load) {
  const std::string id = store.create(p, "nl.test.opslag", load, "A. Borger").summary.id;
  staff_and_assign(store, id, load);
  return id;
}

TEST_P(LawTest, FromBouwmeldingToGereedmelding) {
  auto store = open();
  const std::string id = created(*store, project(), loader());
  const auto n = store->notify(id, test_melder(), "A. Borger");  // 1 March 2026
  ASSERT_TRUE(n.melder);
  EXPECT_EQ(n.melder->builder.name, "Bouwbedrijf De Toets BV");
  EXPECT_NE(n.package_json.find("\"melder\""), std::string::npos);

  // Start bouw: not before four weeks after the bouwmelding, and two working days ahead.
  {
    Unchanged u(*store, id);
    const std::string e = refusal([&] { store->start(id, *Date::parse("2026-03-20"), "A. Borger"); });
    EXPECT_NE(e.find("29 maart 2026"), std::string::npos) << e;  // 1 March + 28 days
    EXPECT_NE(e.find("Bbl art. 2.18"), std::string::npos) << e;
    u.check();
  }
  clock("2026-04-02T09:00:00Z");  // a Thursday: two working days on is Monday 6 April
  {
    Unchanged u(*store, id);
    const std::string e = refusal([&] { store->start(id, *Date::parse("2026-04-03"), "A. Borger"); });
    EXPECT_NE(e.find("6 april 2026"), std::string::npos) << e;
    u.check();
  }
  store->start(id, *Date::parse("2026-04-06"), "A. Borger");
  EXPECT_NE(refusal([&] { store->start(id, *Date::parse("2026-04-07"), "A. Borger"); }).find("al vastgelegd"),
            std::string::npos);

  // During construction: an open finding, notified; an information request, answered.
  clock("2026-05-02T10:00:00Z");
  const Plan plan = store->load(id).current_plan().plan;
  auto open_ones = findings_for(plan, FindingResult::open, "2026-05-01");
  store->add_findings(id, open_ones, "J. de Vries");
  {
    Unchanged u(*store, id);
    DeviationRequest none{{{kBeng, ""}}, {}, "BENG-berekening ontbreekt", "A. Borger"};
    EXPECT_NE(refusal([&] { store->notify_deviation(id, none); }).find("opdrachtgever"), std::string::npos);
    DeviationRequest unknown{{{"c-bestaat-niet", ""}}, {"client", "contractor"}, "x", "A. Borger"};
    EXPECT_NE(refusal([&] { store->notify_deviation(id, unknown); }).find("wkb project show"), std::string::npos);
    u.check();
  }
  const Control& beng = *plan.control(kBeng);
  DeviationRequest req{{{kBeng, beng.units.empty() ? "" : beng.units[0]}},
                       {"client", "contractor"},
                       "De BENG-berekening ontbreekt; lever haar voor de oplevering aan.",
                       "A. Borger"};
  const auto notice = store->notify_deviation(id, req);
  ASSERT_EQ(notice.parts.size(), 1u);
  EXPECT_EQ(notice.parts[0].result, FindingResult::open);
  EXPECT_EQ(notice.parts[0].topic, beng.topic);
  const auto q = store->information_request(id, "Stuur het borgingsplan in afschrift.", "A. Borger");
  store->information_answer(id, q.seq, "Verstuurd op 3 mei.", "A. Borger");
  EXPECT_NE(refusal([&] { store->information_answer(id, q.seq, "nog eens", "A. Borger"); }).find("al beantwoord"),
            std::string::npos);

  // Repaired, evaluated, declared.
  clock("2026-06-01T10:00:00Z");
  store->add_findings(id, findings_for(plan, FindingResult::repaired, "2026-05-30"), "J. de Vries");
  store->evaluate(id, loader(), "A. Borger");
  {
    Unchanged u(*store, id);
    CloseRequest no_place = close_request(false, "", "A. Borger");
    no_place.declaration.place = "";
    EXPECT_NE(refusal([&] { store->close(id, no_place); }).find("--place"), std::string::npos);
    EXPECT_NE(refusal([&] { store->complete(id, full_checklist("2026-07-01"), "A. Borger"); }).find("verklaring"),
              std::string::npos);
    u.check();
  }
  const auto c = store->close(id, close_request(false, "", "A. Borger"));
  EXPECT_EQ(c.kind, Outcome::declaration);
  EXPECT_EQ(store->load(id).summary.state, State::declared);

  // The gereedmelding: every item, at least two weeks before use.
  {
    Unchanged u(*store, id);
    Completion missing = full_checklist("2026-07-01");
    missing.items[3].status = "missing";  // energy performance
    const std::string e = refusal([&] { store->complete(id, missing, "A. Borger"); });
    EXPECT_NE(e.find("energieprestatie (BENG)"), std::string::npos) << e;
    const std::string early = refusal([&] { store->complete(id, full_checklist("2026-06-10"), "A. Borger"); });
    EXPECT_NE(early.find("15 juni 2026"), std::string::npos) << early;
    u.check();
  }
  const auto done = store->complete(id, full_checklist("2026-07-01"), "A. Borger");
  EXPECT_EQ(done.filed_by, "Bouwbedrijf De Toets BV");

  const auto r = store->load(id);
  EXPECT_EQ(r.summary.state, State::completed);
  const Lifecycle& l = r.lifecycle;
  EXPECT_EQ(l.construction_notice.value_or(""), "2026-03-01T10:00:00Z");
  EXPECT_EQ(l.construction_notice_expires.value_or(""), "2027-03-01");
  EXPECT_EQ(l.construction_start.value_or(""), "2026-04-02T09:00:00Z");
  EXPECT_EQ(l.construction_start_date.value_or(""), "2026-04-06");
  EXPECT_EQ(l.deviation_notices, std::vector<std::string>{"2026-05-02T10:00:00Z"});
  EXPECT_EQ(l.declaration.value_or(""), "2026-06-01T10:00:00Z");
  EXPECT_FALSE(l.non_compliance_notice);
  EXPECT_EQ(l.completion_notice.value_or(""), "2026-06-01T10:00:00Z");
  EXPECT_EQ(l.intended_use_date.value_or(""), "2026-07-01");
  EXPECT_FALSE(l.closed_without_declaration);

  const std::string html = dossier_html(r), json = dossier_json(r);
  for (const char* s : {"Levensloop", "Mededeling start bouw", "Melding tijdens de bouw", "Eindverantwoordelijke",
                        "Handtekening", "Gereedmelding: dossier bevoegd gezag", "niet van toepassing",
                        "Informatieverzoeken van het bevoegd gezag", "Verstuurd op 3 mei.", "Almere A 1234",
                        "thead{display:table-header-group}", "break-inside:avoid"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  EXPECT_NE(json.find("\"completion_notice\":\"2026-06-01T10:00:00Z\""), std::string::npos);
  EXPECT_NE(json.find("\"intended_use\":\"2026-07-01\""), std::string::npos);
  EXPECT_TRUE(store->verify(id).ok());
}

TEST_P(LawTest, NoticeEndsWithoutVerklaringAfterMeldingDuringConstruction) {
  auto store = open();
  const std::string id = created(*store, project(), loader());
  notify_and_wait(*store, id, "A. Borger");
  const Plan plan = store->load(id).current_plan().plan;
  auto list = findings_for(plan, FindingResult::conform);
  list[0].result = FindingResult::unrepairable;
  store->add_findings(id, list, "J. de Vries");
  const std::string unit = list[0].unit.value_or("");
  {
    Unchanged u(*store, id);
    DeviationRequest without_authority{{{list[0].control, unit}}, {"client", "contractor"}, "Onherstelbaar.", "A. Borger"};
    EXPECT_NE(refusal([&] { store->notify_deviation(id, without_authority); }).find("bevoegd gezag"),
              std::string::npos);
    DeviationRequest conform_part{{{list[1].control, list[1].unit.value_or("")}}, {"client", "contractor"}, "x", "A. Borger"};
    EXPECT_NE(refusal([&] { store->notify_deviation(id, conform_part); }).find("wijkt niet af"), std::string::npos);
    u.check();
  }
  store->evaluate(id, loader(), "A. Borger");
  {
    Unchanged u(*store, id);
    CloseRequest silent = close_request(false, "", "A. Borger");
    silent.not_notified = "";
    const std::string e = refusal([&] { store->close(id, silent); });
    EXPECT_NE(e.find("geen melding gedaan"), std::string::npos) << e;
    EXPECT_NE(e.find(list[0].control), std::string::npos) << e;
    u.check();
  }
  store->notify_deviation(id, {{{list[0].control, unit}},
                               {"client", "contractor", "competent-authority"},
                               "De wapening is niet volgens de berekening; herstel is niet mogelijk.",
                               "A. Borger"});
  store->evaluate(id, loader(), "A. Borger");  // the melding changed nothing the decision saw, but a new one is cheap
  CloseRequest close = close_request(false, "", "A. Borger");
  close.not_notified = "";
  const auto c = store->close(id, close);
  EXPECT_EQ(c.kind, Outcome::non_compliance_notice);
  auto r = store->load(id);
  EXPECT_EQ(r.summary.state, State::closed_without_declaration);
  EXPECT_TRUE(r.lifecycle.closed_without_declaration);
  EXPECT_TRUE(r.lifecycle.non_compliance_notice);
  EXPECT_FALSE(r.lifecycle.declaration);
  {
    Unchanged u(*store, id);
    const std::string e = refusal([&] { store->complete(id, full_checklist("2026-07-01"), "A. Borger"); });
    EXPECT_NE(e.find("geen gereedmelding"), std::string::npos) << e;
    u.check();
  }
  store->use_decision(id, "Ingebruikname geweigerd tot herstel van de fundering.", "gemeente Almere");
  r = store->load(id);
  const std::string html = dossier_html(r);
  EXPECT_NE(html.find("Afgesloten zonder verklaring"), std::string::npos);
  EXPECT_NE(html.find("Ingebruikname geweigerd"), std::string::npos);
  EXPECT_EQ(html.find("Handtekening"), std::string::npos);
  EXPECT_TRUE(store->verify(id).ok());
}

TEST_P(LawTest, FindingsOutsideTheirRangeAreRefusedWithPathAndRange) {
  auto store = open();
  const std::string id = created(*store, project(), loader());
  store->notify(id, test_melder(), "A. Borger");  // 1 March 2026
  clock("2026-05-02T10:00:00Z");
  const Plan plan = store->load(id).current_plan().plan;
  Unchanged u(*store, id);
  auto future = findings_for(plan, FindingResult::conform, "2099-01-01");
  std::string e = refusal([&] { store->add_findings(id, future, "x"); });
  EXPECT_NE(e.find("$.findings[0].date [finding-in-future]"), std::string::npos) << e;
  EXPECT_NE(e.find("tot en met 2 mei 2026"), std::string::npos) << e;
  auto early = findings_for(plan, FindingResult::conform, "2026-02-27");
  e = refusal([&] { store->add_findings(id, early, "x"); });
  EXPECT_NE(e.find("[finding-before-notification]"), std::string::npos) << e;
  EXPECT_NE(e.find("van 1 maart 2026"), std::string::npos) << e;
  // Execution controls wait four weeks; design controls do not.
  auto soon = findings_for(plan, FindingResult::conform, "2026-03-10");
  bool execution = false;
  for (const auto& c : plan.controls) execution = execution || c.phase != Phase::design;
  ASSERT_TRUE(execution);
  e = refusal([&] { store->add_findings(id, soon, "x"); });
  EXPECT_NE(e.find("[finding-before-start]"), std::string::npos) << e;
  EXPECT_NE(e.find("mogelijk vanaf 29 maart 2026"), std::string::npos) << e;
  // Control characters, NUL included.
  auto nul = findings_for(plan, FindingResult::conform, "2026-05-01");
  nul[0].note = std::string("ok\0verborgen", 12);
  EXPECT_THROW(store->add_findings(id, nul, "x"), wkb::host::InputError);
  u.check();
}

TEST_P(LawTest, TheSameImportTwiceIsRefusedAndAnOverlapCountsTheNewOnes) {
  auto store = open();
  const std::string id = created(*store, project(), loader());
  notify_and_wait(*store, id, "A. Borger");
  const Plan plan = store->load(id).current_plan().plan;
  auto list = findings_for(plan, FindingResult::conform);
  ASSERT_GE(list.size(), 2u);
  std::vector<Finding> first(list.begin(), list.begin() + 1);
  EXPECT_EQ(store->add_findings(id, first, "x", true).stored, 1);
  {
    Unchanged u(*store, id);
    EXPECT_NE(refusal([&] { store->add_findings(id, first, "x", true); }).find("al geïmporteerd"),
              std::string::npos);
    EXPECT_NE(refusal([&] { store->add_findings(id, first, "x", false); }).find("al vastgelegd"), std::string::npos);
    u.check();
  }
  const auto added = store->add_findings(id, list, "x", true);
  EXPECT_EQ(added.stored, static_cast<int>(list.size()) - 1);
  EXPECT_EQ(added.already_stored, 1);
  EXPECT_EQ(store->load(id).findings.size(), list.size());
  EXPECT_TRUE(store->verify(id).ok());
}

TEST_P(LawTest, AnIncompleteMelderIsRefusedWithEveryPath) {
  const std::string e = refusal([] {
    parse_melder(R"({"schema":"wkb.melder/1","role":"architect","builder":{"name":"X","kvk":"12"},"location":{}})",
                 "melder.json");
  });
  for (const char* path : {"$.role", "$.builder.address", "$.builder.phone", "$.builder.email", "$.builder.kvk",
                           "$.location"})
    EXPECT_NE(e.find(std::string(path) + " ["), std::string::npos) << path << "\n" << e;
  EXPECT_NE(refusal([] { parse_melder(R"({"schema":"wkb.melder/1","typo":1})", "m.json"); }).find("$.typo"),
            std::string::npos);
  const Melder m = test_melder();
  EXPECT_EQ(parse_melder(melder_json(m), "m.json"), m);
}

TEST_P(LawTest, ARenewedBouwmeldingRestartsTheFourWeeks) {
  auto store = open();
  const std::string id = created(*store, project(), loader());
  store->notify(id, test_melder(), "A. Borger");  // 1 March 2026
  {
    Unchanged u(*store, id);
    EXPECT_NE(refusal([&] { store->renotify(id, test_melder(), "", "A. Borger"); }).find("geldt nog"),
              std::string::npos);
    u.check();
  }
  clock("2027-03-10T10:00:00Z");  // more than a year later, never started
  EXPECT_NE(refusal([&] { store->start(id, *Date::parse("2027-03-20"), "A. Borger"); }).find("vervalt"),
            std::string::npos);
  store->renotify(id, test_melder(), "", "A. Borger");
  const std::string e = refusal([&] { store->start(id, *Date::parse("2027-03-20"), "A. Borger"); });
  EXPECT_NE(e.find("7 april 2027"), std::string::npos) << e;  // 10 March 2027 + 28 days
  store->start(id, *Date::parse("2027-04-07"), "A. Borger");
  const auto r = store->load(id);
  EXPECT_EQ(r.lifecycle.construction_notice.value_or(""), "2027-03-10T10:00:00Z");
  EXPECT_TRUE(store->verify(id).ok());
}

// A version 3 store (no lifecycle tables) is upgraded in one transaction;
// its audit chain verifies before and after, and the project goes on.
TEST_P(LawTest, AVersionThreeStoreIsUpgradedAndGoesOn) {
  std::string id;
  {
    auto store = open();
    id = created(*store, project(), loader());
    notify_and_wait(*store, id, "A. Borger");
    store->add_findings(id, findings_for(store->load(id).current_plan().plan, FindingResult::conform), "x");
    store->evaluate(id, loader(), "A. Borger");
  }
  {
    auto sql = raw();
    *sql << "DROP TABLE lifecycle_events";
    *sql << "DROP TABLE finding_imports";
    *sql << "DELETE FROM wkb_schema_version WHERE version >= 4";
  }
  auto store = open();
  EXPECT_EQ(store->schema_version(), 5);
  EXPECT_TRUE(store->verify(std::nullopt).ok());
  store->close(id, close_request(false, "", "A. Borger"));
  store->complete(id, full_checklist("2026-07-01"), "A. Borger");
  EXPECT_EQ(store->load(id).summary.state, State::completed);
  EXPECT_TRUE(store->verify(std::nullopt).ok());
}

WKB_STORE_BACKENDS(LawTest);

}  // namespace
}  // namespace wkb::store::test
