// `wkb chain`, `wkb monitor`, `wkb compare` end to end on the examples: exit
// codes, the findings by id, every refusal of bad input with file, line and
// column (exit 3), and the HTML reports as headless Chromium shows them.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <fstream>

#include "chromium.hpp"
#include "command.hpp"
#include "test_paths.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace wkb;

namespace {

using Result = test::SeparatedOutput;

class TloKB : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::fresh_temp_dir("wkb-tlokb-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // wkb with `args`; no store unless --db is given (WKB_DB cleared).
  Result wkb(const std::vector<std::string>& args) {
    std::string cmd = "env -u WKB_DB WKB_PLUGIN_PATH=" + test::shell_quote(test::plugin_dir().string()) + " " +
                      test::shell_quote(WKB_CLI);
    for (const auto& a : args) cmd += " " + test::shell_quote(a);
    return test::run_separated(cmd, dir_);
  }
  std::string file(const std::string& name, const std::string& bytes) {
    const auto p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  static std::string example(const std::string& name) { return (test::source_dir() / "examples/tlokb" / name).string(); }
  std::vector<std::string> example_chain(std::vector<std::string> more = {}) {
    std::vector<std::string> a{"chain", "--meldingen", example("meldingen.csv"), "--registrations",
                               example("registraties-aanbieder-a.json"), "--registrations",
                               example("registraties-aanbieder-b.json"), "--date", "2026-12-01"};
    a.insert(a.end(), more.begin(), more.end());
    return a;
  }

  fs::path dir_;
};

const std::string kHeader =
    "melding_id;datum;bag_id;postcode;huisnummer;huisletter;huisnummertoevoeging;gemeente;kvk_kwaliteitsborger;"
    "instrument\n";

std::vector<std::string> strings(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& x : v.as_array()) out.emplace_back(x.as_string());
  return out;
}

// kind -> the (meldingen, projects) of each finding of that kind.
std::multimap<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> findings(const json::value& r) {
  std::multimap<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> out;
  for (const auto& f : r.at("findings").as_array())
    out.emplace(std::string(f.at("kind").as_string()), std::pair{strings(f.at("meldingen")), strings(f.at("projects"))});
  return out;
}

using Ids = std::vector<std::string>;

TEST_F(TloKB, TheExampleHasEachKindOfGap) {
  const auto r = wkb(example_chain({"--json"}));
  ASSERT_EQ(r.code, 1) << r.out << r.err;
  const json::value report = json::parse(r.out);
  EXPECT_EQ(report.at("closed").as_bool(), false);
  const auto f = findings(report);
  auto has = [&](const std::string& kind, const Ids& meldingen, const Ids& projects) {
    auto [a, b] = f.equal_range(kind);
    for (auto it = a; it != b; ++it)
      if (it->second.first == meldingen && it->second.second == projects) return true;
    ADD_FAILURE() << "no " << kind << " for these ids in " << r.out;
    return false;
  };
  has("melding-unregistered", {"BM-2026-0009"}, {});
  has("registration-without-melding", {}, {"2026-ENS-0004"});
  has("duplicate-melding", {"BM-2026-0003", "BM-2026-0010"}, {"2026-ALM-0003"});
  has("duplicate-registration", {}, {"2026-ENS-0005", "2026-ENS-0006"});
  has("overdue", {"BM-2026-0003", "BM-2026-0010"}, {"2026-ALM-0003"});
  has("assurer-mismatch", {"BM-2026-0007"}, {"2026-HGL-0007"});
  has("instrument-mismatch", {"BM-2026-0008"}, {"2026-HGL-0008"});
  // Matched through normalisation: BM-2026-0001 on its BAG id and a Dutch
  // date, BM-2026-0002 on "7607 cd" 5 a 2 against "5A-2"; the planned
  // 2026-HGL-0009 is not expected to have a melding yet.
  for (const auto& [kind, ids] : f) {
    for (const auto& m : ids.first) EXPECT_TRUE(m != "BM-2026-0001" && m != "BM-2026-0002") << kind << " " << m;
    for (const auto& p : ids.second)
      EXPECT_TRUE(p != "2026-ALM-0001" && p != "2026-ALM-0002" && p != "2026-HGL-0009") << kind << " " << p;
  }
  EXPECT_EQ(report.at("counts").at("meldingen").as_int64(), 8);
  EXPECT_EQ(report.at("counts").at("registrations").as_int64(), 9);
}

TEST_F(TloKB, ChainTableIsDutchAndExitIsZeroWhenClosed) {
  const auto r = wkb(example_chain());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("bouwmelding zonder geregistreerd project"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("De keten is niet gesloten: "), std::string::npos);
  for (const char* raw : {"melding-unregistered", "in-execution", "duplicate-melding"})
    EXPECT_EQ(r.out.find(raw), std::string::npos) << raw;
  // One melding, one registered project: closed.
  const auto csv = file("m.csv", kHeader + "BM-1;2026-01-12;0141200000000012;7607 AB;12;;;Almelo;87654321;nl.voorbeeld.seriebouw\n");
  const auto regs = wkb({"chain", "--meldingen", csv, "--registrations", example("registraties-aanbieder-a.json"),
                         "--date", "2026-07-01", "--json"});
  // Provider A's other projects were reported in other weeks than the one the
  // meldingen cover, and none is overdue on 1 July: closed.
  EXPECT_EQ(regs.code, 0) << regs.out;
  // On 1 December 2026-ALM-0003 is overdue.
  EXPECT_EQ(wkb({"chain", "--meldingen", csv, "--registrations", example("registraties-aanbieder-a.json"), "--date",
                 "2026-12-01"})
                .code,
            1);
  const std::string one =
      R"({"schema":"wkb.registrations/1","generated_at":"2026-12-01T08:00:00Z","registrations":[{"project":"P1","name":"x",)"
      R"("instrument":"nl.voorbeeld.seriebouw","assurer":{"kvk":"87654321","name":"B"},"address":{"street":"Kloosterstraat",)"
      R"("house_number":12,"postcode":"7607 AB","city":"Almelo"},"dates":{"bouwmelding":"2026-01-12","last_phase_end":"2026-06-01",)"
      R"("verklaring":"2026-06-20"},"state":"completed","monitor":{"reasons":[],"site_inspections":{"planned":1,"recorded":1},)"
      R"("findings_by_topic":{}}}]})";
  const auto closed = wkb({"chain", "--meldingen", csv, "--registrations", file("one.json", one), "--date", "2026-07-01"});
  EXPECT_EQ(closed.code, 0) << closed.out << closed.err;
  EXPECT_NE(closed.out.find("De keten is gesloten."), std::string::npos) << closed.out;
}

TEST_F(TloKB, OverdueWeeksAreConfigurable) {
  auto count = [&](const std::string& weeks) {
    const auto r = wkb(example_chain({"--json", "--weeks", weeks}));
    return json::parse(r.out).at("counts").at("overdue").as_int64();
  };
  EXPECT_EQ(count("8"), 1);   // 2026-ALM-0003, ended 28 August
  EXPECT_EQ(count("13"), 1);
  EXPECT_EQ(count("14"), 0);  // 13 weeks and 5 days ago
  EXPECT_EQ(count("0"), 3);   // also the two at Oldenzaalsestraat, ended 27 November
  EXPECT_EQ(wkb(example_chain({"--weeks", "-1"})).code, 2);
}

struct BadInput {
  std::string name, bytes, rule;
  int line, column;
};

TEST_F(TloKB, EveryBadCsvIsRefusedWithFileLineAndColumn) {
  const std::string row = "BM-1;2026-03-02;;7607 AB;12;;;Almelo;87654321;nl.x\n";
  std::string missing = kHeader;
  missing.replace(missing.find(";gemeente"), 9, "");
  for (const BadInput& c : std::vector<BadInput>{
           {"missing-column.csv", missing + row, "csv-missing-column", 1, 108},
           {"unknown-column.csv", "melding_id;plaats\n", "csv-unknown-column", 1, 12},
           {"bad-postcode.csv", kHeader + "BM-1;2026-03-02;;76O7 AB;12;;;Almelo;87654321;nl.x\n", "csv-postcode", 2, 18},
           {"bad-date.csv", kHeader + "BM-1;30-02-2026;;7607 AB;12;;;Almelo;87654321;nl.x\n", "csv-date", 2, 6},
           {"empty.csv", "", "csv-empty", 1, 1},
           {"latin1.csv", kHeader + "BM-1;2026-03-02;;8601 AB;1;;;S\xFA" "dwest-Frysl\xE2n;87654321;nl.x\n", "csv-encoding", 2, 31},
           {"utf16.csv", std::string("\xFF\xFEm\0e\0", 6), "csv-encoding", 1, 1},
           {"duplicate-id.csv", kHeader + row + row, "csv-duplicate-melding-id", 3, 1},
       }) {
    const std::string path = file(c.name, c.bytes);
    const auto r = wkb({"chain", "--meldingen", path, "--registrations", example("registraties-aanbieder-a.json")});
    EXPECT_EQ(r.code, 3) << c.name << ": " << r.err;
    const std::string place = path + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": ";
    EXPECT_EQ(r.err.rfind("wkb: " + place, 0), 0u) << c.name << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.name;
    const auto j = wkb({"--json", "chain", "--meldingen", path, "--registrations", example("registraties-aanbieder-a.json")});
    EXPECT_EQ(j.code, 3);
    const json::value p = json::parse(j.out);
    EXPECT_EQ(p.at("rule").as_string(), c.rule) << c.name;
    EXPECT_EQ(p.at("file").as_string(), path);
    EXPECT_EQ(p.at("line").as_int64(), c.line) << c.name;
    EXPECT_EQ(p.at("column").as_int64(), c.column) << c.name;
    EXPECT_EQ(p.at("status").as_int64(), 3);
  }
}

TEST_F(TloKB, SkipBadRowsReportsThemAndGoesOn) {
  const std::string path = file("m.csv", kHeader + "BM-1;2026-01-12;0141200000000012;7607 AB;12;;;Almelo;87654321;nl.voorbeeld.seriebouw\n" +
                                             "BM-2;2026-03-02;;76O7 AB;12;;;Almelo;87654321;nl.x\n");
  const auto refused = wkb({"chain", "--meldingen", path, "--registrations", example("registraties-aanbieder-a.json")});
  EXPECT_EQ(refused.code, 3);
  EXPECT_NE(refused.err.find("--skip-bad-rows"), std::string::npos) << refused.err;
  const auto r = wkb({"chain", "--meldingen", path, "--registrations", example("registraties-aanbieder-a.json"),
                      "--skip-bad-rows", "--date", "2026-12-01"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("waarschuwing: regel overgeslagen: " + path + ":3:18: kolom postcode"), std::string::npos) << r.err;
  const auto j = wkb({"chain", "--meldingen", path, "--registrations", example("registraties-aanbieder-a.json"),
                      "--skip-bad-rows", "--json"});
  const auto skipped = json::parse(j.out).at("sources").at("skipped_rows").as_array();
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].at("line").as_int64(), 3);
  EXPECT_EQ(skipped[0].at("rule").as_string(), "csv-postcode");
}

TEST_F(TloKB, ARegistrationsFileOfAnotherSchemaIsRefusedWithItsPath) {
  const std::string project = test::example_project("kloosterstraat-12").string();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--json", "chain", "--meldingen", example("meldingen.csv"), "--registrations", project},
           {"--json", "monitor", "--registrations", project}}) {
    const auto r = wkb(args);
    EXPECT_EQ(r.code, 3) << r.out;
    const json::value p = json::parse(r.out);
    EXPECT_EQ(p.at("file").as_string(), project);
    EXPECT_EQ(p.at("path").as_string(), "$.schema");
    EXPECT_EQ(p.at("rule").as_string(), "schema-kind");
  }
  const auto bad = wkb({"monitor", "--registrations", file("r.json", "{\"schema\":\"wkb.registrations/1\",")});
  EXPECT_EQ(bad.code, 3);
  EXPECT_NE(bad.err.find("r.json:1:"), std::string::npos) << bad.err;
}

TEST_F(TloKB, MonitorCountsOutcomesAndReasons) {
  const auto r = wkb({"monitor", "--json", "--registrations", example("registraties-aanbieder-a.json"), "--registrations",
                      example("registraties-aanbieder-b.json")});
  ASSERT_EQ(r.code, 0) << r.err;
  const json::value m = json::parse(r.out);
  EXPECT_EQ(m.at("outcomes").at("declaration").as_int64(), 1);
  EXPECT_EQ(m.at("outcomes").at("non-compliance-notice").as_int64(), 2);
  EXPECT_EQ(m.at("outcomes").at("open").as_int64(), 6);
  EXPECT_EQ(m.at("reasons_by_topic").at("energy-performance").as_int64(), 2);
  EXPECT_EQ(m.at("reasons_by_topic").at("fire-spread").as_int64(), 1);
  EXPECT_EQ(m.at("per_instrument").at("nl.voorbeeld.kavelbouw").at("bouwmeldingen").as_int64(), 3);
  EXPECT_EQ(m.at("findings_by_topic").at("fire-spread").at("unrepairable").as_int64(), 1);
  // A period: only what happened in it.
  const auto q = wkb({"monitor", "--json", "--from", "2026-10-01", "--to", "2026-12-31", "--registrations",
                      example("registraties-aanbieder-a.json"), "--registrations", example("registraties-aanbieder-b.json")});
  const json::value p = json::parse(q.out);
  EXPECT_EQ(p.at("totals").at("bouwmeldingen").as_int64(), 0);
  EXPECT_EQ(p.at("totals").at("meldingen_strijdigheid").as_int64(), 2);
  EXPECT_EQ(p.at("outcomes").at("non-compliance-notice").as_int64(), 2);
  EXPECT_EQ(wkb({"monitor", "--from", "2026-10-01", "--to", "2026-01-01", "--registrations", example("registraties-aanbieder-a.json")}).code, 2);
  const auto table = wkb({"monitor", "--registrations", example("registraties-aanbieder-b.json")});
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("Energieprestatie"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("melding strijdigheid"), std::string::npos);
  EXPECT_EQ(table.out.find("energy-performance"), std::string::npos);
}

TEST_F(TloKB, CsvOutputs) {
  const std::string csv = (dir_ / "bevindingen.csv").string();
  wkb(example_chain({"--csv", csv}));
  const std::string text = test::read(csv);
  EXPECT_EQ(text.rfind("\xEF\xBB\xBFsoort;omschrijving;meldingen;projecten;adres;toelichting\r\n", 0), 0u);
  EXPECT_NE(text.find("melding-unregistered;bouwmelding zonder geregistreerd project;BM-2026-0009;;"), std::string::npos);
  const std::string mcsv = (dir_ / "monitor.csv").string();
  EXPECT_EQ(wkb({"monitor", "--csv", mcsv, "--registrations", example("registraties-aanbieder-b.json")}).code, 0);
  EXPECT_NE(test::read(mcsv).find("reden geen verklaring;Energieprestatie (BENG);projecten;1\r\n"), std::string::npos)
      << test::read(mcsv);
  // An output place that cannot be written is refused before the work.
  EXPECT_EQ(wkb(example_chain({"--html", "/nonexistent/r.html"})).code, 2);
}

// The HTML as a browser builds it: no script, no external resource, the
// headings and one inline SVG chart per figure; and it prints.
void expect_report_page(const fs::path& html, const std::vector<std::string>& texts) {
  const std::string source = test::read(html);
  EXPECT_EQ(source.find("<script"), std::string::npos);
  EXPECT_EQ(source.find("http://"), source.find("http://www.w3.org/2000/svg") == std::string::npos ? std::string::npos
                                                                                                      : source.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(source.find("https://"), std::string::npos);
  const auto dom = test::chromium_dom(html);
  if (!dom) GTEST_SKIP() << "Chromium is not installed (scripts/setup.sh installs it)";
  ASSERT_FALSE(dom->empty()) << "Chromium could not open " << html;
  EXPECT_NE(dom->find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(dom->find("<svg"), std::string::npos);
  for (const auto& t : texts) EXPECT_NE(dom->find(t), std::string::npos) << t;
  // Printed: a PDF, and a screenshot of the page as it shows.
  const auto dir = fs::absolute(html).parent_path();
  const auto pdf = dir / "print.pdf", png = dir / "screen.png";
  const auto profile = dir / ".chromium-profile";
  const auto o = test::run_command({test::kChromium, "--headless", "--no-sandbox", "--disable-gpu",
                                    "--user-data-dir=" + profile.string(), "--no-pdf-header-footer",
                                    "--print-to-pdf=" + pdf.string(), "file://" + fs::absolute(html).string()},
                                   "2>/dev/null");
  const auto s = test::run_command({test::kChromium, "--headless", "--no-sandbox", "--disable-gpu",
                                    "--user-data-dir=" + profile.string(), "--window-size=1200,1600",
                                    "--screenshot=" + png.string(), "file://" + fs::absolute(html).string()},
                                   "2>/dev/null");
  fs::remove_all(profile);
  ASSERT_TRUE(fs::exists(pdf)) << o.out;
  EXPECT_EQ(test::read(pdf).rfind("%PDF", 0), 0u);
  EXPECT_GT(fs::file_size(pdf), 5000u);
  ASSERT_TRUE(fs::exists(png)) << s.out;
  EXPECT_EQ(test::read(png).substr(1, 3), "PNG");
  EXPECT_GT(fs::file_size(png), 20000u);  // a page with text and bars, not a blank one
}

TEST_F(TloKB, ChainHtmlInABrowser) {
  const fs::path html = dir_ / "keten.html";
  EXPECT_EQ(wkb(example_chain({"--html", html.string()})).code, 1);
  expect_report_page(html, {"Ketenrapport bouwmeldingen", "De keten is niet gesloten", "BM-2026-0009",
                            "dubbel geregistreerd adres", "Bevindingen per soort"});
}

TEST_F(TloKB, MonitorHtmlInABrowser) {
  const fs::path html = dir_ / "monitor.html";
  EXPECT_EQ(wkb({"monitor", "--html", html.string(), "--registrations", example("registraties-aanbieder-a.json"),
                 "--registrations", example("registraties-aanbieder-b.json")})
                .code,
            0);
  expect_report_page(html, {"Monitor bouwkwaliteit", "Redenen waarom geen verklaring is afgegeven", "Energieprestatie",
                            "Bijwoonmomenten per project", "Bevindingen per onderwerp"});
  EXPECT_EQ(test::read(html).find("energy-performance"), std::string::npos);
}

TEST_F(TloKB, CompareShowsEveryInstrumentAndWhyOneRefuses) {
  const std::string project = test::example_project("kloosterstraat-12").string();
  const fs::path html = dir_ / "vergelijking.html";
  const auto r = wkb({"compare", "--project", project, "--json", "--html", html.string()});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const json::value c = json::parse(r.out);
  std::map<std::string, json::object> by_id;
  for (const auto& i : c.at("instruments").as_array()) by_id[std::string(i.at("id").as_string())] = i.as_object();
  ASSERT_TRUE(by_id.count("nl.voorbeeld.seriebouw")) << r.out;
  const auto& s = by_id["nl.voorbeeld.seriebouw"];
  EXPECT_EQ(s.at("refused").as_bool(), false);
  EXPECT_EQ(s.at("covers_building_type").as_bool(), true);
  EXPECT_GT(s.at("risks").at("count").as_int64(), 0);
  EXPECT_TRUE(s.at("controls").at("by_method").is_object());
  EXPECT_FALSE(s.at("site_inspections").as_array().empty());
  EXPECT_TRUE(s.contains("competence"));
  // Nothing ranks or prices.
  EXPECT_EQ(r.out.find("price"), std::string::npos);
  EXPECT_EQ(r.out.find("rank"), std::string::npos);
  for (const auto& [id, o] : by_id)
    if (o.at("refused").as_bool()) {
      EXPECT_FALSE(o.at("refusal").at("message").as_string().empty()) << id;
    }
  const auto dom = test::chromium_dom(html);
  if (dom && !dom->empty()) {
    EXPECT_NE(dom->find("Instrumenten naast elkaar"), std::string::npos);
    EXPECT_NE(dom->find("rangschikt de instrumenten niet"), std::string::npos);
  }
  const auto table = wkb({"compare", "--project", project});
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("geen rangorde en geen prijzen"), std::string::npos);
  EXPECT_NE(table.out.find("bijwoonmoment"), std::string::npos) << table.out;
}

TEST_F(TloKB, CompareListsARefusalAndACrashAndStillShowsTheOthers) {
  // scope-100 refuses projects above 100 units; hostile-segfault-plan crashes in plan.
  const std::string path = test::plugin_dir().string() + ":" + (test::test_plugin_dir() / "scope-100").string() + ":" +
                           (test::test_plugin_dir() / "hostile-segfault-plan").string();
  const auto r = wkb({"--plugins", path, "compare", "--project", test::example_project("nieuwe-kern-150").string(), "--json"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::map<std::string, std::string> refusals;  // folder order: code per instrument that refused
  int ran = 0;
  const json::value compared = json::parse(r.out);
  for (const auto& i : compared.at("instruments").as_array()) {
    if (i.at("refused").as_bool())
      refusals[std::string(i.at("refusal").at("code").as_string())] = std::string(i.at("refusal").at("message").as_string());
    else
      ++ran;
  }
  EXPECT_EQ(ran, 2);  // the two example instruments
  ASSERT_EQ(refusals.count("out-of-scope"), 1u) << r.out;
  EXPECT_NE(refusals["out-of-scope"].find("100"), std::string::npos);
  ASSERT_EQ(refusals.count("crashed"), 1u) << r.out;
  EXPECT_NE(refusals["crashed"].find("SIGSEGV"), std::string::npos);
  const auto table = wkb({"--plugins", path, "compare", "--project", test::example_project("nieuwe-kern-150").string()});
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("niet toegepast: Dit instrument is bedoeld voor projecten tot 100 eenheden"), std::string::npos)
      << table.out;
}

// No contract value in its raw JSON spelling where a person reads Dutch: the
// tables and the HTML of chain, monitor and compare.
TEST_F(TloKB, NoRawContractValuesInDutchOutput) {
  std::vector<std::string> raw;
  for (const auto& l : all_labelled_values())
    if (l.label != l.value && std::find(raw.begin(), raw.end(), l.value) == raw.end()) raw.push_back(l.value);
  auto check = [&](const std::string& what, const std::string& text) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; };
    for (const auto& v : raw)
      for (auto at = text.find(v); at != std::string::npos; at = text.find(v, at + 1)) {
        const auto end = at + v.size();
        if ((at > 0 && word(text[at - 1])) || (end < text.size() && word(text[end]))) continue;
        ADD_FAILURE() << what << ": raw value \"" << v << "\" in: " << text.substr(at > 60 ? at - 60 : 0, 140);
        break;
      }
  };
  const fs::path chain = dir_ / "keten.html", monitor = dir_ / "monitor.html", compare = dir_ / "vergelijking.html";
  check("chain table", wkb(example_chain({"--html", chain.string()})).out);
  check("chain html", test::read(chain));
  check("monitor table", wkb({"monitor", "--html", monitor.string(), "--registrations", example("registraties-aanbieder-a.json"),
                              "--registrations", example("registraties-aanbieder-b.json")})
                             .out);
  check("monitor html", test::read(monitor));
  check("compare table", wkb({"compare", "--html", compare.string(), "--project", test::example_project("kloosterstraat-12").string()}).out);
  check("compare html", test::read(compare));
}

TEST_F(TloKB, CompareUnderTrustListsTheNotAdmittedWithTheirReason) {
  ASSERT_EQ(test::run_command({WKB_ADMISSION_EXE, "keygen", "--out", (dir_ / "tlokb").string()}).code, 0);
  const auto r = wkb({"--trust", (dir_ / "tlokb.pub").string(), "compare", "--project",
                      test::example_project("kloosterstraat-12").string(), "--json"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const auto list = json::parse(r.out).at("instruments").as_array();
  ASSERT_FALSE(list.empty());
  for (const auto& i : list) {
    EXPECT_EQ(i.at("refused").as_bool(), true) << i;  // none is certified with this new key
    EXPECT_EQ(i.at("refusal").at("code").as_string(), "not-admitted") << i;
  }
}

TEST_F(TloKB, HelpNamesTheOptions) {
  const auto chain = wkb({"chain", "--help"});
  EXPECT_EQ(chain.code, 0);
  for (const char* o : {"--meldingen", "--registrations", "--weeks", "--skip-bad-rows", "--html", "--csv"})
    EXPECT_NE(chain.out.find(o), std::string::npos) << o;
  EXPECT_EQ(wkb({"project", "export", "--help"}).code, 0);
  EXPECT_EQ(wkb({"monitor", "--help"}).code, 0);
  EXPECT_EQ(wkb({"compare", "--help"}).code, 0);
  EXPECT_EQ(wkb({"chain"}).code, 2);  // --meldingen is required
  const auto no_kind = wkb({"project", "export"});  // what to export must be said
  EXPECT_EQ(no_kind.code, 2);
  EXPECT_NE(no_kind.err.find("--registrations"), std::string::npos) << no_kind.err;
}

}  // namespace
