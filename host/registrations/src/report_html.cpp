// The reports as Dutch HTML: one self-contained page, no JavaScript, no
// network; charts are inline SVG with their numbers written beside the bars,
// so the page reads the same printed in black and white.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "wkb/host/html.hpp"
#include "wkb/registrations/report.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::reg {

using host::html_escape;

std::string outcome_label_nl(const std::string& key) {
  if (key == "open") return "nog niet afgesloten";
  if (auto o = parse_outcome(key)) return label_nl(*o);
  return key;
}

std::string result_label_nl(const std::string& result) {
  if (auto r = parse_finding_result(result)) return label_nl(*r);
  return result;
}

namespace html {

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:\">\n<title>" +
         html_escape(title) +
         "</title>\n<style>\n"
         "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em auto;max-width:60em;color:#111;line-height:1.4}\n"
         "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}\n"
         "table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #999;padding:.25em .5em;"
         "text-align:left;vertical-align:top}\n"
         "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
         ".status{font-weight:bold;padding:.4em .6em;border:2px solid #111;display:inline-block}\n"
         ".meta{color:#333}svg{max-width:100%;height:auto}\n"
         "@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}"
         "table,svg,section{break-inside:avoid}a{color:#111;text-decoration:none}}\n"
         "</style>\n</head>\n<body>\n" +
         body + "</body>\n</html>\n";
}

std::string bar_chart(const std::string& title, const std::vector<Bar>& bars) {
  const int label_w = 300, bar_w = 320, row_h = 22, top = 8;
  const int height = top * 2 + row_h * static_cast<int>(std::max<std::size_t>(bars.size(), 1));
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << label_w + bar_w + 90 << "\" height=\""
    << height << "\" viewBox=\"0 0 " << label_w + bar_w + 90 << " " << height << "\" aria-label=\"" << html_escape(title)
    << "\">\n<title>" << html_escape(title) << "</title>\n";
  int y = top;
  for (const auto& b : bars) {
    const int w = max > 0 ? static_cast<int>(std::lround(b.value / max * bar_w)) : 0;
    s << "<g><text x=\"" << label_w - 6 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\" font-size=\"12\">"
      << html_escape(b.label) << "</text><rect x=\"" << label_w << "\" y=\"" << y + 3 << "\" width=\"" << std::max(w, 1)
      << "\" height=\"" << row_h - 6 << "\" fill=\"#1f4e79\"/><text x=\"" << label_w + std::max(w, 1) + 6 << "\" y=\""
      << y + 15 << "\" font-size=\"12\">" << html_escape(b.value_text) << "</text></g>\n";
    y += row_h;
  }
  if (bars.empty())
    s << "<text x=\"" << label_w << "\" y=\"" << top + 15 << "\" font-size=\"12\">geen gegevens</text>\n";
  s << "</svg>\n";
  return s.str();
}

}  // namespace html

namespace {


std::string sources_html(const Sources& s) {
  std::ostringstream o;
  o << "<p class=\"meta\">";
  if (!s.meldingen.empty()) {
    o << "Bouwmeldingen: ";
    for (std::size_t i = 0; i < s.meldingen.size(); ++i) o << (i ? ", " : "") << html_escape(s.meldingen[i]);
    o << ".<br>";
  }
  o << "Registraties: ";
  for (std::size_t i = 0; i < s.registrations.size(); ++i) o << (i ? ", " : "") << html_escape(s.registrations[i]);
  o << ".</p>\n";
  if (!s.skipped.empty()) {
    o << "<h2>Overgeslagen regels</h2>\n<p>" << html_escape(plural_nl(static_cast<long long>(s.skipped.size()), "regel", "regels"))
      << " van het meldingenbestand zijn niet meegenomen (--skip-bad-rows):</p>\n<table><tr><th>Bestand</th>"
         "<th class=\"n\">Regel</th><th class=\"n\">Kolom</th><th>Fout</th></tr>\n";
    for (const auto& [file, p] : s.skipped)
      o << "<tr><td>" << html_escape(file) << "</td><td class=\"n\">" << p.line << "</td><td class=\"n\">" << p.column
        << "</td><td>" << html_escape((p.column_name.empty() ? "" : p.column_name + ": ") + p.message) << "</td></tr>\n";
    o << "</table>\n";
  }
  return o.str();
}

std::string list_html(const std::vector<std::string>& ids) {
  if (ids.empty()) return "–";
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : "<br>") + html_escape(id);
  return s;
}

std::string n(long long v) { return number_nl(static_cast<double>(v)); }

std::string counts_table(const std::string& first, const std::vector<std::pair<std::string, Counts>>& rows) {
  std::ostringstream o;
  o << "<table><tr><th>" << html_escape(first)
    << "</th><th class=\"n\">Bouwmeldingen</th><th class=\"n\">Gereedmeldingen</th><th class=\"n\">Verklaringen</th>"
       "<th class=\"n\">Meldingen strijdigheid</th><th class=\"n\">Nog open</th></tr>\n";
  for (const auto& [key, c] : rows)
    o << "<tr><td>" << html_escape(key) << "</td><td class=\"n\">" << n(c.bouwmeldingen) << "</td><td class=\"n\">"
      << n(c.gereedmeldingen) << "</td><td class=\"n\">" << n(c.verklaringen) << "</td><td class=\"n\">"
      << n(c.meldingen_strijdigheid) << "</td><td class=\"n\">" << n(c.open) << "</td></tr>\n";
  o << "</table>\n";
  return o.str();
}

std::string period_nl(const std::optional<Date>& from, const std::optional<Date>& to) {
  if (!from && !to) return "alle geregistreerde projecten";
  if (from && to) return "van " + date_nl(from->to_string()) + " tot en met " + date_nl(to->to_string());
  if (from) return "vanaf " + date_nl(from->to_string());
  return "tot en met " + date_nl(to->to_string());
}

}  // namespace

std::string chain_html(const ChainReport& r, const Sources& s) {
  std::ostringstream b;
  b << "<h1>Ketenrapport bouwmeldingen</h1>\n<p class=\"meta\">Stand op " << html_escape(date_nl(r.today.to_string()))
    << "; een project geldt als niet afgesloten als de laatste geplande fase meer dan "
    << html_escape(plural_nl(r.overdue_weeks, "week", "weken")) << " geleden eindigde.</p>\n"
    << sources_html(s);
  b << "<p class=\"status\">"
    << (r.closed() ? "De keten is gesloten: elke bouwmelding hoort bij precies één geregistreerd project, en andersom."
                   : "De keten is niet gesloten: " +
                         html_escape(plural_nl(static_cast<long long>(r.gaps.size()), "bevinding", "bevindingen")) + ".")
    << "</p>\n<h2>Overzicht</h2>\n<table><tr><th>Onderdeel</th><th class=\"n\">Aantal</th></tr>\n"
    << "<tr><td>Ontvangen bouwmeldingen</td><td class=\"n\">" << n(static_cast<long long>(r.meldingen)) << "</td></tr>\n"
    << "<tr><td>Geregistreerde projecten</td><td class=\"n\">" << n(static_cast<long long>(r.registrations))
    << "</td></tr>\n<tr><td>Bouwmeldingen gekoppeld aan één project</td><td class=\"n\">"
    << n(static_cast<long long>(r.matched)) << "</td></tr>\n";
  std::vector<html::Bar> bars;
  for (auto k : kAllGapKinds) {
    const auto c = static_cast<long long>(r.count(k));
    b << "<tr><td>" << html_escape(label_nl(k)) << "</td><td class=\"n\">" << n(c) << "</td></tr>\n";
    bars.push_back({label_nl(k), static_cast<double>(c), n(c)});
  }
  b << "</table>\n" << html::bar_chart("Bevindingen per soort", bars);
  for (auto k : kAllGapKinds) {
    if (r.count(k) == 0) continue;
    b << "<section>\n<h2>" << html_escape(label_nl(k)) << " (" << n(static_cast<long long>(r.count(k))) << ")</h2>\n"
      << "<table><tr><th>Bouwmelding</th><th>Project</th><th>Adres</th><th>Toelichting</th></tr>\n";
    for (const auto& g : r.gaps)
      if (g.kind == k)
        b << "<tr><td>" << list_html(g.meldingen) << "</td><td>" << list_html(g.projects) << "</td><td>"
          << html_escape(g.address) << "</td><td>" << html_escape(g.detail) << "</td></tr>\n";
    b << "</table>\n</section>\n";
  }
  return html::page("Ketenrapport bouwmeldingen", b.str());
}

std::string monitor_html(const MonitorReport& m, const Sources& s) {
  std::ostringstream b;
  b << "<h1>Monitor bouwkwaliteit</h1>\n<p class=\"meta\">Periode: " << html_escape(period_nl(m.from, m.to)) << "; "
    << html_escape(plural_nl(m.projects, "project", "projecten")) << ".</p>\n"
    << sources_html(s);
  b << "<section>\n<h2>Uitkomsten</h2>\n";
  std::vector<html::Bar> outcome_bars;
  for (const char* key : {"declaration", "non-compliance-notice", "open"}) {
    auto it = m.outcomes.find(key);
    const int c = it == m.outcomes.end() ? 0 : it->second;
    outcome_bars.push_back({outcome_label_nl(key), static_cast<double>(c), n(c)});
  }
  b << html::bar_chart("Projecten naar uitkomst", outcome_bars) << "</section>\n";
  std::vector<std::pair<std::string, Counts>> rows{{"Totaal", m.total}};
  b << "<h2>Aantallen</h2>\n" << counts_table("", rows);
  rows.clear();
  for (const auto& [y, c] : m.per_year) rows.push_back({std::to_string(y), c});
  b << "<h2>Per jaar</h2>\n" << counts_table("Jaar", rows);
  rows.clear();
  for (const auto& [i, c] : m.per_instrument) rows.push_back({i, c});
  b << "<h2>Per instrument</h2>\n" << counts_table("Instrument", rows);
  rows.clear();
  for (const auto& [k, c] : m.per_assurer) {
    auto it = m.assurer_names.find(k);
    rows.push_back({(it == m.assurer_names.end() ? std::string() : it->second + ", ") + "KvK " + k, c});
  }
  b << "<h2>Per kwaliteitsborger</h2>\n" << counts_table("Kwaliteitsborger", rows);

  b << "<section>\n<h2>Redenen waarom geen verklaring is afgegeven</h2>\n<p>"
    << html_escape(plural_nl(m.projects_without_verklaring, "project", "projecten"))
    << (m.projects_without_verklaring == 1 ? " sloot" : " sloten") << " af met een melding strijdigheid. Per onderwerp van de taxonomie het aantal projecten met een grond op "
       "dat onderwerp (een project kan meer onderwerpen hebben).</p>\n";
  std::vector<std::pair<std::string, int>> reasons(m.reasons_by_topic.begin(), m.reasons_by_topic.end());
  std::stable_sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& c) { return a.second > c.second; });
  std::vector<html::Bar> reason_bars;
  for (const auto& [t, c] : reasons) reason_bars.push_back({topic_label_nl(t), static_cast<double>(c), n(c)});
  b << html::bar_chart("Redenen per onderwerp", reason_bars) << "</section>\n";

  b << "<section>\n<h2>Bijwoonmomenten per project</h2>\n<p>Over "
    << html_escape(plural_nl(m.inspection_projects, "project", "projecten")) << " met een bouwmelding in de periode: gepland "
    << html_escape(number_nl(std::round(m.inspections_planned_mean * 10) / 10)) << " per project, vastgelegd (dagen met "
    << "bevindingen op een bijwoonmoment) " << html_escape(number_nl(std::round(m.inspections_recorded_mean * 10) / 10))
    << " per project.</p>\n";
  for (const auto& [title, dist] : {std::pair{"Projecten naar aantal geplande bijwoonmomenten", &m.inspections_planned_distribution},
                                    std::pair{"Projecten naar aantal vastgelegde bijwoonmomenten", &m.inspections_recorded_distribution}}) {
    std::vector<html::Bar> bars;
    for (const auto& [k, c] : *dist) bars.push_back({plural_nl(k, "bijwoonmoment", "bijwoonmomenten"), static_cast<double>(c), n(c)});
    b << "<h3>" << html_escape(title) << "</h3>\n" << html::bar_chart(title, bars);
  }
  b << "</section>\n<section>\n<h2>Bevindingen per onderwerp</h2>\n<p>Het laatste resultaat van elk onderdeel "
       "(beheersmaatregel en eenheid); het aandeel open, hersteld en onherstelbaar van alle bevindingen op het "
       "onderwerp.</p>\n<table><tr><th>Onderwerp</th><th class=\"n\">Bevindingen</th><th class=\"n\">Open</th>"
       "<th class=\"n\">Hersteld</th><th class=\"n\">Onherstelbaar</th></tr>\n";
  for (const auto& [t, results] : m.findings_by_topic) {
    int total = 0;
    for (const auto& [res, c] : results) total += c;
    auto share = [&](const char* key) {
      auto it = results.find(key);
      const int c = it == results.end() ? 0 : it->second;
      return n(c) + " (" + percent_nl(total > 0 ? std::round(1000.0 * c / total) / 1000.0 : 0.0) + ")";
    };
    b << "<tr><td>" << html_escape(topic_label_nl(t)) << "</td><td class=\"n\">" << n(total) << "</td><td class=\"n\">"
      << html_escape(share("open")) << "</td><td class=\"n\">" << html_escape(share("repaired")) << "</td><td class=\"n\">"
      << html_escape(share("unrepairable")) << "</td></tr>\n";
  }
  b << "</table>\n</section>\n";
  return html::page("Monitor bouwkwaliteit", b.str());
}

}  // namespace wkb::reg
