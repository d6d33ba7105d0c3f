// The staff register (`wkb staff add|list|show`) and the persons of a
// borgingsplan (`wkb project assign`); docs/store.md#staff. The rules live in
// the store (host/store/src/staff_store.cpp) and in wkb/host/staff.hpp; this
// file parses, calls and renders.
#include "staff_render.hpp"

#include <boost/json.hpp>

#include <iostream>

#include "command.hpp"
#include "render_nl.hpp"
#include "store_access.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/staff.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/clock.hpp"
#include "wkb/store/project_store.hpp"
#include "wkb/store/text.hpp"

namespace wkb::cli {
namespace json = boost::json;
using host::StaffMember;

namespace {

std::string active_nl(const StaffMember& p) { return "van " + host::active_dates_nl(p); }

json::value person_json(const StaffMember& p) { return parse_json(host::staff_member_json(p), "persoon"); }

int cmd_staff_add(Context& ctx) {
  const std::string file = ctx.positional(0, "BESTAND (het personeelsregister)");
  // parse_staff names the file, the JSON path and the rule of every problem.
  const host::StaffRegister reg = host::parse_staff(host::read_text_file(file), file);
  auto st = open_store(ctx, true);
  const auto added = st->add_staff(reg, ctx.actor());
  if (ctx.global().json) {
    json::array a, c;
    for (const auto& id : added.added) a.push_back(json::string(id));
    for (const auto& id : added.changed) c.push_back(json::string(id));
    print_json(ctx, json::object{{"added", a}, {"changed", c}, {"unchanged", added.unchanged}});
    return host::kExitOk;
  }
  ctx.out() << "Personeelsregister van " << reg.assurer.name << " (" << file << ") in " << st->display() << ": "
            << plural_nl(static_cast<long long>(added.added.size()), "nieuwe persoon", "nieuwe personen") << ", "
            << plural_nl(static_cast<long long>(added.changed.size()), "gewijzigde persoon (nieuwe versie)",
                         "gewijzigde personen (nieuwe versie)")
            << ", " << plural_nl(added.unchanged, "persoon", "personen") << " ongewijzigd.\n";
  return host::kExitOk;
}

int cmd_staff_list(Context& ctx) {
  std::optional<Date> on;
  if (auto d = ctx.get("on")) on = *Date::parse(*d);  // the parser checked the form
  const auto assurer = ctx.get("assurer");
  auto st = open_store(ctx);
  std::vector<StaffMember> list;
  for (auto& p : st->staff())
    if ((!on || p.active_on(*on)) && (!assurer || p.kvk == *assurer)) list.push_back(std::move(p));
  if (ctx.global().json) {
    json::array a;
    for (const auto& p : list) a.push_back(person_json(p));
    print_json(ctx, json::object{{"persons", a}});
    return host::kExitOk;
  }
  if (list.empty()) {
    ctx.out() << "Geen personen in het personeelsregister van " << st->display()
              << (on || assurer ? " die aan de selectie voldoen" : "") << ".\n";
    return host::kExitOk;
  }
  Table t({"Id", "Naam", "Rollen", "Opleiding", "Actief"});
  for (const auto& p : list) t.add({p.id, p.name, host::roles_nl(p), p.education, active_nl(p)});
  t.print(ctx.out());
  return host::kExitOk;
}

int cmd_staff_show(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het personeelsnummer)");
  auto st = open_store(ctx);
  const auto versions = st->staff_versions(id);
  if (ctx.global().json) {
    json::array a;
    for (const auto& v : versions)
      a.push_back({{"version", v.version}, {"by", v.by}, {"at", v.at}, {"person", person_json(v.person)}});
    print_json(ctx, json::object{{"id", id}, {"versions", a}});
    return host::kExitOk;
  }
  auto& out = ctx.out();
  const StaffMember& p = versions.back().person;
  out << "Persoon:     " << p.id << " " << p.name << " (KvK " << p.kvk << ")\n"
      << "Rollen:      " << host::roles_nl(p) << "\n"
      << "Opleiding:   " << p.education << "\n"
      << "Actief:      " << active_nl(p) << "\n";
  if (!p.experience.empty()) {
    out << "\nErvaring\n";
    Table t({"Gebied", "Jaren", "Leidinggevend", "Omschrijving"});
    for (const auto& e : p.experience)
      t.add({competence_area_label_nl(e.area), std::to_string(e.years), e.leading ? "ja" : "nee", e.description});
    t.print(out);
  }
  if (!p.courses.empty()) {
    out << "\nBijscholing\n";
    Table t({"Cursus", "Datum"});
    for (const auto& c : p.courses) t.add({c.name, date_nl(c.date.to_string())});
    t.print(out);
  }
  out << "\nVersies\n";
  Table t({"Versie", "Vastgelegd", "Door"});
  for (const auto& v : versions) t.add({std::to_string(v.version), datetime_nl(v.at), v.by});
  t.print(out);
  return host::kExitOk;
}

int cmd_project_assign(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  const auto req = assign_request(ctx);
  if (!req)
    throw host::UsageError("geef ten minste één --role GEBIED=PERSOON of --responsible PERSOON", "assignment-empty");
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  st->assign(id, *req, instruments.loader());
  const auto record = st->load(id);
  if (ctx.global().json) {
    print_json(ctx, json::object{{"project", id}, {"staff", staffing_json(record)}});
    return host::kExitOk;
  }
  ctx.out() << "Personen van het borgingsplan van project " << id << " vastgelegd (toewijzing "
            << record.assignment->seq << ").\n";
  render_staffing(ctx.out(), record);
  return host::kExitOk;
}

}  // namespace

std::vector<Option> assign_options() {
  Option role{"role", "GEBIED=PERSOON",
              "wie een rol van het borgingsplan uitvoert: een deskundigheidsgebied (zie docs/staff.md) en een "
              "personeelsnummer"};
  role.repeatable = true;
  return {role, {"responsible", "PERSOON", "de eindverantwoordelijke (personeelsnummer)"}};
}

std::optional<store::AssignRequest> assign_request(Context& ctx) {
  store::AssignRequest req;
  for (const auto& r : ctx.all("role")) {
    const auto eq = r.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == r.size())
      throw host::UsageError("--role " + store::quote(r) + ": geef GEBIED=PERSOON, bijvoorbeeld --role fire-safety=BT-002",
                             "role-syntax");
    req.roles.emplace_back(r.substr(0, eq), r.substr(eq + 1));
  }
  req.responsible = ctx.get("responsible").value_or("");
  if (req.roles.empty() && req.responsible.empty()) return std::nullopt;
  req.by = ctx.actor();
  return req;
}

json::object staffing_json(const store::ProjectRecord& r) {
  auto role = [](const store::RoleAssignment& x) {
    return json::object{{"role", x.role}, {"person", x.person}, {"person_version", x.person_version},
                        {"name", x.name}, {"education", x.education}};
  };
  json::array roles, unstaffed;
  if (r.assignment)
    for (const auto& x : r.assignment->roles) roles.push_back(role(x));
  for (const auto& x : r.unstaffed) unstaffed.push_back(json::string(x));
  json::object o{{"roles", roles}, {"unstaffed", unstaffed}};
  o["responsible"] = r.assignment && r.assignment->responsible ? json::value(role(*r.assignment->responsible))
                                                               : json::value(nullptr);
  return o;
}

void render_staffing(std::ostream& out, const store::ProjectRecord& r) {
  out << "\nPersonen van het borgingsplan\n";
  if (r.assignment && (!r.assignment->roles.empty() || r.assignment->responsible)) {
    Table t({"Rol", "Naam", "Id", "Opleiding"});
    for (const auto& x : r.assignment->roles) t.add({competence_area_label_nl(x.role), x.name, x.person, x.education});
    if (const auto& x = r.assignment->responsible) t.add({"eindverantwoordelijke", x->name, x->person, x->education});
    t.print(out);
  }
  if (!r.unstaffed.empty()) {
    std::string list;
    for (const auto& x : r.unstaffed)
      list += (list.empty() ? "" : ", ") +
              (x == "responsible" ? std::string("eindverantwoordelijke") : competence_area_label_nl(x));
    // Before the bouwmelding they block it; after it (a store from before
    // schema version 5, or a replan) they are still to be named.
    const bool before_notice = r.summary.state == store::State::draft || r.summary.state == store::State::planned;
    out << "  Niemand toegewezen voor: " << list << " (`wkb project assign " << r.summary.id << "`"
        << (before_notice ? "; zonder hen geen bouwmelding" : "") << ")\n";
  }
}

std::vector<Command> staff_commands() {
  const std::string note =
      "Het personeelsregister (wkb.staff/1, docs/staff.md) staat in de projectopslag (--db) met een audittrail; een "
      "gewijzigde persoon krijgt een nieuwe versie, er wordt niets overschreven.";
  Option on = cmdline::typed_option("on", "DATUM", "alleen wie op deze datum actief is", ValueKind::date);
  std::vector<Option> assign = assign_options();
  assign.push_back(by_option());
  return {
      {{.name = "staff add",
        .summary = "leg het personeelsregister van een kwaliteitsborger vast (nieuwe en gewijzigde personen)",
        .details = note + " Alle personen worden in één transactie vastgelegd, of geen enkele.",
        .arguments = {{"BESTAND", "het personeelsregister (wkb.staff/1)", false, ValueKind::file}},
        .options = {by_option()}},
       cmd_staff_add},
      {{.name = "staff list",
        .summary = "de personen van het personeelsregister: id, naam, rollen, opleiding, actief",
        .details = note,
        .options = {on, {"assurer", "KVK", "alleen de personen van de kwaliteitsborger met dit KvK-nummer"}}},
       cmd_staff_list},
      {{.name = "staff show",
        .summary = "een persoon van het personeelsregister, met ervaring, bijscholing en versies",
        .arguments = {{"ID", "het personeelsnummer (zie \"wkb staff list\")"}}},
       cmd_staff_show},
      {{.name = "project assign",
        .summary = "wijs personen uit het personeelsregister toe aan de rollen van het borgingsplan",
        .details = "Elke rol die het borgingsplan nodig heeft krijgt een persoon die voldoet aan de deskundigheid die\n"
                   "het instrument voor die rol vraagt (opleiding, jaren ervaring, leidinggevend, bijscholing); de\n"
                   "eindverantwoordelijke (--responsible) voldoet voor risicobeoordeling, borgingsplan en\n"
                   "coördinatie. Een nieuwe toewijzing vervangt de vorige; niet genoemde rollen houden hun persoon.\n"
                   "Zonder personen voor alle rollen geen bouwmelding.",
        .arguments = {{"ID", "het projectnummer (zie \"wkb project list\")"}},
        .options = assign},
       cmd_project_assign},
  };
}

}  // namespace wkb::cli
