// Clean text in, the same text out; limits; the clock; a held lock.
#include <chrono>
#include <thread>

#include "store_fixture.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store::test {
namespace {
using wkb::host::InputError;

using InputTest = StoreTest;

TEST(TextRulesTest, ControlCharactersBlanksAndQuotes) {
  EXPECT_NO_THROW(check_text("x", "regel 1\n\tregel 2 ✓ 🏠", TextKind::free, 100));
  EXPECT_THROW(check_text("x", std::string("a\0b", 3), TextKind::free, 100), InputError);
  EXPECT_THROW(check_text("x", "a\rb", TextKind::free, 100), InputError);
  EXPECT_THROW(check_text("x", "a\nb", TextKind::line, 100), InputError);
  EXPECT_THROW(check_text("x", "a\x1b[31m", TextKind::free, 100), InputError);
  EXPECT_THROW(check_text("x", "\xC3\x28", TextKind::free, 100), InputError);      // broken UTF-8
  EXPECT_THROW(check_text("x", "\xC0\xAF", TextKind::free, 100), InputError);      // overlong
  EXPECT_THROW(check_text("x", "\xED\xA0\x80", TextKind::free, 100), InputError);  // a surrogate
  EXPECT_NO_THROW(check_text("x", "ééé", TextKind::line, 3));                       // characters, not bytes
  const std::string long_error = input_error_of([] { check_text("de notitie", "éééé", TextKind::line, 3); });
  EXPECT_NE(long_error.find("de grens is 3"), std::string::npos) << long_error;
  EXPECT_TRUE(is_blank(" \t\n"));
  EXPECT_TRUE(is_blank("\xC2\xA0\xE2\x80\x8B\xE2\x80\x83\xEF\xBB\xBF"));  // NBSP, ZWSP, em space, BOM
  EXPECT_FALSE(is_blank(" a "));
  EXPECT_FALSE(is_blank("\xC2"));  // a broken byte is not nothing
  EXPECT_EQ(quote("kort"), "\"kort\"");
  const std::string q = quote(std::string(10'000'000, 'x'));
  EXPECT_LT(q.size(), 120u);
  EXPECT_NE(q.find("(10.000.000 tekens)"), std::string::npos) << q;
  EXPECT_EQ(quote(std::string(80, 'y')), "\"" + std::string(80, 'y') + "\"");
}

TEST_P(InputTest, BothBackendsKeepTextExactlyAndRefuseWhatTheyWouldChange) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  notify_and_wait(*store, id, "A. Borger");
  const Plan plan = store->load(id).current_plan().plan;
  auto findings = findings_for(plan, FindingResult::conform);
  const std::string note = "scheur\tin \"balk\" \\ 3\nfoto’s: 📷 — Ærø, ß, 한국어, עברית";
  findings[0].note = note;
  const auto entries = store->audit_log(id).size();
  for (const std::string& bad : {std::string("nul\0byte", 8), std::string("esc\x1b[0m"), std::string("cr\r\n"),
                                std::string("\xFF\xFE")}) {
    auto with_bad = findings;
    with_bad[1].note = bad;
    EXPECT_THROW(store->add_findings(id, with_bad, "x"), InputError);
  }
  EXPECT_EQ(store->audit_log(id).size(), entries) << "a refused import wrote something";
  store->add_findings(id, findings, "x");
  const auto r = open()->load(id);
  EXPECT_EQ(r.findings[0].finding.note, note);
  EXPECT_EQ(r.findings[0].finding.assessed_by, findings[0].assessed_by);
  EXPECT_TRUE(open()->verify(id).ok());
}

TEST_P(InputTest, BlankTextCountsAsMissing) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  const std::string blank = "\xC2\xA0 \xE2\x80\x8B";
  OverrideRequest o{"R-fire-spread", 1, std::nullopt, std::nullopt, blank, "A. Borger"};
  EXPECT_NE(input_error_of([&] { store->override_risk(id, o, loader()); }).find("schriftelijke motivering (--motivation"), std::string::npos);
  o.motivation = "EKV-systeem";
  o.by = blank;
  EXPECT_NE(input_error_of([&] { store->override_risk(id, o, loader()); }).find("geef --by NAAM of zet WKB_USER"),
            std::string::npos);
  Project nameless = project("2026-TST-0009");
  nameless.name = blank;
  EXPECT_NE(input_error_of([&] { store->create(nameless, "nl.test.opslag", loader(), "x"); }).find("naam"),
            std::string::npos);
}

TEST_P(InputTest, LimitsAreNamedAndCheckedBeforeThePlugin) {
  auto store = open();
  Project big = project("2026-TST-0003", static_cast<int>(Limits::kUnitsPerProject) + 1);
  const std::string e = input_error_of([&] { store->create(big, "nl.test.opslag", loader(), "x"); });
  EXPECT_NE(e.find("de grens is " + wkb::number_nl(Limits::kUnitsPerProject) + " eenheden"), std::string::npos) << e;
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  notify_and_wait(*store, id, "x");
  std::vector<Finding> many(Limits::kFindingsPerImport + 1, findings_for(store->load(id).current_plan().plan,
                                                                         FindingResult::conform)[0]);
  const std::string e2 = input_error_of([&] { store->add_findings(id, many, "x"); });
  EXPECT_NE(e2.find(wkb::number_nl(Limits::kFindingsPerImport) + " bevindingen per import"), std::string::npos) << e2;
  EXPECT_NE(e2.find("10.001 bevindingen in één keer"), std::string::npos) << e2;
  auto one = findings_for(store->load(id).current_plan().plan, FindingResult::conform);
  one[0].note = std::string(Limits::kTextChars + 1, 'n');
  const std::string e3 = input_error_of([&] { store->add_findings(id, one, "x"); });
  EXPECT_NE(e3.find("de grens is " + wkb::number_nl(Limits::kTextChars) + " tekens"), std::string::npos) << e3.substr(0, 300);
  EXPECT_LT(e3.size(), 400u) << "the message must not echo the value";
}

TEST_P(InputTest, AnEntryIsNeverDatedBeforeTheLastOne) {
  auto store = open();
  const std::string id = store->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  staff_and_assign(*store, id, loader());
  ::setenv("WKB_NOW", "2020-01-01T00:00:00Z", 1);
  const std::string e = input_error_of([&] { store->notify(id, test_melder(), "x"); });
  ::setenv("WKB_NOW", "2026-03-01T10:00:00Z", 1);
  EXPECT_NE(e.find("vóór de laatste registratie"), std::string::npos) << e;
  EXPECT_EQ(e.find("2020-01-01T"), std::string::npos) << "times are given as a person reads them: " << e;
  EXPECT_EQ(store->load(id).summary.state, State::planned);
  ::setenv("WKB_NOW", "2026-03-02T08:00:00Z", 1);
  EXPECT_NO_THROW(store->notify(id, test_melder(), "x"));
}

// Another process holds the write lock: the writer gives up after the lock
// timeout with StoreBusy (exit 5) and its Dutch message, on both backends.
TEST_P(InputTest, AHeldLockStopsAWriterAfterTheLockTimeout) {
  const std::string id = open()->create(project(), "nl.test.opslag", loader(), "A. Borger").summary.id;
  auto holder = raw();
  if (GetParam() == "postgresql") {
    *holder << "BEGIN";
    *holder << "UPDATE projects SET name = name WHERE id = :p", soci::use(id);
  } else {
    *holder << "BEGIN IMMEDIATE";
  }
  auto store = ProjectStore::open(db(), false, 300);
  const auto start = std::chrono::steady_clock::now();
  try {
    notify_and_wait(*store, id, "x");
    ADD_FAILURE() << "the write went through a held lock";
  } catch (const wkb::host::StoreBusy& e) {
    EXPECT_NE(std::string(e.what()).find("een ander wkb-proces schrijft in deze opslag; probeer het opnieuw"),
              std::string::npos)
        << e.what();
    EXPECT_EQ(e.exit_code(), 5);
  }
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(5));
  *holder << "ROLLBACK";
  EXPECT_NO_THROW(notify_and_wait(*store, id, "x"));
  EXPECT_TRUE(store->verify(std::nullopt).ok());
}

// A certificate valid when the plan was made and lapsed since: an override
// on the stored assessment could keep its lowered score with no check left,
// so it is refused until a replan has assessed without it.
TEST_P(InputTest, AnOverrideAfterACertificateLapsedAsksForAReplanFirst) {
  auto store = open();
  Project p = read_project(wkb::host::read_text_file(std::string(WKB_SOURCE_DIR) + "/examples/projects/kloosterstraat-12.json"),
                           "kloosterstraat-12.json");
  ASSERT_EQ(p.certificates.size(), 1u);
  p.certificates[0].valid_until = *Date::parse("2026-04-01");  // valid on 1 March 2026, the fixture's clock
  const auto load = test_loader();
  store->create(p, "nl.voorbeeld.seriebouw", load, "A. Borger");
  ::setenv("WKB_NOW", "2026-05-01T10:00:00Z", 1);
  const OverrideRequest o{"R-structural-safety", 5, std::nullopt, std::nullopt, "funderingsadvies", "A. Borger"};
  const auto entries = store->load(p.id).summary.audit_count;
  try {
    store->override_risk(p.id, o, load);
    FAIL() << "override on an assessment that counted a lapsed certificate";
  } catch (const InputError& e) {
    EXPECT_EQ(e.rule(), "certificate-expired");
    EXPECT_NE(std::string(e.what()).find("wkb project replan"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store->load(p.id).summary.audit_count, entries);
  const auto replanned = store->replan(p.id, std::nullopt, "EKV verlopen", load, "A. Borger");
  const Risk* water = replanned.current.assessment.risk("R-drinking-water");
  ASSERT_NE(water, nullptr);
  EXPECT_GT(water->score, replanned.previous.assessment.risk("R-drinking-water")->score) << "no reduction any more";
  EXPECT_NO_THROW(store->override_risk(p.id, o, load));
}

// A replan whose project file moves a certificate's validity past a conform
// certificate check already recorded is refused for that reason, not as a
// control that went missing.
TEST_P(InputTest, AReplanThatUncoversARecordedCertificateCheckSaysSo) {
  auto store = open();
  Project p = read_project(wkb::host::read_text_file(std::string(WKB_SOURCE_DIR) + "/examples/projects/kloosterstraat-12.json"),
                           "kloosterstraat-12.json");
  const auto load = test_loader();
  store->create(p, "nl.voorbeeld.seriebouw", load, "A. Borger");
  notify_and_wait(*store, p.id, "A. Borger");  // the clock now stands on 1 June 2026
  Finding f;
  f.control = "R-drinking-water/certificate-check/installations";
  f.result = FindingResult::conform;
  f.note = "Certificaat geldig, dekt drinkwater, van toepassing.";
  f.assessed_by = "BT-003";
  f.date = *Date::parse("2026-05-15");
  store->add_findings(p.id, {f}, "A. Borger");
  p.certificates[0].valid_from = *Date::parse("2026-05-20");  // valid today, not on the day of the check
  try {
    store->replan(p.id, p, "certificaat vernieuwd", load, "A. Borger");
    FAIL() << "replan accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.rule(), "certificate-expired");
    EXPECT_NE(std::string(e.what()).find("geldigheidsdata"), std::string::npos) << e.what();
  }
}

}  // namespace
WKB_STORE_BACKENDS(InputTest);
}  // namespace wkb::store::test
