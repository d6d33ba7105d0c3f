// The staff register (wkb.staff/1): reading it, and the two checks the host
// makes with it (docs/staff.md).
#include "wkb/host/staff.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "wkb/sdk/json.hpp"
#include "wkb/sdk/json_reader.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace wkb::host {
namespace json = boost::json;
using detail::index_path;
using detail::ObjectReader;

namespace {

// Years of experience beyond this are a typing error, not a career.
constexpr long long kMaxYears = 60;
// Bijscholing counts for two years (Bkl art. 3.83 lid 2 asks that knowledge
// is kept up to date; the interval is the seeds' reading, docs/staff.md).
constexpr int kCourseValidYears = 2;

std::string area_choices() {
  std::string out;
  for (auto a : competence_areas()) out += (out.empty() ? "" : ", ") + labelled_value_nl(competence_area_label_nl(a), a);
  return out;
}

void check_area(Issues& issues, const std::string& path, const std::string& area) {
  if (!is_competence_area(area))
    issues.add(path, "staff-role", "\"" + area + "\" is geen deelgebied; gebruik een van: " + area_choices());
}

// One person at `path`. `default_kvk`: the register's assurer, for a person
// whose kvk is not written (empty when the register names none: that is its
// own problem); nullptr: kvk required, as in a stored person.
StaffMember read_person(const json::value& v, const std::string& path, Issues& issues, const std::string* default_kvk) {
  StaffMember m;
  ObjectReader r(v, path, issues, "een persoon");
  if (!r.valid()) return m;
  r.allow_only({"id", "name", "kvk", "roles", "education", "experience", "courses", "active_from", "active_until"});
  m.id = r.string("id").value_or("");
  // Personnel ids are written into findings (`assessed_by`) and on the
  // command line: the same alphabet as project ids.
  if (!m.id.empty() && !detail::is_identifier(m.id))
    issues.add(r.at("id"), "id-format",
               "personeelsnummer \"" + m.id + "\" mag alleen letters, cijfers, '-', '_' en '.' bevatten (ten hoogste 64 tekens)");
  m.name = r.string("name").value_or("");
  if (auto kvk = r.string("kvk", default_kvk == nullptr)) {
    m.kvk = *kvk;
    detail::check_kvk(issues, r.at("kvk"), m.kvk);
  } else if (default_kvk) {
    m.kvk = *default_kvk;
  }
  m.roles = r.string_list("roles");
  if (const json::value* rv = r.find("roles"); rv && rv->is_array() && rv->as_array().empty())
    issues.add(r.at("roles"), "staff-role",
               "een persoon zonder rol kan niets doen in de kwaliteitsborging; geef ten minste één deelgebied: " +
                   area_choices());
  std::set<std::string> seen_roles;
  for (std::size_t i = 0; i < m.roles.size(); ++i) {
    check_area(issues, index_path(r.at("roles"), i), m.roles[i]);
    if (!seen_roles.insert(m.roles[i]).second)
      issues.add(index_path(r.at("roles"), i), "unique", "rol \"" + m.roles[i] + "\" staat twee keer bij deze persoon");
  }
  if (auto e = r.string("education")) {
    m.education = *e;
    if (education_rank(*e) < 0)
      issues.add(r.at("education"), "allowed-value",
                 "opleiding \"" + *e + "\" kent wkb niet; gebruik een van: " + education_choices());
  }
  if (const json::array* list = r.array("experience")) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      ObjectReader er((*list)[i], index_path(r.at("experience"), i), issues, "een ervaring");
      if (!er.valid()) continue;
      er.allow_only({"area", "years", "leading", "description"});
      Experience x;
      x.area = er.string("area").value_or("");
      if (!x.area.empty()) {
        check_area(issues, er.at("area"), x.area);
        if (!seen.insert(x.area).second)
          issues.add(er.at("area"), "unique",
                     "deelgebied \"" + x.area + "\" staat twee keer in de ervaring van deze persoon; tel de jaren samen");
      }
      x.years = static_cast<int>(er.integer("years", true, 0, kMaxYears).value_or(0));
      x.leading = er.boolean("leading", false).value_or(false);
      x.description = er.string("description").value_or("");
      m.experience.push_back(std::move(x));
    }
  }
  if (const json::array* list = r.array("courses", false)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      ObjectReader cr((*list)[i], index_path(r.at("courses"), i), issues, "een cursus");
      if (!cr.valid()) continue;
      cr.allow_only({"name", "date"});
      Course c;
      c.name = cr.string("name").value_or("");
      c.date = cr.date("date").value_or(Date{});
      m.courses.push_back(std::move(c));
    }
  }
  m.active_from = r.date("active_from").value_or(Date{});
  m.active_until = r.date("active_until", false);
  if (m.active_until && r.find("active_from") && *m.active_until < m.active_from)
    issues.add(r.at("active_until"), "active-period",
               "actief tot en met " + date_nl(m.active_until->to_string()) + " ligt vóór actief vanaf " +
                   date_nl(m.active_from.to_string()));
  return m;
}

json::object person_object(const StaffMember& m) {
  json::array roles, experience, courses;
  for (const auto& role : m.roles) roles.emplace_back(role);
  for (const auto& x : m.experience)
    experience.emplace_back(json::object{
        {"area", x.area}, {"years", x.years}, {"leading", x.leading}, {"description", x.description}});
  for (const auto& c : m.courses) courses.emplace_back(json::object{{"name", c.name}, {"date", c.date.to_string()}});
  json::object o{{"id", m.id},
                 {"name", m.name},
                 {"kvk", m.kvk},
                 {"roles", std::move(roles)},
                 {"education", m.education},
                 {"experience", std::move(experience)},
                 {"courses", std::move(courses)},
                 {"active_from", m.active_from.to_string()}};
  if (m.active_until) o["active_until"] = m.active_until->to_string();
  return o;
}

std::string period_nl(const StaffMember& m) { return "actief vanaf " + active_dates_nl(m); }

std::string who(const StaffMember& m) { return m.name + " (" + m.id + ")"; }

bool mentions_leading(std::string_view criteria) {
  std::string lower(criteria);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("leidinggevend") != std::string::npos;
}

}  // namespace

std::string roles_nl(const StaffMember& m) {
  std::string out;
  for (const auto& r : m.roles) out += (out.empty() ? "" : ", ") + competence_area_label_nl(r);
  return out.empty() ? "geen" : out;
}

std::string active_dates_nl(const StaffMember& m) {
  return date_nl(m.active_from.to_string()) +
         (m.active_until ? " tot en met " + date_nl(m.active_until->to_string()) : "");
}

bool StaffMember::active_on(const Date& d) const { return active_from <= d && (!active_until || d <= *active_until); }

bool StaffMember::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const Experience* StaffMember::experience_in(std::string_view area) const {
  for (const auto& x : experience)
    if (x.area == area) return &x;
  return nullptr;
}

const StaffMember* StaffRegister::find(std::string_view id) const {
  for (const auto& p : persons)
    if (p.id == id) return &p;
  return nullptr;
}

StaffRegister parse_staff(std::string_view text, const std::string& source) {
  const json::value v = parse_json(text, source);
  Issues issues;
  StaffRegister reg;
  ObjectReader r(v, "$", issues, "een personeelsregister");
  if (r.valid()) {
    r.allow_only({"schema", "assurer", "persons", "note"});
    r.schema(kStaffSchema);
    r.string("note", false, true);
    if (const json::value* a = r.find("assurer")) {
      ObjectReader ar(*a, r.at("assurer"), issues, "een kwaliteitsborger");
      if (ar.valid()) {
        ar.allow_only({"name", "kvk"});
        reg.assurer.name = ar.string("name").value_or("");
        reg.assurer.kvk = ar.string("kvk");
        if (reg.assurer.kvk) detail::check_kvk(issues, ar.at("kvk"), *reg.assurer.kvk);
      }
    } else {
      detail::missing_member(issues, "$", "assurer", "{name, kvk}: de kwaliteitsborger van wie het register is");
    }
    if (const json::array* list = r.array("persons")) {
      if (list->empty())
        issues.add("$.persons", "staff-empty", "het register noemt geen personen; voeg ten minste één persoon toe");
      const std::string assurer_kvk = reg.assurer.kvk.value_or("");
      std::map<std::string, std::size_t> first;
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = index_path("$.persons", i);
        StaffMember m = read_person((*list)[i], path, issues, &assurer_kvk);
        if (!m.id.empty())
          if (auto [it, fresh] = first.emplace(m.id, i); !fresh)
            issues.add(path + ".id", "unique",
                       "personeelsnummer " + m.id + " staat twee keer in het register (ook op $.persons[" +
                           std::to_string(it->second) + "]); geef elke persoon een eigen nummer");
        reg.persons.push_back(std::move(m));
      }
    }
  }
  issues.throw_if_any(source);
  return reg;
}

std::string staff_member_json(const StaffMember& m) { return serialize_canonical(person_object(m)); }

StaffMember parse_staff_member(std::string_view text, const std::string& source) {
  const json::value v = parse_json(text, source);
  Issues issues;
  StaffMember m = read_person(v, "$", issues, nullptr);
  issues.throw_if_any(source);
  return m;
}

std::string staff_json(const StaffRegister& r) {
  json::array persons;
  for (const auto& p : r.persons) persons.emplace_back(person_object(p));
  json::object assurer{{"name", r.assurer.name}};
  if (r.assurer.kvk) assurer["kvk"] = *r.assurer.kvk;
  return serialize_canonical(
      json::object{{"schema", kStaffSchema}, {"assurer", std::move(assurer)}, {"persons", std::move(persons)}});
}

std::string_view area_of_topic(std::string_view topic) {
  const Topic* t = find_topic(topic);
  return t ? std::string_view(t->area) : std::string_view();
}

std::vector<std::string> roles_needed(const Plan& plan) {
  std::set<std::string, std::less<>> needed{"risk-assessment-and-plan"};
  if (!plan.inspections.empty()) needed.insert("site-inspection");
  for (const auto& c : plan.controls) {
    if (c.method == ControlMethod::site_inspection) needed.insert("site-inspection");
    if (auto a = area_of_topic(c.topic); !a.empty()) needed.insert(std::string(a));
  }
  std::vector<std::string> out;
  for (auto a : competence_areas())
    if (needed.count(a)) out.emplace_back(a);
  return out;
}

namespace {
// Bijscholing in the two years before `on`: a gap line, or nothing.
std::optional<std::string> course_gap(const StaffMember& p, const Date& on) {
  std::optional<Date> last;
  for (const auto& c : p.courses)
    if (c.date <= on && (!last || *last < c.date)) last = c.date;
  if (!last)
    return "het register noemt geen bijscholing; de kennis moet actueel zijn (bijscholing ten minste eens per twee "
           "jaar)";
  // Two years back to the day; 29 February falls back to 28 February.
  const int day = (on.month() == 2 && on.day() == 29) ? 28 : on.day();
  if (*last < Date::from_ymd(on.year() - kCourseValidYears, on.month(), day))
    return "de laatste bijscholing was op " + date_nl(last->to_string()) +
           ", meer dan twee jaar geleden (bijscholing ten minste eens per twee jaar)";
  return std::nullopt;
}
}  // namespace

std::vector<std::string> standing_gaps(const StaffMember& p, std::string_view role, std::string_view assurer_kvk,
                                       const Date& on) {
  std::vector<std::string> gaps;
  if (p.kvk != assurer_kvk)
    gaps.push_back("werkt niet bij de kwaliteitsborger van het project (KvK " + std::string(assurer_kvk) +
                   ") maar bij KvK " + p.kvk);
  if (!p.active_on(on)) gaps.push_back("is op " + date_nl(on.to_string()) + " niet actief (" + period_nl(p) + ")");
  if (!p.has_role(role))
    gaps.push_back("heeft de rol " + competence_area_label_nl(role) + " niet in het personeelsregister (rollen: " +
                   roles_nl(p) + ")");
  if (auto g = course_gap(p, on)) gaps.push_back(*g);
  return gaps;
}

std::vector<std::string> competence_gaps(const StaffMember& p, std::string_view role, const Description& instrument,
                                         std::string_view assurer_kvk, const Date& on) {
  std::vector<std::string> gaps = standing_gaps(p, role, assurer_kvk, on);
  const std::string area = competence_area_label_nl(role);
  const Competence* need = nullptr;
  for (const auto& c : instrument.competence)
    if (c.role == role) need = &c;
  if (!need) {
    gaps.push_back("instrument " + instrument.name + " stelt geen eisen aan het deelgebied " + area +
                   ", dus is niemand eraan te toetsen; een toegelaten instrument noemt elk deelgebied");
    return gaps;
  }
  if (education_rank(p.education) < education_rank(need->education))
    gaps.push_back("opleiding " + p.education + " ligt onder het niveau " + need->education + " dat het instrument vraagt");
  const Experience* x = p.experience_in(role);
  const int years = x ? x->years : 0;
  if (years < need->min_years_experience)
    gaps.push_back(plural_nl(years, "jaar", "jaar") + " ervaring in dit deelgebied, het instrument vraagt er " +
                   std::to_string(need->min_years_experience));
  if (mentions_leading(need->experience_criteria) && !(x && x->leading))
    gaps.push_back("het instrument vraagt ervaring als leidinggevende; het register noemt die niet "
                   "(experience[].leading)");
  return gaps;
}

std::optional<std::string> assessor_problem(const StaffMember& p, const Control& control, std::string_view assurer_kvk,
                                            const Date& on) {
  if (p.kvk != assurer_kvk)
    return who(p) + " werkt niet bij de kwaliteitsborger van het project (KvK " + std::string(assurer_kvk) +
           ") maar bij KvK " + p.kvk + "; alleen de kwaliteitsborger beoordeelt, ook een eigen controle van de aannemer";
  if (!p.active_on(on)) return who(p) + " was op " + date_nl(on.to_string()) + " niet actief (" + period_nl(p) + ")";
  const std::string area(area_of_topic(control.topic));
  const bool on_site = control.method == ControlMethod::site_inspection;
  if (p.has_role(area) || (on_site && p.has_role("site-inspection"))) return std::nullopt;
  return who(p) + " heeft geen rol die bij deze beheersmaatregel past: nodig is " + competence_area_label_nl(area) +
         (on_site ? " of toezicht op de bouw" : "") + " (rollen: " + roles_nl(p) + ")";
}

}  // namespace wkb::host
