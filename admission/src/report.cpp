// The three forms of a run's report: report.json (for machines and certify),
// junit.xml (for CI) and report.html (Dutch, for people); report.sig.json
// signs report.json with a key pair made for this run only.
#include <sodium.h>

#include <boost/json.hpp>
#include <map>

#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::admission {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
std::string count_text(const RunReport& rep) {
  int n[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& r : rep.results) ++n[static_cast<int>(r.status)];
  std::string s = std::to_string(n[0]) + " geslaagd, " + std::to_string(n[1]) + " gefaald, " +
                  std::to_string(n[4]) + " gecrasht, " + std::to_string(n[5]) + " time-out, " +
                  std::to_string(n[2]) + " waarschuwing(en), " + std::to_string(n[3]) + " overgeslagen";
  return s;
}

}  // namespace

bool RunReport::admitted() const {
  if (results.empty()) return false;
  return std::none_of(results.begin(), results.end(), [](const TestResult& r) { return rejects(r.status); });
}

std::string verdict_line(const RunReport& rep) {
  return std::string(rep.admitted() ? "TOEGELATEN" : "NIET TOEGELATEN") + " (" + count_text(rep) +
         (rep.complete ? "" : "; onvolledige toets: --only") + ")";
}

std::string report_json(const RunReport& rep) {
  json::array files;
  for (const auto& f : rep.files) files.push_back(json::object{{"path", f.path}, {"sha256", f.sha256}});
  json::array tests;
  std::map<int, std::pair<long long, std::map<std::string, int>>> chapters;
  for (const auto& r : rep.results) {
    json::array details;
    for (const auto& d : r.details) details.emplace_back(d);
    tests.push_back(json::object{{"id", r.id},
                                 {"chapter", r.chapter},
                                 {"title", r.title},
                                 {"status", to_string(r.status)},
                                 {"message", r.message},
                                 {"details", std::move(details)},
                                 {"duration_ms", r.duration_ms}});
    chapters[r.chapter].first += r.duration_ms;
    ++chapters[r.chapter].second[std::string(to_string(r.status))];
  }
  json::array chapter_list;
  for (const auto& [ch, v] : chapters) {
    json::object counts;
    for (const auto& [s, n] : v.second) counts[s] = n;
    chapter_list.push_back(json::object{{"chapter", ch},
                                        {"title", chapter_title(ch)},
                                        {"duration_ms", v.first},
                                        {"counts", std::move(counts)}});
  }
  json::object counts;
  for (Status s : {Status::pass, Status::fail, Status::warn, Status::skip, Status::crashed, Status::timeout})
    counts[to_string(s)] = std::count_if(rep.results.begin(), rep.results.end(),
                                         [&](const TestResult& r) { return r.status == s; });
  json::object doc{
      {"schema", "wkb.admission-report/1"},
      {"verdict", rep.admitted() ? "admitted" : "rejected"},
      {"verdict_line", verdict_line(rep)},
      {"sandbox", json::object{{"complete", rep.sandbox.complete()},
                               {"missing", json::value_from(rep.sandbox.missing)},
                               {"problems", rep.sandbox.problems}}},
      {"complete", rep.complete},
      {"only", rep.only},
      {"suite_version", rep.suite_version},
      {"plugin", json::object{{"id", rep.plugin_id},
                              {"name", rep.plugin_name},
                              {"version", rep.plugin_version},
                              {"kind", rep.plugin_kind},
                              {"folder", rep.plugin_dir.string()},
                              {"provider", json::object{{"kvk", rep.provider_kvk}, {"name", rep.provider_name}}},
                              {"files", std::move(files)}}},
      {"policy", json::object{{"id", rep.policy.id},
                              {"version", rep.policy.version},
                              {"sha256", rep.policy.sha256},
                              {"file", rep.policy.file.string()}}},
      {"register", rep.register_file ? json::value(json::object{{"file", rep.register_file->string()},
                                                                {"sha256", rep.register_sha256}})
                                     : json::value(nullptr)},
      {"seed", std::to_string(rep.seed)},
      {"started", rep.started},
      {"duration_ms", rep.duration_ms},
      {"counts", std::move(counts)},
      {"chapters", std::move(chapter_list)},
      {"tests", std::move(tests)}};
  return serialize_canonical(doc) + "\n";
}

namespace {
std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // XML 1.0 forbids most control characters; plugin text may hold any.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out.push_back(c);
    }
  }
  return out;
}

std::string join_details(const TestResult& r) {
  std::string s;
  for (const auto& d : r.details) s += d + "\n";
  return s;
}

std::string_view status_nl(Status s) {
  switch (s) {
    case Status::pass: return "geslaagd";
    case Status::fail: return "gefaald";
    case Status::warn: return "waarschuwing";
    case Status::skip: return "overgeslagen";
    case Status::crashed: return "gecrasht";
    case Status::timeout: return "time-out";
  }
  return "?";
}
}  // namespace

std::string junit_xml(const RunReport& rep) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  int failures = 0, skipped = 0;
  for (const auto& r : rep.results) {
    failures += rejects(r.status);
    skipped += r.status == Status::skip;
  }
  x += "<testsuites name=\"wkb-admission " + xml_escape(rep.suite_version) + "\" tests=\"" +
       std::to_string(rep.results.size()) + "\" failures=\"" + std::to_string(failures) + "\" time=\"" +
       std::to_string(rep.duration_ms / 1000.0) + "\">\n";
  for (int ch = 1; ch <= 5; ++ch) {
    std::string cases;
    int n = 0, f = 0, sk = 0;
    long long ms = 0;
    for (const auto& r : rep.results) {
      if (r.chapter != ch) continue;
      ++n;
      ms += r.duration_ms;
      cases += "    <testcase classname=\"" + xml_escape(rep.plugin_id) + ".hoofdstuk" + std::to_string(ch) +
               "\" name=\"" + xml_escape(r.id) + "\" time=\"" + std::to_string(r.duration_ms / 1000.0) + "\">\n";
      if (rejects(r.status)) {
        ++f;
        cases += "      <failure type=\"" + std::string(to_string(r.status)) + "\" message=\"" +
                 xml_escape(r.message) + "\">" + xml_escape(join_details(r)) + "</failure>\n";
      } else if (r.status == Status::skip) {
        ++sk;
        cases += "      <skipped message=\"" + xml_escape(r.message) + "\"/>\n";
      } else {
        cases += "      <system-out>" + xml_escape(std::string(to_string(r.status)) + ": " + r.message + "\n" +
                                                   join_details(r)) +
                 "</system-out>\n";
      }
      cases += "    </testcase>\n";
    }
    if (n == 0) continue;
    x += "  <testsuite name=\"" + std::to_string(ch) + " " + xml_escape(chapter_title(ch)) + "\" tests=\"" +
         std::to_string(n) + "\" failures=\"" + std::to_string(f) + "\" skipped=\"" + std::to_string(sk) +
         "\" time=\"" + std::to_string(ms / 1000.0) + "\">\n" + cases + "  </testsuite>\n";
  }
  (void)skipped;
  x += "</testsuites>\n";
  return x;
}

std::string report_html(const RunReport& rep) {
  const bool ok = rep.admitted();
  std::string h = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Toelatingstoets " +
                  xml_escape(rep.plugin_id) +
                  "</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}"
                  "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}"
                  ".geslaagd{background:#e6f4e6}.gefaald,.gecrasht,.time-out{background:#fbe3e3}"
                  ".waarschuwing{background:#fff4d6}.overgeslagen{background:#eee}"
                  ".oordeel{font-size:1.4em;font-weight:bold}pre{white-space:pre-wrap;margin:0}</style></head><body>\n";
  h += "<h1>Toelatingstoets instrument voor kwaliteitsborging</h1>\n";
  h += "<p class=\"oordeel\">Oordeel: " + std::string(ok ? "TOEGELATEN" : "NIET TOEGELATEN") + "</p>\n";
  h += "<p>" + xml_escape(verdict_line(rep)) + "</p>\n";
  if (!rep.sandbox.complete()) {
    std::string missing;
    for (const auto& m : rep.sandbox.missing) missing += (missing.empty() ? "" : ", ") + m;
    h += "<p><strong>Zwakkere sandbox:</strong> deze toets liep zonder " + xml_escape(missing) + " (" +
         xml_escape(rep.sandbox.problems) + "); gegeven met --allow-weaker-sandbox.</p>\n";
  }
  h += "<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + xml_escape(k) + "</th><td>" + xml_escape(v) + "</td></tr>\n";
  };
  row("Instrument", rep.plugin_name + " (" + rep.plugin_id + ")");
  row("Versie", rep.plugin_version);
  row("Soort", rep.plugin_kind);
  row("Instrumentaanbieder", rep.provider_name + " (KvK " + rep.provider_kvk + ")");
  row("Toetsversie", rep.suite_version);
  row("Beleid", rep.policy.id + " versie " + rep.policy.version + " (SHA-256 " + rep.policy.sha256 + ")");
  row("Onafhankelijkheidsregister", rep.register_file ? rep.register_file->string() : "niet opgegeven");
  row("Seed", std::to_string(rep.seed));
  row("Gestart (UTC)", rep.started);
  row("Duur", std::to_string(rep.duration_ms) + " ms");
  row("Volledig", rep.complete ? "ja" : "nee, alleen toetsen die passen bij --only " + rep.only);
  h += "</table>\n<h2>Bestanden (SHA-256)</h2>\n<table>\n";
  for (const auto& f : rep.files) h += "<tr><td>" + xml_escape(f.path) + "</td><td><code>" + f.sha256 + "</code></td></tr>\n";
  h += "</table>\n";
  for (int ch = 1; ch <= 5; ++ch) {
    std::string rows;
    for (const auto& r : rep.results) {
      if (r.chapter != ch) continue;
      rows += "<tr class=\"" + std::string(status_nl(r.status)) + "\"><td><code>" + xml_escape(r.id) + "</code><br>" +
              xml_escape(r.title) + "</td><td>" + std::string(status_nl(r.status)) + "</td><td>" +
              xml_escape(r.message) + (r.details.empty() ? "" : "<pre>" + xml_escape(join_details(r)) + "</pre>") +
              "</td><td>" + std::to_string(r.duration_ms) + " ms</td></tr>\n";
    }
    if (rows.empty()) continue;
    h += "<h2>Hoofdstuk " + std::to_string(ch) + ": " + xml_escape(chapter_title(ch)) +
         "</h2>\n<table><tr><th>Toets</th><th>Uitslag</th><th>Toelichting</th><th>Duur</th></tr>\n" + rows +
         "</table>\n";
  }
  h += "<p>Lees dit rapport met docs/admission/reading-a-report.md. Alleen een volledige toets met oordeel "
       "TOEGELATEN kan worden gecertificeerd (wkb-admission certify).</p>\n</body></html>\n";
  return h;
}

namespace {
// The secret key of a run: generated here, used once, zeroed on every path.
struct RunKey {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  RunKey() {
    if (sodium_init() < 0) throw host::InputError("libsodium could not be initialised");
    crypto_sign_keypair(pk, sk);
  }
  ~RunKey() { sodium_memzero(sk, sizeof sk); }
  RunKey(const RunKey&) = delete;
  RunKey& operator=(const RunKey&) = delete;
};

std::string hex(const unsigned char* bytes, std::size_t n) {
  return host::to_hex(std::string_view(reinterpret_cast<const char*>(bytes), n));
}
}  // namespace

WrittenReports write_reports(const RunReport& rep, const fs::path& dir) {
  fs::create_directories(dir);
  // A signature left by an earlier run into this folder must not outlive the
  // report it signed: without it, certify says "missing" until we are done.
  std::error_code ec;
  fs::remove(dir / kReportSignatureFileName, ec);
  const std::string text = report_json(rep);
  host::write_text_file_atomic(dir / kReportFileName, text);
  host::write_text_file_atomic(dir / "junit.xml", junit_xml(rep));
  host::write_text_file_atomic(dir / "report.html", report_html(rep));

  WrittenReports w;
  w.report_sha256 = host::sha256_hex(text);
  std::string sig_hex;
  {
    RunKey key;
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(), key.sk);
    w.public_key_hex = hex(key.pk, sizeof key.pk);
    sig_hex = hex(sig, sizeof sig);
  }
  const json::object doc{{"schema", kReportSignatureSchema},
                         {"report", kReportFileName},
                         {"report_sha256", w.report_sha256},
                         {"public_key", w.public_key_hex},
                         {"signature", sig_hex},
                         {"algorithm", "ed25519"}};
  // Last: a report.sig.json on disk means every report before it is complete.
  host::write_text_file_atomic(dir / kReportSignatureFileName, serialize_canonical(doc) + "\n");
  return w;
}

}  // namespace wkb::admission
