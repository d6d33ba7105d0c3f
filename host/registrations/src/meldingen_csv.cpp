// The meldingen CSV reader. Strict: a file that cannot be read as the TloKB
// receives it is refused with its place, so that no melding silently falls
// out of the reconciliation.
#include <cctype>
#include <map>
#include <set>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/registrations/meldingen.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::reg {
namespace {

struct Field {
  std::string text;
  int column = 1;  // characters, 1-based
};
struct Record {
  int line = 1;
  int end_column = 1;  // the column after the last character of the record
  std::vector<Field> fields;
};

std::string quote(std::string_view s) {
  std::string q(s.substr(0, 80));
  if (s.size() > 80) q += "…";
  return "\"" + q + "\"";
}

[[noreturn]] void refuse(const std::string& file, const RowProblem& p) {
  throw host::InputErrorAt(located(file, p), p.rule, file, p.line, p.column);
}

// Checks the encoding: UTF-8 without control characters other than tab, CR
// and LF. Returns the bytes after a UTF-8 byte order mark.
std::string_view check_encoding(std::string_view b, const std::string& file) {
  if (b.size() >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF')))
    refuse(file, {1, 1, "", "csv-encoding",
                  "dit bestand is UTF-16; sla het op als UTF-8 (in Excel: \"CSV UTF-8 (door komma's gescheiden)\", met "
                  "puntkomma's)"});
  if (b.size() >= 3 && b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
  int line = 1, column = 1;
  for (std::size_t i = 0; i < b.size();) {
    const auto c = static_cast<unsigned char>(b[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= b.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(b[i + k]) >> 6) == 2;
    if (ok && len == 2) ok = c >= 0xC2;
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(b[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(b[i + 1]);
      ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok)
      refuse(file, {line, column, "", "csv-encoding",
                    "dit is geen UTF-8 (byte 0x" + std::string(1, "0123456789ABCDEF"[c >> 4]) +
                        std::string(1, "0123456789ABCDEF"[c & 15]) +
                        "; misschien Windows-1252 of Latin-1); sla het bestand op als UTF-8"});
    if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      refuse(file, {line, column, "", "csv-control-character",
                    "een stuurteken (code " + std::to_string(c) + ") hoort niet in een meldingenbestand"});
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return b;
}

// Splits into records: ';' between fields, '"' quotes a field ("" inside is
// one quote), CRLF or LF ends a record. A record's fields keep their column.
std::vector<Record> split_records(std::string_view b, const std::string& file) {
  std::vector<Record> out;
  int line = 1, column = 1;
  std::size_t i = 0;
  while (i < b.size()) {
    Record r;
    r.line = line;
    bool end_of_record = false;
    while (!end_of_record) {
      Field f;
      f.column = column;
      bool quoted = i < b.size() && b[i] == '"';
      if (quoted) {
        ++i, ++column;
        const int open_line = line, open_column = f.column;
        while (true) {
          if (i >= b.size())
            refuse(file, {open_line, open_column, "", "csv-quote",
                          "het aanhalingsteken aan het begin van dit veld wordt nergens gesloten"});
          if (b[i] == '"') {
            if (i + 1 < b.size() && b[i + 1] == '"') {
              f.text += '"';
              i += 2, column += 2;
              continue;
            }
            ++i, ++column;
            break;
          }
          if (b[i] == '\n') ++line, column = 0;
          f.text += b[i];
          if ((static_cast<unsigned char>(b[i]) & 0xC0) != 0x80) ++column;
          ++i;
        }
        if (i < b.size() && b[i] != ';' && b[i] != '\n' && b[i] != '\r')
          refuse(file, {line, column, "", "csv-quote", "na het sluitende aanhalingsteken hoort een ';' of het einde van de regel"});
      } else {
        while (i < b.size() && b[i] != ';' && b[i] != '\n' && !(b[i] == '\r' && i + 1 < b.size() && b[i + 1] == '\n')) {
          if (b[i] == '"')
            refuse(file, {line, column, "", "csv-quote", "een aanhalingsteken midden in een veld; zet het hele veld tussen aanhalingstekens en verdubbel het"});
          f.text += b[i];
          if ((static_cast<unsigned char>(b[i]) & 0xC0) != 0x80) ++column;
          ++i;
        }
      }
      r.fields.push_back(std::move(f));
      if (i < b.size() && b[i] == ';') {
        ++i, ++column;
        continue;
      }
      r.end_column = column;
      if (i < b.size() && b[i] == '\r') ++i;
      if (i < b.size() && b[i] == '\n') ++i;
      ++line;
      column = 1;
      end_of_record = true;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string trim(const std::string& s) {
  std::size_t a = 0, e = s.size();
  while (a < e && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(a, e - a);
}

bool blank(const Record& r) { return r.fields.size() == 1 && trim(r.fields[0].text).empty(); }

std::optional<Date> parse_date_nl(const std::string& s) {
  if (auto d = Date::parse(s)) return d;
  // 02-03-2026 and 2-3-2026, as Dutch spreadsheets write dates.
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == '-')
      parts.emplace_back();
    else if (c >= '0' && c <= '9')
      parts.back() += c;
    else
      return std::nullopt;
  }
  if (parts.size() != 3 || parts[0].empty() || parts[0].size() > 2 || parts[1].empty() || parts[1].size() > 2 ||
      parts[2].size() != 4)
    return std::nullopt;
  return Date::parse(parts[2] + "-" + (parts[1].size() == 1 ? "0" : "") + parts[1] + "-" +
                     (parts[0].size() == 1 ? "0" : "") + parts[0]);
}

}  // namespace

std::string located(const std::string& file, const RowProblem& p) {
  std::string s = file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": ";
  if (!p.column_name.empty()) s += "kolom " + p.column_name + ": ";
  return s + p.message;
}

MeldingenFile parse_meldingen(std::string_view bytes, const std::string& file, bool skip_bad_rows) {
  const std::string_view text = check_encoding(bytes, file);
  std::vector<Record> records = split_records(text, file);
  while (!records.empty() && blank(records.back())) records.pop_back();
  if (records.empty())
    refuse(file, {1, 1, "", "csv-empty",
                  "het bestand is leeg; verwacht een kopregel met de kolommen melding_id;datum;bag_id;postcode;"
                  "huisnummer;huisletter;huisnummertoevoeging;gemeente;kvk_kwaliteitsborger;instrument en een regel per "
                  "bouwmelding"});
  // The header: every column once, in any order.
  const Record& header = records.front();
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    std::string name = trim(header.fields[k].text);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool known = false;
    for (auto c : kMeldingColumns) known = known || name == c;
    if (!known) {
      std::string list;
      for (auto c : kMeldingColumns) list += (list.empty() ? "" : ";") + std::string(c);
      std::string hint = header.fields.size() == 1 && name.find(',') != std::string::npos
                             ? " (het bestand lijkt met komma's gescheiden; gebruik puntkomma's)"
                             : "";
      refuse(file, {header.line, header.fields[k].column, name, "csv-unknown-column",
                    "onbekende kolom " + quote(name) + hint + "; de kolommen zijn: " + list});
    }
    if (!index.emplace(name, k).second)
      refuse(file, {header.line, header.fields[k].column, name, "csv-duplicate-column",
                    "de kolom staat twee keer in de kopregel"});
  }
  for (auto c : kMeldingColumns)
    if (!index.count(std::string(c)))
      refuse(file, {header.line, header.end_column, std::string(c), "csv-missing-column",
                    "de kolom ontbreekt in de kopregel; voeg haar toe (bag_id, huisletter en huisnummertoevoeging "
                    "mogen per regel leeg zijn, de kolom moet er wel zijn)"});

  MeldingenFile out;
  out.name = file;
  std::vector<RowProblem> problems;
  std::map<std::string, int> first_line;  // melding_id -> line
  for (std::size_t r = 1; r < records.size(); ++r) {
    const Record& rec = records[r];
    if (blank(rec)) continue;
    if (rec.fields.size() != header.fields.size()) {
      const int col = rec.fields.size() > header.fields.size() ? rec.fields[header.fields.size()].column : rec.end_column;
      problems.push_back({rec.line, col, "", "csv-field-count",
                          "deze regel heeft " + plural_nl(static_cast<long long>(rec.fields.size()), "veld", "velden") +
                              ", de kopregel " + std::to_string(header.fields.size()) + " (een ';' te veel of te weinig?)"});
      continue;
    }
    Melding m;
    m.line = rec.line;
    std::optional<RowProblem> bad;
    auto field = [&](std::string_view name) -> std::pair<std::string, int> {
      const Field& f = rec.fields[index.at(std::string(name))];
      return {trim(f.text), f.column};
    };
    auto fail = [&](std::string_view name, std::string rule, std::string message) {
      if (!bad) bad = RowProblem{rec.line, field(name).second, std::string(name), std::move(rule), std::move(message)};
    };
    auto required = [&](std::string_view name) {
      auto [v, c] = field(name);
      if (v.empty()) fail(name, "csv-empty-field", "leeg; deze kolom is verplicht");
      return v;
    };
    m.id = required("melding_id");
    if (m.id.size() > 200) fail("melding_id", "csv-too-long", "langer dan 200 tekens");
    if (auto v = required("datum"); !v.empty()) {
      if (auto d = parse_date_nl(v))
        m.date = *d;
      else
        fail("datum", "csv-date", quote(v) + " is geen datum; schrijf JJJJ-MM-DD (2026-03-02) of DD-MM-JJJJ (02-03-2026)");
    }
    if (auto [v, c] = field("bag_id"); !v.empty()) {
      if (is_bag_id(v))
        m.bag_id = v;
      else
        fail("bag_id", "csv-bag-id", quote(v) + " is geen BAG-id; een BAG-id heeft precies 16 cijfers (of laat het leeg)");
    }
    if (auto v = required("postcode"); !v.empty()) {
      if (auto p = normalise_postcode(v))
        m.postcode = *p;
      else
        fail("postcode", "csv-postcode", quote(v) + " is geen postcode; schrijf vier cijfers en twee letters, bijvoorbeeld 7607 AB");
    }
    if (auto v = required("huisnummer"); !v.empty()) {
      bool digits = v.size() <= 5 && v[0] != '0';
      for (char ch : v) digits = digits && ch >= '0' && ch <= '9';
      if (digits)
        m.house.number = std::stoi(v);
      else
        fail("huisnummer", "csv-house-number",
             quote(v) + " is geen huisnummer; een huisnummer is een getal van 1 tot en met 99999 (letter en toevoeging "
                        "horen in hun eigen kolom)");
    }
    if (auto [v, c] = field("huisletter"); true) {
      if (auto l = normalise_letter(v))
        m.house.letter = *l;
      else
        fail("huisletter", "csv-house-letter", quote(v) + " is geen huisletter; een huisletter is één letter (of leeg)");
    }
    if (auto [v, c] = field("huisnummertoevoeging"); true) {
      if (auto a = normalise_addition(v))
        m.house.addition = *a;
      else
        fail("huisnummertoevoeging", "csv-house-number-addition",
             quote(v) + " is geen huisnummertoevoeging; die heeft hoogstens 4 letters of cijfers (of is leeg)");
    }
    m.gemeente = required("gemeente");
    if (auto v = required("kvk_kwaliteitsborger"); !v.empty()) {
      bool ok = v.size() == 8;
      for (char ch : v) ok = ok && ch >= '0' && ch <= '9';
      if (ok)
        m.assurer_kvk = v;
      else
        fail("kvk_kwaliteitsborger", "csv-kvk", quote(v) + " is geen KvK-nummer; een KvK-nummer heeft precies 8 cijfers");
    }
    m.instrument = required("instrument");
    if (!bad && !m.id.empty()) {
      auto [it, fresh] = first_line.emplace(m.id, rec.line);
      if (!fresh)
        fail("melding_id", "csv-duplicate-melding-id",
             "melding " + quote(m.id) + " staat al op regel " + std::to_string(it->second) +
                 "; elke melding_id komt één keer voor");
    }
    if (bad) {
      problems.push_back(*bad);
      continue;
    }
    out.meldingen.push_back(std::move(m));
  }
  if (!problems.empty() && !skip_bad_rows) {
    RowProblem p = problems.front();
    if (problems.size() > 1)
      p.message += " (en " + plural_nl(static_cast<long long>(problems.size() - 1), "andere regel", "andere regels") +
                   " met een fout)";
    p.message += "; verbeter het bestand, of sla foute regels over met --skip-bad-rows";
    refuse(file, p);
  }
  out.skipped = std::move(problems);
  return out;
}

MeldingenFile read_meldingen(const std::string& file, bool skip_bad_rows) {
  return parse_meldingen(host::read_text_file(file), file, skip_bad_rows);
}

}  // namespace wkb::reg
