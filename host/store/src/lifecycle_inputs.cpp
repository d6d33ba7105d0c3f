// The store-owned inputs of the lifecycle (docs/store.md#melder): the melder
// (`wkb.melder/1`) and the gereedmelding with its dossier checklist
// (`wkb.gereedmelding/1`); and how a record's lifecycle is read from its
// stored rows (ProjectRecord::lifecycle). The project file (wkb.project/1)
// stays as the contract has it.
#include <boost/json.hpp>

#include <set>

#include "store_impl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/validation.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;

namespace {

// A JSON object read member by member, collecting every problem with its path.
class Reader {
 public:
  Reader(const json::object& o, std::string path, Issues& issues, std::set<std::string> known)
      : o_(o), path_(std::move(path)), issues_(issues) {
    for (const auto& kv : o_)
      if (!known.count(std::string(kv.key())))
        issues_.add(path_ + "." + std::string(kv.key()), "unknown-member",
                    "onbekend veld " + quote(std::string(kv.key())) + "; zie docs/store.md voor de velden");
  }
  // A text member; `required`: missing or blank is a problem.
  std::string text(const char* name, bool required, TextKind kind = TextKind::line,
                   std::size_t limit = Limits::kNameChars) {
    const std::string at = path_ + "." + name;
    const auto* v = o_.if_contains(name);
    if (!v) {
      if (required) issues_.add(at, "required", "het verplichte veld \"" + std::string(name) + "\" ontbreekt");
      return "";
    }
    if (!v->is_string()) {
      issues_.add(at, "type", "het veld \"" + std::string(name) + "\" is tekst");
      return "";
    }
    std::string s(v->as_string());
    try {
      check_text(at, s, kind, limit);
    } catch (const wkb::host::InputError& e) {
      issues_.add(at, "text", e.what());
      return "";
    }
    if (required && is_blank(s)) issues_.add(at, "required", "het veld \"" + std::string(name) + "\" is leeg");
    return s;
  }
  const json::object* object(const char* name, bool required) {
    const std::string at = path_ + "." + name;
    const auto* v = o_.if_contains(name);
    if (!v) {
      if (required) issues_.add(at, "required", "het verplichte veld \"" + std::string(name) + "\" ontbreekt");
      return nullptr;
    }
    if (!v->is_object()) {
      issues_.add(at, "type", "het veld \"" + std::string(name) + "\" is een object");
      return nullptr;
    }
    return &v->as_object();
  }
  const std::string& path() const { return path_; }
  Issues& issues() { return issues_; }

 private:
  const json::object& o_;
  std::string path_;
  Issues& issues_;
};

bool digits(const std::string& s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Person read_person(Reader& parent, const char* name, const json::object& o, bool full) {
  Reader r(o, parent.path() + "." + name, parent.issues(), {"name", "kvk", "address", "phone", "email"});
  Person p;
  p.name = r.text("name", true);
  p.kvk = r.text("kvk", false);
  p.address = r.text("address", full);
  p.phone = r.text("phone", full);
  p.email = r.text("email", full);
  if (!p.kvk.empty() && !digits(p.kvk, 8))
    r.issues().add(r.path() + ".kvk", "kvk", "een KvK-nummer heeft 8 cijfers, niet " + quote(p.kvk));
  if (!p.email.empty() && p.email.find('@') == std::string::npos)
    r.issues().add(r.path() + ".email", "email", quote(p.email) + " is geen e-mailadres");
  return p;
}

json::object object_of(const std::string& text, const std::string& source, const char* schema) {
  const json::value v = parse_json(text, source);
  if (!v.is_object()) throw ValidationError(source, {{"$", "type", "het bestand is een JSON-object"}});
  const auto* s = v.as_object().if_contains("schema");
  if (!s || !s->is_string() || s->as_string() != schema)
    throw ValidationError(source, {{"$.schema", "schema", std::string("het veld \"schema\" is \"") + schema + "\""}});
  return v.as_object();
}

json::object person_json(const Person& p) {
  return {{"name", p.name}, {"kvk", p.kvk}, {"address", p.address}, {"phone", p.phone}, {"email", p.email}};
}

Person person_of(const json::object& o) {
  auto t = [&](const char* k) { return std::string(o.at(k).as_string()); };
  return {t("name"), t("kvk"), t("address"), t("phone"), t("email")};
}

}  // namespace

Melder parse_melder(const std::string& text, const std::string& source) {
  const json::object o = object_of(text, source, "wkb.melder/1");
  Issues issues;
  Reader r(o, "$", issues, {"schema", "role", "builder", "authorised", "location"});
  Melder m;
  m.role = r.text("role", true);
  if (!m.role.empty() && m.role != "initiatiefnemer" && m.role != "aannemer")
    issues.add("$.role", "role", "de melder is \"initiatiefnemer\" of \"aannemer\", niet " + quote(m.role));
  if (const auto* b = r.object("builder", true)) m.builder = read_person(r, "builder", *b, true);
  if (const auto* a = r.object("authorised", false)) m.authorised = read_person(r, "authorised", *a, false);
  if (const auto* l = r.object("location", true)) {
    Reader loc(*l, "$.location", issues, {"cadastral", "coordinates"});
    m.cadastral = loc.text("cadastral", false);
    m.coordinates = loc.text("coordinates", false);
    if (is_blank(m.cadastral) && is_blank(m.coordinates))
      issues.add("$.location", "location",
                 "de locatie noemt de kadastrale aanduiding (\"cadastral\") of, zonder die, de coördinaten "
                 "(\"coordinates\")");
  }
  if (!issues.empty()) throw ValidationError(source, issues.list());
  return m;
}

std::string melder_json(const Melder& m) {
  json::object o{{"schema", "wkb.melder/1"},
                 {"role", m.role},
                 {"builder", person_json(m.builder)},
                 {"location", {{"cadastral", m.cadastral}, {"coordinates", m.coordinates}}}};
  if (m.authorised) o["authorised"] = person_json(*m.authorised);
  return serialize_canonical(o);
}

Melder melder_of(const json::object& o) {
  Melder m;
  m.role = std::string(o.at("role").as_string());
  m.builder = person_of(o.at("builder").as_object());
  if (const auto* a = o.if_contains("authorised")) m.authorised = person_of(a->as_object());
  m.cadastral = std::string(o.at("location").at("cadastral").as_string());
  m.coordinates = std::string(o.at("location").at("coordinates").as_string());
  return m;
}

const std::vector<std::pair<std::string, std::string>>& dossier_item_names() {
  static const std::vector<std::pair<std::string, std::string>> items = {
      {"use-functions", "gebruiksfuncties, oppervlakten en bezetting"},
      {"structural", "constructieve veiligheid"},
      {"ventilation", "ventilatie"},
      {"energy-performance", "energieprestatie (BENG)"},
      {"environmental-performance", "milieuprestatie"},
      {"fire-safety", "brandveiligheid"},
      {"equivalent-measures", "gelijkwaardige maatregelen"}};
  return items;
}

Completion parse_completion(const std::string& text, const std::string& source) {
  const json::object o = object_of(text, source, "wkb.gereedmelding/1");
  Issues issues;
  Reader r(o, "$", issues, {"schema", "project", "intended_use", "items"});
  Completion c;
  r.text("project", true, TextKind::line, Limits::kIdChars);
  c.intended_use = r.text("intended_use", true);
  if (!c.intended_use.empty() && !Date::parse(c.intended_use))
    issues.add("$.intended_use", "date", quote(c.intended_use) + " is geen datum JJJJ-MM-DD");
  std::set<std::string> known;
  for (const auto& [key, name] : dossier_item_names()) known.insert(key);
  if (const auto* items = r.object("items", true)) {
    Reader all(*items, "$.items", issues, known);
    for (const auto& [key, name] : dossier_item_names()) {
      DossierItem item;
      item.key = key;
      item.status = "missing";
      if (const auto* i = all.object(key.c_str(), false)) {
        Reader one(*i, "$.items." + key, issues, {"status", "document", "reason"});
        item.status = one.text("status", true);
        item.document = one.text("document", item.status == "present", TextKind::free, Limits::kTextChars);
        item.reason = one.text("reason", item.status == "not-applicable", TextKind::free, Limits::kTextChars);
        if (!item.status.empty() && item.status != "present" && item.status != "not-applicable" &&
            item.status != "missing")
          issues.add("$.items." + key + ".status", "status",
                     "de status is \"present\" (aanwezig), \"not-applicable\" (niet van toepassing) of \"missing\" "
                     "(ontbreekt), niet " + quote(item.status));
      }
      c.items.push_back(item);
    }
  }
  if (!issues.empty()) throw ValidationError(source, issues.list());
  return c;
}

json::array completion_items_json(const std::vector<DossierItem>& items) {
  json::array out;
  for (const auto& i : items)
    out.push_back({{"key", i.key}, {"status", i.status}, {"document", i.document}, {"reason", i.reason}});
  return out;
}

// The stored rows read into the record's lifecycle (docs/store.md#lifecycle).
void fill_lifecycle(ProjectRecord& r) {
  Lifecycle& l = r.lifecycle;
  const auto expires = [](const std::string& at) {
    return Date::parse(at.substr(0, 10))->plus_days(365).to_string();
  };
  if (r.notification) {
    const json::value package = parse_json(r.notification->package_json, "bouwmelding");
    if (const auto* m = package.as_object().if_contains("melder")) r.notification->melder = melder_of(m->as_object());
    l.construction_notice = r.notification->at;
    l.construction_notice_expires = expires(r.notification->at);
  }
  for (const auto& e : r.events) {
    const json::object p = parse_json(e.payload_json, "stap " + std::to_string(e.seq)).as_object();
    if (e.step == "renotification") {
      l.construction_notice = e.at;
      l.construction_notice_expires = expires(e.at);
      if (const auto* m = p.if_contains("melder"); m && r.notification) r.notification->melder = melder_of(m->as_object());
    } else if (e.step == "start") {
      l.construction_start = e.at;
      l.construction_start_date = std::string(p.at("date").as_string());
    } else if (e.step == "deviation-notice") {
      l.deviation_notices.push_back(e.at);
      DeviationNotice n;
      n.number = static_cast<int>(r.deviation_notices.size()) + 1;
      n.seq = e.seq;
      for (const auto& x : p.at("recipients").as_array()) n.recipients.emplace_back(x.as_string());
      for (const auto& x : p.at("parts").as_array()) {
        const auto& o = x.as_object();
        NoticePart part;
        part.control = std::string(o.at("control").as_string());
        part.unit = std::string(o.at("unit").as_string());
        part.topic = std::string(o.at("topic").as_string());
        part.bbl_ref = std::string(o.at("bbl_ref").as_string());
        part.result = parse_finding_result(std::string(o.at("result").as_string())).value();
        n.parts.push_back(part);
      }
      n.explanation = std::string(p.at("explanation").as_string());
      n.by = e.by;
      n.at = e.at;
      r.deviation_notices.push_back(n);
    } else if (e.step == "declaration" && r.closure) {
      r.closure->declaration = DeclarationDetails{std::string(p.at("place").as_string()),
                                                  std::string(p.at("responsible").as_string()),
                                                  std::string(p.at("licence").as_string())};
    } else if (e.step == "notice" && r.closure) {
      r.closure->not_notified = std::string(p.at("not_notified").as_string());
    } else if (e.step == "completion") {
      Completion c;
      c.intended_use = std::string(p.at("intended_use").as_string());
      c.filed_by = std::string(p.at("filed_by").as_string());
      for (const auto& x : p.at("items").as_array()) {
        const auto& o = x.as_object();
        c.items.push_back({std::string(o.at("key").as_string()), std::string(o.at("status").as_string()),
                           std::string(o.at("document").as_string()), std::string(o.at("reason").as_string())});
      }
      c.by = e.by;
      c.at = e.at;
      r.completion = c;
      l.completion_notice = e.at;
      l.intended_use_date = c.intended_use;
    }
  }
  if (r.closure) {
    if (r.closure->kind == Outcome::declaration) {
      l.declaration = r.closure->at;
    } else {
      // A store before version 4 kept a notice as "completed"; by law it is a close without verklaring.
      l.non_compliance_notice = r.closure->at;
      l.closed_without_declaration = r.closure->at;
    }
  }
}

}  // namespace wkb::store
