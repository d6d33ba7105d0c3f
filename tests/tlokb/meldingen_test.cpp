// The meldingen CSV: every refusal names the file, the line and the column.
#include <gtest/gtest.h>

#include "wkb/host/errors.hpp"
#include "wkb/registrations/meldingen.hpp"

namespace wkb::reg {
namespace {

const std::string kHeader =
    "melding_id;datum;bag_id;postcode;huisnummer;huisletter;huisnummertoevoeging;gemeente;kvk_kwaliteitsborger;"
    "instrument\n";
const std::string kRow = "BM-1;2026-03-02;0141200000000012;7607 AB;12;a;2;Almelo;87654321;nl.voorbeeld.seriebouw\n";

struct Refusal {
  std::string message, rule;
  int line = 0, column = 0;
};

Refusal refusal(const std::string& bytes, bool skip = false) {
  try {
    parse_meldingen(bytes, "m.csv", skip);
  } catch (const host::InputErrorAt& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_EQ(e.file(), "m.csv");
    return {e.what(), e.rule(), e.line(), e.column()};
  }
  return {"(accepted)", "", 0, 0};
}

TEST(Meldingen, ReadsAGoodFile) {
  const auto f = parse_meldingen(kHeader + kRow, "m.csv", false);
  ASSERT_EQ(f.meldingen.size(), 1u);
  const Melding& m = f.meldingen[0];
  EXPECT_EQ(m.id, "BM-1");
  EXPECT_EQ(m.date.to_string(), "2026-03-02");
  EXPECT_EQ(m.bag_id, "0141200000000012");
  EXPECT_EQ(m.postcode, "7607AB");
  EXPECT_EQ(m.house, (HouseNumber{12, "A", "2"}));
  EXPECT_EQ(m.gemeente, "Almelo");
  EXPECT_EQ(m.assurer_kvk, "87654321");
  EXPECT_EQ(m.instrument, "nl.voorbeeld.seriebouw");
  EXPECT_EQ(m.line, 2);
}

TEST(Meldingen, HeaderInAnyOrderWithBomCrlfQuotesAndDutchDates) {
  const std::string text =
      "\xEF\xBB\xBFinstrument;GEMEENTE;kvk_kwaliteitsborger;huisnummertoevoeging;huisletter;huisnummer;postcode;bag_id;"
      "datum;melding_id\r\n"
      "nl.x;\"'s-Hertogenbosch; centrum\";87654321;;;3;5211 AA;;02-03-2026;\"BM \"\"2\"\"\"\r\n"
      "\r\n";
  const auto f = parse_meldingen(text, "m.csv", false);
  ASSERT_EQ(f.meldingen.size(), 1u);
  EXPECT_EQ(f.meldingen[0].gemeente, "'s-Hertogenbosch; centrum");
  EXPECT_EQ(f.meldingen[0].id, "BM \"2\"");
  EXPECT_EQ(f.meldingen[0].date.to_string(), "2026-03-02");
  EXPECT_FALSE(f.meldingen[0].bag_id.has_value());
}

TEST(Meldingen, EmptyFile) {
  for (const std::string& empty : {std::string(), std::string("\xEF\xBB\xBF"), std::string("\n\n")}) {
    const auto r = refusal(empty);
    EXPECT_EQ(r.rule, "csv-empty");
    EXPECT_EQ(r.line, 1);
    EXPECT_NE(r.message.find("m.csv:1:1: het bestand is leeg"), std::string::npos) << r.message;
  }
}

TEST(Meldingen, MissingColumn) {
  std::string header = kHeader;
  header.replace(header.find(";gemeente"), 9, "");
  const auto r = refusal(header + "BM-1;2026-03-02;;7607 AB;12;;;87654321;nl.x\n");
  EXPECT_EQ(r.rule, "csv-missing-column");
  EXPECT_EQ(r.line, 1);
  EXPECT_NE(r.message.find("kolom gemeente: de kolom ontbreekt"), std::string::npos) << r.message;
}

TEST(Meldingen, UnknownColumnNamesItsColumn) {
  const auto r = refusal("melding_id;datum;plaats\n");
  EXPECT_EQ(r.rule, "csv-unknown-column");
  EXPECT_EQ(r.line, 1);
  EXPECT_EQ(r.column, 18);  // where "plaats" starts
  EXPECT_NE(r.message.find("m.csv:1:18: kolom plaats: onbekende kolom \"plaats\""), std::string::npos) << r.message;
}

TEST(Meldingen, CommaSeparatedFileGetsAHint) {
  const auto r = refusal("melding_id,datum,bag_id\n");
  EXPECT_EQ(r.rule, "csv-unknown-column");
  EXPECT_NE(r.message.find("komma"), std::string::npos) << r.message;
}

TEST(Meldingen, RepeatedColumn) {
  const auto r = refusal("melding_id;datum;datum\n");
  EXPECT_EQ(r.rule, "csv-duplicate-column");
  EXPECT_EQ(r.column, 18);
}

TEST(Meldingen, BadPostcodeNamesLineAndColumn) {
  const auto r = refusal(kHeader + kRow + "BM-2;2026-03-02;;76O7 AB;12;;;Almelo;87654321;nl.x\n");
  EXPECT_EQ(r.rule, "csv-postcode");
  EXPECT_EQ(r.line, 3);
  EXPECT_EQ(r.column, 18);
  EXPECT_NE(r.message.find("m.csv:3:18: kolom postcode: \"76O7 AB\" is geen postcode"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("--skip-bad-rows"), std::string::npos);
}

TEST(Meldingen, DateThatIsNotADate) {
  for (const char* bad : {"2026-02-30", "gisteren", "2026/03/02", "32-01-2026"}) {
    const auto r = refusal(kHeader + "BM-2;" + bad + ";;7607 AB;12;;;Almelo;87654321;nl.x\n");
    EXPECT_EQ(r.rule, "csv-date") << bad;
    EXPECT_EQ(r.line, 2);
    EXPECT_EQ(r.column, 6);
  }
}

TEST(Meldingen, OtherEncodings) {
  const auto utf16 = refusal(std::string("\xFF\xFE", 2) + "m\0e\0", false);
  EXPECT_EQ(utf16.rule, "csv-encoding");
  EXPECT_NE(utf16.message.find("UTF-16"), std::string::npos);
  // Latin-1 "é" in "Súdwest-Fryslân" written as one byte: line 2, its column.
  const auto latin1 = refusal(kHeader + "BM-2;2026-03-02;;8601 AB;1;;;S\xFA" "dwest;87654321;nl.x\n");
  EXPECT_EQ(latin1.rule, "csv-encoding");
  EXPECT_EQ(latin1.line, 2);
  EXPECT_EQ(latin1.column, 31);
  EXPECT_NE(latin1.message.find("geen UTF-8"), std::string::npos) << latin1.message;
}

TEST(Meldingen, DuplicateMeldingIdPointsToTheFirst) {
  const auto r = refusal(kHeader + kRow + "x;2026-01-01;;1234 AB;1;;;A;87654321;nl.x\n" + kRow);
  EXPECT_EQ(r.rule, "csv-duplicate-melding-id");
  EXPECT_EQ(r.line, 4);
  EXPECT_EQ(r.column, 1);
  EXPECT_NE(r.message.find("staat al op regel 2"), std::string::npos) << r.message;
}

TEST(Meldingen, OtherRowProblems) {
  struct Case {
    std::string row, rule;
    int column;
  };
  for (const Case& c : std::vector<Case>{
           {"BM-2;2026-03-02;123;7607 AB;12;;;Almelo;87654321;nl.x", "csv-bag-id", 17},
           {"BM-2;2026-03-02;;7607 AB;12a;;;Almelo;87654321;nl.x", "csv-house-number", 26},
           {"BM-2;2026-03-02;;7607 AB;12;ab;;Almelo;87654321;nl.x", "csv-house-letter", 29},
           {"BM-2;2026-03-02;;7607 AB;12;;12345;Almelo;87654321;nl.x", "csv-house-number-addition", 30},
           {"BM-2;2026-03-02;;7607 AB;12;;;Almelo;8765432;nl.x", "csv-kvk", 38},
           {"BM-2;2026-03-02;;7607 AB;12;;;;87654321;nl.x", "csv-empty-field", 31},
           {"BM-2;2026-03-02;;7607 AB;12;;;Almelo;87654321;nl.x;extra", "csv-field-count", 52},
           {"BM-2;2026-03-02;;7607 AB;12;;;Almelo;87654321", "csv-field-count", 46},
       }) {
    const auto r = refusal(kHeader + c.row + "\n");
    EXPECT_EQ(r.rule, c.rule) << c.row << ": " << r.message;
    EXPECT_EQ(r.line, 2) << c.row;
    EXPECT_EQ(r.column, c.column) << c.row << ": " << r.message;
  }
}

TEST(Meldingen, SkipBadRowsReportsAndLeavesThemOut) {
  const std::string text = kHeader + kRow + "BM-2;2026-03-02;;76O7 AB;12;;;Almelo;87654321;nl.x\n" +
                           "BM-3;2026-13-02;;7607 AB;14;;;Almelo;87654321;nl.x\n" +
                           "BM-4;2026-03-02;;7607 AB;16;;;Almelo;87654321;nl.x\n";
  const auto r = refusal(text);
  EXPECT_NE(r.message.find("en 1 andere regel met een fout"), std::string::npos) << r.message;
  const auto f = parse_meldingen(text, "m.csv", true);
  ASSERT_EQ(f.meldingen.size(), 2u);
  EXPECT_EQ(f.meldingen[0].id, "BM-1");
  EXPECT_EQ(f.meldingen[1].id, "BM-4");
  ASSERT_EQ(f.skipped.size(), 2u);
  EXPECT_EQ(f.skipped[0].line, 3);
  EXPECT_EQ(f.skipped[0].column_name, "postcode");
  EXPECT_EQ(f.skipped[1].line, 4);
  EXPECT_EQ(f.skipped[1].rule, "csv-date");
  EXPECT_EQ(located("m.csv", f.skipped[1]).rfind("m.csv:4:6: kolom datum: ", 0), 0u);
}

TEST(Meldingen, SkipBadRowsDoesNotSkipAFileProblem) {
  EXPECT_EQ(refusal("melding_id;datum\n", true).rule, "csv-missing-column");
  EXPECT_EQ(refusal("", true).rule, "csv-empty");
  EXPECT_EQ(refusal(kHeader + "BM-1;\"open\n", true).rule, "csv-quote");
}

TEST(Meldingen, ColumnsCountCharactersNotBytes) {
  // "Súdwest-Fryslân" has two characters of two bytes before the KvK number.
  const auto r = refusal(kHeader + "BM-2;2026-03-02;;8601 AB;1;;;S\xC3\xBA" "dwest-Frysl\xC3\xA2n;123;nl.x\n");
  EXPECT_EQ(r.rule, "csv-kvk");
  EXPECT_EQ(r.column, 46);
}

}  // namespace
}  // namespace wkb::reg
