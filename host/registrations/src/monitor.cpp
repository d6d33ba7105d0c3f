#include "wkb/registrations/monitor.hpp"

#include <set>

namespace wkb::reg {

MonitorReport monitor(const std::vector<Registration>& registrations, const MonitorOptions& options) {
  MonitorReport m;
  m.from = options.from;
  m.to = options.to;
  auto in_period = [&](const std::optional<Date>& d) {
    return d && (!options.from || *d >= *options.from) && (!options.to || *d <= *options.to);
  };
  long long planned_sum = 0, recorded_sum = 0;
  for (const auto& r : registrations) {
    const bool any = in_period(r.bouwmelding) || in_period(r.gereedmelding) || in_period(r.verklaring) ||
                     in_period(r.melding_strijdigheid) || (!options.from && !options.to);
    if (!any) continue;
    ++m.projects;
    Counts* slots[] = {&m.total, &m.per_instrument[r.instrument], &m.per_assurer[r.assurer_kvk]};
    if (!r.assurer_name.empty()) m.assurer_names[r.assurer_kvk] = r.assurer_name;
    auto count = [&](const std::optional<Date>& d, int Counts::*field) {
      if (!in_period(d)) return;
      for (Counts* c : slots) ++(c->*field);
      ++(m.per_year[d->year()].*field);
    };
    count(r.bouwmelding, &Counts::bouwmeldingen);
    count(r.gereedmelding, &Counts::gereedmeldingen);
    count(r.verklaring, &Counts::verklaringen);
    count(r.melding_strijdigheid, &Counts::meldingen_strijdigheid);
    // Open: reported in the period and not closed by its end.
    const bool closed_by_end = (r.verklaring && (!options.to || *r.verklaring <= *options.to)) ||
                               (r.melding_strijdigheid && (!options.to || *r.melding_strijdigheid <= *options.to));
    if (in_period(r.bouwmelding) && !closed_by_end) {
      for (Counts* c : slots) ++c->open;
      ++m.per_year[r.bouwmelding->year()].open;
    }
    // The outcome of each project in the period.
    if (in_period(r.verklaring))
      ++m.outcomes["declaration"];
    else if (in_period(r.melding_strijdigheid))
      ++m.outcomes["non-compliance-notice"];
    else if (!closed_by_end)
      ++m.outcomes["open"];
    if (in_period(r.melding_strijdigheid)) {
      ++m.projects_without_verklaring;
      std::set<std::string> topics(r.reasons.begin(), r.reasons.end());
      for (const auto& t : topics) ++m.reasons_by_topic[t];
    }
    if (in_period(r.bouwmelding)) {
      ++m.inspection_projects;
      planned_sum += r.inspections_planned;
      recorded_sum += r.inspections_recorded;
      ++m.inspections_planned_distribution[r.inspections_planned];
      ++m.inspections_recorded_distribution[r.inspections_recorded];
    }
    for (const auto& [topic, results] : r.findings_by_topic)
      for (const auto& [result, n] : results) m.findings_by_topic[topic][result] += n;
  }
  if (m.inspection_projects > 0) {
    m.inspections_planned_mean = static_cast<double>(planned_sum) / m.inspection_projects;
    m.inspections_recorded_mean = static_cast<double>(recorded_sum) / m.inspection_projects;
  }
  return m;
}

}  // namespace wkb::reg
