// Contract v1 messages <-> Boost.JSON, with structural validation.
//
// Readers check what a single message can say about itself: types, required
// members, allowed values, formats (postcode, KvK, BAG id, dates), ranges.
// Rules that relate messages to each other (coverage, thresholds, dates inside
// phases, the decision table) are the host's: host/src/rules.cpp.
#include <boost/json.hpp>
#include <set>
#include <unordered_set>

#include "message_reading.hpp"
#include "wkb/sdk/json_reader.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace wkb {

using detail::index_path;
using detail::ObjectReader;
using namespace detail::reading;
namespace json = boost::json;

namespace {

const std::string kPhaseNames = choices({Phase::design, Phase::foundation, Phase::structure, Phase::envelope,
                                         Phase::installations, Phase::finishing, Phase::completion});
const std::string kRiskPhaseNames = choices({RiskPhase::design, RiskPhase::execution});
const std::string kMethodNames =
    choices({ControlMethod::document_review, ControlMethod::site_inspection, ControlMethod::contractor_evidence,
             ControlMethod::certificate_check, ControlMethod::measurement});
const std::string kPerformerNames = choices({Performer::assurer, Performer::contractor});
const std::string kResultNames = choices({FindingResult::conform, FindingResult::repaired, FindingResult::open,
                                          FindingResult::unrepairable, FindingResult::evidence_missing});
const std::string kOutcomeNames = choices({Outcome::non_compliance_notice, Outcome::incomplete,
                                           Outcome::open_items, Outcome::declaration});
const std::string& document_status_choices() {
  static const std::string s = [] {
    std::string out;
    for (auto st : {"present", "submitted", "approved", "missing"})
      out += (out.empty() ? "" : ", ") + labelled_value_nl(document_status_label_nl(st), st);
    return out;
  }();
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_postcode(std::string_view s) {
  return s.size() == 7 && s[0] >= '1' && s[0] <= '9' && all_digits(s.substr(0, 4)) && s[4] == ' ' &&
         s[5] >= 'A' && s[5] <= 'Z' && s[6] >= 'A' && s[6] <= 'Z';
}

void check_topic(Issues& issues, const std::string& path, const std::optional<std::string>& topic) {
  if (topic && !find_topic(*topic))
    issues.add(path, "unknown-topic",
               "\"" + *topic + "\" is geen onderwerp van de taxonomie v1 (zie docs/sdk/messages.md#taxonomy)");
}

void check_unique(Issues& issues, const std::string& path, const std::vector<std::string>& ids,
                  std::string_view what) {
  if (ids.size() < 2) return;
  std::unordered_set<std::string_view> seen;
  seen.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!seen.insert(ids[i]).second)
      issues.add(index_path(path, i), "unique",
                 std::string(what) + " \"" + ids[i] + "\" staat meer dan eens in de lijst; noem elke " +
                     std::string(what) + " één keer");
}

json::array to_array(const std::vector<std::string>& v) {
  json::array a;
  a.reserve(v.size());
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// ---- project ----

Party party_from(const json::value& v, const std::string& path, Issues& issues) {
  Party p;
  ObjectReader r(v, path, issues, "een partij");
  if (!r.valid()) return p;
  r.allow_only({"name", "kvk", "private"});
  p.name = r.string("name").value_or("");
  p.kvk = r.string("kvk", false);
  check_kvk(r, p.kvk);
  p.is_private = r.boolean("private", false);
  return p;
}

json::object party_to(const Party& p) {
  json::object o;
  o["name"] = p.name;
  if (p.kvk) o["kvk"] = *p.kvk;
  if (p.is_private) o["private"] = *p.is_private;
  return o;
}

const std::string& certificate_kind_choices() {
  static const std::string s = [] {
    std::string out;
    for (auto k : certificate_kinds())
      out += (out.empty() ? "" : ", ") + labelled_value_nl(certificate_kind_label_nl(k), k);
    return out;
  }();
  return s;
}

// A certificate (docs/sdk/certificates.md). Only what the certificate says
// about itself; whether it is valid on the assessment or inspection date is
// the host's (host/src/certificates.cpp).
CertificateRef certificate_from(const json::value& v, const std::string& path, Issues& issues) {
  CertificateRef c;
  ObjectReader r(v, path, issues, "een certificaat");
  if (!r.valid()) return c;
  r.allow_only({"kind", "scheme", "number", "holder", "valid_from", "valid_until", "topics"});
  c.kind = r.string("kind").value_or("");
  const auto& kinds = certificate_kinds();
  if (r.find("kind") && r.find("kind")->is_string() &&
      std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end())
    issues.add(r.at("kind"), "certificate-kind",
               "\"" + c.kind + "\" is geen soort certificaat; gebruik een van: " + certificate_kind_choices());
  c.scheme = r.string("scheme").value_or("");
  c.number = r.string("number").value_or("");
  if (const json::value* h = r.find("holder")) {
    ObjectReader hr(*h, r.at("holder"), issues, "de houder van het certificaat");
    if (hr.valid()) {
      hr.allow_only({"name", "kvk"});
      c.holder.name = hr.string("name").value_or("");
      c.holder.kvk = hr.string("kvk", false);
      check_kvk(hr, c.holder.kvk);
    }
  } else {
    detail::missing_member(issues, r.path(), "holder", "een object met de naam (en het KvK-nummer) van de houder");
  }
  // Without its validity dates nobody can check that a certificate holds on
  // the inspection date: a rule of its own, not a generic missing member.
  auto validity_date = [&](std::string_view key, std::string_view what) -> std::optional<Date> {
    if (r.find(key)) return r.date(key);
    issues.add(r.at(key), "certificate-validity",
               "het certificaat " + (c.number.empty() ? std::string() : c.number + " ") + "noemt geen " +
                   std::string(what) + " (" + std::string(key) +
                   "); zonder geldigheidsdatums kan niemand controleren of het geldt op de dag van de controle");
    return std::nullopt;
  };
  auto from = validity_date("valid_from", "begindatum van de geldigheid");
  auto until = validity_date("valid_until", "einddatum van de geldigheid");
  if (from) c.valid_from = *from;
  if (until) c.valid_until = *until;
  if (from && until && *until < *from)
    issues.add(r.at("valid_until"), "certificate-validity",
               "het certificaat is geldig tot " + until->to_string() + ", vóór de begindatum " + from->to_string() +
                   "; valid_until ligt op of na valid_from");
  c.topics = r.string_list("topics");
  if (r.find("topics") && r.find("topics")->is_array() && c.topics.empty())
    issues.add(r.at("topics"), "certificate-topics",
               "het certificaat noemt geen onderwerpen; noem ten minste één onderwerp van de taxonomie dat het dekt");
  for (std::size_t i = 0; i < c.topics.size(); ++i)
    check_topic(issues, index_path(r.at("topics"), i), c.topics[i]);
  check_unique(issues, r.at("topics"), c.topics, "onderwerp");
  return c;
}

// The gevolgklasse-1 gate (Bbl art. 2.17): a project that states an exclusion
// is refused here, so the host refuses it before any plugin call.
void read_scope(ObjectReader& r, Project& p, Issues& issues) {
  const json::value* sc = r.find("scope");
  if (!sc) return;
  ObjectReader sr(*sc, r.at("scope"), issues, "de afbakening tot gevolgklasse 1");
  if (!sr.valid()) return;
  std::vector<std::string_view> keys;
  for (const auto& e : scope_exclusions()) keys.push_back(e.key);
  sr.allow_only(keys);
  Scope s;
  for (const auto& e : scope_exclusions()) {
    const bool v = sr.boolean(e.key, false).value_or(false);
    s.*e.flag = v;
    if (v)
      issues.add(sr.at(e.key), "consequence-class-exclusion",
                 std::string(e.what_nl) + "; dan valt de bouwactiviteit niet onder gevolgklasse 1 (" +
                     std::string(e.source) +
                     ") en kan ze niet onder de Wkb worden geborgd: de gemeente toetst het bouwplan");
  }
  p.scope = s;
}

}  // namespace

Project project_from_json(const json::value& v, const std::string& path, Issues& issues) {
  Project p;
  ObjectReader r(v, path, issues, "een project");
  if (!r.valid()) return p;
  r.allow_only({"schema", "id", "name", "address", "consequence_class", "building", "parties", "unit_ids",
                "schedule", "documents", "certificates", "local_conditions", "scope"});
  r.schema(schema::project);
  p.id = r.string("id").value_or("");
  if (!p.id.empty() && !detail::is_identifier(p.id))
    issues.add(r.at("id"), "id-format",
               "project-id \"" + p.id +
                   "\" mag alleen letters, cijfers, '-', '_' en '.' bevatten (ten hoogste 64 tekens)");
  p.name = r.string("name").value_or("");

  if (const json::value* a = r.find("address")) {
    ObjectReader ar(*a, r.at("address"), issues, "een adres");
    if (ar.valid()) {
      ar.allow_only({"street", "house_number", "postcode", "city", "bag_id"});
      p.address.street = ar.string("street").value_or("");
      p.address.house_number = ar.string("house_number").value_or("");
      p.address.city = ar.string("city").value_or("");
      if (auto pc = ar.string("postcode")) {
        p.address.postcode = *pc;
        if (!is_postcode(*pc))
          issues.add(ar.at("postcode"), "postcode-format",
                     "\"" + *pc +
                         "\" is geen Nederlandse postcode; schrijf vier cijfers, een spatie en twee hoofdletters: "
                         "\"7607 AB\"");
      }
      p.address.bag_id = ar.string("bag_id", false);
      if (p.address.bag_id && !(p.address.bag_id->size() == 16 && all_digits(*p.address.bag_id)))
        issues.add(ar.at("bag_id"), "bag-id-format",
                   "\"" + *p.address.bag_id + "\" is geen BAG-id; een BAG-id heeft precies 16 cijfers");
    }
  } else {
    issues.add(r.at("address"), "address-required",
               "het project heeft geen adres; zonder adres kan er niets worden gepland");
  }

  if (auto cc = r.integer("consequence_class", true, -1000000, 1000000)) {
    p.consequence_class = static_cast<int>(*cc);
    if (*cc != 1)
      issues.add(r.at("consequence_class"), "consequence-class",
                 "gevolgklasse " + std::to_string(*cc) +
                     " valt nu niet onder de Wkb; alleen projecten in gevolgklasse 1 kunnen worden geborgd");
  }

  if (const json::value* b = r.find("building")) {
    ObjectReader br(*b, r.at("building"), issues, "een bouwwerk");
    if (br.valid()) {
      br.allow_only({"type", "units", "storeys", "construction"});
      if (auto t = br.enumeration<BuildingType>("type", parse_building_type, building_type_choices()))
        p.building.type = *t;
      p.building.units = static_cast<int>(br.integer("units", true, 1, kMaxUnits).value_or(0));
      p.building.storeys = static_cast<int>(br.integer("storeys", true, 1, 20).value_or(0));
      p.building.construction = br.string("construction", false).value_or("");
      if (p.building.type == BuildingType::industrial && p.building.storeys > 2)
        issues.add(br.at("storeys"), "industrial-storeys",
                   "een industriefunctie met " + plural_nl(p.building.storeys, "bouwlaag", "bouwlagen") +
                       " valt niet onder gevolgklasse 1 (ten hoogste 2 bouwlagen)");
    }
  } else {
    detail::missing_member(issues, r.path(), "building", "een object met type, units en storeys");
  }

  if (const json::value* pa = r.find("parties")) {
    ObjectReader pr(*pa, r.at("parties"), issues, "de partijen");
    if (pr.valid()) {
      pr.allow_only({"client", "contractor", "assurer", "designer"});
      for (auto key : {"client", "contractor", "assurer"}) {
        const json::value* pv = pr.find(key);
        if (!pv) {
          issues.add(pr.at(key), "required",
                     std::string("de verplichte partij \"") + key + "\" (" + role_label_nl(key) + ") ontbreekt");
          continue;
        }
        Party party = party_from(*pv, pr.at(key), issues);
        if (std::string_view(key) == "client") p.parties.client = party;
        else if (std::string_view(key) == "contractor") p.parties.contractor = party;
        else p.parties.assurer = party;
      }
      if (const json::value* d = pr.find("designer")) p.parties.designer = party_from(*d, pr.at("designer"), issues);
    }
  } else {
    detail::missing_member(issues, r.path(), "parties", "client, contractor en assurer");
  }

  // Independence that the project itself can disprove, register or not: the
  // assurer is not the same legal entity as the builder, client or designer.
  if (p.parties.assurer.kvk) {
    const std::pair<const char*, const Party*> others[] = {{"contractor", &p.parties.contractor},
                                                           {"client", &p.parties.client},
                                                           {"designer", p.parties.designer ? &*p.parties.designer : nullptr}};
    for (const auto& [role, other] : others)
      if (other && other->kvk == p.parties.assurer.kvk)
        issues.add(r.at("parties") + ".assurer.kvk", "assurer-independence",
                   "de kwaliteitsborger heeft hetzelfde KvK-nummer (" + *p.parties.assurer.kvk + ") als de " +
                       role_label_nl(role) +
                       "; een kwaliteitsborger moet onafhankelijk zijn van de partijen bij het bouwwerk (Bkl art. 3.82)");
  }

  if (r.find("unit_ids")) {
    p.unit_ids = r.string_list("unit_ids");
    check_unique(issues, r.at("unit_ids"), p.unit_ids, "eenheid-id");
    if (p.building.units > 0 && p.unit_ids.size() != static_cast<std::size_t>(p.building.units))
      issues.add(r.at("unit_ids"), "unit-ids-count",
                 plural_nl(static_cast<long long>(p.unit_ids.size()), "eenheid-id", "eenheid-id's") + " voor " +
                     plural_nl(p.building.units, "eenheid", "eenheden") +
                     "; geef één id per eenheid, of laat unit_ids weg voor \"1\"..\"n\"");
  } else {
    for (int i = 1; i <= p.building.units; ++i) p.unit_ids.push_back(std::to_string(i));
  }

  p.schedule = read_list<SchedulePhase>(r, "schedule", true, [&](const json::value& e, const std::string& ep) {
    SchedulePhase s;
    ObjectReader sr(e, ep, issues, "een fase van de planning");
    if (!sr.valid()) return s;
    sr.allow_only({"phase", "start", "end"});
    if (auto ph = sr.enumeration<Phase>("phase", parse_phase, kPhaseNames)) s.phase = *ph;
    auto start = sr.date("start");
    auto end = sr.date("end");
    if (start) s.start = *start;
    if (end) s.end = *end;
    if (start && end && *end < *start)
      issues.add(sr.at("end"), "schedule-dates",
                 "de fase eindigt (" + end->to_string() + ") voordat ze begint (" + start->to_string() + ")");
    return s;
  });
  if (const json::array* sa = r.array("schedule", false); sa && sa->empty())
    issues.add(r.at("schedule"), "schedule-required",
               "de planning (schedule) is leeg; geef ten minste de fasen van de uitvoering");
  for (std::size_t i = 1; i < p.schedule.size(); ++i) {
    const auto& prev = p.schedule[i - 1];
    const auto& cur = p.schedule[i];
    if (cur.phase <= prev.phase)
      issues.add(index_path(r.at("schedule"), i) + ".phase", "schedule-order",
                 "fase " + labelled_nl(cur.phase) + " staat na " + labelled_nl(prev.phase) +
                     "; noem elke fase één keer, in de volgorde " + kPhaseNames);
    else if (cur.start < prev.start)
      issues.add(index_path(r.at("schedule"), i) + ".start", "schedule-order",
                 "fase " + labelled_nl(cur.phase) + " begint vóór de fase die ervoor staat (" +
                     labelled_nl(prev.phase) + ")");
  }

  p.documents = read_list<DocumentRef>(r, "documents", false, [&](const json::value& e, const std::string& ep) {
    DocumentRef d;
    ObjectReader dr(e, ep, issues, "een document");
    if (!dr.valid()) return d;
    dr.allow_only({"kind", "status"});
    d.kind = dr.string("kind").value_or("");
    d.status = dr.string("status").value_or("");
    static const std::set<std::string, std::less<>> kStatuses{"present", "submitted", "approved", "missing"};
    if (!d.status.empty() && !kStatuses.count(d.status))
      issues.add(dr.at("status"), "allowed-value", "\"" + d.status + "\" is hier niet toegestaan; gebruik een van: " +
                                                       document_status_choices());
    return d;
  });
  p.certificates = read_list<CertificateRef>(r, "certificates", false, [&](const json::value& e, const std::string& ep) {
    return certificate_from(e, ep, issues);
  });
  p.local_conditions = r.string_list("local_conditions", false);
  read_scope(r, p, issues);
  return p;
}

json::value to_json(const Project& p) {
  json::object o;
  o["schema"] = sv(schema::project);
  o["id"] = p.id;
  o["name"] = p.name;
  json::object a;
  a["street"] = p.address.street;
  a["house_number"] = p.address.house_number;
  a["postcode"] = p.address.postcode;
  a["city"] = p.address.city;
  if (p.address.bag_id) a["bag_id"] = *p.address.bag_id;
  o["address"] = std::move(a);
  o["consequence_class"] = p.consequence_class;
  json::object b;
  b["type"] = sv(to_string(p.building.type));
  b["units"] = p.building.units;
  b["storeys"] = p.building.storeys;
  if (!p.building.construction.empty()) b["construction"] = p.building.construction;
  o["building"] = std::move(b);
  json::object parties;
  parties["client"] = party_to(p.parties.client);
  parties["contractor"] = party_to(p.parties.contractor);
  parties["assurer"] = party_to(p.parties.assurer);
  if (p.parties.designer) parties["designer"] = party_to(*p.parties.designer);
  o["parties"] = std::move(parties);
  o["unit_ids"] = to_array(p.unit_ids);
  json::array sched;
  for (const auto& s : p.schedule)
    sched.push_back(json::object{{"phase", sv(to_string(s.phase))},
                                 {"start", s.start.to_string()},
                                 {"end", s.end.to_string()}});
  o["schedule"] = std::move(sched);
  json::array docs;
  for (const auto& d : p.documents) docs.push_back(json::object{{"kind", d.kind}, {"status", d.status}});
  o["documents"] = std::move(docs);
  json::array certs;
  for (const auto& c : p.certificates) {
    json::object holder{{"name", c.holder.name}};
    if (c.holder.kvk) holder["kvk"] = *c.holder.kvk;
    certs.push_back(json::object{{"kind", c.kind},
                                 {"scheme", c.scheme},
                                 {"number", c.number},
                                 {"holder", std::move(holder)},
                                 {"valid_from", c.valid_from.to_string()},
                                 {"valid_until", c.valid_until.to_string()},
                                 {"topics", to_array(c.topics)}});
  }
  o["certificates"] = std::move(certs);
  o["local_conditions"] = to_array(p.local_conditions);
  if (p.scope) {
    json::object sc;
    for (const auto& e : scope_exclusions()) sc[e.key] = (*p.scope).*e.flag;
    o["scope"] = std::move(sc);
  }
  return o;
}

// ---- assessment ----

Assessment assessment_from_json(const json::value& v, const std::string& path, Issues& issues) {
  Assessment a;
  ObjectReader r(v, path, issues, "een risicobeoordeling");
  if (!r.valid()) return a;
  r.allow_only({"schema", "project", "risks", "not_applicable"});
  r.schema(schema::assessment);
  a.project = r.string("project").value_or("");
  a.risks = read_list<Risk>(r, "risks", true, [&](const json::value& e, const std::string& ep) {
    Risk k;
    ObjectReader kr(e, ep, issues, "een risico");
    if (!kr.valid()) return k;
    kr.allow_only({"id", "topic", "bbl_ref", "phase", "description", "likelihood", "impact", "recoverability",
                   "score", "rationale"});
    k.id = kr.string("id").value_or("");
    auto topic = kr.string("topic");
    check_topic(issues, kr.at("topic"), topic);
    k.topic = topic.value_or("");
    k.bbl_ref = kr.string("bbl_ref").value_or("");
    if (auto ph = kr.enumeration<RiskPhase>("phase", parse_risk_phase, kRiskPhaseNames)) k.phase = *ph;
    k.description = kr.string("description").value_or("");
    k.likelihood = static_cast<int>(kr.integer("likelihood", true, 1, 5).value_or(0));
    k.impact = static_cast<int>(kr.integer("impact", true, 1, 5).value_or(0));
    k.recoverability = static_cast<int>(kr.integer("recoverability", true, 1, 5).value_or(0));
    k.score = static_cast<int>(kr.integer("score", true, 1, 125).value_or(0));
    k.rationale = kr.string("rationale").value_or("");
    return k;
  });
  a.not_applicable = read_list<NotApplicable>(r, "not_applicable", false, [&](const json::value& e, const std::string& ep) {
    NotApplicable n;
    ObjectReader nr(e, ep, issues, "een onderwerp dat niet van toepassing is");
    if (!nr.valid()) return n;
    nr.allow_only({"topic", "reason"});
    auto topic = nr.string("topic");
    check_topic(issues, nr.at("topic"), topic);
    n.topic = topic.value_or("");
    n.reason = nr.string("reason").value_or("");
    return n;
  });
  return a;
}

json::value to_json(const Assessment& a) {
  json::object o;
  o["schema"] = sv(schema::assessment);
  o["project"] = a.project;
  json::array risks;
  risks.reserve(a.risks.size());
  for (const auto& k : a.risks)
    risks.push_back(json::object{{"id", k.id},
                                 {"topic", k.topic},
                                 {"bbl_ref", k.bbl_ref},
                                 {"phase", sv(to_string(k.phase))},
                                 {"description", k.description},
                                 {"likelihood", k.likelihood},
                                 {"impact", k.impact},
                                 {"recoverability", k.recoverability},
                                 {"score", k.score},
                                 {"rationale", k.rationale}});
  o["risks"] = std::move(risks);
  json::array na;
  for (const auto& n : a.not_applicable) na.push_back(json::object{{"topic", n.topic}, {"reason", n.reason}});
  o["not_applicable"] = std::move(na);
  return o;
}

// ---- sample ----

Sample sample_from_json(const json::value& v, const std::string& path, Issues& issues) {
  Sample s;
  ObjectReader r(v, path, issues, "een steekproef");
  if (!r.valid()) return s;
  r.allow_only({"schema", "project", "reference_units", "rationale", "seed"});
  r.schema(schema::sample);
  s.project = r.string("project").value_or("");
  s.reference_units = r.string_list("reference_units");
  check_unique(issues, r.at("reference_units"), s.reference_units, "referentie-eenheid");
  s.rationale = r.string("rationale").value_or("");
  s.seed = r.string("seed").value_or("");
  return s;
}

json::value to_json(const Sample& s) {
  return json::object{{"schema", sv(schema::sample)},
                      {"project", s.project},
                      {"reference_units", to_array(s.reference_units)},
                      {"rationale", s.rationale},
                      {"seed", s.seed}};
}

// ---- plan ----

Plan plan_from_json(const json::value& v, const std::string& path, Issues& issues) {
  Plan p;
  ObjectReader r(v, path, issues, "een borgingsplan");
  if (!r.valid()) return p;
  r.allow_only({"schema", "project", "controls", "inspections"});
  r.schema(schema::plan);
  p.project = r.string("project").value_or("");
  p.controls = read_list<Control>(r, "controls", true, [&](const json::value& e, const std::string& ep) {
    Control c;
    ObjectReader cr(e, ep, issues, "een controle");
    if (!cr.valid()) return c;
    cr.allow_only({"id", "risk", "topic", "bbl_ref", "method", "phase", "units", "evidence", "performed_by"});
    c.id = cr.string("id").value_or("");
    c.risk = cr.string("risk").value_or("");
    auto topic = cr.string("topic");
    check_topic(issues, cr.at("topic"), topic);
    c.topic = topic.value_or("");
    c.bbl_ref = cr.string("bbl_ref").value_or("");
    if (auto m = cr.enumeration<ControlMethod>("method", parse_control_method, kMethodNames)) c.method = *m;
    if (auto ph = cr.enumeration<Phase>("phase", parse_phase, kPhaseNames)) c.phase = *ph;
    c.units = cr.string_list("units");
    check_unique(issues, cr.at("units"), c.units, "eenheid");
    c.evidence = cr.string("evidence").value_or("");
    if (auto pb = cr.enumeration<Performer>("performed_by", parse_performer, kPerformerNames)) c.performed_by = *pb;
    return c;
  });
  p.inspections = read_list<Inspection>(r, "inspections", true, [&](const json::value& e, const std::string& ep) {
    Inspection i;
    ObjectReader ir(e, ep, issues, "een bijwoonmoment");
    if (!ir.valid()) return i;
    ir.allow_only({"id", "phase", "date", "units", "controls"});
    i.id = ir.string("id").value_or("");
    if (auto ph = ir.enumeration<Phase>("phase", parse_phase, kPhaseNames)) i.phase = *ph;
    if (auto d = ir.date("date")) i.date = *d;
    i.units = ir.string_list("units");
    check_unique(issues, ir.at("units"), i.units, "eenheid");
    i.controls = ir.string_list("controls");
    check_unique(issues, ir.at("controls"), i.controls, "controle");
    return i;
  });
  return p;
}

json::value to_json(const Plan& p) {
  json::object o;
  o["schema"] = sv(schema::plan);
  o["project"] = p.project;
  json::array controls;
  controls.reserve(p.controls.size());
  for (const auto& c : p.controls)
    controls.push_back(json::object{{"id", c.id},
                                    {"risk", c.risk},
                                    {"topic", c.topic},
                                    {"bbl_ref", c.bbl_ref},
                                    {"method", sv(to_string(c.method))},
                                    {"phase", sv(to_string(c.phase))},
                                    {"units", to_array(c.units)},
                                    {"evidence", c.evidence},
                                    {"performed_by", sv(to_string(c.performed_by))}});
  o["controls"] = std::move(controls);
  json::array insp;
  for (const auto& i : p.inspections)
    insp.push_back(json::object{{"id", i.id},
                                {"phase", sv(to_string(i.phase))},
                                {"date", i.date.to_string()},
                                {"units", to_array(i.units)},
                                {"controls", to_array(i.controls)}});
  o["inspections"] = std::move(insp);
  return o;
}

// ---- findings ----

Findings findings_from_json(const json::value& v, const std::string& path, Issues& issues) {
  Findings f;
  ObjectReader r(v, path, issues, "een bestand met bevindingen");
  if (!r.valid()) return f;
  r.allow_only({"schema", "project", "findings"});
  r.schema(schema::findings);
  f.project = r.string("project").value_or("");
  f.findings = read_list<Finding>(r, "findings", true, [&](const json::value& e, const std::string& ep) {
    Finding x;
    ObjectReader fr(e, ep, issues, "een bevinding");
    if (!fr.valid()) return x;
    fr.allow_only({"control", "unit", "result", "note", "assessed_by", "date"});
    x.control = fr.string("control").value_or("");
    x.unit = fr.string("unit", false);
    if (auto res = fr.enumeration<FindingResult>("result", parse_finding_result, kResultNames)) x.result = *res;
    x.note = fr.string("note", false, true).value_or("");
    x.assessed_by = fr.string("assessed_by").value_or("");
    if (auto d = fr.date("date")) x.date = *d;
    return x;
  });
  return f;
}

json::value to_json(const Findings& f) {
  json::array list;
  list.reserve(f.findings.size());
  for (const auto& x : f.findings) {
    json::object o{{"control", x.control},
                   {"result", sv(to_string(x.result))},
                   {"note", x.note},
                   {"assessed_by", x.assessed_by},
                   {"date", x.date.to_string()}};
    if (x.unit) o["unit"] = *x.unit;
    list.push_back(std::move(o));
  }
  return json::object{{"schema", sv(schema::findings)}, {"project", f.project}, {"findings", std::move(list)}};
}

// ---- decision ----

Decision decision_from_json(const json::value& v, const std::string& path, Issues& issues) {
  Decision d;
  ObjectReader r(v, path, issues, "een oordeel van de kwaliteitsborger");
  if (!r.valid()) return d;
  r.allow_only({"schema", "project", "outcome", "grounds", "measures"});
  r.schema(schema::decision);
  d.project = r.string("project").value_or("");
  if (auto o = r.enumeration<Outcome>("outcome", parse_outcome, kOutcomeNames)) d.outcome = *o;
  d.grounds = read_list<Ground>(r, "grounds", true, [&](const json::value& e, const std::string& ep) {
    Ground g;
    ObjectReader gr(e, ep, issues, "een grond");
    if (!gr.valid()) return g;
    gr.allow_only({"control", "unit", "topic", "bbl_ref", "result", "explanation"});
    g.control = gr.string("control").value_or("");
    g.unit = gr.string("unit", false);
    auto topic = gr.string("topic");
    check_topic(issues, gr.at("topic"), topic);
    g.topic = topic.value_or("");
    g.bbl_ref = gr.string("bbl_ref").value_or("");
    if (auto res = gr.enumeration<FindingResult>("result", parse_finding_result, kResultNames)) g.result = *res;
    g.explanation = gr.string("explanation").value_or("");
    return g;
  });
  d.measures = read_list<Measure>(r, "measures", true, [&](const json::value& e, const std::string& ep) {
    Measure m;
    ObjectReader mr(e, ep, issues, "een maatregel");
    if (!mr.valid()) return m;
    mr.allow_only({"risk", "controls", "description"});
    m.risk = mr.string("risk").value_or("");
    m.controls = mr.string_list("controls");
    m.description = mr.string("description", false).value_or("");
    return m;
  });
  return d;
}

json::value to_json(const Decision& d) {
  json::array grounds;
  for (const auto& g : d.grounds) {
    json::object o{{"control", g.control},
                   {"topic", g.topic},
                   {"bbl_ref", g.bbl_ref},
                   {"result", sv(to_string(g.result))},
                   {"explanation", g.explanation}};
    if (g.unit) o["unit"] = *g.unit;
    grounds.push_back(std::move(o));
  }
  json::array measures;
  for (const auto& m : d.measures) {
    json::object o{{"risk", m.risk}, {"controls", to_array(m.controls)}};
    if (!m.description.empty()) o["description"] = m.description;
    measures.push_back(std::move(o));
  }
  return json::object{{"schema", sv(schema::decision)},
                      {"project", d.project},
                      {"outcome", sv(to_string(d.outcome))},
                      {"grounds", std::move(grounds)},
                      {"measures", std::move(measures)}};
}

}  // namespace wkb
