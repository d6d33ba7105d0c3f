#include "wkb/registrations/from_store.hpp"

#include <map>
#include <set>

#include "wkb/host/errors.hpp"

namespace wkb::reg {
namespace {

Date date_of(const std::string& iso_timestamp) {
  // The store keeps UTC timestamps; the date is their first ten characters.
  if (auto d = Date::parse(std::string_view(iso_timestamp).substr(0, 10))) return *d;
  throw host::InputError("opgeslagen tijdstip \"" + iso_timestamp + "\" is geen ISO 8601-tijdstip", "bad-timestamp");
}

}  // namespace

// ======================================================================
// THE MAPPING from a stored project to one registration: the one place that
// knows which stored fact is which date of wkb.registrations/1. The dates are
// the store's lifecycle (ProjectRecord::lifecycle, docs/store.md):
//   bouwmelding          = the bouwmelding in force (a renewal replaces it)
//   start                = the start date of the mededeling start bouw; until
//                          one is recorded, the first scheduled phase after design
//   verklaring           = the kwaliteitsborger's verklaring
//   melding strijdigheid = the melding at the close (afgesloten zonder verklaring)
//   gereedmelding        = the melder's gereedmelding (only after a verklaring)
// ======================================================================
Registration registration_of(const store::ProjectRecord& record) {
  const auto& s = record.summary;
  const store::PlanVersion& v = record.current_plan();
  const Project& p = v.project;
  Registration r;
  r.project_id = s.id;
  r.project_name = s.name;
  r.instrument = s.instrument_id;
  r.assurer_kvk = p.parties.assurer.kvk.value_or("");
  r.assurer_name = p.parties.assurer.name;
  r.street = p.address.street;
  r.city = p.address.city;
  r.bag_id = p.address.bag_id;
  const auto house = split_house_number(p.address.house_number);
  const auto postcode = normalise_postcode(p.address.postcode);
  if (!house || !postcode)
    throw host::InputError("project " + s.id + ": het adres (" + p.address.postcode + " " + p.address.house_number +
                               ") is geen Nederlands adres met postcode en huisnummer (met huisletter en toevoeging, "
                               "zoals \"12A-2\"); verbeter het met `wkb project replan " + s.id + " --project BESTAND`",
                           "registration-address");
  r.house = *house;
  r.postcode = *postcode;
  r.state = std::string(store::to_string(s.state));

  // The dates (see THE MAPPING above).
  const store::Lifecycle& life = record.lifecycle;
  if (life.construction_notice) r.bouwmelding = date_of(*life.construction_notice);
  for (const auto& ph : p.schedule) {
    if (ph.phase != Phase::design && (!r.start || ph.start < *r.start)) r.start = ph.start;
    if (!r.last_phase_end || ph.end > *r.last_phase_end) r.last_phase_end = ph.end;
  }
  if (life.construction_start_date) r.start = date_of(*life.construction_start_date);
  if (life.declaration) r.verklaring = date_of(*life.declaration);
  if (life.non_compliance_notice) r.melding_strijdigheid = date_of(*life.non_compliance_notice);
  if (life.completion_notice) r.gereedmelding = date_of(*life.completion_notice);

  // What the monitor counts. Reasons: the topics of the grounds of the
  // decision the project was closed on, when that was not a verklaring.
  if (record.closure && record.closure->kind != Outcome::declaration) {
    std::set<std::string> topics;
    for (const auto& d : record.decisions)
      if (d.seq == record.closure->decision_seq)
        for (const auto& g : d.decision.grounds) topics.insert(g.topic);
    r.reasons.assign(topics.begin(), topics.end());
  }
  const Plan& plan = v.plan;
  r.inspections_planned = static_cast<int>(plan.inspections.size());
  std::set<Date> visit_days;
  std::map<std::pair<std::string, std::string>, const Finding*> latest;  // (control, unit) -> finding
  for (const auto& f : record.findings) {
    latest[{f.finding.control, f.finding.unit.value_or("")}] = &f.finding;  // stored in order: the last wins
    if (const Control* c = plan.control(f.finding.control); c && c->method == ControlMethod::site_inspection)
      visit_days.insert(f.finding.date);
  }
  r.inspections_recorded = static_cast<int>(visit_days.size());
  for (const auto& [part, f] : latest) {
    // Findings must fit the current plan (the store refuses a replan that
    // drops their control), so every one has its control and topic here.
    if (const Control* c = plan.control(part.first)) ++r.findings_by_topic[c->topic][std::string(to_string(f->result))];
  }
  return r;
}

std::vector<Registration> registrations_of(store::ProjectStore& store) {
  std::vector<Registration> out;
  for (const auto& s : store.list()) out.push_back(registration_of(store.load(s.id)));
  return out;
}

}  // namespace wkb::reg
