// wkb-admission list, keygen, certify and verify: the catalogue, the TloKB's
// key pair, signing a certificate for an admitted report and checking one.
#include <boost/json.hpp>
#include <iostream>

#include "cli.hpp"
#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/certify.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::admission::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using host::UsageError;

void print(const Call& c, const json::object& o) { c.out << serialize_canonical(o) << "\n"; }

json::object payload_json(const host::CertificatePayload& p) {
  return {{"plugin", {{"id", p.plugin_id}, {"version", p.plugin_version}}},
          {"suite_version", p.suite_version},
          {"policy", {{"id", p.policy_id}, {"version", p.policy_version}}},
          {"date", p.date},
          {"files", p.files.size()}};
}

int cmd_list(const Call& c) {
  if (c.json) {
    json::array tests;
    for (const auto& t : catalogue())
      tests.push_back({{"id", t.id}, {"chapter", t.chapter}, {"chapter_title", chapter_title(t.chapter)},
                       {"title", t.title}});
    print(c, {{"tests", std::move(tests)}});
    return 0;
  }
  for (const auto& t : catalogue())
    c.out << t.id << "\t" << t.chapter << "\t" << chapter_title(t.chapter) << "\t" << t.title << "\n";
  return 0;
}

int cmd_keygen(const Call& c) {
  const std::string prefix = *c.line.get("out");
  keygen(prefix);
  if (c.json)
    print(c, {{"secret_key", prefix + ".key"}, {"public_key", prefix + ".pub"}});
  else
    c.out << "sleutelpaar geschreven: " << prefix << ".key (geheim) en " << prefix << ".pub\n";
  return 0;
}

int cmd_certify(const Call& c) {
  const auto& line = c.line;
  fs::path written;
  std::string run_key;
  const auto p = certify(*line.get("report"), *line.get("key"), line.get("out").value_or(""), &written,
                         line.get("run-key").value_or(""), &run_key);
  if (c.json) {
    json::object o = payload_json(p);
    o["certificate"] = written.string();
    o["run_public_key"] = run_key;
    print(c, o);
    return 0;
  }
  c.out << "rapport ondertekend door de toetsrun: ed25519 " << run_key
        << (line.get("run-key") ? " (gelijk aan --run-key)" : "") << "\n";
  c.out << "certificaat geschreven: " << written.string() << " (" << p.plugin_id << " " << p.plugin_version << ", "
        << p.files.size() << " bestanden, beleid " << p.policy_id << " " << p.policy_version << ", " << p.date << ")\n";
  return 0;
}

// The verdict of verify, in both forms; `problem` empty means valid.
int verify_result(const Call& c, const host::CertificatePayload* p, const std::string& problem,
                  const std::string& folder) {
  if (c.json) {
    json::object o{{"valid", problem.empty()}};
    if (p) o["certificate"] = payload_json(*p);
    if (!problem.empty()) o["problem"] = problem;
    if (!folder.empty()) o["files_checked"] = folder;
    print(c, o);
  } else if (!problem.empty()) {
    c.out << "ONGELDIG: " << problem << "\n";
  } else {
    if (!folder.empty()) c.out << "bestanden gelijk aan het certificaat: " << folder << "\n";
    c.out << "GELDIG\n";
  }
  return problem.empty() ? 0 : 1;
}

int cmd_verify(const Call& c) {
  const auto& line = c.line;
  const fs::path cert = line.arguments.at(0);
  const std::string pubkey = *line.get("pubkey");
  const std::string pk = [&] {
    try {
      return host::read_public_key_file(pubkey);
    } catch (const host::InputError& e) {
      throw UsageError(e.what(), "unreadable-key", pubkey);
    }
  }();
  host::CertificatePayload p;
  try {
    p = host::verify_certificate(host::read_text_file(cert), pk, cert.string());
  } catch (const host::InputError& e) {
    return verify_result(c, nullptr, e.what(), "");
  }
  if (!c.json)
    c.out << "handtekening geldig: " << p.plugin_id << " " << p.plugin_version << ", toetsversie " << p.suite_version
          << ", beleid " << p.policy_id << " " << p.policy_version << ", " << p.date << ", " << p.files.size()
          << " bestanden\n";
  // The files too, when the plugin folder is known.
  fs::path folder = line.get("plugin").value_or("");
  std::error_code ec;
  if (folder.empty() && cert.filename() == host::kCertificateFileName &&
      fs::exists(fs::absolute(cert).parent_path() / "plugin.json", ec))
    folder = fs::absolute(cert).parent_path();
  if (folder.empty()) return verify_result(c, &p, "", "");
  const auto m = host::read_manifest(folder);
  if (fs::weakly_canonical(fs::absolute(cert)) != fs::weakly_canonical(m.folder / host::kCertificateFileName))
    throw UsageError("--plugin: het certificaat moet " + (m.folder / host::kCertificateFileName).string() +
                         " zijn om de bestanden van die map te controleren",
                     "certificate-not-in-folder");
  try {
    host::require_trusted(m, pubkey);
  } catch (const host::PluginFailure& e) {
    return verify_result(c, &p, e.what(), m.folder.string());
  }
  return verify_result(c, &p, "", m.folder.string());
}

cmdline::Option required(cmdline::Option o) {
  o.required = true;
  return o;
}

}  // namespace

std::vector<Command> key_commands() {
  cmdline::Option prefix = cmdline::typed_option(
      "out", "VOORVOEGSEL", "schrijf VOORVOEGSEL.key (geheim) en VOORVOEGSEL.pub", cmdline::ValueKind::out_file);
  prefix.required = true;
  cmdline::Option cert_out =
      cmdline::typed_option("out", "BESTAND",
                            "waar het certificaat komt (standaard certificate.json in de map van de "
                            "plugin)",
                            cmdline::ValueKind::out_file);
  return {
      {{.name = "list", .summary = "de toetsencatalogus: id, hoofdstuk, omschrijving"}, cmd_list},
      {{.name = "keygen", .summary = "maak een Ed25519-sleutelpaar voor het ondertekenen van certificaten",
        .options = {prefix}},
       cmd_keygen},
      {{.name = "certify",
        .summary = "onderteken een certificaat voor een toegelaten rapport",
        .details = "Alleen een volledige toets met oordeel TOEGELATEN, waarvan report.sig.json klopt, wordt "
                   "gecertificeerd. --run-key: de sleutel van de toetsrun zoals run die toonde.",
        .options = {required(cmdline::file_option("report", "RAPPORT", "het rapport (report.json) van de toetsrun")),
                    required(cmdline::file_option("key", "SLEUTEL", "de geheime sleutel van de TloKB (.key)")),
                    cert_out,
                    {"run-key", "HEX", "de publieke sleutel van de toetsrun, zoals run die toonde"}}},
       cmd_certify},
      {{.name = "verify",
        .summary = "controleer de handtekening (en de bestanden) van een certificaat",
        .details = "Met --plugin, of als het certificaat certificate.json in een plugin-map is, worden ook de\n"
                   "bestanden van de plugin met het certificaat vergeleken. Exitcode 1: ongeldig.",
        .arguments = {{"CERTIFICAAT", "het certificaat (certificate.json)", false, cmdline::ValueKind::file}},
        .options = {required(cmdline::file_option("pubkey", "SLEUTEL", "de publieke sleutel van de TloKB (.pub)")),
                    {"plugin", "MAP", "de map van de plugin waarvan de bestanden worden gecontroleerd"}}},
       cmd_verify},
  };
}

}  // namespace wkb::admission::cli
