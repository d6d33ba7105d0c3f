// No Dutch output shows a raw value (issue 9): every table, message and
// report a person reads from wkb, over a project's whole life, is searched
// for the contract's enum values, the store's states and the taxonomy's topic
// ids, wherever their Dutch label differs. The values come from the SDK's and
// the store's own tables, so a new value is checked without touching this test.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "chromium.hpp"
#include "command.hpp"
#include "test_paths.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/store/lifecycle.hpp"

namespace fs = std::filesystem;
using namespace wkb;

namespace {

constexpr const char* kId = "nl.voorbeeld.seriebouw";

struct Raw {
  std::string value, label, what;
};

std::vector<Raw> raw_values() {
  std::vector<Raw> all;
  for (const auto& v : all_labelled_values())
    if (v.value != v.label) all.push_back({v.value, v.label, std::string(v.type)});
  for (int i = 0; i <= static_cast<int>(store::State::closed_without_declaration); ++i) {
    const auto s = static_cast<store::State>(i);
    all.push_back({std::string(store::to_string(s)), std::string(store::label_nl(s)), "State"});
  }
  for (const auto& t : taxonomy()) all.push_back({t.id, t.label_nl, "topic"});
  return all;
}

// Whole words only: "design" in "design-review", "r-design" or a stable id
// such as "R-beng/document-review/design" is part of an id, not a value.
bool contains_word(const std::string& text, const std::string& word) {
  const auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '/';
  };
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool start = at == 0 || !is_word(text[at - 1]);
    const bool end = at + word.size() >= text.size() || !is_word(text[at + word.size()]);
    if (start && end) return true;
  }
  return false;
}

// "value (label)" for every raw value in `text`.
std::vector<std::string> raw_values_in(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& r : raw_values())
    if (contains_word(text, r.value)) found.push_back(r.what + " " + r.value + " (" + r.label + ")");
  return found;
}

// The check itself: it finds what issue 9 found in real output, and leaves
// ids that merely contain a value alone.
TEST(RawValueCheck, FindsValuesAndLeavesIdsAlone) {
  EXPECT_EQ(raw_values_in("fase design, document-review").size(), 3u);  // Phase and RiskPhase design, the method
  const auto found = raw_values_in("open-items met een grond over energy-performance; status in-execution");
  EXPECT_EQ(found.size(), 3u) << ::testing::PrintToString(found);
  EXPECT_TRUE(raw_values_in("controle c-design-review, risico r-fire-spread, ontwerp, 2026-ZWO-0007").empty());
  EXPECT_TRUE(raw_values_in("controle R-energy-performance/document-review/design, bijwoonmoment structure/2").empty());
}

class DutchOutput : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = test::fresh_temp_dir("wkb-nl-", "output"); }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs wkb in Dutch (no --json); returns stdout and stderr together, as a
  // person sees them on the terminal.
  std::string wkb(const std::vector<std::string>& args, int expect = 0) {
    std::string cmd = "cd " + test::shell_quote(dir_.string()) + " && WKB_PLUGIN_PATH=" +
                      test::shell_quote(test::plugin_dir().string()) + " WKB_DB=sqlite:wkb.db WKB_USER=tester " +
                      "WKB_ALLOW_FIXED_CLOCK=1 WKB_NOW=" + now_ + " " + test::shell_quote(WKB_CLI);
    for (const auto& a : args) cmd += " " + test::shell_quote(a);
    const auto o = test::run_command({"sh", "-c", cmd + " 2>&1"});
    EXPECT_EQ(o.code, expect) << cmd << "\n" << o.out;
    seen_ += "\n# wkb " + (args.empty() ? std::string() : args.front()) + "\n" + o.out;
    return o.out;
  }

  // The example staff register and its persons for every role of the plan
  // (the bouwmelding waits for them; docs/store.md#staff).
  void assign_staff(const std::string& id) {
    wkb({"staff", "add", (test::source_dir() / "examples" / "staff" / "borg-twente.staff.json").string()});
    wkb({"staff", "list"});
    wkb({"project", "assign", id, "--role", "risk-assessment-and-plan=BT-001", "--role", "structural-safety=BT-001",
         "--role", "fire-safety=BT-002", "--role", "building-physics=BT-002", "--role", "installations=BT-003",
         "--role", "site-inspection=BT-003", "--responsible", "BT-001"});
  }

  void expect_no_raw_values() {
    const auto found = raw_values_in(seen_);
    EXPECT_TRUE(found.empty()) << "shown raw: " << ::testing::PrintToString(found) << " in:\n" << seen_;
  }

  fs::path dir_;
  std::string seen_;
  std::string now_ = "2026-03-01T10:00:00Z";  // the store's clock for the next commands
};

fs::path lifecycle_example(const std::string& name) { return test::source_dir() / "examples" / "lifecycle" / name; }

TEST_F(DutchOutput, TheWholePipelineShowsLabelsNotValues) {
  wkb({"instruments"});
  for (const char* f : {"kloosterstraat-12.declaration", "kloosterstraat-12.incomplete"})
    wkb({"run", "--instrument", kId, "--project", test::example_project("kloosterstraat-12").string(), "--findings",
         test::example_findings(f).string()});
  wkb({"run", "--instrument", kId, "--project", test::example_project("beng-ontbreekt").string(), "--findings",
       test::example_findings("beng-ontbreekt.open-items").string()});
  wkb({"run", "--instrument", kId, "--project", test::example_project("slappe-bodem-brandscheiding").string(),
       "--findings", test::example_findings("slappe-bodem-brandscheiding.notice").string()});
  expect_no_raw_values();
}

TEST_F(DutchOutput, AStoredProjectFromCreateToDossierShowsLabelsNotValues) {
  const std::string project = test::example_project("beng-ontbreekt").string();
  const std::string id = "2026-DEV-0019";
  now_ = "2026-01-15T09:00:00Z";
  wkb({"project", "create", "--instrument", kId, "--project", project});
  wkb({"project", "replan", id, "--reason", "planning gewijzigd"});
  wkb({"project", "show", id, "--diff"});
  now_ = "2026-01-19T09:00:00Z";
  assign_staff(id);
  wkb({"project", "notify", id, "--melder", lifecycle_example("kloosterstraat-12.melder.json").string()});
  now_ = "2026-10-09T16:00:00Z";
  wkb({"findings", "import", id, test::example_findings("beng-ontbreekt.open-items").string()});
  wkb({"project", "evaluate", id});
  wkb({"project", "show", id});
  wkb({"project", "list"});
  wkb({"project", "close", id, "--notice", "--effort", "drie keer om de BENG-berekening gevraagd", "--not-notified",
       "de BENG-berekening is per brief opgevraagd, niet met een melding"});
  wkb({"dossier", id, "--out", "dossier"});
  wkb({"audit", "verify"});
  wkb({"audit", "replay", id});
  // The dossier is for the bevoegd gezag: its HTML counts as Dutch output,
  // as a browser shows it.
  std::string html = test::read(dir_ / "dossier" / "dossier.html");
  if (const auto dom = test::chromium_dom(dir_ / "dossier" / "dossier.html")) {
    ASSERT_FALSE(dom->empty()) << "Chromium could not render dossier.html";
    EXPECT_NE(dom->find("<html lang=\"nl\""), std::string::npos);
    EXPECT_NE(dom->find(id), std::string::npos);
    EXPECT_NE(dom->find("Melding strijdigheid"), std::string::npos) << dom->substr(0, 600);
    html = *dom;
  }
  html = std::regex_replace(html, std::regex("<[^>]*>"), " ");  // attributes and class names are code
  seen_ += "\n# dossier.html\n" + html;
  expect_no_raw_values();
}

// The lifecycle to a gereedmelding: every step's output in Dutch, and the
// dossier as a browser shows it and prints it on A4.
TEST_F(DutchOutput, FromBouwmeldingToGereedmeldingAndTheDossierPrints) {
  const std::string id = "2026-ALM-0042";
  now_ = "2026-01-15T09:00:00Z";
  wkb({"project", "create", "--instrument", kId, "--project", test::example_project("kloosterstraat-12").string()});
  now_ = "2026-01-19T09:00:00Z";
  assign_staff(id);
  wkb({"project", "notify", id, "--melder", lifecycle_example("kloosterstraat-12.melder.json").string()});
  now_ = "2026-02-20T09:00:00Z";
  wkb({"project", "start", id, "--date", "2026-03-02"});
  wkb({"request", "add", id, "--question", "Stuur het borgingsplan in afschrift."});
  wkb({"request", "answer", id, "--number", "1", "--answer", "Verstuurd per e-mail."});
  now_ = "2026-10-09T16:00:00Z";
  wkb({"findings", "import", id, test::example_findings("kloosterstraat-12.declaration").string()});
  wkb({"findings", "import", id, test::example_findings("kloosterstraat-12.declaration").string()}, 3);
  now_ = "2026-10-12T10:00:00Z";
  wkb({"project", "evaluate", id});
  // No --responsible: the eindverantwoordelijke of the borgingsplan signs.
  const std::string closed = wkb({"project", "close", id, "--place", "Almelo"});
  EXPECT_NE(closed.find("eindverantwoordelijke: ing. A. Jansen"), std::string::npos) << closed;
  now_ = "2026-10-13T09:00:00Z";
  wkb({"project", "complete", id, "--file", lifecycle_example("kloosterstraat-12.gereedmelding.json").string()});
  const std::string show = wkb({"project", "show", id});
  EXPECT_NE(show.find("Gereedmelding: 13 oktober 2026"), std::string::npos) << show;
  EXPECT_NE(show.find("Melder:      Bouwbedrijf Twentebouw BV (aannemer)"), std::string::npos) << show;
  wkb({"dossier", id, "--out", "dossier"});
  const fs::path page = dir_ / "dossier" / "dossier.html";
  std::string html = test::read(page);
  EXPECT_NE(show.find("Personen van het borgingsplan"), std::string::npos) << show;
  EXPECT_NE(show.find("ir. M. de Wit"), std::string::npos) << show;
  for (const char* s : {"Levensloop", "Handtekening", "Eindverantwoordelijke", "Almelo K 1234",
                        "Personen van het borgingsplan", "R. Bakker", "BT-003",
                        "Gereedmelding: dossier bevoegd gezag", "13 oktober 2026", "2 november 2026"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  if (const auto dom = test::chromium_dom(page)) {
    ASSERT_FALSE(dom->empty()) << "Chromium could not render dossier.html";
    EXPECT_NE(dom->find("Verklaring kwaliteitsborger"), std::string::npos);
    EXPECT_NE(dom->find("class=\"handtekening\""), std::string::npos);
    // Printed on A4: a PDF of more than one page (the tables run over).
    const fs::path pdf = dir_ / "dossier.pdf";
    const auto profile = dir_ / ".chromium-print";
    test::run_command({test::kChromium, "--headless", "--no-sandbox", "--disable-gpu",
                       "--user-data-dir=" + profile.string(), "--no-pdf-header-footer",
                       "--print-to-pdf=" + pdf.string(), "file://" + fs::absolute(page).string()},
                      "2>/dev/null");
    ASSERT_TRUE(fs::exists(pdf)) << "Chromium printed no PDF";
    const std::string bytes = test::read(pdf);
    EXPECT_EQ(bytes.rfind("%PDF", 0), 0u);
    html = *dom;
  }
  html = std::regex_replace(html, std::regex("<[^>]*>"), " ");
  seen_ += "\n# dossier.html\n" + html;
  expect_no_raw_values();
}

}  // namespace
