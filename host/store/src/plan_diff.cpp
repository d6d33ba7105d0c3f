#include "wkb/store/plan_diff.hpp"

#include <map>

#include "wkb/sdk/labels_nl.hpp"

namespace wkb::store {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "-" : out;
}

// Compares two lists keyed by id; `describe` gives the text of one item,
// `compare` lists the differences of an item present in both.
template <typename T, typename Key, typename Describe, typename Compare>
void diff_lists(const std::vector<T>& a, const std::vector<T>& b, const std::string& subject, Key key,
                Describe describe, Compare compare, std::vector<PlanChange>& out) {
  std::map<std::string, const T*> old_items, new_items;
  for (const auto& x : a) old_items[key(x)] = &x;
  for (const auto& x : b) new_items[key(x)] = &x;
  for (const auto& [k, x] : old_items)
    if (!new_items.count(k)) out.push_back({"removed", subject, k, describe(*x)});
  for (const auto& [k, x] : new_items) {
    auto it = old_items.find(k);
    if (it == old_items.end()) {
      out.push_back({"added", subject, k, describe(*x)});
      continue;
    }
    const std::string d = compare(*it->second, *x);
    if (!d.empty()) out.push_back({"changed", subject, k, d});
  }
}

void field(std::string& out, const std::string& name, const std::string& a, const std::string& b) {
  if (a != b) out += (out.empty() ? "" : "; ") + name + " " + a + " -> " + b;
}

}  // namespace

std::vector<PlanChange> diff_plans(const PlanVersion& from, const PlanVersion& to) {
  std::vector<PlanChange> out;
  diff_lists(
      from.project.schedule, to.project.schedule, "schedule",
      [](const SchedulePhase& p) { return std::string(to_string(p.phase)); },
      [](const SchedulePhase& p) {
        return labelled_nl(p.phase) + ", " + date_nl(p.start.to_string()) + " t/m " + date_nl(p.end.to_string());
      },
      [](const SchedulePhase& a, const SchedulePhase& b) {
        std::string d;
        field(d, "start", date_nl(a.start.to_string()), date_nl(b.start.to_string()));
        field(d, "einde", date_nl(a.end.to_string()), date_nl(b.end.to_string()));
        return d.empty() ? d : labelled_nl(b.phase) + ": " + d;
      },
      out);
  if (from.project.unit_ids != to.project.unit_ids)
    out.push_back({"changed", "units", "", "eenheden " + std::to_string(from.project.unit_ids.size()) + " -> " +
                                               std::to_string(to.project.unit_ids.size())});
  diff_lists(
      from.assessment.risks, to.assessment.risks, "risk", [](const Risk& r) { return r.id; },
      [](const Risk& r) { return topic_label_nl(r.topic) + ", score " + std::to_string(r.score); },
      [](const Risk& a, const Risk& b) {
        std::string d;
        field(d, "score", std::to_string(a.score), std::to_string(b.score));
        field(d, "kans", std::to_string(a.likelihood), std::to_string(b.likelihood));
        field(d, "effect", std::to_string(a.impact), std::to_string(b.impact));
        field(d, "herstelbaarheid", std::to_string(a.recoverability), std::to_string(b.recoverability));
        return d;
      },
      out);
  if (from.sample.reference_units != to.sample.reference_units)
    out.push_back({"changed", "sample", "", "referentie-eenheden " + join(from.sample.reference_units) + " -> " +
                                                join(to.sample.reference_units)});
  diff_lists(
      from.plan.controls, to.plan.controls, "control", [](const Control& c) { return c.id; },
      [](const Control& c) {
        return topic_label_nl(c.topic) + ", " + label_nl(c.method) + ", fase " + label_nl(c.phase) + ", door " +
               label_nl(c.performed_by);
      },
      [](const Control& a, const Control& b) {
        std::string d;
        field(d, "methode", label_nl(a.method), label_nl(b.method));
        field(d, "fase", label_nl(a.phase), label_nl(b.phase));
        field(d, "eenheden", join(a.units), join(b.units));
        field(d, "uitvoerder", label_nl(a.performed_by), label_nl(b.performed_by));
        return d;
      },
      out);
  diff_lists(
      from.plan.inspections, to.plan.inspections, "inspection", [](const Inspection& i) { return i.id; },
      [](const Inspection& i) { return date_nl(i.date.to_string()) + ", fase " + label_nl(i.phase); },
      [](const Inspection& a, const Inspection& b) {
        std::string d;
        field(d, "datum", date_nl(a.date.to_string()), date_nl(b.date.to_string()));
        field(d, "fase", label_nl(a.phase), label_nl(b.phase));
        field(d, "eenheden", join(a.units), join(b.units));
        field(d, "beheersmaatregelen", join(a.controls), join(b.controls));
        return d;
      },
      out);
  return out;
}

}  // namespace wkb::store
