// The lifecycle's write commands as the law runs them (docs/store.md#lifecycle):
// the melder's bouwmelding (Bbl art. 2.18) and its renewal, the mededeling
// start bouw (Bbl art. 7.7), meldingen tijdens de bouw (Bkl art. 3.86),
// information requests of the bevoegd gezag, the kwaliteitsborger's close
// (verklaring or melding strijdigheid), the melder's gereedmelding (Bbl art.
// 2.21) and the bevoegd gezag's decision on use. Each is one transaction,
// checked before it writes (Impl::lock), recorded in the audit trail.
#include <boost/json.hpp>

#include <algorithm>

#include "store_impl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/decision_table.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace json = boost::json;
using namespace detail;
using wkb::host::InputError;

namespace {

void check_actor(const std::string& by, const std::string& what) {
  check_text("de naam bij --by", by, TextKind::line, Limits::kNameChars);
  if (is_blank(by))
    throw InputError("voor " + what + " is de naam nodig van wie het vastlegt; geef --by NAAM of zet WKB_USER");
}

void check_free(const std::string& field, const std::string& value, bool required, const std::string& how) {
  check_text(field, value, TextKind::free, Limits::kTextChars);
  if (required && is_blank(value)) throw InputError(field + " ontbreekt; " + how);
}

Date date_of(const std::string& at) { return *Date::parse(at.substr(0, 10)); }

// Monday 0 ... Sunday 6; 1970-01-01 was a Thursday.
int weekday(const Date& d) { return ((d.days() % 7) + 7 + 3) % 7; }
Date plus_working_days(Date d, int n) {
  while (n > 0) {
    d = d.plus_days(1);
    if (weekday(d) < 5) --n;
  }
  return d;
}

// What a bouwmelding must hold beside the melder (Bbl art. 2.19 as the issue
// reads it): the location by address or BAG id, the kwaliteitsborger, the
// instrument, the risicobeoordeling and the borgingsplan.
void check_bouwmelding(const std::string& id, const PlanVersion& v, const std::string& instrument) {
  std::vector<std::string> missing;
  const Address& a = v.project.address;
  if ((is_blank(a.street) || is_blank(a.house_number) || is_blank(a.city)) && !a.bag_id)
    missing.push_back("het adres van het bouwwerk (straat, huisnummer en plaats) of het BAG-id (projectbestand)");
  if (is_blank(v.project.parties.assurer.name))
    missing.push_back("de kwaliteitsborger (parties.assurer in het projectbestand)");
  if (instrument.empty()) missing.push_back("het instrument voor kwaliteitsborging");
  if (v.assessment.risks.empty() && v.assessment.not_applicable.empty()) missing.push_back("de risicobeoordeling");
  if (v.plan.controls.empty()) missing.push_back("het borgingsplan (het heeft geen beheersmaatregelen)");
  if (missing.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? "; " : "") + missing[i];
  throw InputError("de bouwmelding voor project " + quote(id) + " is onvolledig: er ontbreekt " + list +
                       ". Vul het projectbestand aan (`wkb project replan " + id + " --project BESTAND`)",
                   "bouwmelding-incomplete");
}

std::string recipient_nl(const std::string& r) {
  if (r == "client") return "opdrachtgever";
  if (r == "contractor") return "aannemer";
  if (r == "competent-authority") return "bevoegd gezag";
  return r;
}

}  // namespace

LifecycleEvent ProjectStore::Impl::add_event(Ctx& c, const std::string& step, const json::object& payload) {
  LifecycleEvent e;
  sql() << "SELECT COUNT(*) FROM lifecycle_events WHERE project_id = :p", soci::into(e.seq), soci::use(c.project);
  for (const auto& rows : c.pending)
    for (const auto& r : rows)
      if (&r.table() == &kLifecycleEvents) ++e.seq;
  ++e.seq;
  e.step = step;
  e.payload_json = serialize_canonical(payload);
  e.by = c.actor;
  e.at = c.at;
  Row row(kLifecycleEvents);
  row.set("project_id", c.project)
      .set("seq", static_cast<long long>(e.seq))
      .set("step", step)
      .set("payload", e.payload_json)
      .set("made_by", c.actor)
      .set("made_at", c.at);
  record(c, std::move(row), "lifecycle", {{"seq", e.seq}, {"step", step}});
  return e;
}

Date ProjectStore::Impl::notified_on(const std::string& id) {
  std::string at;
  for (const Row& n : select_rows(sql(), kNotifications, id)) at = n.text("made_at");
  for (const Row& e : select_rows(sql(), kLifecycleEvents, id, "step = 'renotification'")) at = e.text("made_at");
  if (at.empty()) throw InputError("project " + quote(id) + " heeft geen bouwmelding");
  return date_of(at);
}

Notification ProjectStore::notify(const std::string& id, const Melder& melder, const std::string& by) {
  check_actor(by, "een bouwmelding");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  const State next = transition(id, c.state, Action::notify);
  const PlanVersion current = s.current_plan(id, c.plan_version);
  check_bouwmelding(id, current, c.row.text("instrument_id"));
  // The borgingsplan names who carries out each activity and who is
  // eindverantwoordelijk (the TloKB's summary; the article is not confirmed,
  // docs/staff.md#sources): without them it is no borgingsplan to file.
  const auto assigned = s.assignment(id);
  check_plan_staffed(id, current, assigned, s.current_staff(), *Date::parse(c.at.substr(0, 10)));
  Notification n;
  n.plan_version = current.version;
  n.by = by;
  n.at = c.at;
  n.melder = melder;
  // The bouwmelding is filed at least 4 weeks before building starts (Bbl art. 2.18).
  const Date today = date_of(c.at);
  std::optional<SchedulePhase> first;
  for (const auto& p : current.project.schedule)
    if (p.phase != Phase::design && (!first || p.start < first->start)) first = p;
  if (first && first->start < today.plus_days(28)) {
    const int days = first->start.days() - today.days();
    const std::string start = date_nl(first->start.to_string());
    const std::string phase = "de eerste bouwfase (" + label_nl(first->phase) + ")";
    if (days >= 0)
      n.warnings.push_back(
          {"notify-late", phase + " begint op " + start + ", " +
                              (days == 0 ? "de dag van deze bouwmelding" : plural_nl(days, "dag", "dagen") +
                                                                               " na deze bouwmelding") +
                              "; de bouwmelding hoort ten minste 4 weken (28 dagen) voor de start van de bouw "
                              "te worden gedaan (Bbl art. 2.18). Bevindingen over de uitvoering kunnen pas vanaf " +
                              date_nl(today.plus_days(28).to_string()) + " worden vastgelegd; pas de planning aan "
                              "(`wkb project replan " + id + " --project BESTAND`)"});
    else
      n.warnings.push_back(
          {"notify-after-start", phase + " is al op " + start + " begonnen, " + plural_nl(-days, "dag", "dagen") +
                                     " voor deze bouwmelding; de bouwmelding hoort ten minste 4 weken (28 dagen) "
                                     "voor de start van de bouw te worden gedaan (Bbl art. 2.18). Meld dit aan het "
                                     "bevoegd gezag"});
  }
  const json::object package{{"schema", "wkb.bouwmelding/1"},
                             {"project", parse_json(write(current.project), "project")},
                             {"assessment", parse_json(write(current.assessment), "assessment")},
                             {"plan", parse_json(write(current.plan), "plan")},
                             {"plan_version", current.version},
                             {"instrument", {{"id", c.row.text("instrument_id")},
                                             {"version", current.instrument_version}}},
                             {"melder", parse_json(melder_json(melder), "melder")},
                             {"staff", parse_json(assignment_json(*assigned), "personen")},
                             {"notified_at", c.at},
                             {"recorded_by", by}};
  n.package_json = serialize_canonical(package);
  json::array warnings;
  for (const auto& w : n.warnings) warnings.push_back(json::object{{"code", w.code}, {"message", w.message}});
  Row row(kNotifications);
  row.set("project_id", id)
      .set("plan_version", static_cast<long long>(n.plan_version))
      .set("package_json", n.package_json)
      .set("warnings", serialize_canonical(warnings))
      .set("made_by", by)
      .set("made_at", c.at);
  s.record(c, std::move(row), "notification",
           {{"plan_version", n.plan_version}, {"warnings", warnings}, {"melder", melder.builder.name}});
  s.change_state(c, next);
  s.save(c);
  tx.commit();
  return n;
  WKB_STORE_CATCH
}

LifecycleEvent ProjectStore::renotify(const std::string& id, const Melder& melder, const std::string& refused,
                                      const std::string& by) {
  check_actor(by, "een nieuwe bouwmelding");
  check_free("de reden van de weigering (--refused)", refused, false, "");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::renotify);
  const Date since = s.notified_on(id);
  const Date today = date_of(c.at);
  bool started = false;
  for (const Row& e : select_rows(s.sql(), kLifecycleEvents, id, "step = 'start'")) started = !e.text("made_at").empty();
  const bool lapsed = !started && today > since.plus_days(365);
  if (!lapsed && is_blank(refused))
    throw InputError("de bouwmelding van project " + quote(id) + " van " + date_nl(since.to_string()) +
                         " geldt nog (tot " + date_nl(since.plus_days(365).to_string()) +
                         ", als de bouw niet begint: Bbl art. 2.18 lid 2); een nieuwe bouwmelding is nodig als zij "
                         "vervallen is, of als het bevoegd gezag haar heeft geweigerd: geef dan --refused TEKST",
                     "bouwmelding-in-force");
  const PlanVersion current = s.current_plan(id, c.plan_version);
  check_bouwmelding(id, current, c.row.text("instrument_id"));
  LifecycleEvent e = s.add_event(c, "renotification",
                                 {{"melder", parse_json(melder_json(melder), "melder")},
                                  {"plan_version", current.version},
                                  {"previous", since.to_string()},
                                  {"reason", lapsed ? "lapsed" : "refused"},
                                  {"refused", refused}});
  s.save(c);
  tx.commit();
  return e;
  WKB_STORE_CATCH
}

LifecycleEvent ProjectStore::start(const std::string& id, const Date& start, const std::string& by) {
  check_actor(by, "de mededeling start bouw");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::start);
  for (const Row& e : select_rows(s.sql(), kLifecycleEvents, id, "step = 'start'"))
    throw InputError("de start van de bouw van project " + quote(id) + " is al vastgelegd op " +
                         datetime_nl(e.text("made_at")) + "; een project heeft één mededeling start bouw",
                     "start-recorded");
  const Date since = s.notified_on(id), today = date_of(c.at);
  const Date earliest_law = since.plus_days(28), earliest_notice = plus_working_days(today, 2);
  const Date earliest = std::max(earliest_law, earliest_notice);
  if (start < earliest)
    throw InputError("de bouw van project " + quote(id) + " kan niet op " + date_nl(start.to_string()) +
                         " beginnen: de bouwmelding van " + date_nl(since.to_string()) +
                         " gaat ten minste 4 weken voor de start (Bbl art. 2.18), en de start wordt ten minste twee "
                         "werkdagen vooraf meegedeeld (Bbl art. 7.7). De vroegst mogelijke datum is " +
                         date_nl(earliest.to_string()),
                     "start-too-early");
  if (start > since.plus_days(365))
    throw InputError("de bouwmelding van project " + quote(id) + " van " + date_nl(since.to_string()) +
                         " vervalt als de bouw niet binnen een jaar begint (Bbl art. 2.18 lid 2), en " +
                         date_nl(start.to_string()) + " ligt daarna; doe een nieuwe bouwmelding (`wkb project notify " +
                         id + " --renew --melder BESTAND`)",
                     "bouwmelding-lapsed");
  LifecycleEvent e = s.add_event(c, "start", {{"date", start.to_string()}});
  s.save(c);
  tx.commit();
  return e;
  WKB_STORE_CATCH
}

DeviationNotice ProjectStore::notify_deviation(const std::string& id, const DeviationRequest& r) {
  check_actor(r.by, "een melding tijdens de bouw");
  check_free("de toelichting (--explanation)", r.explanation, true,
             "een melding legt uit wat er afwijkt en wat er nu moet gebeuren: geef --explanation TEKST");
  if (r.recipients.empty())
    throw InputError("een melding tijdens de bouw gaat naar ten minste de opdrachtgever en de aannemer; geef "
                     "--to client --to contractor (en --to competent-authority als de afwijking de verklaring in de "
                     "weg kan staan)",
                     "melding-without-recipients");
  if (r.parts.empty())
    throw InputError("een melding tijdens de bouw noemt de onderdelen die afwijken; geef --part CONTROLE[:EENHEID]");
  for (const auto& x : r.recipients)
    if (x != "client" && x != "contractor" && x != "competent-authority")
      throw InputError("onbekende ontvanger " + quote(x) + "; kies client, contractor of competent-authority");
  auto has = [&](const char* who) { return std::find(r.recipients.begin(), r.recipients.end(), who) != r.recipients.end(); };
  if (!has("client") || !has("contractor"))
    throw InputError("een melding tijdens de bouw gaat onverwijld naar de opdrachtgever en de aannemer (Bkl art. "
                     "3.86); geef --to client en --to contractor",
                     "melding-recipients");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, r.by);
  transition(id, c.state, Action::deviation_notice);
  const PlanVersion current = s.current_plan(id, c.plan_version);
  Findings f;
  f.project = id;
  for (auto& x : s.findings(id)) f.findings.push_back(x.finding);
  const auto status = wkb::finding_status(current.plan, f);
  DeviationNotice n;
  json::array parts;
  for (const auto& [control, unit] : r.parts) {
    const std::string name = quote(control) + (unit.empty() ? "" : " (eenheid " + quote(unit) + ")");
    const FindingStatus* st = nullptr;
    for (const auto& x : status)
      if (x.control->id == control && x.unit.value_or("") == unit) st = &x;
    if (!st)
      throw InputError("beheersmaatregel " + name + " staat niet in het borgingsplan van project " + quote(id) +
                       "; `wkb project show " + id + "` toont de beheersmaatregelen en hun eenheden");
    if (!st->latest || st->latest->result == FindingResult::conform || st->latest->result == FindingResult::repaired)
      throw InputError("beheersmaatregel " + name + " wijkt niet af: " +
                           (st->latest ? "de laatste bevinding is " + label_nl(st->latest->result)
                                       : std::string("er is nog geen bevinding")) +
                           "; een melding tijdens de bouw gaat over een bevinding open, bewijs ontbreekt of "
                           "onherstelbaar",
                       "melding-not-deviation");
    if (st->latest->result == FindingResult::unrepairable && !has("competent-authority"))
      throw InputError("beheersmaatregel " + name + " is onherstelbaar en staat daarmee de verklaring in de weg; de "
                       "melding gaat dan ook naar het bevoegd gezag (Bkl art. 3.86): geef --to competent-authority",
                       "melding-needs-authority");
    NoticePart part{control, unit, st->control->topic, st->control->bbl_ref, st->latest->result};
    n.parts.push_back(part);
    parts.push_back({{"control", control}, {"unit", unit}, {"topic", part.topic}, {"bbl_ref", part.bbl_ref},
                     {"result", std::string(to_string(part.result))}});
  }
  json::array to;
  for (const auto& x : r.recipients) to.push_back(json::value(x));
  const LifecycleEvent e =
      s.add_event(c, "deviation-notice", {{"recipients", to}, {"parts", parts}, {"explanation", r.explanation}});
  n.seq = e.seq;
  n.number = 1;
  for (const auto& x : s.events(id))
    if (x.step == "deviation-notice") ++n.number;
  n.recipients = r.recipients;
  n.explanation = r.explanation;
  n.by = r.by;
  n.at = c.at;
  s.save(c);
  tx.commit();
  return n;
  WKB_STORE_CATCH
}

LifecycleEvent ProjectStore::information_request(const std::string& id, const std::string& question,
                                                 const std::string& by) {
  check_actor(by, "een informatieverzoek");
  check_free("de vraag van het bevoegd gezag (--question)", question, true, "geef --question TEKST");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::information_request);
  int number = 1;
  for (const auto& x : s.events(id))
    if (x.step == "info-request") ++number;
  LifecycleEvent e = s.add_event(c, "info-request", {{"number", number}, {"question", question}});
  e.seq = number;  // what the caller shows and answers by
  s.save(c);
  tx.commit();
  return e;
  WKB_STORE_CATCH
}

LifecycleEvent ProjectStore::information_answer(const std::string& id, int request, const std::string& answer,
                                                const std::string& by) {
  check_actor(by, "een antwoord op een informatieverzoek");
  check_free("het antwoord (--answer)", answer, true, "geef --answer TEKST");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::information_request);
  bool found = false, answered = false;
  for (const auto& e : s.events(id)) {
    if (e.step == "info-request" &&
        parse_json(e.payload_json, "stap").as_object().at("number").as_int64() == request)
      found = true;
    if (e.step == "info-answer" &&
        parse_json(e.payload_json, "stap").as_object().at("request").as_int64() == request)
      answered = true;
  }
  if (!found)
    throw InputError("project " + quote(id) + " heeft geen informatieverzoek " + std::to_string(request) +
                     "; `wkb project show " + id + "` toont de verzoeken met hun nummer");
  if (answered)
    throw InputError("informatieverzoek " + std::to_string(request) + " van project " + quote(id) +
                     " is al beantwoord; een antwoord wordt niet overschreven");
  LifecycleEvent e = s.add_event(c, "info-answer", {{"request", request}, {"answer", answer}});
  s.save(c);
  tx.commit();
  return e;
  WKB_STORE_CATCH
}

Closure ProjectStore::close(const std::string& id, const CloseRequest& r) {
  check_free("het verslag van de inspanning (--effort)", r.effort, false, "");
  check_free("de reden waarom niet tijdens de bouw is gemeld (--not-notified)", r.not_notified, false, "");
  check_actor(r.by, "een afsluiting");
  check_text("de plaats (--place)", r.declaration.place, TextKind::line, Limits::kNameChars);
  check_text("de eindverantwoordelijke (--responsible)", r.declaration.responsible, TextKind::line,
             Limits::kNameChars);
  check_text("de licentie (--licence)", r.declaration.licence, TextKind::line, Limits::kNameChars);
  const bool has_effort = !is_blank(r.effort);
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, r.by);
  transition(id, c.state, Action::close);  // the checks common to both ways of closing
  const auto decisions = s.decisions(id);
  if (decisions.empty())
    throw InputError("project " + quote(id) + " heeft nog geen oordeel; voer eerst `wkb project evaluate " + id +
                     "` uit");
  const StoredDecision& d = decisions.back();
  int findings = 0;
  s.sql() << "SELECT COUNT(*) FROM findings WHERE project_id = :p", soci::into(findings), soci::use(id);
  if (d.plan_version != c.plan_version || d.findings_count != findings)
    throw InputError("het laatste oordeel over project " + quote(id) + " is verouderd (het borgingsplan of de "
                     "bevindingen zijn sindsdien gewijzigd); voer `wkb project evaluate " + id + "` opnieuw uit");
  Closure cl;
  cl.decision_seq = d.seq;
  cl.from_outcome = d.decision.outcome;
  cl.by = r.by;
  cl.at = c.at;
  switch (d.decision.outcome) {
    case Outcome::declaration:
      if (r.notice)
        throw InputError("het oordeel over project " + quote(id) + " is een verklaring; een melding strijdigheid "
                         "vraagt een onherstelbare bevinding of openstaande punten. Sluit af zonder --notice");
      cl.kind = Outcome::declaration;
      break;
    case Outcome::non_compliance_notice:
      cl.kind = Outcome::non_compliance_notice;
      break;
    case Outcome::open_items:
      if (!r.notice)
        throw InputError("het oordeel over project " + quote(id) + " heeft " +
                         plural_nl(static_cast<long long>(d.decision.grounds.size()), "openstaand punt",
                                   "openstaande punten") +
                         "; een verklaring is niet mogelijk. Los ze op (`wkb finding add " + id + " ... --result "
                         "repaired`) en voer `wkb project evaluate " + id + "` opnieuw uit, of sluit af zonder "
                         "verklaring met --notice --effort TEKST (de schriftelijke verantwoording van de geleverde "
                         "inspanning)");
      if (!has_effort)
        throw InputError("openstaande punten omzetten in een melding strijdigheid vraagt --effort TEKST: een "
                         "schriftelijke verantwoording van de inspanning die is geleverd om ze op te lossen");
      cl.kind = Outcome::non_compliance_notice;
      cl.effort = r.effort;
      break;
    case Outcome::incomplete:
      throw InputError("het oordeel over project " + quote(id) + " is onvolledig: voor sommige "
                       "beheersmaatregelen is nog geen bevinding vastgelegd; leg ze vast (`wkb finding add " + id +
                       "`) en voer `wkb project evaluate " + id + "` opnieuw uit");
  }
  DeclarationDetails decl = r.declaration;
  const auto events = s.events(id);
  if (cl.kind == Outcome::declaration) {
    // The verklaring is signed by the eindverantwoordelijke the borgingsplan
    // names (docs/staff.md); only a project from before schema version 5,
    // which has no assignment, takes any name.
    if (const auto assigned = s.assignment(id); assigned && assigned->responsible) {
      const auto& who = *assigned->responsible;
      if (is_blank(decl.responsible))
        decl.responsible = who.name;
      else if (decl.responsible != who.name && decl.responsible != who.person)
        throw InputError("de verklaring van project " + quote(id) + " wordt ondertekend door de eindverantwoordelijke "
                         "die het borgingsplan noemt, " + who.name + " (" + who.person + "), niet door " +
                             quote(decl.responsible) + "; laat --responsible weg, of wijs eerst een andere "
                             "eindverantwoordelijke toe met `wkb project assign " + id + " --responsible PERSOON`",
                         "responsible-assigned");
      else
        decl.responsible = who.name;
    }
    if (is_blank(decl.place) || is_blank(decl.responsible))
      throw InputError("een verklaring noemt de plaats en de eindverantwoordelijke die haar ondertekent (Bkl art. "
                       "3.86); geef --place PLAATS en --responsible NAAM",
                       "declaration-incomplete");
  } else {
    // Every ground of the notice must have been notified during construction
    // (Bkl art. 3.86), or the close says why not.
    std::vector<std::string> unnotified;
    for (const auto& g : d.decision.grounds) {
      bool told = false;
      for (const auto& e : events) {
        if (e.step != "deviation-notice") continue;
        const json::object p = parse_json(e.payload_json, "stap").as_object();
        for (const auto& part : p.at("parts").as_array())
          if (part.at("control").as_string() == g.control && part.at("unit").as_string() == g.unit.value_or(""))
            told = true;
      }
      if (!told) unnotified.push_back(quote(g.control) + (g.unit ? " (eenheid " + quote(*g.unit) + ")" : ""));
    }
    if (!unnotified.empty() && is_blank(r.not_notified)) {
      std::string list;
      for (std::size_t i = 0; i < unnotified.size(); ++i) list += (i ? ", " : "") + unnotified[i];
      throw InputError("de melding strijdigheid van project " + quote(id) + " noemt " + list +
                           ", maar daarover is tijdens de bouw geen melding gedaan (Bkl art. 3.86). Doe die eerst "
                           "(`wkb melding " + id + " --part CONTROLE[:EENHEID] --to client --to contractor --to "
                           "competent-authority --explanation TEKST`), of leg met --not-notified TEKST uit waarom niet",
                       "notice-not-notified");
    }
  }
  const std::string kind(to_string(cl.kind)), from(to_string(cl.from_outcome));
  Row row(kClosures);
  row.set("project_id", id)
      .set("kind", kind)
      .set("decision_seq", static_cast<long long>(cl.decision_seq))
      .set("from_outcome", from)
      .set("effort", cl.effort)
      .set("made_by", r.by)
      .set("made_at", c.at);
  s.record(c, std::move(row), "closure", {{"kind", kind}, {"from_outcome", from}, {"decision_seq", cl.decision_seq}});
  if (cl.kind == Outcome::declaration) {
    cl.declaration = decl;
    s.add_event(c, "declaration", {{"place", decl.place}, {"responsible", decl.responsible},
                                   {"licence", decl.licence}});
    s.change_state(c, State::declared);
  } else {
    cl.not_notified = r.not_notified;
    s.add_event(c, "notice", {{"not_notified", r.not_notified}});
    s.change_state(c, State::closed_without_declaration);
  }
  s.save(c);
  tx.commit();
  return cl;
  WKB_STORE_CATCH
}

Completion ProjectStore::complete(const std::string& id, const Completion& in, const std::string& by) {
  check_actor(by, "een gereedmelding");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::complete);
  std::vector<std::string> missing;
  for (const auto& i : in.items)
    if (i.status == "missing")
      for (const auto& [key, name] : dossier_item_names())
        if (key == i.key) missing.push_back(name + " (\"" + key + "\")");
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
    throw InputError("de gereedmelding van project " + quote(id) + " is onvolledig: in het dossier bevoegd gezag " +
                         (missing.size() == 1 ? "ontbreekt " : "ontbreken ") + list +
                         " (Bbl art. 2.21). Geef per onderdeel het document (\"present\") of waarom het niet van "
                         "toepassing is (\"not-applicable\")",
                     "completion-items-missing");
  }
  const Date today = date_of(c.at), use = *Date::parse(in.intended_use);
  if (use < today.plus_days(14))
    throw InputError("de gereedmelding van project " + quote(id) + " gaat ten minste twee weken voor de "
                         "ingebruikname (Bbl art. 2.21); " + date_nl(use.to_string()) + " is te vroeg, de vroegst "
                         "mogelijke datum van ingebruikname is " + date_nl(today.plus_days(14).to_string()),
                     "completion-too-late");
  std::optional<Melder> melder;
  const auto record = s.record(id);
  if (record.notification) melder = record.notification->melder;
  Completion out = in;
  out.filed_by = melder ? melder->builder.name : "";
  out.by = by;
  out.at = c.at;
  s.add_event(c, "completion", {{"intended_use", out.intended_use}, {"filed_by", out.filed_by},
                                {"items", completion_items_json(out.items)}});
  s.change_state(c, State::completed);
  s.save(c);
  tx.commit();
  return out;
  WKB_STORE_CATCH
}

LifecycleEvent ProjectStore::use_decision(const std::string& id, const std::string& decision, const std::string& by) {
  check_actor(by, "het besluit over ingebruikname");
  check_free("het besluit (--decision)", decision, true, "geef --decision TEKST: wat het bevoegd gezag besloot");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  Impl::Ctx c = s.lock(id, by);
  transition(id, c.state, Action::use_decision);
  LifecycleEvent e = s.add_event(c, "use-decision", {{"decision", decision}});
  s.save(c);
  tx.commit();
  return e;
  WKB_STORE_CATCH
}

std::string recipients_nl(const std::vector<std::string>& recipients) {
  std::string out;
  for (std::size_t i = 0; i < recipients.size(); ++i)
    out += (i == 0 ? "" : i + 1 == recipients.size() ? " en " : ", ") + recipient_nl(recipients[i]);
  return out;
}

}  // namespace wkb::store
