#pragma once
// The TloKB's monitor of building quality (docs/tlokb.md#de-monitor): how
// many bouwmeldingen, gereedmeldingen, verklaringen and meldingen
// strijdigheid, per year, instrument and assurer; why no verklaring was given,
// by topic; site inspections per project; how findings ended, by topic.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wkb/registrations/registration.hpp"

namespace wkb::reg {

struct Counts {
  int bouwmeldingen = 0;
  int gereedmeldingen = 0;
  int verklaringen = 0;
  int meldingen_strijdigheid = 0;
  int open = 0;  // bouwmelding in the period, not closed (yet)
};

struct MonitorOptions {
  std::optional<Date> from, to;  // both inclusive
};

struct MonitorReport {
  std::optional<Date> from, to;
  int projects = 0;  // registrations with anything in the period
  // "declaration", "non-compliance-notice", "open": per project in the period.
  std::map<std::string, int> outcomes;
  Counts total;
  std::map<int, Counts> per_year;  // each event in the year it happened
  std::map<std::string, Counts> per_instrument;
  std::map<std::string, Counts> per_assurer;  // by KvK number
  std::map<std::string, std::string> assurer_names;
  // Projects without a verklaring (melding strijdigheid), per topic among
  // their grounds: a project counts once per topic.
  std::map<std::string, int> reasons_by_topic;
  int projects_without_verklaring = 0;
  // Site inspections per project (projects with a bouwmelding in the period).
  double inspections_planned_mean = 0, inspections_recorded_mean = 0;
  std::map<int, int> inspections_planned_distribution;   // number -> projects
  std::map<int, int> inspections_recorded_distribution;  // number -> projects
  int inspection_projects = 0;
  // topic -> result -> count (the latest result of each part).
  std::map<std::string, std::map<std::string, int>> findings_by_topic;
};

// Whether a registration belongs to the period: any of its dates in it (all,
// without a period).
MonitorReport monitor(const std::vector<Registration>& registrations, const MonitorOptions& options);

}  // namespace wkb::reg
