#include "wkb/host/register.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "wkb/host/files.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/json_reader.hpp"

namespace wkb::host {
namespace {

bool is_kvk(std::string_view s) {
  return s.size() == 8 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

constexpr std::string_view kRoles = "instrument-provider, assurer, contractor, designer, supplier";
const std::set<std::string, std::less<>> kRoleSet{"instrument-provider", "assurer", "contractor", "designer",
                                                   "supplier"};

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
  if (a == b) return {Involvement::same_entity, "both are legal entity " + describe(a)};
  const std::string pa = ultimate_parent(a), pb = ultimate_parent(b);
  if (pa == pb)
    return {Involvement::same_group, describe(a) + " and " + describe(b) + " share the ultimate parent " + describe(pa)};
  if (auto shared = shared_directors(a, b); !shared.empty()) {
    std::string names;
    for (const auto& n : shared) names += (names.empty() ? "" : ", ") + n;
    return {Involvement::shared_director, describe(a) + " and " + describe(b) + " share director(s) " + names};
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
               "the assurer has no KvK number; with an independence register the assurer must be identified by it");
    return;
  }
  if (!reg.is_licensed(instrument, *assurer.kvk))
    issues.add("$.parties.assurer.kvk", "assurer-not-licensed",
               reg.describe(*assurer.kvk) + " holds no licence for instrument " + std::string(instrument) +
                   " in the register");
  const std::pair<const char*, const Party*> others[] = {{"contractor", &project.parties.contractor},
                                                         {"client", &project.parties.client},
                                                         {"designer", project.parties.designer ? &*project.parties.designer : nullptr}};
  for (const auto& [role, party] : others) {
    if (!party || !party->kvk) continue;
    const InvolvementResult r = reg.involvement(*assurer.kvk, *party->kvk);
    if (r.kind != Involvement::none)
      issues.add(std::string("$.parties.") + role + ".kvk", "assurer-involved",
                 std::string("the assurer is involved with the ") + role + " (" + std::string(to_string(r.kind)) +
                     "): " + r.explanation + "; an assurer must be independent (Bkl art. 3.82)");
  }
}

Register read_register(std::string_view text, const std::string& subject) {
  const boost::json::value v = parse_json(text, subject);
  Issues issues;
  Register reg;
  detail::ObjectReader r(v, "$", issues, "an independence register");
  if (r.valid()) {
    r.allow_only({"schema", "entities", "licenses", "note"});
    r.schema(schema::register_);
    if (const auto* list = r.array("entities")) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        RegisterEntity e;
        detail::ObjectReader er((*list)[i], detail::index_path("$.entities", i), issues, "an entity");
        if (!er.valid()) continue;
        er.allow_only({"kvk", "name", "parent_kvk", "directors", "roles"});
        e.kvk = er.string("kvk").value_or("");
        if (!e.kvk.empty() && !is_kvk(e.kvk))
          issues.add(er.at("kvk"), "kvk-format", "\"" + e.kvk + "\" is not a KvK number; it has exactly 8 digits");
        e.name = er.string("name").value_or("");
        e.parent_kvk = er.string("parent_kvk", false);
        if (e.parent_kvk && !is_kvk(*e.parent_kvk))
          issues.add(er.at("parent_kvk"), "kvk-format",
                     "\"" + *e.parent_kvk + "\" is not a KvK number; it has exactly 8 digits");
        e.directors = er.string_list("directors", false);
        e.roles = er.string_list("roles", false);
        for (std::size_t j = 0; j < e.roles.size(); ++j)
          if (!kRoleSet.count(e.roles[j]))
            issues.add(detail::index_path(er.at("roles"), j), "allowed-value",
                       "\"" + e.roles[j] + "\" is not a role; use one of: " + std::string(kRoles));
        reg.entities.push_back(std::move(e));
      }
    }
    if (const auto* list = r.array("licenses")) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        License l;
        detail::ObjectReader lr((*list)[i], detail::index_path("$.licenses", i), issues, "a licence");
        if (!lr.valid()) continue;
        lr.allow_only({"instrument", "assurer_kvk"});
        l.instrument = lr.string("instrument").value_or("");
        l.assurer_kvk = lr.string("assurer_kvk").value_or("");
        if (!l.assurer_kvk.empty() && !is_kvk(l.assurer_kvk))
          issues.add(lr.at("assurer_kvk"), "kvk-format",
                     "\"" + l.assurer_kvk + "\" is not a KvK number; it has exactly 8 digits");
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
                 "KvK " + e.kvk + " is listed twice (also at $.entities[" + std::to_string(it->second) +
                     "]); list each legal entity once");
  }
  for (std::size_t i = 0; i < reg.entities.size(); ++i) {
    std::set<std::string> seen{reg.entities[i].kvk};
    const RegisterEntity* e = &reg.entities[i];
    while (e && e->parent_kvk) {
      if (!seen.insert(*e->parent_kvk).second) {
        issues.add(detail::index_path("$.entities", i) + ".parent_kvk", "ownership-cycle",
                   "the ownership chain of " + reg.entities[i].kvk + " returns to " + *e->parent_kvk +
                       "; a chain of parent_kvk must end at an entity without parent");
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
                 "licensed assurer " + l.assurer_kvk + " is not among the entities; add it with role \"assurer\"");
  }
  issues.throw_if_any(subject);
  return reg;
}

Register load_register(const std::filesystem::path& file) {
  return read_register(read_text_file(file), file.string());
}

}  // namespace wkb::host
