// A stored project from create to close: the state machine, plan versions,
// overrides, findings, decisions and the closing rule.
#include <fstream>
#include <set>
#include <sstream>

#include "store_fixture.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/dossier.hpp"
#include "wkb/store/plan_diff.hpp"

namespace wkb::store::test {
namespace {

using LifecycleTest = StoreTest;
using wkb::host::InputError;

std::vector<std::string> plugin_methods(ProjectStore& store, const std::string& id, int from_entry = 0) {
  std::vector<std::string> out;
  for (const auto& e : store.audit_log(id))
    if (e.kind == "plugin-call" && e.seq > from_entry) {
      const auto at = e.payload.find("\"method\":\"");
      out.push_back(e.payload.substr(at + 10, e.payload.find('"', at + 10) - at - 10));
    }
  return out;
}

template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST_P(LifecycleTest, CreateStoresThePlanAndRecordsThePluginCalls) {
  auto store = open();
  const auto s = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary;
  EXPECT_EQ(s.state, State::planned);
  EXPECT_EQ(s.plan_version, 1);
  EXPECT_EQ(s.instrument_version, "1.0.0");
  const auto r = store->load(s.id);
  ASSERT_EQ(r.plans.size(), 1u);
  std::vector<std::string> controls;
  for (const auto& c : r.current_plan().plan.controls) controls.push_back(c.id);
  EXPECT_EQ(controls, (std::vector<std::string>{"R-structural-safety/site-inspection/foundation",
                                                "R-energy-performance/document-review/design",
                                                "R-fire-spread/contractor-evidence/foundation"}));
  EXPECT_EQ(plugin_methods(*store, s.id), (std::vector<std::string>{"assess", "sample", "plan"}));
  // A second connection sees the same.
  auto other = open();
  ASSERT_EQ(other->list().size(), 1u);
  EXPECT_EQ(other->list()[0].id, "2026-TST-0001");
  EXPECT_TRUE(other->verify(std::nullopt).ok());
  EXPECT_NE(error_of([&] { other->create(project(), "nl.test.opslag", loader(), "A. Borger"); }).find("bestaat al in opslag"),
            std::string::npos);
}

TEST_P(LifecycleTest, FullLifeToADeclarationWithDossier) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  const auto n = notify_and_wait(*store, id, "A. Borger");
  EXPECT_TRUE(n.warnings.empty());  // foundation starts 36 days after 2026-03-01
  EXPECT_NE(n.package_json.find("\"schema\":\"wkb.bouwmelding/1\""), std::string::npos);
  EXPECT_EQ(store->load(id).summary.state, State::notified);
  const Plan plan = store->load(id).current_plan().plan;
  auto findings = findings_for(plan, FindingResult::conform);
  EXPECT_EQ(store->add_findings(id, findings, "J. de Vries").stored, static_cast<int>(findings.size()));
  EXPECT_EQ(store->load(id).summary.state, State::in_execution);
  const auto d = store->evaluate(id, loader(), "A. Borger");
  EXPECT_EQ(d.decision.outcome, Outcome::declaration);
  EXPECT_EQ(d.findings_count, static_cast<int>(findings.size()));
  const auto c = store->close(id, close_request(false, "", "A. Borger"));
  EXPECT_EQ(c.kind, Outcome::declaration);
  const auto r = store->load(id);
  EXPECT_EQ(r.summary.state, State::declared);
  const auto files = write_dossier(r, tmp_ / "dossier");
  std::ifstream html(files.html);
  std::stringstream text;
  text << html.rdbuf();
  EXPECT_NE(text.str().find("Verklaring kwaliteitsborger"), std::string::npos);
  EXPECT_NE(text.str().find("gerechtvaardigd vertrouwen"), std::string::npos);
  EXPECT_NE(text.str().find("te mogen toepassen"), std::string::npos);
  EXPECT_NE(dossier_json(r).find("\"kind\":\"declaration\""), std::string::npos);
  // A declared project takes no more findings.
  EXPECT_NE(error_of([&] { store->add_findings(id, findings, "J. de Vries"); }).find("de verklaring is afgegeven"),
            std::string::npos);
  EXPECT_TRUE(store->verify(id).ok());
}

TEST_P(LifecycleTest, IllegalTransitionsSayWhatMustHappenFirstAndWriteNothing) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  const Plan plan = store->load(id).current_plan().plan;
  const auto before = store->audit_log(id).size();
  EXPECT_NE(error_of([&] { store->add_findings(id, findings_for(plan, FindingResult::conform), "x"); })
                .find("wkb project notify " + id),
            std::string::npos);
  EXPECT_NE(error_of([&] { store->close(id, close_request(false, "", "x")); }).find("evaluate"), std::string::npos);
  EXPECT_NE(error_of([&] { store->evaluate(id, loader(), "x"); }).find("bouwmelding"), std::string::npos);
  EXPECT_EQ(store->audit_log(id).size(), before);
  notify_and_wait(*store, id, "x");
  EXPECT_NE(error_of([&] { notify_and_wait(*store, id, "x"); }).find("de bouwmelding is al gedaan"), std::string::npos);
  EXPECT_NE(error_of([&] { store->close(id, close_request(false, "", "x")); }).find("evaluate"), std::string::npos);
  EXPECT_TRUE(store->load(id).findings.empty());
  EXPECT_THROW(store->load("2026-NIET-0000"), InputError);
}

TEST_P(LifecycleTest, BadFindingsAreRefusedWholeAndNothingIsWritten) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  notify_and_wait(*store, id, "x");
  const Plan plan = store->load(id).current_plan().plan;
  auto good = findings_for(plan, FindingResult::conform);
  auto bad = good;
  bad.push_back({"c-bestaat-niet", std::nullopt, FindingResult::open, "", "x", *Date::parse("2026-05-01")});
  bad.push_back({"R-structural-safety/site-inspection/foundation", std::string("bn999"), FindingResult::open, "", "x", *Date::parse("2026-05-01")});
  const std::string e = error_of([&] { store->add_findings(id, bad, "x"); });
  EXPECT_NE(e.find("c-bestaat-niet"), std::string::npos) << e;
  EXPECT_NE(e.find("bn999"), std::string::npos) << e;
  const auto r = store->load(id);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.summary.state, State::notified);
}

TEST_P(LifecycleTest, NotifyWarnsWhenBuildingStartsWithinFourWeeks) {
  auto store = open();
  const std::string id = store->create(project("2026-TST-0002", 1, "2026-03-10"), "nl.test.opslag", loader(), "x").summary.id;
  staff_and_assign(*store, id, loader());
  const auto n = store->notify(id, test_melder(), "x");
  ASSERT_EQ(n.warnings.size(), 1u);
  EXPECT_EQ(n.warnings[0].code, "notify-late");
  EXPECT_NE(n.warnings[0].message.find("9 dagen na deze bouwmelding"), std::string::npos) << n.warnings[0].message;
  EXPECT_NE(n.warnings[0].message.find("10 maart 2026"), std::string::npos) << n.warnings[0].message;
  EXPECT_EQ(n.warnings[0].message.find("(en)"), std::string::npos) << n.warnings[0].message;
  EXPECT_EQ(store->load(id).notification->warnings, n.warnings);
  // One day: the singular.
  const auto tomorrow = store->create(project("2026-TST-0003", 1, "2026-03-02"), "nl.test.opslag", loader(), "x");
  staff_and_assign(*store, tomorrow.summary.id, loader());
  const auto n1 = store->notify(tomorrow.summary.id, test_melder(), "x");
  ASSERT_EQ(n1.warnings.size(), 1u);
  EXPECT_NE(n1.warnings[0].message.find("1 dag na deze bouwmelding"), std::string::npos) << n1.warnings[0].message;
  // Building already started: another code.
  const auto started = store->create(project("2026-TST-0004", 1, "2026-02-20"), "nl.test.opslag", loader(), "x");
  staff_and_assign(*store, started.summary.id, loader());
  const auto n2 = store->notify(started.summary.id, test_melder(), "x");
  ASSERT_EQ(n2.warnings.size(), 1u);
  EXPECT_EQ(n2.warnings[0].code, "notify-after-start");
  EXPECT_NE(n2.warnings[0].message.find("9 dagen voor deze bouwmelding"), std::string::npos) << n2.warnings[0].message;
}

// A store written before warnings had codes holds a list of texts; it is
// still read, and the late bouwmelding gets its code back.
TEST_P(LifecycleTest, WarningsStoredAsPlainTextAreStillRead) {
  auto store = open();
  const std::string id = store->create(project("2026-TST-0002", 1, "2026-03-10"), "nl.test.opslag", loader(), "x").summary.id;
  notify_and_wait(*store, id, "x");
  {
    auto sql = raw();
    const std::string old_form =
        "[\"de eerste bouwfase (fundering) begint op 2026-03-10, 9 dag(en) na deze bouwmelding; de bouwmelding "
        "hoort ten minste 4 weken (28 dagen) voor de start van de bouw te worden gedaan\",\"iets anders\"]";
    *sql << "UPDATE notifications SET warnings = :w WHERE project_id = :p", soci::use(old_form), soci::use(id);
  }
  const auto w = store->load(id).notification->warnings;
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].code, "notify-late");
  EXPECT_NE(w[0].message.find("9 dag(en)"), std::string::npos) << "an old text is shown as it was stored";
  EXPECT_EQ(w[1].code, "unclassified");
  EXPECT_EQ(w[1].message, "iets anders");
}

TEST_P(LifecycleTest, OverrideNeedsMotivationAndReplansWithoutReassessing) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  const int entries = static_cast<int>(store->audit_log(id).size());
  OverrideRequest o{"R-fire-spread", 1, std::nullopt, std::nullopt, "  ", "A. Borger"};
  EXPECT_NE(error_of([&] { store->override_risk(id, o, loader()); }).find("--motivation"), std::string::npos);
  o.motivation = "brandwerende scheiding met EKV-gecertificeerd systeem";
  o.risk = "r-bestaat-niet";
  EXPECT_NE(error_of([&] { store->override_risk(id, o, loader()); }).find("R-fire-spread"), std::string::npos);
  EXPECT_EQ(static_cast<int>(store->audit_log(id).size()), entries);
  o.risk = "R-fire-spread";
  const auto v = store->override_risk(id, o, loader()).current;
  EXPECT_EQ(v.version, 2);
  const Risk* risk = v.assessment.risk("R-fire-spread");
  ASSERT_TRUE(risk);
  EXPECT_EQ(risk->score, 1 * 3 * 3);  // below the control threshold 12: no control any more
  EXPECT_EQ(v.plan.control("R-fire-spread/contractor-evidence/foundation"), nullptr);
  // sample and plan re-run; the plugin is not asked to assess.
  EXPECT_EQ(plugin_methods(*store, id, entries), (std::vector<std::string>{"sample", "plan"}));
  const auto r = store->load(id);
  ASSERT_EQ(r.overrides.size(), 1u);
  EXPECT_EQ(r.overrides[0].before.score, 27);
  EXPECT_EQ(r.overrides[0].after.score, 9);
  EXPECT_EQ(r.overrides[0].by, "A. Borger");
  EXPECT_EQ(r.overrides[0].at, "2026-03-01T10:00:00Z");
  const auto changes = diff_plans(r.plans[0], r.plans[1]);
  bool removed = false;
  for (const auto& c : changes)
    removed |= c.kind == "removed" && c.subject == "control" && c.id == "R-fire-spread/contractor-evidence/foundation";
  EXPECT_TRUE(removed);
}

TEST_P(LifecycleTest, ReplanMakesANewVersionKeepsOverridesAndShowsTheDiff) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "x").summary.id;
  store->override_risk(id, {"R-fire-spread", 1, std::nullopt, std::nullopt, "EKV brandscheiding", "x"}, loader());
  Project moved = project("2026-TST-0001", 12, "2026-05-04");
  const auto v = store->replan(id, moved, "fundering vier weken later", loader(), "x").current;
  EXPECT_EQ(v.version, 3);
  EXPECT_EQ(v.assessment.risk("R-fire-spread")->score, 9);  // the override holds
  const auto r = store->load(id);
  const auto changes = diff_plans(r.plans[1], r.plans[2]);
  bool schedule = false, inspection = false;
  for (const auto& c : changes) {
    schedule |= c.subject == "schedule" && c.id == "foundation";
    inspection |= c.subject == "inspection" && c.id == "foundation/1" && c.detail.find("4 mei 2026") != std::string::npos;
  }
  EXPECT_TRUE(schedule);
  EXPECT_TRUE(inspection);
  Project other = moved;
  other.id = "2026-ANDER-1";
  EXPECT_THROW(store->replan(id, other, "", loader(), "x"), InputError);
}

TEST_P(LifecycleTest, OpenItemsCloseOnlyAsNoticeWithAnAccountOfTheEffort) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "x").summary.id;
  notify_and_wait(*store, id, "x");
  const Plan plan = store->load(id).current_plan().plan;
  auto findings = findings_for(plan, FindingResult::conform);
  findings[0].result = FindingResult::evidence_missing;
  store->add_findings(id, findings, "x");
  EXPECT_EQ(store->evaluate(id, loader(), "x").decision.outcome, Outcome::open_items);
  EXPECT_NE(error_of([&] { store->close(id, close_request(false, "", "x")); }).find("--notice --effort"), std::string::npos);
  EXPECT_NE(error_of([&] { store->close(id, close_request(true, " ", "x")); }).find("--effort"), std::string::npos);
  // A new finding makes the decision out of date.
  Finding later = findings[0];
  later.result = FindingResult::open;
  later.date = *Date::parse("2026-06-01");
  store->add_findings(id, {later}, "x");
  EXPECT_NE(error_of([&] { store->close(id, close_request(true, "drie keer gevraagd", "x")); }).find("is verouderd"),
            std::string::npos);
  store->evaluate(id, loader(), "x");
  const auto c = store->close(id, close_request(true, "BENG-berekening drie keer schriftelijk opgevraagd", "x"));
  EXPECT_EQ(c.kind, Outcome::non_compliance_notice);
  EXPECT_EQ(c.from_outcome, Outcome::open_items);
  const auto r = store->load(id);
  EXPECT_EQ(r.summary.state, State::closed_without_declaration);
  EXPECT_NE(dossier_html(r).find("drie keer schriftelijk"), std::string::npos);
  EXPECT_TRUE(store->verify(id).ok());
}

TEST_P(LifecycleTest, IncompleteDecisionCannotCloseAndRepairedSupersedesOpen) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "x").summary.id;
  notify_and_wait(*store, id, "x");
  const Plan plan = store->load(id).current_plan().plan;
  auto findings = findings_for(plan, FindingResult::conform);
  const Finding first = findings.front();
  findings.erase(findings.begin());
  store->add_findings(id, findings, "x");
  EXPECT_EQ(store->evaluate(id, loader(), "x").decision.outcome, Outcome::incomplete);
  EXPECT_NE(error_of([&] { store->close(id, close_request(false, "", "x")); }).find("is onvolledig"), std::string::npos);
  Finding open = first, repaired = first;
  open.result = FindingResult::open;
  repaired.result = FindingResult::repaired;
  repaired.date = open.date.plus_days(7);
  store->add_findings(id, {repaired, open}, "x");  // order in the file does not matter; the date does
  EXPECT_EQ(store->evaluate(id, loader(), "x").decision.outcome, Outcome::declaration);
  EXPECT_EQ(store->close(id, close_request(false, "", "x")).kind, Outcome::declaration);
}

TEST_P(LifecycleTest, UnrepairableFindingClosesAsNoticeNamingThePart) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "x").summary.id;
  notify_and_wait(*store, id, "x");
  auto findings = findings_for(store->load(id).current_plan().plan, FindingResult::conform);
  findings[1].result = FindingResult::unrepairable;
  findings[1].note = "funderingsbalk te smal; vervangen kan niet meer";
  store->add_findings(id, findings, "x");
  store->evaluate(id, loader(), "x");
  const auto c = store->close(id, close_request(false, "", "x"));
  EXPECT_EQ(c.kind, Outcome::non_compliance_notice);
  const std::string html = dossier_html(store->load(id));
  EXPECT_NE(html.find("Melding strijdigheid"), std::string::npos);
  EXPECT_NE(html.find("funderingsbalk te smal"), std::string::npos);
  EXPECT_EQ(html.find("gerechtvaardigd vertrouwen"), std::string::npos);
}


// The words a reader sees on the page: no tags, no style, no attributes.
std::set<std::string> visible_words(const std::string& html) {
  std::string text;
  bool in_tag = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html.compare(i, 6, "<style") == 0) {
      i = html.find("</style>", i);
      if (i == std::string::npos) break;
      i += 7;
      continue;
    }
    if (html[i] == '<') in_tag = true;
    if (!in_tag) text += html[i];
    if (html[i] == '>') in_tag = false, text += ' ';
  }
  std::set<std::string> words;
  std::string w;
  for (char c : text + " ") {
    // '/' joins the parts of a stable id ("R-x/site-inspection/foundation"): one word, not a value.
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '/') {
      w += c;
    } else {
      if (!w.empty()) words.insert(w);
      w.clear();
    }
  }
  return words;
}

// The bevoegd gezag reads the dossier: no contract value where a Dutch label
// exists, no stored English plan reason, no ISO timestamps.
TEST_P(LifecycleTest, DossierPageHasNoRawEnumValues) {
  auto store = open();
  std::vector<std::string> pages;
  {
    const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
    store->override_risk(id, {"R-fire-spread", 1, std::nullopt, std::nullopt, "EKV brandscheiding", "A. Borger"}, loader());
    store->replan(id, project("2026-TST-0001", 12, "2026-05-04"), "fundering later", loader(), "A. Borger");
    notify_and_wait(*store, id, "A. Borger");
    store->add_findings(id, findings_for(store->load(id).current_plan().plan, FindingResult::conform), "J. de Vries");
    store->evaluate(id, loader(), "A. Borger");
    store->close(id, close_request(false, "", "A. Borger"));
    pages.push_back(dossier_html(store->load(id)));
  }
  {
    rewind_clock();
    const std::string id = store->create(project("2026-TST-0005"), "nl.test.opslag", loader(), "x").summary.id;
    notify_and_wait(*store, id, "x");
    auto findings = findings_for(store->load(id).current_plan().plan, FindingResult::conform);
    findings[0].result = FindingResult::evidence_missing;
    findings[1].result = FindingResult::unrepairable;
    store->add_findings(id, findings, "x");
    store->evaluate(id, loader(), "x");
    store->close(id, close_request(true, "drie keer opgevraagd", "x"));
    pages.push_back(dossier_html(store->load(id)));
  }
  // value -> its Dutch label, for every enum the page may show: the
  // contract's (from the SDK's tables) and the store's states.
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& v : all_labelled_values()) values.emplace_back(v.value, v.label);
  for (int i = 0; i <= static_cast<int>(State::closed_without_declaration); ++i) {
    const auto st = static_cast<State>(i);
    values.emplace_back(std::string(to_string(st)), std::string(label_nl(st)));
  }
  EXPECT_GE(values.size(), 30u) << "the enums were not all found";
  for (const auto& id : {"2026-TST-0001", "2026-TST-0005"}) {
    const auto r = store->load(id);
    for (const auto& v : r.plans) {
      values.emplace_back(v.reason, plan_reason_nl(v.reason));
      values.emplace_back(v.reason.substr(0, v.reason.find_first_of(" :")), "");  // "create", "replan", "risk"
    }
    for (const auto& k : r.current_plan().assessment.risks) values.emplace_back(k.topic, topic_label_nl(k.topic));
  }
  for (const auto& page : pages) {
    const auto words = visible_words(page);
    for (const auto& [value, label] : values) {
      if (value == label) continue;  // "conform", "open": the label is the value
      EXPECT_EQ(words.count(value), 0u) << "raw value " << value << " instead of \"" << label << "\"";
      if (value.find(' ') != std::string::npos) {
        EXPECT_EQ(page.find(value), std::string::npos) << value;
      }
    }
    EXPECT_EQ(words.count("Besluit"), 0u) << "the assurer's judgement is an oordeel";
    EXPECT_EQ(words.count("borger"), 0u) << "kwaliteitsborger, never borger";
    EXPECT_EQ(page.find("T10:00:00Z"), std::string::npos) << "times are for people";
    EXPECT_EQ(page.find("(en)"), std::string::npos);
    EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"nl\">", 0), 0u);
    EXPECT_NE(page.find("Oordeel kwaliteitsborger"), std::string::npos);
  }
  EXPECT_NE(pages[0].find("afwijking van risicoscore R-fire-spread"), std::string::npos);
  EXPECT_NE(pages[0].find("herzien: fundering later"), std::string::npos);
}
}  // namespace
WKB_STORE_BACKENDS(LifecycleTest);
}  // namespace wkb::store::test
