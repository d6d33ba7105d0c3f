// Canonical JSON text of the contract messages, written directly (see
// canonical_writer.hpp). Members are listed in byte order of their keys;
// what is optional here is optional in to_json() too.
#include <algorithm>

#include "canonical_writer.hpp"
#include "wkb/sdk/codec.hpp"

namespace wkb {
namespace {

using W = detail::CanonicalWriter;

void party(W& w, const Party& p) {
  w.begin_object();
  if (p.kvk) {
    w.key("kvk");
    w.value(*p.kvk);
  }
  w.key("name");
  w.value(p.name);
  if (p.is_private) {
    w.key("private");
    w.value(*p.is_private);
  }
  w.end_object();
}

void project(W& w, const Project& p) {
  w.begin_object();
  w.key("address");
  w.begin_object();
  if (p.address.bag_id) {
    w.key("bag_id");
    w.value(*p.address.bag_id);
  }
  w.key("city");
  w.value(p.address.city);
  w.key("house_number");
  w.value(p.address.house_number);
  w.key("postcode");
  w.value(p.address.postcode);
  w.key("street");
  w.value(p.address.street);
  w.end_object();
  w.key("building");
  w.begin_object();
  if (!p.building.construction.empty()) {
    w.key("construction");
    w.value(p.building.construction);
  }
  w.key("storeys");
  w.value(p.building.storeys);
  w.key("type");
  w.value(to_string(p.building.type));
  w.key("units");
  w.value(p.building.units);
  w.end_object();
  w.key("certificates");
  w.begin_array();
  for (const auto& c : p.certificates) {
    w.begin_object();
    w.key("holder");
    w.begin_object();
    if (c.holder.kvk) {
      w.key("kvk");
      w.value(*c.holder.kvk);
    }
    w.key("name");
    w.value(c.holder.name);
    w.end_object();
    w.key("kind");
    w.value(c.kind);
    w.key("number");
    w.value(c.number);
    w.key("scheme");
    w.value(c.scheme);
    w.key("topics");
    w.strings(c.topics);
    w.key("valid_from");
    w.value(c.valid_from.to_string());
    w.key("valid_until");
    w.value(c.valid_until.to_string());
    w.end_object();
  }
  w.end_array();
  w.key("consequence_class");
  w.value(p.consequence_class);
  w.key("documents");
  w.begin_array();
  for (const auto& d : p.documents) {
    w.begin_object();
    w.key("kind");
    w.value(d.kind);
    w.key("status");
    w.value(d.status);
    w.end_object();
  }
  w.end_array();
  w.key("id");
  w.value(p.id);
  w.key("local_conditions");
  w.strings(p.local_conditions);
  w.key("name");
  w.value(p.name);
  w.key("parties");
  w.begin_object();
  w.key("assurer");
  party(w, p.parties.assurer);
  w.key("client");
  party(w, p.parties.client);
  w.key("contractor");
  party(w, p.parties.contractor);
  if (p.parties.designer) {
    w.key("designer");
    party(w, *p.parties.designer);
  }
  w.end_object();
  w.key("schedule");
  w.begin_array();
  for (const auto& s : p.schedule) {
    w.begin_object();
    w.key("end");
    w.value(s.end.to_string());
    w.key("phase");
    w.value(to_string(s.phase));
    w.key("start");
    w.value(s.start.to_string());
    w.end_object();
  }
  w.end_array();
  w.key("schema");
  w.value(schema::project);
  if (p.scope) {
    std::vector<const ScopeExclusion*> keys;
    for (const auto& e : scope_exclusions()) keys.push_back(&e);
    std::sort(keys.begin(), keys.end(), [](const ScopeExclusion* a, const ScopeExclusion* b) { return a->key < b->key; });
    w.key("scope");
    w.begin_object();
    for (const auto* e : keys) {
      w.key(e->key);
      w.value((*p.scope).*(e->flag));
    }
    w.end_object();
  }
  w.key("unit_ids");
  w.strings(p.unit_ids);
  w.end_object();
}

void assessment(W& w, const Assessment& a) {
  w.begin_object();
  w.key("not_applicable");
  w.begin_array();
  for (const auto& n : a.not_applicable) {
    w.begin_object();
    w.key("reason");
    w.value(n.reason);
    w.key("topic");
    w.value(n.topic);
    w.end_object();
  }
  w.end_array();
  w.key("project");
  w.value(a.project);
  w.key("risks");
  w.begin_array();
  for (const auto& r : a.risks) {
    w.begin_object();
    w.key("bbl_ref");
    w.value(r.bbl_ref);
    w.key("description");
    w.value(r.description);
    w.key("id");
    w.value(r.id);
    w.key("impact");
    w.value(r.impact);
    w.key("likelihood");
    w.value(r.likelihood);
    w.key("phase");
    w.value(to_string(r.phase));
    w.key("rationale");
    w.value(r.rationale);
    w.key("recoverability");
    w.value(r.recoverability);
    w.key("score");
    w.value(r.score);
    w.key("topic");
    w.value(r.topic);
    w.end_object();
  }
  w.end_array();
  w.key("schema");
  w.value(schema::assessment);
  w.end_object();
}

void sample(W& w, const Sample& s) {
  w.begin_object();
  w.key("project");
  w.value(s.project);
  w.key("rationale");
  w.value(s.rationale);
  w.key("reference_units");
  w.strings(s.reference_units);
  w.key("schema");
  w.value(schema::sample);
  w.key("seed");
  w.value(s.seed);
  w.end_object();
}

void plan(W& w, const Plan& p) {
  w.begin_object();
  w.key("controls");
  w.begin_array();
  for (const auto& c : p.controls) {
    w.begin_object();
    w.key("bbl_ref");
    w.value(c.bbl_ref);
    w.key("evidence");
    w.value(c.evidence);
    w.key("id");
    w.value(c.id);
    w.key("method");
    w.value(to_string(c.method));
    w.key("performed_by");
    w.value(to_string(c.performed_by));
    w.key("phase");
    w.value(to_string(c.phase));
    w.key("risk");
    w.value(c.risk);
    w.key("topic");
    w.value(c.topic);
    w.key("units");
    w.strings(c.units);
    w.end_object();
  }
  w.end_array();
  w.key("inspections");
  w.begin_array();
  for (const auto& i : p.inspections) {
    w.begin_object();
    w.key("controls");
    w.strings(i.controls);
    w.key("date");
    w.value(i.date.to_string());
    w.key("id");
    w.value(i.id);
    w.key("phase");
    w.value(to_string(i.phase));
    w.key("units");
    w.strings(i.units);
    w.end_object();
  }
  w.end_array();
  w.key("project");
  w.value(p.project);
  w.key("schema");
  w.value(schema::plan);
  w.end_object();
}

void findings(W& w, const Findings& f) {
  w.begin_object();
  w.key("findings");
  w.begin_array();
  for (const auto& x : f.findings) {
    w.begin_object();
    w.key("assessed_by");
    w.value(x.assessed_by);
    w.key("control");
    w.value(x.control);
    w.key("date");
    w.value(x.date.to_string());
    w.key("note");
    w.value(x.note);
    w.key("result");
    w.value(to_string(x.result));
    if (x.unit) {
      w.key("unit");
      w.value(*x.unit);
    }
    w.end_object();
  }
  w.end_array();
  w.key("project");
  w.value(f.project);
  w.key("schema");
  w.value(schema::findings);
  w.end_object();
}

void decision(W& w, const Decision& d) {
  w.begin_object();
  w.key("grounds");
  w.begin_array();
  for (const auto& g : d.grounds) {
    w.begin_object();
    w.key("bbl_ref");
    w.value(g.bbl_ref);
    w.key("control");
    w.value(g.control);
    w.key("explanation");
    w.value(g.explanation);
    w.key("result");
    w.value(to_string(g.result));
    w.key("topic");
    w.value(g.topic);
    if (g.unit) {
      w.key("unit");
      w.value(*g.unit);
    }
    w.end_object();
  }
  w.end_array();
  w.key("measures");
  w.begin_array();
  for (const auto& m : d.measures) {
    w.begin_object();
    w.key("controls");
    w.strings(m.controls);
    if (!m.description.empty()) {
      w.key("description");
      w.value(m.description);
    }
    w.key("risk");
    w.value(m.risk);
    w.end_object();
  }
  w.end_array();
  w.key("outcome");
  w.value(to_string(d.outcome));
  w.key("project");
  w.value(d.project);
  w.key("schema");
  w.value(schema::decision);
  w.end_object();
}

void description(W& w, const Description& d) {
  w.begin_object();
  w.key("building_types");
  w.begin_array();
  for (auto t : d.building_types) w.value(to_string(t));
  w.end_array();
  w.key("competence");
  w.begin_array();
  for (const auto& c : d.competence) {
    w.begin_object();
    w.key("education");
    w.value(c.education);
    w.key("experience_criteria");
    w.value(c.experience_criteria);
    w.key("min_years_experience");
    w.value(c.min_years_experience);
    w.key("role");
    w.value(c.role);
    w.end_object();
  }
  w.end_array();
  w.key("contract");
  w.value(d.contract);
  w.key("evidence_policy");
  w.value(d.evidence_policy);
  w.key("id");
  w.value(d.id);
  w.key("name");
  w.value(d.name);
  w.key("provider");
  w.begin_object();
  w.key("kvk");
  w.value(d.provider.kvk);
  w.key("name");
  w.value(d.provider.name);
  w.end_object();
  w.key("sampling");
  w.begin_object();
  w.key("description");
  w.value(d.sampling.description);
  w.key("min_fraction");
  w.value(d.sampling.min_fraction);
  w.key("min_inspections_per_reference_unit");
  w.value(d.sampling.min_inspections_per_reference_unit);
  w.key("min_units");
  w.value(d.sampling.min_units);
  w.end_object();
  w.key("supervision");
  w.begin_object();
  w.key("audit_interval_months");
  w.value(d.supervision.audit_interval_months);
  w.key("description");
  w.value(d.supervision.description);
  w.end_object();
  w.key("thresholds");
  w.begin_object();
  w.key("control");
  w.value(d.thresholds.control);
  w.key("site_inspection");
  w.value(d.thresholds.site_inspection);
  w.end_object();
  w.key("version");
  w.value(d.version);
  w.end_object();
}

template <typename T, typename F>
std::string text(const T& message, F body) {
  std::string out;
  out.reserve(8192);
  W w(out);
  body(w, message);
  return out;
}

}  // namespace

std::string write(const Project& m) { return text(m, project); }
std::string write(const Assessment& m) { return text(m, assessment); }
std::string write(const Sample& m) { return text(m, sample); }
std::string write(const Plan& m) { return text(m, plan); }
std::string write(const Findings& m) { return text(m, findings); }
std::string write(const Decision& m) { return text(m, decision); }
std::string write(const Description& m) { return text(m, description); }

std::string write_assess_request(const Project& p) {
  std::string out;
  W w(out);
  w.begin_object();
  w.key("project");
  project(w, p);
  w.end_object();
  return out;
}

std::string write_sample_request(const Project& p, const Assessment& a) {
  std::string out;
  W w(out);
  w.begin_object();
  w.key("assessment");
  assessment(w, a);
  w.key("project");
  project(w, p);
  w.end_object();
  return out;
}

std::string write_plan_request(const Project& p, const Assessment& a, const Sample& s) {
  std::string out;
  W w(out);
  w.begin_object();
  w.key("assessment");
  assessment(w, a);
  w.key("project");
  project(w, p);
  w.key("sample");
  sample(w, s);
  w.end_object();
  return out;
}

std::string write_evaluate_request(const Project& p, const Plan& pl, const Findings& f) {
  std::string out;
  W w(out);
  w.begin_object();
  w.key("findings");
  findings(w, f);
  w.key("plan");
  plan(w, pl);
  w.key("project");
  project(w, p);
  w.end_object();
  return out;
}

}  // namespace wkb
