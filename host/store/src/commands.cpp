// The store's write commands: each is one transaction that checks the
// project before writing (Impl::lock), then writes every row it makes in one
// multi-row insert per table (Impl::save), and returns what the CLI prints.
#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>

#include "store_impl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/pipeline.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;
using namespace detail;
using wkb::host::InputError;

namespace {

json::object risk_json(const Risk& r) {
  return {{"likelihood", r.likelihood}, {"impact", r.impact}, {"recoverability", r.recoverability}, {"score", r.score}};
}

void check_name(const std::string& field, const std::string& value) {
  check_text(field, value, TextKind::line, Limits::kNameChars);
}

// Every text of a project file: its id and name as lines, unit ids as ids,
// the rest as free text; and the number of units within the limit, before a
// plugin sees it.
void check_project(const Project& p) {
  check_text("het projectid", p.id, TextKind::line, Limits::kIdChars);
  check_name("de projectnaam", p.name);
  if (is_blank(p.id)) throw InputError("het project heeft geen id; geef \"id\" in het projectbestand");
  if (is_blank(p.name))
    throw InputError("project " + quote(p.id) + " heeft geen naam; geef \"name\" in het projectbestand");
  if (p.unit_ids.size() > Limits::kUnitsPerProject)
    throw InputError("project " + quote(p.id) + " heeft " + plural_nl(static_cast<long long>(p.unit_ids.size()),
                     "eenheid", "eenheden") + "; de grens is " + number_nl(Limits::kUnitsPerProject) +
                     " eenheden per project (zie docs/store.md, Grenzen)");
  for (const auto& u : p.unit_ids) check_text("eenheid " + quote(u), u, TextKind::line, Limits::kIdChars);
  // Whatever else the file holds, walked as JSON so that no field is missed.
  std::function<void(const json::value&, const std::string&)> walk = [&](const json::value& v, const std::string& at) {
    if (v.is_string()) check_text("projectveld " + at, std::string(v.as_string()), TextKind::free, Limits::kTextChars);
    if (v.is_array())
      for (std::size_t i = 0; i < v.as_array().size(); ++i) walk(v.as_array()[i], at + "[" + std::to_string(i) + "]");
    if (v.is_object())
      for (const auto& kv : v.as_object()) walk(kv.value(), at + "." + std::string(kv.key()));
  };
  walk(parse_json(write(p), "project"), "$");
}

// `what`: what is recorded, as in "voor <what> is de naam nodig".
void check_actor(const std::string& by, const std::string& what) {
  check_name("de naam bij --by", by);
  if (is_blank(by))
    throw InputError("voor " + what + " is de naam nodig van wie het vastlegt; geef --by NAAM of zet WKB_USER");
}

}  // namespace

Findings ProjectRecord::findings_message() const {
  Findings f;
  f.project = summary.id;
  for (const auto& s : findings) f.findings.push_back(s.finding);
  return f;
}

std::string plugin_files_sha256(const wkb::host::Manifest& manifest) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(manifest.folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file())
      files.emplace_back(fs::relative(it->path(), manifest.folder).generic_string(),
                         wkb::host::sha256_file(it->path()));
  std::sort(files.begin(), files.end());
  std::string text;
  for (const auto& [name, hash] : files) text += name + " " + hash + "\n";
  return wkb::host::sha256_hex(text);
}

ProjectStore::ProjectStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProjectStore::~ProjectStore() = default;

std::unique_ptr<ProjectStore> ProjectStore::open(const std::string& db, bool create, int lock_timeout_ms) {
  if (!create) {
    const Target t = parse_target(db);
    std::error_code ec;
    if (t.backend == Backend::sqlite && !std::filesystem::exists(t.connect, ec))
      throw InputError("opslag " + t.display + " bestaat niet; controleer --db of WKB_DB (alleen " +
                       "`wkb project create` maakt een nieuwe opslag)");
  }
  return std::unique_ptr<ProjectStore>(new ProjectStore(std::make_unique<Impl>(db, lock_timeout_ms)));
}

std::string ProjectStore::backend() const { return impl_->postgresql() ? "postgresql" : "sqlite"; }
std::string ProjectStore::display() const { return impl_->db.display(); }
int ProjectStore::schema_version() const { return impl_->db.schema_version(); }
void ProjectStore::set_step_hook(std::function<void(const std::string&)> hook) { impl_->hook = std::move(hook); }

Created ProjectStore::create(const Project& project, const std::string& instrument_id, const InstrumentLoader& load,
                             const std::string& by, const std::optional<AssignRequest>& staff) {
  check_project(project);
  check_actor(by, "een nieuw project");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  int exists = 0;
  s.sql() << "SELECT COUNT(*) FROM projects WHERE id = :id", soci::into(exists), soci::use(project.id);
  if (exists)
    throw InputError("project " + quote(project.id) + " bestaat al in opslag " + s.db.display() +
                     "; leg een gewijzigd ontwerp of een gewijzigde planning vast met `wkb project replan " +
                     project.id + " --project BESTAND`");
  auto& instrument = load(instrument_id);
  const Description& d = instrument.description();
  Impl::Ctx c = s.fresh(project, d, by);
  // Certificates count as valid on the day of this command (its audit time).
  instrument.set_assessment_date(*Date::parse(c.at.substr(0, 10)));
  s.audit(c, "created", {{"name", project.name}, {"instrument", d.id}, {"instrument_version", d.version},
                         {"project_sha256", wkb::host::sha256_hex(write(project))}});
  s.step("project-written");
  Created out;
  {
    Impl::Recorder rec(s, c, instrument);
    const Assessment a = instrument.assess(project);
    out.plan = s.make_plan(instrument, project, a, "create");
  }
  s.insert_plan_version(c, out.plan);
  s.change_state(c, transition(project.id, c.state, Action::plan));
  if (staff) s.assign_in(c, out.plan, *staff, d);
  s.save(c);
  tx.commit();
  out.summary = s.summary_of(c.row, out.plan.instrument_version);
  return out;
  WKB_STORE_CATCH
}

PlanUpdate ProjectStore::override_risk(const std::string& id, const OverrideRequest& r, const InstrumentLoader& load) {
  check_text("de motivering (--motivation)", r.motivation, TextKind::free, Limits::kTextChars);
  if (is_blank(r.motivation))
    throw InputError("een afwijking van de risicoscore vraagt een schriftelijke motivering (--motivation TEKST): "
                     "waarom de score afwijkt van die van het instrument");
  check_actor(r.by, "een afwijking van de risicoscore");
  check_text("het risico (--risk)", r.risk, TextKind::line, Limits::kIdChars);
  if (!r.likelihood && !r.impact && !r.recoverability)
    throw InputError("een afwijking van de risicoscore wijzigt ten minste een van --likelihood (kans), --impact "
                     "(effect) en --recoverability (herstelbaarheid)");
  for (const auto& [name, v] : {std::pair{"likelihood", r.likelihood}, std::pair{"impact", r.impact},
                                std::pair{"recoverability", r.recoverability}})
    if (v && (*v < 1 || *v > 5))
      throw InputError(std::string("--") + name + " " + std::to_string(*v) +
                       " ligt buiten het bereik; geef een waarde van 1 tot en met 5");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, r.by);
  transition(id, c.state, Action::override_risk);
  PlanUpdate out;
  out.previous = s.current_plan(id, c.plan_version);
  Assessment a = out.previous.assessment;
  auto it = std::find_if(a.risks.begin(), a.risks.end(), [&](const Risk& k) { return k.id == r.risk; });
  if (it == a.risks.end()) {
    std::string ids;
    for (const auto& k : a.risks) ids += (ids.empty() ? "" : ", ") + k.id;
    throw InputError("project " + quote(id) + " heeft geen risico " + quote(r.risk) + "; de risico's zijn: " +
                     (ids.empty() ? "geen" : ids));
  }
  const Risk before = *it;
  if (r.likelihood) it->likelihood = *r.likelihood;
  if (r.impact) it->impact = *r.impact;
  if (r.recoverability) it->recoverability = *r.recoverability;
  it->score = it->likelihood * it->impact * it->recoverability;
  const Risk after = *it;
  auto& instrument = load(c.row.text("instrument_id"));
  // Certificates count as valid on the day of this command (its audit time).
  instrument.set_assessment_date(*Date::parse(c.at.substr(0, 10)));
  // The stored assessment was made with the certificates valid then. One
  // that has lapsed since may still lower a score in it, while the plan made
  // now would no longer check it (the plugin does not see it): re-assess first.
  if (const auto then = Date::parse(out.previous.created_at.substr(0, 10))) {
    const Date now = instrument.assessment_date();
    for (const auto& cert : out.previous.project.certificates)
      if (cert.valid_on(*then) && !cert.valid_on(now))
        for (const auto& k : a.risks)
          if (cert.covers(k.topic))
            throw InputError("project " + quote(id) + ": " + certificate_ref_nl(cert) + " gold bij borgingsplan versie " +
                                 std::to_string(out.previous.version) + " maar niet meer op " +
                                 date_nl(now.to_string()) + "; de risicobeoordeling kan er nog op steunen (" + k.id +
                                 "). Maak eerst een nieuw borgingsplan met `wkb project replan " + id +
                                 "`, dan telt het certificaat niet meer mee, en wijk daarna af van de score",
                             "certificate-expired");
  }
  {
    Impl::Recorder rec(s, c, instrument);
    out.current = s.make_plan(instrument, out.previous.project, a, "risk override " + r.risk);
  }
  s.check_findings_fit(id, out.previous.project, out.current.plan);
  s.insert_plan_version(c, out.current);
  RiskOverride o{0, out.current.version, before, after, r.motivation, r.by, c.at};
  s.sql() << "SELECT COUNT(*) FROM overrides WHERE project_id = :p", soci::into(o.seq), soci::use(id);
  ++o.seq;
  Row row(kOverrides);
  row.set("project_id", id)
      .set("seq", static_cast<long long>(o.seq))
      .set("plan_version", static_cast<long long>(o.plan_version))
      .set("risk_id", r.risk)
      .set("before_json", serialize_canonical(risk_json(before)))
      .set("after_json", serialize_canonical(risk_json(after)))
      .set("motivation", r.motivation)
      .set("made_by", r.by)
      .set("made_at", c.at);
  s.record(c, std::move(row), "override",
           {{"seq", o.seq}, {"risk", r.risk}, {"before", risk_json(before)}, {"after", risk_json(after)},
            {"motivation", r.motivation}, {"plan_version", o.plan_version}});
  s.save(c);
  tx.commit();
  out.override_made = o;
  return out;
  WKB_STORE_CATCH
}

PlanUpdate ProjectStore::replan(const std::string& id, const std::optional<Project>& changed, const std::string& reason,
                                const InstrumentLoader& load, const std::string& by,
                                const std::optional<AssignRequest>& staff) {
  if (changed && changed->id != id)
    throw InputError("het projectbestand hoort bij project " + quote(changed->id) + ", niet bij " + quote(id) +
                     "; een project houdt zijn id. Geef het projectbestand van " + quote(id));
  if (changed) check_project(*changed);
  check_text("de reden (--reason)", reason, TextKind::free, Limits::kTextChars);
  check_actor(by, "een herziening van het borgingsplan");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::replan);
  PlanUpdate out;
  out.previous = s.current_plan(id, c.plan_version);
  const Project project = changed ? *changed : out.previous.project;
  auto& instrument = load(c.row.text("instrument_id"));
  // Certificates count as valid on the day of this command (its audit time).
  instrument.set_assessment_date(*Date::parse(c.at.substr(0, 10)));
  json::array carried;
  {
    Impl::Recorder rec(s, c, instrument);
    Assessment a = instrument.assess(project);
    // An assurer's recorded deviation holds until overridden again.
    for (const auto& o : s.overrides(id))
      for (auto& k : a.risks)
        if (k.id == o.after.id) {
          k.likelihood = o.after.likelihood;
          k.impact = o.after.impact;
          k.recoverability = o.after.recoverability;
          k.score = k.likelihood * k.impact * k.recoverability;
          carried.push_back(json::value(k.id));
        }
    out.current = s.make_plan(instrument, project, a, reason.empty() ? "replan" : "replan: " + reason);
  }
  s.check_findings_fit(id, project, out.current.plan);
  s.insert_plan_version(c, out.current);
  s.audit(c, "replan", {{"reason", reason}, {"project_changed", changed.has_value()},
                        {"project_sha256", wkb::host::sha256_hex(write(project))}, {"overrides_kept", carried}});
  if (changed) c.row.set("name", changed->name);
  if (staff) s.assign_in(c, out.current, *staff, instrument.description());
  s.save(c);
  tx.commit();
  return out;
  WKB_STORE_CATCH
}

FindingsAdded ProjectStore::add_findings(const std::string& id, const std::vector<Finding>& list,
                                         const std::string& by, bool is_import) {
  check_actor(by, "het vastleggen van bevindingen");
  if (list.size() > Limits::kFindingsPerImport)
    throw InputError(number_nl(static_cast<double>(list.size())) + " bevindingen in één keer; de grens is " +
                     number_nl(Limits::kFindingsPerImport) +
                     " bevindingen per import (zie docs/store.md, Grenzen). Splits het bestand");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string n = "bevinding " + std::to_string(i + 1) + " ($.findings[" + std::to_string(i) + "])";
    check_text(n + ": de beheersmaatregel", list[i].control, TextKind::line, Limits::kIdChars);
    check_text(n + ": de eenheid", list[i].unit.value_or(""), TextKind::line, Limits::kIdChars);
    check_text(n + ": de notitie", list[i].note, TextKind::free, Limits::kTextChars);
    check_name(n + ": wie beoordeelde (assessed_by)", list[i].assessed_by);
  }
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  const State next = transition(id, c.state, Action::add_finding);
  const PlanVersion current = s.current_plan(id, c.plan_version);
  Findings f;
  f.project = id;
  f.findings = list;
  Issues issues;
  // An unknown control points to `wkb project show ID` (host/src/rules.cpp).
  wkb::host::check_findings(current.project, current.plan, f, issues);
  for (std::size_t i = 0; i < list.size(); ++i)
    if (is_blank(list[i].assessed_by))
      issues.add("$.findings[" + std::to_string(i) + "].assessed_by", "assessed-by",
                 "een bevinding noemt wie haar beoordeelde: het personeelsnummer van de kwaliteitsborger (\"assessed_by\", of --by NUMMER bij `wkb finding add`)");
  // Findings by qualified people: each is assessed by an active person of
  // the project's assurer with a role that fits (docs/store.md#staff); a
  // contractor's own check too, since the assurer assesses it.
  {
    std::vector<wkb::host::StaffMember> staff;
    for (auto& [person, v] : s.current_staff()) staff.push_back(std::move(v.person));
    check_assessors(list, current.plan, current.project.parties.assurer.kvk.value_or(""), staff, issues);
  }
  // A finding's date lies between the bouwmelding and the store's clock; one
  // about the execution waits four weeks after the bouwmelding (Bbl art. 2.18).
  const Date notified = s.notified_on(id), today = *Date::parse(c.at.substr(0, 10));
  const Date execution_from = notified.plus_days(28);
  const std::string range = "toegestaan: van " + date_nl(notified.to_string()) + " (de bouwmelding) tot en met " +
                            date_nl(today.to_string()) + " (vandaag volgens de klok van de opslag)";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "$.findings[" + std::to_string(i) + "].date";
    const Date d = list[i].date;
    if (d > today)
      issues.add(path, "finding-in-future",
                 "de datum " + date_nl(d.to_string()) + " ligt na vandaag; een bevinding wordt vastgelegd nadat ze "
                 "is gedaan (" + range + ")");
    else if (d < notified)
      issues.add(path, "finding-before-notification",
                 "de datum " + date_nl(d.to_string()) + " ligt voor de bouwmelding (" + range + ")");
    else if (d < execution_from) {
      const Control* control = current.plan.control(list[i].control);
      if (control && control->phase != Phase::design)
        issues.add(path, "finding-before-start",
                   "bevindingen over de uitvoering (" + label_nl(control->phase) + ") volgen op de start van de "
                   "bouw, ten minste 4 weken na de bouwmelding van " + date_nl(notified.to_string()) +
                   " (Bbl art. 2.18); mogelijk vanaf " + date_nl(execution_from.to_string()));
    }
  }
  if (!issues.empty()) throw ValidationError("bevindingen voor project " + quote(id), issues.list());
  if (list.empty())
    throw InputError("er zijn geen bevindingen gegeven voor project " + quote(id) +
                     "; het bevindingenbestand bevat er ten minste één");
  // Nothing is stored twice: the same file again is refused, and findings
  // identical to stored ones (every field) are not stored again.
  const std::string content = wkb::host::sha256_hex(write(f));
  int imports = 0;
  for (const Row& r : select_rows(s.sql(), kFindingImports, id)) {
    ++imports;
    if (is_import && r.text("content_sha256") == content)
      throw InputError("deze bevindingen zijn al geïmporteerd voor project " + quote(id) + " op " +
                           datetime_nl(r.text("made_at")) + " (import " + std::to_string(r.int32("seq")) +
                           ", dezelfde inhoud); er is niets opnieuw vastgelegd",
                       "duplicate-import");
  }
  const auto stored = s.findings(id);
  auto same = [](const Finding& a, const Finding& b) {
    return a.control == b.control && a.unit == b.unit && a.result == b.result && a.date == b.date &&
           a.note == b.note && a.assessed_by == b.assessed_by;
  };
  std::vector<const Finding*> fresh;
  for (const auto& x : list) {
    const bool known = std::any_of(stored.begin(), stored.end(), [&](const StoredFinding& y) { return same(x, y.finding); }) ||
                       std::any_of(fresh.begin(), fresh.end(), [&](const Finding* y) { return same(x, *y); });
    if (!known) fresh.push_back(&x);
  }
  if (fresh.empty())
    throw InputError(std::string(list.size() == 1 ? "deze bevinding is" : "al deze bevindingen zijn") +
                         " al vastgelegd voor project " + quote(id) + "; er is niets opnieuw vastgelegd",
                     "duplicate-findings");
  int seq = static_cast<int>(stored.size());
  if (static_cast<std::size_t>(seq) + fresh.size() > Limits::kFindingsPerProject)
    throw InputError("project " + quote(id) + " zou " + number_nl(static_cast<double>(seq + fresh.size())) +
                     " bevindingen krijgen; de grens is " + number_nl(Limits::kFindingsPerProject) +
                     " per project (zie docs/store.md, Grenzen)");
  for (const Finding* p : fresh) {
    const Finding& x = *p;
    ++seq;
    const std::string unit = x.unit.value_or(""), result(to_string(x.result)), date = x.date.to_string();
    Row row(kFindings);
    row.set("project_id", id)
        .set("seq", static_cast<long long>(seq))
        .set("control_id", x.control)
        .set("unit_id", unit)
        .set("result", result)
        .set("note", x.note)
        .set("assessed_by", x.assessed_by)
        .set("finding_date", date)
        .set("recorded_at", c.at);
    s.record(c, std::move(row), "finding",
             {{"seq", seq}, {"control", x.control}, {"unit", unit}, {"result", result}, {"date", date}});
    s.step("finding-written");
  }
  if (is_import) {
    Row row(kFindingImports);
    row.set("project_id", id)
        .set("seq", static_cast<long long>(imports + 1))
        .set("content_sha256", content)
        .set("findings", static_cast<long long>(list.size()))
        .set("new_findings", static_cast<long long>(fresh.size()))
        .set("made_by", by)
        .set("made_at", c.at);
    s.record(c, std::move(row), "findings-import",
             {{"seq", imports + 1}, {"findings", list.size()}, {"new_findings", fresh.size()}});
  }
  s.change_state(c, next);
  s.save(c);
  tx.commit();
  return {static_cast<int>(fresh.size()), static_cast<int>(list.size() - fresh.size()), c.state};
  WKB_STORE_CATCH
}

StoredDecision ProjectStore::evaluate(const std::string& id, const InstrumentLoader& load, const std::string& by) {
  check_actor(by, "een oordeel");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::evaluate);
  const PlanVersion current = s.current_plan(id, c.plan_version);
  Findings f;
  f.project = id;
  for (auto& x : s.findings(id)) f.findings.push_back(x.finding);
  auto& instrument = load(c.row.text("instrument_id"));
  // Certificates count as valid on the day of this command (its audit time).
  instrument.set_assessment_date(*Date::parse(c.at.substr(0, 10)));
  StoredDecision d;
  {
    Impl::Recorder rec(s, c, instrument);
    d.decision = wkb::host::evaluate_findings(instrument, current.project, current.plan, f,
                                              "de vastgelegde bevindingen van project " + quote(id));
  }
  s.sql() << "SELECT COUNT(*) FROM decisions WHERE project_id = :p", soci::into(d.seq), soci::use(id);
  ++d.seq;
  d.plan_version = current.version;
  d.findings_count = static_cast<int>(f.findings.size());
  d.by = by;
  d.at = c.at;
  const std::string outcome(to_string(d.decision.outcome));
  Row row(kDecisions);
  row.set("project_id", id)
      .set("seq", static_cast<long long>(d.seq))
      .set("plan_version", static_cast<long long>(d.plan_version))
      .set("findings_count", static_cast<long long>(d.findings_count))
      .set("outcome", outcome)
      .set("decision_json", write(d.decision))
      .set("made_by", by)
      .set("made_at", c.at);
  s.record(c, std::move(row), "decision", {{"seq", d.seq}, {"outcome", outcome}, {"plan_version", d.plan_version},
                                           {"findings_count", d.findings_count}});
  s.save(c);
  tx.commit();
  return d;
  WKB_STORE_CATCH
}

}  // namespace wkb::store
