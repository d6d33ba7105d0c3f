#include "wkb/host/register.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "wkb/host/files.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/json_reader.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::host {
namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

constexpr std::string_view kRoleList[] = {"instrument-provider", "assurer", "contractor", "designer", "supplier"};
const std::set<std::string, std::less<>> kRoleSet(std::begin(kRoleList), std::end(kRoleList));
// `"instrument-provider" (instrumentaanbieder), "assurer" (kwaliteitsborger), ...`
std::string role_choices() {
  std::string out;
  for (auto r : kRoleList) out += (out.empty() ? "" : ", ") + labelled_value_nl(role_label_nl(r), r);
  return out;
}

}  // namespace

std::string_view to_string(Involvement i) {
  switch (i) {
    case Involvement::same_entity: return "same-entity";
    case Involvement::same_group: return "same-group";
    case Involvement::shared_director: return "shared-director";
    case Involvement::none: return "none";
  }
  return "?";
}

std::string label_nl(Involvement i) {
  switch (i) {
    case Involvement::same_entity: return "dezelfde rechtspersoon";
    case Involvement::same_group: return "hetzelfde concern";
    case Involvement::shared_director: return "een gemeenschappelijke bestuurder";
    case Involvement::none: return "geen betrokkenheid";
  }
  return "?";
}

const RegisterEntity* Register::find(std::string_view kvk) const {
  for (const auto& e : entities)
    if (e.kvk == kvk) return &e;
  return nullptr;
}

std::string Register::ultimate_parent(std::string_view kvk) const {
  std::string current(kvk);
  // read_register refuses cycles; the bound guards a register built in code.
  for (std::size_t steps = 0; steps <= entities.size(); ++steps) {
    const RegisterEntity* e = find(current);
    if (!e || !e->parent_kvk || *e->parent_kvk == current) return current;
    current = *e->parent_kvk;
  }
  return current;
}

std::vector<std::string> Register::shared_directors(std::string_view a, std::string_view b) const {
  const RegisterEntity* ea = find(a);
  const RegisterEntity* eb = find(b);
  if (!ea || !eb) return {};
  std::set<std::string> da;
  for (const auto& d : ea->directors) da.insert(trim(d));
  std::set<std::string> shared;
  for (const auto& d : eb->directors)
    if (const auto t = trim(d); !t.empty() && da.count(t)) shared.insert(t);
  return {shared.begin(), shared.end()};
}

std::string Register::describe(std::string_view kvk) const {
  const RegisterEntity* e = find(kvk);
  return e ? e->name + " (" + std::string(kvk) + ")" : std::string(kvk);
}

InvolvementResult Register::involvement(std::string_view a, std::string_view b) const {
  if (a == b) return {Involvement::same_entity, "beide zijn de rechtspersoon " + describe(a)};
  const std::string pa = ultimate_parent(a), pb = ultimate_parent(b);
  if (pa == pb)
    return {Involvement::same_group,
            describe(a) + " en " + describe(b) + " hebben dezelfde uiteindelijke moeder " + describe(pa)};
  if (auto shared = shared_directors(a, b); !shared.empty()) {
    std::string names;
    for (const auto& n : shared) names += (names.empty() ? "" : ", ") + n;
    return {Involvement::shared_director, describe(a) + " en " + describe(b) + " hebben " +
                                              (shared.size() == 1 ? "een gemeenschappelijke bestuurder: "
                                                                  : "gemeenschappelijke bestuurders: ") +
                                              names};
  }
  return {Involvement::none, {}};
}

std::vector<std::string> Register::licensed_assurers(std::string_view instrument) const {
  std::vector<std::string> out;
  for (const auto& l : licenses)
    if (l.instrument == instrument) out.push_back(l.assurer_kvk);
  return out;
}

bool Register::is_licensed(std::string_view instrument, std::string_view assurer_kvk) const {
  return std::any_of(licenses.begin(), licenses.end(),
                     [&](const License& l) { return l.instrument == instrument && l.assurer_kvk == assurer_kvk; });
}

void check_assurer_independence(const Register& reg, const Project& project, std::string_view instrument,
                                Issues& issues) {
  const Party& assurer = project.parties.assurer;
  if (!assurer.kvk) {
    issues.add("$.parties.assurer.kvk", "assurer-kvk-required",
               "de kwaliteitsborger heeft geen KvK-nummer; met een onafhankelijkheidsregister wordt de "
               "kwaliteitsborger aan zijn KvK-nummer herkend");
    return;
  }
  if (!reg.is_licensed(instrument, *assurer.kvk))
    issues.add("$.parties.assurer.kvk", "assurer-not-licensed",
               reg.describe(*assurer.kvk) + " heeft volgens het register geen licentie voor instrument " +
                   std::string(instrument));
  const std::pair<const char*, const Party*> others[] = {{"contractor", &project.parties.contractor},
                                                         {"client", &project.parties.client},
                                                         {"designer", project.parties.designer ? &*project.parties.designer : nullptr}};
  for (const auto& [role, party] : others) {
    if (!party || !party->kvk) continue;
    const InvolvementResult r = reg.involvement(*assurer.kvk, *party->kvk);
    if (r.kind != Involvement::none)
      issues.add(std::string("$.parties.") + role + ".kvk", "assurer-involved",
                 "de kwaliteitsborger is betrokken bij de " + role_label_nl(role) + " (" + label_nl(r.kind) +
                     "): " + r.explanation + "; een kwaliteitsborger moet onafhankelijk zijn (Bkl art. 3.82)");
  }
}

Register read_register(std::string_view text, const std::string& subject) {
  const boost::json::value v = parse_json(text, subject);
  Issues issues;
  Register reg;
  detail::ObjectReader r(v, "$", issues, "een onafhankelijkheidsregister");
  if (r.valid()) {
    r.allow_only({"schema", "entities", "licenses", "note"});
    r.schema(schema::register_);
    r.string("note", false, true);  // for people: any text, but text (as the schema says)
    if (const auto* list = r.array("entities")) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        RegisterEntity e;
        detail::ObjectReader er((*list)[i], detail::index_path("$.entities", i), issues, "een rechtspersoon");
        if (!er.valid()) continue;
        er.allow_only({"kvk", "name", "parent_kvk", "directors", "roles"});
        e.kvk = er.string("kvk").value_or("");
        if (!e.kvk.empty()) detail::check_kvk(issues, er.at("kvk"), e.kvk);
        e.name = er.string("name").value_or("");
        e.parent_kvk = er.string("parent_kvk", false);
        if (e.parent_kvk) detail::check_kvk(issues, er.at("parent_kvk"), *e.parent_kvk);
        e.directors = er.string_list("directors", false);
        e.roles = er.string_list("roles", false);
        for (std::size_t j = 0; j < e.roles.size(); ++j)
          if (!kRoleSet.count(e.roles[j]))
            issues.add(detail::index_path(er.at("roles"), j), "allowed-value",
                       "\"" + e.roles[j] + "\" is geen rol; gebruik een van: " + role_choices());
        reg.entities.push_back(std::move(e));
      }
    }
    if (const auto* list = r.array("licenses")) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        License l;
        detail::ObjectReader lr((*list)[i], detail::index_path("$.licenses", i), issues, "een licentie");
        if (!lr.valid()) continue;
        lr.allow_only({"instrument", "assurer_kvk"});
        l.instrument = lr.string("instrument").value_or("");
        l.assurer_kvk = lr.string("assurer_kvk").value_or("");
        if (!l.assurer_kvk.empty()) detail::check_kvk(issues, lr.at("assurer_kvk"), l.assurer_kvk);
        reg.licenses.push_back(std::move(l));
      }
    }
  }
  // Each entity once; ownership chains must end (a cycle would make every
  // group question unanswerable).
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < reg.entities.size(); ++i) {
    const auto& e = reg.entities[i];
    if (e.kvk.empty()) continue;
    if (auto [it, fresh] = first.emplace(e.kvk, i); !fresh)
      issues.add(detail::index_path("$.entities", i) + ".kvk", "unique",
                 "KvK-nummer " + e.kvk + " staat twee keer in het register (ook op $.entities[" +
                     std::to_string(it->second) + "]); noem elke rechtspersoon één keer");
  }
  for (std::size_t i = 0; i < reg.entities.size(); ++i) {
    std::set<std::string> seen{reg.entities[i].kvk};
    const RegisterEntity* e = &reg.entities[i];
    while (e && e->parent_kvk) {
      if (!seen.insert(*e->parent_kvk).second) {
        issues.add(detail::index_path("$.entities", i) + ".parent_kvk", "ownership-cycle",
                   "de eigendomsketen van " + reg.entities[i].kvk + " komt terug bij " + *e->parent_kvk +
                       "; een keten van parent_kvk moet eindigen bij een rechtspersoon zonder moeder");
        break;
      }
      e = reg.find(*e->parent_kvk);
    }
  }
  for (std::size_t i = 0; i < reg.licenses.size(); ++i) {
    const auto& l = reg.licenses[i];
    const RegisterEntity* e = reg.find(l.assurer_kvk);
    if (!l.assurer_kvk.empty() && !e)
      issues.add(detail::index_path("$.licenses", i) + ".assurer_kvk", "unknown-entity",
                 "kwaliteitsborger " + l.assurer_kvk +
                     " heeft een licentie, maar staat niet bij de rechtspersonen (entities); voeg hem toe met rol "
                     "\"assurer\"");
  }
  issues.throw_if_any(subject);
  return reg;
}

Register load_register(const std::filesystem::path& file) {
  return read_register(read_text_file(file), file.string());
}

}  // namespace wkb::host
