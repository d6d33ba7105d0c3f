// The lifecycle after the bouwmelding (docs/store.md#lifecycle): the
// mededeling start bouw, meldingen tijdens de bouw, information requests of
// the bevoegd gezag, the melder's gereedmelding and the bevoegd gezag's
// decision on use. The store does the work (wkb::store); this file parses,
// calls and renders.
#include <boost/json.hpp>

#include <filesystem>
#include <iostream>

#include "command.hpp"
#include "render_nl.hpp"
#include "store_access.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/html.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/store/project_store.hpp"
#include "wkb/store/text.hpp"

namespace wkb::cli {
namespace {

namespace json = boost::json;

json::object notice_json(const std::string& id, const store::DeviationNotice& n) {
  json::array to, parts;
  for (const auto& x : n.recipients) to.push_back(json::value(x));
  for (const auto& p : n.parts)
    parts.push_back({{"control", p.control}, {"unit", p.unit}, {"topic", p.topic}, {"bbl_ref", p.bbl_ref},
                     {"result", to_string(p.result)}});
  return {{"schema", "wkb.melding/1"}, {"project", id},         {"number", n.number},
          {"at", n.at},                {"by", n.by},            {"recipients", to},
          {"parts", parts},            {"explanation", n.explanation}};
}

// The formulier voor informatieverstrekking strijdigheid, for people.
std::string notice_html(const std::string& id, const store::DeviationNotice& n) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>Melding " +
                  host::html_escape(id) + " nr. " + std::to_string(n.number) +
                  "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:"
                  "collapse}td,th{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}"
                  "@page{size:A4;margin:18mm 15mm}@media print{thead{display:table-header-group}tr{break-inside:"
                  "avoid}}</style>\n</head>\n<body>\n<h1>Melding van een afwijking tijdens de bouw</h1>\n";
  h += "<p>Project " + host::html_escape(id) + ", melding " + std::to_string(n.number) + " van " + host::html_escape(datetime_nl(n.at)) +
       ", door de kwaliteitsborger (" + host::html_escape(n.by) + "), aan: " + host::html_escape(store::recipients_nl(n.recipients)) + ".</p>\n";
  h += "<table>\n<thead><tr><th scope=\"col\">Beheersmaatregel</th><th scope=\"col\">Eenheid</th><th scope=\"col\">"
       "Onderwerp</th><th scope=\"col\">Bbl</th><th scope=\"col\">Resultaat</th></tr></thead>\n<tbody>\n";
  for (const auto& p : n.parts)
    h += "<tr><td>" + host::html_escape(p.control) + "</td><td>" + host::html_escape(p.unit.empty() ? "hele project" : p.unit) + "</td><td>" +
         host::html_escape(topic_label_nl(p.topic)) + "</td><td>" + host::html_escape(p.bbl_ref) + "</td><td>" + host::html_escape(label_nl(p.result)) +
         "</td></tr>\n";
  h += "</tbody>\n</table>\n<h2>Toelichting van de kwaliteitsborger</h2>\n<p>" + host::html_escape(n.explanation) + "</p>\n";
  h += "</body>\n</html>\n";
  return h;
}

int cmd_project_start(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  const Date date = *Date::parse(ctx.require("date"));
  auto st = open_store(ctx);
  const auto e = st->start(id, date, ctx.actor());
  if (ctx.global().json)
    print_json(ctx, json::object{{"project", id}, {"step", e.step}, {"at", e.at}, {"date", date.to_string()}});
  else
    ctx.out() << "Mededeling start bouw voor project " << id << ": de bouw begint op " << date_nl(date.to_string())
              << " (vastgelegd op " << datetime_nl(e.at) << ").\n";
  return host::kExitOk;
}

int cmd_melding(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  store::DeviationRequest req;
  for (const auto& p : ctx.all("part")) {
    const auto colon = p.find(':');
    req.parts.emplace_back(p.substr(0, colon), colon == std::string::npos ? "" : p.substr(colon + 1));
  }
  req.recipients = ctx.all("to");
  req.explanation = ctx.get("explanation").value_or("");
  req.by = ctx.actor();
  const auto out = ctx.get("out");
  auto st = open_store(ctx);
  const auto n = st->notify_deviation(id, req);
  const json::object j = notice_json(id, n);
  if (out) {
    const std::filesystem::path dir(*out);
    std::filesystem::create_directories(dir);
    const std::string base = "melding-" + std::to_string(n.number);
    host::write_text_file_atomic(dir / (base + ".json"), serialize_canonical(j) + "\n");
    host::write_text_file_atomic(dir / (base + ".html"), notice_html(id, n));
  }
  if (ctx.global().json) {
    print_json(ctx, j);
  } else {
    ctx.out() << "Melding " << n.number << " voor project " << id << " gedaan op " << datetime_nl(n.at) << " aan "
              << store::recipients_nl(n.recipients) << " ("
              << plural_nl(static_cast<long long>(n.parts.size()), "onderdeel", "onderdelen") << ")"
              << (out ? "; " + *out + "/melding-" + std::to_string(n.number) + ".html en .json" : std::string()) << ".\n";
  }
  return host::kExitOk;
}

int cmd_request_add(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  auto st = open_store(ctx);
  const auto e = st->information_request(id, ctx.get("question").value_or(""), ctx.actor());
  if (ctx.global().json)
    print_json(ctx, json::object{{"project", id}, {"request", e.seq}, {"at", e.at}});
  else
    ctx.out() << "Informatieverzoek " << e.seq << " van het bevoegd gezag vastgelegd voor project " << id
              << "; leg het antwoord vast met `wkb request answer " << id << " --number " << e.seq
              << " --answer TEKST`.\n";
  return host::kExitOk;
}

int cmd_request_answer(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  const int number = std::stoi(ctx.require("number"));
  auto st = open_store(ctx);
  const auto e = st->information_answer(id, number, ctx.get("answer").value_or(""), ctx.actor());
  if (ctx.global().json)
    print_json(ctx, json::object{{"project", id}, {"request", number}, {"at", e.at}});
  else
    ctx.out() << "Antwoord op informatieverzoek " << number << " van project " << id << " vastgelegd op "
              << datetime_nl(e.at) << ".\n";
  return host::kExitOk;
}

int cmd_project_complete(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  const std::string file = ctx.require("file");
  const store::Completion in = store::parse_completion(host::read_text_file(file), file);
  auto st = open_store(ctx);
  const auto c = st->complete(id, in, ctx.actor());
  if (ctx.global().json) {
    json::array items;
    for (const auto& i : c.items)
      items.push_back({{"key", i.key}, {"status", i.status}, {"document", i.document}, {"reason", i.reason}});
    print_json(ctx, json::object{{"project", id}, {"state", "completed"}, {"at", c.at},
                                 {"intended_use", c.intended_use}, {"filed_by", c.filed_by}, {"items", items}});
  } else {
    ctx.out() << "Gereedmelding voor project " << id << " door " << (c.filed_by.empty() ? "de melder" : c.filed_by)
              << " op " << datetime_nl(c.at) << ", met de verklaring van de kwaliteitsborger; ingebruikname op "
              << date_nl(c.intended_use) << ".\n";
  }
  return host::kExitOk;
}

int cmd_use_decision(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  auto st = open_store(ctx);
  const auto e = st->use_decision(id, ctx.get("decision").value_or(""), ctx.actor());
  if (ctx.global().json)
    print_json(ctx, json::object{{"project", id}, {"step", e.step}, {"at", e.at}});
  else
    ctx.out() << "Besluit van het bevoegd gezag over de ingebruikname van project " << id << " vastgelegd op "
              << datetime_nl(e.at) << ".\n";
  return host::kExitOk;
}

}  // namespace

std::vector<Command> lifecycle_commands() {
  const Argument id{"ID", "het projectnummer (zie \"wkb project list\")"};
  Option date = cmdline::typed_option("date", "DATUM", "de dag waarop de bouw begint", ValueKind::date);
  date.required = true;
  Option part{"part", "CONTROLE[:EENHEID]", "een onderdeel dat afwijkt: de beheersmaatregel, met de eenheid erachter"};
  part.repeatable = true;
  part.required = true;
  Option to = cmdline::choice_option("to", "ONTVANGER", "wie de melding krijgt",
                                     {"client", "contractor", "competent-authority"});
  to.choice_labels = {"opdrachtgever", "aannemer", "bevoegd gezag"};
  to.repeatable = true;
  Option explanation{"explanation", "TEKST", "wat er afwijkt en wat er nu moet gebeuren"};
  explanation.required = true;
  Option out =
      cmdline::typed_option("out", "MAP", "schrijf de melding als HTML en JSON in deze map", ValueKind::out_dir);
  Option question{"question", "TEKST", "de vraag van het bevoegd gezag"};
  question.required = true;
  Option answer{"answer", "TEKST", "het antwoord"};
  answer.required = true;
  Option number = cmdline::number_option("number", "N", "het nummer van het informatieverzoek", 1, 1000000);
  number.required = true;
  Option file = cmdline::file_option("file", "BESTAND",
                                     "de gereedmelding: ingebruikname en dossier bevoegd gezag (wkb.gereedmelding/1)");
  file.required = true;
  Option decision{"decision", "TEKST", "wat het bevoegd gezag besloot over de ingebruikname"};
  decision.required = true;
  return {
      {{.name = "project start",
        .summary = "de mededeling start bouw: de dag waarop de bouw begint",
        .details = "Ten minste 4 weken na de bouwmelding (Bbl art. 2.18) en ten minste twee werkdagen vooraf\n"
                   "(Bbl art. 7.7); binnen een jaar na de bouwmelding, anders is een nieuwe nodig.",
        .arguments = {id},
        .options = {date, by_option()}},
       cmd_project_start},
      {{.name = "melding",
        .summary = "meld een afwijking tijdens de bouw aan opdrachtgever, aannemer en zo nodig het bevoegd gezag",
        .details = "Over bevindingen open, bewijs ontbreekt of onherstelbaar (Bkl art. 3.86). Een onherstelbaar\n"
                   "onderdeel staat de verklaring in de weg: de melding gaat dan ook naar het bevoegd gezag.",
        .arguments = {id},
        .options = {part, to, explanation, out, by_option()}},
       cmd_melding},
      {{.name = "request add",
        .summary = "leg een informatieverzoek van het bevoegd gezag tijdens de bouw vast",
        .arguments = {id},
        .options = {question, by_option()}},
       cmd_request_add},
      {{.name = "request answer",
        .summary = "leg het antwoord op een informatieverzoek vast",
        .arguments = {id},
        .options = {number, answer, by_option()}},
       cmd_request_answer},
      {{.name = "project complete",
        .summary = "de gereedmelding van de melder, met de verklaring en het dossier bevoegd gezag",
        .details = "Na de verklaring, ten minste twee weken voor de ingebruikname (Bbl art. 2.21). Elk onderdeel\n"
                   "van het dossier is aanwezig (met document) of niet van toepassing (met reden); een\n"
                   "gereedmelding met ontbrekende onderdelen wordt geweigerd.",
        .arguments = {id},
        .options = {file, by_option()}},
       cmd_project_complete},
      {{.name = "project use-decision",
        .summary = "leg het besluit van het bevoegd gezag over ingebruikname vast (na afsluiten zonder verklaring)",
        .arguments = {id},
        .options = {decision, by_option()}},
       cmd_use_decision},
  };
}

}  // namespace wkb::cli
