// The reports as CSV, for a spreadsheet: semicolons, UTF-8 with a BOM (so
// that Excel reads the accents), a Dutch header.
#include <sstream>

#include "wkb/registrations/report.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::reg {
namespace {

std::string cell(const std::string& s) {
  if (s.find_first_of(";\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

void counts_rows(std::ostream& out, const std::string& table, const std::string& key, const Counts& c) {
  const std::pair<const char*, int> measures[] = {{"bouwmeldingen", c.bouwmeldingen},
                                                  {"gereedmeldingen", c.gereedmeldingen},
                                                  {"verklaringen", c.verklaringen},
                                                  {"meldingen strijdigheid", c.meldingen_strijdigheid},
                                                  {"open", c.open}};
  for (const auto& [name, n] : measures) out << cell(table) << ";" << cell(key) << ";" << name << ";" << n << "\r\n";
}

}  // namespace

std::string chain_csv(const ChainReport& r) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF" << "soort;omschrijving;meldingen;projecten;adres;toelichting\r\n";
  for (const auto& g : r.gaps)
    out << to_string(g.kind) << ";" << cell(label_nl(g.kind)) << ";" << cell(join(g.meldingen)) << ";"
        << cell(join(g.projects)) << ";" << cell(g.address) << ";" << cell(g.detail) << "\r\n";
  return out.str();
}

std::string monitor_csv(const MonitorReport& m) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF" << "tabel;sleutel;maat;aantal\r\n";
  counts_rows(out, "totaal", "", m.total);
  for (const auto& [y, c] : m.per_year) counts_rows(out, "per jaar", std::to_string(y), c);
  for (const auto& [i, c] : m.per_instrument) counts_rows(out, "per instrument", i, c);
  for (const auto& [k, c] : m.per_assurer) counts_rows(out, "per kwaliteitsborger", k, c);
  for (const auto& [o, n] : m.outcomes) out << "uitkomst;" << cell(outcome_label_nl(o)) << ";projecten;" << n << "\r\n";
  for (const auto& [t, n] : m.reasons_by_topic)
    out << "reden geen verklaring;" << cell(topic_label_nl(t)) << ";projecten;" << n << "\r\n";
  for (const auto& [k, n] : m.inspections_planned_distribution)
    out << "bijwoonmomenten gepland;" << k << ";projecten;" << n << "\r\n";
  for (const auto& [k, n] : m.inspections_recorded_distribution)
    out << "bijwoonmomenten vastgelegd;" << k << ";projecten;" << n << "\r\n";
  for (const auto& [t, results] : m.findings_by_topic)
    for (const auto& [res, n] : results)
      out << "bevindingen;" << cell(topic_label_nl(t)) << ";" << cell(result_label_nl(res)) << ";" << n << "\r\n";
  return out.str();
}

}  // namespace wkb::reg
