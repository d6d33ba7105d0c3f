// Audit commands: check the audit trail and the store chain (verify), sign
// the heads (sign), re-run recorded plugin calls (replay). The checks are
// wkb::store's (host/store/src/verify.cpp); this file parses, calls and
// renders.
#include <boost/json.hpp>
#include <iostream>
#include <map>

#include "command.hpp"
#include "render_nl.hpp"
#include "store_access.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/text.hpp"

namespace wkb::cli {
namespace {

namespace json = boost::json;

// A problem found by `audit verify`, in Dutch; the English message for unknown codes.
std::string problem_nl(const store::AuditProblem& p) {
  static const std::map<std::string, std::string> tables = {
      {"plan_versions", "borgingsplan versie"}, {"findings", "bevinding"},   {"overrides", "afwijking"},
      {"decisions", "oordeel"},                 {"notifications", "bouwmelding"}, {"closures", "gereedmelding"},
      {"plugin_calls", "pluginaanroep"},        {"staff_versions", "persoon"},  {"staff_assignments", "toewijzing van personen"}};
  const std::string n = std::to_string(p.seq);
  // The staff register has no project row: its count problems say so themselves.
  if (p.project == store::kStaffAuditKey && (p.code == "project-row-altered" || p.code == "project-unrecorded"))
    return p.message;
  const auto t = tables.find(p.table);
  const std::string row = (t == tables.end() ? p.table : t->second) + (p.key.empty() ? "" : " " + p.key);
  if (p.code == "entry-removed") return "registratie " + n + " ontbreekt: er is een registratie verwijderd";
  if (p.code == "entry-altered") return "registratie " + n + " is gewijzigd: de inhoud past niet bij de hash";
  if (p.code == "entry-out-of-order")
    return "registratie " + n + " sluit niet aan op de vorige: registraties zijn verwijderd, ingevoegd of verwisseld";
  if (p.code == "log-truncated")
    return "de audittrail stopt voor registratie " + n +
           ", maar het project telt meer registraties: het einde is verwijderd";
  if (p.code == "state-mismatch") return "de status van het project is buiten wkb om gewijzigd";
  if (p.code == "plan-version-mismatch") return "de planversie van het project is buiten wkb om gewijzigd";
  if (p.code == "row-altered") return row + " wijkt af van wat registratie " + n + " vastlegde: achteraf gewijzigd";
  if (p.code == "row-unrecorded") return row + " staat niet in de audittrail: buiten wkb om toegevoegd";
  if (p.code == "row-deleted") return row + ", vastgelegd in registratie " + n + ", ontbreekt: verwijderd";
  if (p.code == "state-discontinuous")
    return "registratie " + n + " wijzigt de status vanuit een andere status dan waar de vorige wijziging eindigde";
  if (p.code == "row-orphan")
    return "tabel " + p.table + " bevat rijen van dit project, dat niet in de opslag staat: buiten wkb om toegevoegd "
           "of het project is verwijderd";
  if (p.code == "project-row-altered")
    return "de projectrij (naam, instrument, status, tellers) wijkt af van wat de keten van de opslag vastlegde: "
           "buiten wkb om gewijzigd";
  if (p.code == "project-unrecorded")
    return "het project staat niet in de keten van de opslag: buiten wkb om toegevoegd";
  if (p.code == "project-deleted") return "het project staat in de keten van de opslag maar ontbreekt: verwijderd";
  if (p.code == "chain-mismatch")
    return "de keten van de opslag legde registratie " + n + " met een andere hash vast: de audittrail is herschreven";
  if (p.code == "chain-altered" || p.code == "chain-broken")
    return "registratie " + p.key + " van de keten over alle projecten is gewijzigd of verwijderd";
  if (p.code == "head-missing")
    return "de keten van de opslag bevat de opgegeven ketenkop niet meer: de opslag is herschreven";
  if (p.code == "signature-invalid") return "ondertekening " + p.key + " past niet bij de ketenkoppen: gewijzigd";
  if (p.code == "signature-head-missing")
    return "ondertekening " + p.key + " noemt een ketenkop die de opslag niet meer bevat: de opslag is herschreven";
  if (p.code == "signature-missing") return "de opslag bevat geen ondertekening met deze publieke sleutel";
  return p.message;
}

json::object heads_json(const store::Heads& h) {
  json::array projects;
  for (const auto& p : h.projects) projects.push_back({{"id", p.project}, {"entries", p.entries}, {"head", p.hash}});
  return {{"store", {{"entries", h.store.seq}, {"head", h.store.hash}}}, {"projects", projects}};
}

int cmd_audit_verify(Context& ctx) {
  std::optional<std::string> id;
  if (!ctx.positional().empty()) id = ctx.positional(0, "ID (het projectnummer)");
  const auto expected = ctx.all("expect-head");
  for (const auto& h : expected)
    if (h.size() != 64 || h.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw host::UsageError("optie --expect-head verwacht een ketenkop: de 64 hexadecimale tekens die "
                             "\"wkb --json audit verify\" toont als heads.store.head, niet " + store::quote(h),
                             "bad-value");
  std::optional<std::string> pubkey;
  if (auto file = ctx.get("pubkey")) pubkey = host::read_public_key_file(*file);
  auto st = open_store(ctx);
  auto report = st->verify(id, expected);
  if (pubkey) st->check_signed_heads(*pubkey, report);
  if (ctx.global().json) {
    json::array problems;
    for (const auto& p : report.problems)
      problems.push_back({{"project", p.project}, {"entry", p.seq}, {"code", p.code}, {"table", p.table},
                          {"key", p.key}, {"message", p.message}});
    print_json(ctx, json::object{{"ok", report.ok()}, {"projects", report.projects}, {"entries", report.entries},
                                 {"problems", problems}, {"heads", heads_json(report.heads)}});
    return report.ok() ? host::kExitOk : host::kExitRejected;
  }
  if (report.ok()) {
    ctx.out() << "Audittrail in orde: " << plural_nl(report.projects, "project", "projecten") << ", "
              << plural_nl(report.entries, "registratie", "registraties") << ", alle ketens en gegevens kloppen"
              << (expected.empty() ? "" : "; de opgegeven ketenkop staat erin")
              << (pubkey ? "; de ondertekende ketenkoppen kloppen" : "") << ".\n";
  } else {
    const std::size_t n = report.problems.size();
    ctx.out() << "Audittrail NIET in orde (" << plural_nl(static_cast<long long>(n), "probleem", "problemen") << " in "
              << plural_nl(report.projects, "project", "projecten") << "):\n";
    for (const auto& p : report.problems)
      ctx.out() << "  "
                << (p.project.empty()                   ? std::string("opslag")
                    : p.project == store::kStaffAuditKey ? std::string("personeelsregister")
                                                         : "project " + p.project)
                << ": " << problem_nl(p) << "\n";
  }
  ctx.out() << "Ketenkop van de opslag: " << (report.heads.store.hash.empty() ? "(leeg)" : report.heads.store.hash)
            << " (" << plural_nl(report.heads.store.seq, "opdracht", "opdrachten")
            << " in de keten); bewaar hem buiten de opslag of onderteken met `wkb audit sign --key SLEUTEL`.\n";
  return report.ok() ? host::kExitOk : host::kExitRejected;
}

int cmd_audit_sign(Context& ctx) {
  const std::string key = host::read_secret_key_file(ctx.require("key"));
  auto st = open_store(ctx);
  const auto signed_heads = st->sign_heads(key);
  if (auto out = ctx.get("out")) host::write_text_file_atomic(*out, signed_heads.document());
  if (ctx.global().json) {
    ctx.out() << signed_heads.document();
  } else {
    ctx.out() << "Ketenkoppen ondertekend (ondertekening " << signed_heads.seq << ", " << signed_heads.signed_at
              << ", publieke sleutel " << signed_heads.public_key << ")"
              << (ctx.get("out") ? "; kopie: " + *ctx.get("out") : "") << ".\n"
              << "Controleer later met `wkb audit verify --pubkey PUBLIEKE-SLEUTEL`.\n";
  }
  return host::kExitOk;
}

int cmd_audit_replay(Context& ctx) {
  const std::string id = ctx.positional(0, "ID (het projectnummer)");
  auto st = open_store(ctx);
  Instruments instruments(ctx);
  const auto report = st->replay(id, instruments.loader());
  if (ctx.global().json) {
    json::array calls;
    for (const auto& c : report.calls)
      calls.push_back({{"call", c.seq}, {"method", c.method}, {"plugin", c.plugin},
                       {"recorded_version", c.recorded_version}, {"installed_version", c.installed_version},
                       {"plugin_changed", c.plugin_changed}, {"response_differs", c.response_differs},
                       {"error", c.error}});
    print_json(ctx, json::object{{"project", id}, {"ok", report.ok()}, {"calls", calls}});
  } else {
    Table t({"Aanroep", "Methode", "Plugin", "Versie", "Plugin gewijzigd", "Antwoord"});
    for (const auto& c : report.calls)
      t.add({std::to_string(c.seq), method_nl(c.method), c.plugin,
             c.recorded_version + (c.installed_version != c.recorded_version ? " -> " + c.installed_version : ""),
             c.plugin_changed ? "ja" : "nee",
             !c.error.empty() ? "fout: " + c.error : c.response_differs ? "ANDERS" : "gelijk"});
    ctx.out() << "Herhaling van de vastgelegde pluginaanroepen van project " << id << "\n";
    t.print(ctx.out());
    ctx.out() << (report.ok() ? "Alle antwoorden gelijk; plugin ongewijzigd.\n"
                              : "Verschillen gevonden: het oordeel steunt op antwoorden die de geïnstalleerde plugin nu "
                                "anders geeft, of de plugin is gewijzigd.\n");
  }
  return report.ok() ? host::kExitOk : host::kExitRejected;
}

}  // namespace

std::vector<Command> audit_commands() {
  const Argument id{"ID", "het projectnummer (zie \"wkb project list\")"};
  return {
      {{.name = "audit verify",
        .summary = "controleer de audittrail: hashketens, elke opgeslagen rij en de keten over de hele opslag",
        .details = "Exitcode 1 noemt de eerste afwijkende registratie van elk beschadigd project. Toont de\n"
                   "ketenkop van de opslag: bewaar hem buiten de opslag. --expect-head faalt als de keten een\n"
                   "eerder bewaarde ketenkop niet meer bevat (de opslag is herschreven); --pubkey controleert\n"
                   "de ketenkoppen die met \"wkb audit sign\" zijn ondertekend.",
        .arguments = {{"ID", "alleen dit project", true}},
        .options = {{"expect-head", "HASH", "een eerder bewaarde ketenkop die nog in de keten moet staan", false, true},
                    cmdline::file_option("pubkey", "SLEUTEL",
                                         "controleer de ondertekende ketenkoppen met deze "
                                         "publieke Ed25519-sleutel")}},
       cmd_audit_verify},
      {{.name = "audit sign",
        .summary = "onderteken de huidige ketenkoppen van de opslag met een Ed25519-sleutel",
        .details = "De ondertekening staat in de opslag; --out schrijft haar ook naar een bestand (bewaar een\n"
                   "kopie elders). Sleutelbestanden als bij --trust (maak een paar met \"wkb-admission keygen\").",
        .options = {[] {
                      Option key = cmdline::file_option("key", "SLEUTEL", "het geheime Ed25519-sleutelbestand");
                      key.required = true;
                      return key;
                    }(),
                    cmdline::typed_option("out", "BESTAND", "schrijf de ondertekende ketenkoppen ook hierheen",
                                          ValueKind::out_file)}},
       cmd_audit_sign},
      {{.name = "audit replay",
        .summary = "voer de vastgelegde pluginaanroepen van een project opnieuw uit met de geïnstalleerde plugin",
        .details = "Exitcode 1 als een antwoord afwijkt of de bestanden van de plugin zijn gewijzigd.",
        .arguments = {id}},
       cmd_audit_replay},
  };
}

}  // namespace wkb::cli
