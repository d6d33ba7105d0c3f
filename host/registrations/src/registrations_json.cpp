// wkb.registrations/1: writer and strict reader (docs/tlokb.md#wkbregistrations1).
#include <boost/json.hpp>
#include <set>

#include "wkb/registrations/registration.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/json_reader.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::reg {
namespace {

namespace json = boost::json;
using detail::ObjectReader;

constexpr std::string_view kStates[] = {"draft", "planned", "notified", "in-execution", "completed"};
constexpr std::string_view kDateKeys[] = {"bouwmelding", "start", "verklaring", "melding_strijdigheid",
                                         "gereedmelding", "last_phase_end"};

std::optional<Date>* date_slot(Registration& r, std::string_view key) {
  if (key == "bouwmelding") return &r.bouwmelding;
  if (key == "start") return &r.start;
  if (key == "verklaring") return &r.verklaring;
  if (key == "melding_strijdigheid") return &r.melding_strijdigheid;
  if (key == "gereedmelding") return &r.gereedmelding;
  return &r.last_phase_end;
}

json::object registration_json(const Registration& r) {
  json::object address{{"street", r.street},
                       {"house_number", r.house.number},
                       {"postcode", postcode_display(r.postcode)},
                       {"city", r.city}};
  if (!r.house.letter.empty()) address["house_letter"] = r.house.letter;
  if (!r.house.addition.empty()) address["addition"] = r.house.addition;
  if (r.bag_id) address["bag_id"] = *r.bag_id;
  json::object dates;
  Registration copy = r;
  for (auto key : kDateKeys)
    if (auto* d = date_slot(copy, key); d->has_value()) dates[key] = (*d)->to_string();
  json::object topics;
  for (const auto& [topic, results] : r.findings_by_topic) {
    json::object counts;
    for (const auto& [result, n] : results) counts[result] = n;
    topics[topic] = std::move(counts);
  }
  json::array reasons;
  for (const auto& t : r.reasons) reasons.push_back(json::value(t));
  return {{"project", r.project_id},
          {"name", r.project_name},
          {"instrument", r.instrument},
          {"assurer", {{"kvk", r.assurer_kvk}, {"name", r.assurer_name}}},
          {"address", std::move(address)},
          {"dates", std::move(dates)},
          {"state", r.state},
          {"monitor",
           {{"reasons", std::move(reasons)},
            {"site_inspections", {{"planned", r.inspections_planned}, {"recorded", r.inspections_recorded}}},
            {"findings_by_topic", std::move(topics)}}}};
}

void check_topic(Issues& issues, const std::string& path, const std::string& topic) {
  if (!find_topic(topic))
    issues.add(path, "unknown-topic", "\"" + topic + "\" is geen onderwerp van de taxonomie (zie \"wkb taxonomy\")");
}

void read_address(const json::value& v, const std::string& path, Issues& issues, Registration& r) {
  ObjectReader a(v, path, issues, "een adres");
  a.allow_only({"street", "house_number", "house_letter", "addition", "postcode", "city", "bag_id"});
  r.street = a.string("street").value_or("");
  r.city = a.string("city").value_or("");
  r.house.number = static_cast<int>(a.integer("house_number", true, 1, 99999).value_or(0));
  if (auto l = a.string("house_letter", false)) {
    if (auto n = normalise_letter(*l); n && !n->empty())
      r.house.letter = *n;
    else
      issues.add(a.at("house_letter"), "house-letter", "\"" + *l + "\" is geen huisletter; een huisletter is één letter");
  }
  if (auto x = a.string("addition", false)) {
    if (auto n = normalise_addition(*x); n && !n->empty())
      r.house.addition = *n;
    else
      issues.add(a.at("addition"), "house-number-addition",
                 "\"" + *x + "\" is geen huisnummertoevoeging; die heeft 1 tot 4 letters of cijfers");
  }
  if (auto p = a.string("postcode")) {
    if (auto n = normalise_postcode(*p))
      r.postcode = *n;
    else
      issues.add(a.at("postcode"), "postcode-format",
                 "\"" + *p + "\" is geen postcode; schrijf vier cijfers en twee letters, bijvoorbeeld 7607 AB");
  }
  if (auto b = a.string("bag_id", false)) {
    if (is_bag_id(*b))
      r.bag_id = *b;
    else
      issues.add(a.at("bag_id"), "bag-id-format", "\"" + *b + "\" is geen BAG-id; een BAG-id heeft precies 16 cijfers");
  }
}

void read_monitor(const json::value& v, const std::string& path, Issues& issues, Registration& r) {
  ObjectReader m(v, path, issues, "de gegevens voor de monitor");
  m.allow_only({"reasons", "site_inspections", "findings_by_topic"});
  r.reasons = m.string_list("reasons");
  for (std::size_t i = 0; i < r.reasons.size(); ++i)
    check_topic(issues, detail::index_path(m.at("reasons"), i), r.reasons[i]);
  if (const auto* si = m.find("site_inspections")) {
    ObjectReader s(*si, m.at("site_inspections"), issues, "de bijwoonmomenten");
    s.allow_only({"planned", "recorded"});
    r.inspections_planned = static_cast<int>(s.integer("planned", true, 0, 100000).value_or(0));
    r.inspections_recorded = static_cast<int>(s.integer("recorded", true, 0, 100000).value_or(0));
  } else {
    detail::missing_member(issues, path, "site_inspections", "{planned, recorded}");
  }
  const json::value* topics = m.find("findings_by_topic");
  if (!topics) {
    detail::missing_member(issues, path, "findings_by_topic", "een object van onderwerp naar aantallen");
    return;
  }
  ObjectReader t(*topics, m.at("findings_by_topic"), issues, "een object van onderwerp naar aantallen");
  if (!t.valid()) return;
  for (const auto& kv : topics->get_object()) {
    const std::string topic(kv.key());
    check_topic(issues, t.at(topic), topic);
    ObjectReader counts(kv.value(), t.at(topic), issues, "een object van resultaat naar aantal");
    if (!counts.valid()) continue;
    for (const auto& c : kv.value().get_object()) {
      const std::string result(c.key());
      if (!parse_finding_result(result)) {
        issues.add(counts.at(result), "allowed-value",
                   "\"" + result + "\" is geen resultaat; gebruik conform, repaired, open, unrepairable of "
                                   "evidence-missing");
        continue;
      }
      if (auto n = counts.integer(result, true, 0, 1000000)) r.findings_by_topic[topic][result] = static_cast<int>(*n);
    }
  }
}

Registration read_one(const json::value& v, const std::string& path, Issues& issues) {
  Registration r;
  ObjectReader o(v, path, issues, "een geregistreerd project");
  if (!o.valid()) return r;
  o.allow_only({"project", "name", "instrument", "assurer", "address", "dates", "state", "monitor"});
  r.project_id = o.string("project").value_or("");
  r.project_name = o.string("name", true, true).value_or("");
  r.instrument = o.string("instrument").value_or("");
  if (const auto* a = o.find("assurer")) {
    ObjectReader as(*a, o.at("assurer"), issues, "de kwaliteitsborger");
    as.allow_only({"kvk", "name"});
    r.assurer_kvk = as.string("kvk").value_or("");
    r.assurer_name = as.string("name", true, true).value_or("");
    if (as.find("kvk") && as.find("kvk")->is_string()) detail::check_kvk(issues, as.at("kvk"), r.assurer_kvk);
  } else {
    detail::missing_member(issues, path, "assurer", "{kvk, name}");
  }
  if (const auto* a = o.find("address"))
    read_address(*a, o.at("address"), issues, r);
  else
    detail::missing_member(issues, path, "address", "het adres");
  if (const auto* d = o.find("dates")) {
    ObjectReader ds(*d, o.at("dates"), issues, "de datums");
    ds.allow_only({"bouwmelding", "start", "verklaring", "melding_strijdigheid", "gereedmelding", "last_phase_end"});
    for (auto key : kDateKeys) *date_slot(r, key) = ds.date(key, false);
    if (r.verklaring && r.melding_strijdigheid)
      issues.add(ds.at("melding_strijdigheid"), "closure-twice",
                 "een project sluit af met een verklaring of met een melding strijdigheid, niet met beide");
  } else {
    detail::missing_member(issues, path, "dates", "de datums");
  }
  if (auto s = o.string("state")) {
    bool known = false;
    for (auto k : kStates) known = known || *s == k;
    if (!known)
      issues.add(o.at("state"), "allowed-value",
                 "\"" + *s + "\" is geen status; gebruik draft, planned, notified, in-execution of completed");
    r.state = *s;
  }
  if (const auto* m = o.find("monitor"))
    read_monitor(*m, o.at("monitor"), issues, r);
  else
    detail::missing_member(issues, path, "monitor", "de gegevens voor de monitor");
  return r;
}

}  // namespace

std::string write_registrations(const RegistrationsFile& file) {
  json::array list;
  for (const auto& r : file.registrations) list.push_back(registration_json(r));
  return serialize_canonical(json::object{
      {"schema", kRegistrationsSchema}, {"generated_at", file.generated_at}, {"registrations", std::move(list)}});
}

RegistrationsFile read_registrations(std::string_view text, const std::string& subject) {
  json::monotonic_resource arena;
  const json::value v = parse_json(text, subject, json::storage_ptr(&arena));
  Issues issues;
  RegistrationsFile out;
  ObjectReader o(v, "$", issues, "een bericht wkb.registrations/1");
  if (o.valid()) {
    o.schema(kRegistrationsSchema);
    // Another schema: say so alone, not every member it does not share.
    if (!issues.empty()) issues.throw_if_any(subject);
    o.allow_only({"schema", "generated_at", "registrations"});
    out.generated_at = o.string("generated_at").value_or("");
    std::set<std::string> seen;
    if (const auto* list = o.array("registrations")) {
      out.registrations.reserve(list->size());
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = detail::index_path("$.registrations", i);
        Registration r = read_one((*list)[i], path, issues);
        if (!r.project_id.empty() && !seen.insert(r.project_id).second)
          issues.add(path + ".project", "duplicate-project",
                     "project \"" + r.project_id + "\" staat twee keer in dit bestand; elk project één keer");
        out.registrations.push_back(std::move(r));
      }
    }
  }
  issues.throw_if_any(subject);
  return out;
}

}  // namespace wkb::reg
