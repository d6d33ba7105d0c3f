// The reports as JSON: data for machines (English keys, contract values).
#include <boost/json.hpp>

#include "wkb/registrations/report.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::reg {
namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

json::object sources_json(const Sources& s) {
  json::array skipped;
  for (const auto& [file, p] : s.skipped)
    skipped.push_back({{"file", file},
                       {"line", p.line},
                       {"column", p.column},
                       {"column_name", p.column_name},
                       {"rule", p.rule},
                       {"message", p.message}});
  return {{"meldingen", strings(s.meldingen)}, {"registrations", strings(s.registrations)}, {"skipped_rows", skipped}};
}

json::object counts_json(const Counts& c) {
  return {{"bouwmeldingen", c.bouwmeldingen},
          {"gereedmeldingen", c.gereedmeldingen},
          {"verklaringen", c.verklaringen},
          {"meldingen_strijdigheid", c.meldingen_strijdigheid},
          {"open", c.open}};
}

json::object distribution_json(double mean, const std::map<int, int>& d) {
  json::object dist;
  for (const auto& [n, projects] : d) dist[std::to_string(n)] = projects;
  return {{"mean", mean}, {"distribution", std::move(dist)}};
}

}  // namespace

std::string chain_json(const ChainReport& r, const Sources& s) {
  json::object counts{{"meldingen", r.meldingen}, {"registrations", r.registrations}, {"matched", r.matched}};
  for (auto k : kAllGapKinds) counts[to_string(k)] = r.count(k);
  json::array findings;
  for (const auto& g : r.gaps)
    findings.push_back({{"kind", to_string(g.kind)},
                        {"meldingen", strings(g.meldingen)},
                        {"projects", strings(g.projects)},
                        {"address", g.address},
                        {"detail", g.detail}});
  return serialize_canonical(json::object{{"schema", "wkb.chain-report/1"},
                                          {"today", r.today.to_string()},
                                          {"overdue_weeks", r.overdue_weeks},
                                          {"closed", r.closed()},
                                          {"counts", std::move(counts)},
                                          {"findings", std::move(findings)},
                                          {"sources", sources_json(s)}});
}

std::string monitor_json(const MonitorReport& m, const Sources& s) {
  json::object period;
  if (m.from) period["from"] = m.from->to_string();
  if (m.to) period["to"] = m.to->to_string();
  json::object outcomes{{"declaration", 0}, {"non-compliance-notice", 0}, {"open", 0}};
  for (const auto& [k, n] : m.outcomes) outcomes[k] = n;
  json::object per_year, per_instrument, per_assurer, reasons, findings;
  for (const auto& [y, c] : m.per_year) per_year[std::to_string(y)] = counts_json(c);
  for (const auto& [i, c] : m.per_instrument) per_instrument[i] = counts_json(c);
  for (const auto& [k, c] : m.per_assurer) {
    json::object o = counts_json(c);
    auto it = m.assurer_names.find(k);
    o["name"] = it == m.assurer_names.end() ? "" : it->second;
    per_assurer[k] = std::move(o);
  }
  for (const auto& [t, n] : m.reasons_by_topic) reasons[t] = n;
  for (const auto& [t, results] : m.findings_by_topic) {
    json::object o;
    for (const auto& [res, n] : results) o[res] = n;
    findings[t] = std::move(o);
  }
  return serialize_canonical(json::object{
      {"schema", "wkb.monitor/1"},
      {"period", std::move(period)},
      {"projects", m.projects},
      {"outcomes", std::move(outcomes)},
      {"totals", counts_json(m.total)},
      {"per_year", std::move(per_year)},
      {"per_instrument", std::move(per_instrument)},
      {"per_assurer", std::move(per_assurer)},
      {"reasons_by_topic", std::move(reasons)},
      {"projects_without_verklaring", m.projects_without_verklaring},
      {"site_inspections",
       {{"projects", m.inspection_projects},
        {"planned", distribution_json(m.inspections_planned_mean, m.inspections_planned_distribution)},
        {"recorded", distribution_json(m.inspections_recorded_mean, m.inspections_recorded_distribution)}}},
      {"findings_by_topic", std::move(findings)},
      {"sources", sources_json(s)}});
}

}  // namespace wkb::reg
