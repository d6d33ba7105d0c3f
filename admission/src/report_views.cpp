// The two other forms of a run's report, made from the same RunReport:
// junit.xml for CI (the common junit-10 layout: fail as <failure>, crashes and
// time-outs as <error>, warnings in <system-err> and counted in a property)
// and report.html in Dutch for people, with the problems summarised at the top.
#include <cstdio>
#include <string>

#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::admission {
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

// A crash or a time-out is the instrument failing to run, not an answer that
// breaks a rule: JUnit's <error>, not <failure>.
bool is_error(Status s) { return s == Status::crashed || s == Status::timeout; }

// JUnit times are seconds with a dot, whatever the locale: "1.250".
std::string seconds(long long ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", ms / 1000, ms % 1000);
  return buf;
}

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0, warnings = 0;
  long long ms = 0;
  void add(const TestResult& r) {
    ++tests;
    ms += r.duration_ms;
    failures += r.status == Status::fail;
    errors += is_error(r.status);
    skipped += r.status == Status::skip;
    warnings += r.status == Status::warn;
  }
};

std::string testcase(const RunReport& rep, const TestResult& r) {
  std::string x = "    <testcase classname=\"" + xml_escape(rep.plugin_id) + ".hoofdstuk" + std::to_string(r.chapter) +
                  "\" name=\"" + xml_escape(r.id) + "\" time=\"" + seconds(r.duration_ms) + "\">\n";
  const std::string message = xml_escape(r.message);
  const std::string details = xml_escape(join_details(r));
  if (r.status == Status::fail) {
    x += "      <failure type=\"fail\" message=\"" + message + "\">" + details + "</failure>\n";
  } else if (is_error(r.status)) {
    x += "      <error type=\"" + std::string(to_string(r.status)) + "\" message=\"" + message + "\">" + details +
         "</error>\n";
  } else if (r.status == Status::skip) {
    x += "      <skipped message=\"" + message + "\"/>\n";
  } else {
    x += "      <system-out>" + xml_escape(std::string(label_nl(r.status)) + ": " + r.message + "\n") + details +
         "</system-out>\n";
  }
  // CI shows stderr of a passing test: that is where a warning is seen.
  if (r.status == Status::warn) x += "      <system-err>WAARSCHUWING: " + message + "\n" + details + "</system-err>\n";
  return x + "    </testcase>\n";
}

}  // namespace

std::string junit_xml(const RunReport& rep) {
  Counts all;
  for (const auto& r : rep.results) all.add(r);
  std::string suites;
  for (int ch = 1; ch <= 5; ++ch) {
    Counts c;
    std::string cases;
    for (const auto& r : rep.results) {
      if (r.chapter != ch) continue;
      c.add(r);
      cases += testcase(rep, r);
    }
    if (c.tests == 0) continue;
    suites += "  <testsuite name=\"" + std::to_string(ch) + " " + xml_escape(chapter_title(ch)) + "\" tests=\"" +
              std::to_string(c.tests) + "\" failures=\"" + std::to_string(c.failures) + "\" errors=\"" +
              std::to_string(c.errors) + "\" skipped=\"" + std::to_string(c.skipped) + "\" time=\"" + seconds(c.ms) +
              "\" timestamp=\"" + xml_escape(rep.started.substr(0, 19)) + "\">\n    <properties>\n" +
              "      <property name=\"warnings\" value=\"" + std::to_string(c.warnings) + "\"/>\n" +
              "      <property name=\"seed\" value=\"" + std::to_string(rep.seed) + "\"/>\n    </properties>\n" +
              cases + "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"wkb-admission " +
         xml_escape(rep.suite_version) + " " + xml_escape(rep.plugin_id) + "\" tests=\"" + std::to_string(all.tests) +
         "\" failures=\"" + std::to_string(all.failures) + "\" errors=\"" + std::to_string(all.errors) +
         "\" time=\"" + seconds(rep.duration_ms) + "\">\n" + suites + "</testsuites>\n";
}

namespace {

// The problems first: what a reader must see before the details.
std::string summary_html(const RunReport& rep) {
  std::string rejected, warned;
  for (const auto& r : rep.results) {
    const std::string item = "<li><a href=\"#" + xml_escape(r.id) + "\"><code>" + xml_escape(r.id) + "</code></a> (" +
                             std::string(label_nl(r.status)) + "): " + xml_escape(r.message) + "</li>\n";
    if (rejects(r.status)) rejected += item;
    else if (r.status == Status::warn) warned += item;
  }
  std::string h = "<section id=\"samenvatting\">\n<h2>Samenvatting</h2>\n";
  if (rejected.empty() && warned.empty()) return h + "<p>Alle toetsen geslaagd, zonder waarschuwingen.</p>\n</section>\n";
  if (!rejected.empty()) h += "<h3>Afgewezen op</h3>\n<ul class=\"afgewezen\">\n" + rejected + "</ul>\n";
  if (!warned.empty()) h += "<h3>Waarschuwingen</h3>\n<ul class=\"waarschuwingen\">\n" + warned + "</ul>\n";
  return h + "</section>\n";
}

}  // namespace

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
  h += summary_html(rep);
  h += "<h2>Toets en invoer</h2>\n<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + xml_escape(k) + "</th><td>" + xml_escape(v) + "</td></tr>\n";
  };
  row("Instrument", rep.plugin_name + " (" + rep.plugin_id + ")");
  row("Versie", rep.plugin_version);
  row("Soort", rep.plugin_kind == "native" ? "native (gedeelde bibliotheek)" : "Lua (script)");
  row("Instrumentaanbieder", rep.provider_name + " (KvK " + rep.provider_kvk + ")");
  row("Toetsversie", rep.suite_version);
  row("Beleid", rep.policy.id + " versie " + rep.policy.version + ", " + rep.policy.file.string() + " (SHA-256 " +
                    rep.policy.sha256 + ")");
  row("Onafhankelijkheidsregister", rep.register_file ? rep.register_file->string() + " (SHA-256 " +
                                                            rep.register_sha256 + ")"
                                                      : "niet opgegeven");
  row("Referentiecorpus", rep.corpus_dir.string() + ", " + plural_nl(static_cast<long long>(rep.corpus_files),
                                                                    "bestand", "bestanden") +
                              " (SHA-256 " + rep.corpus_sha256 + ")");
  row("Seed", std::to_string(rep.seed));
  row("Gestart", datetime_nl(rep.started));
  row("Duur", number_nl(static_cast<double>((rep.duration_ms + 50) / 100) / 10.0) + " s");
  row("Volledig", rep.complete ? "ja" : "nee, alleen toetsen die passen bij --only " + rep.only);
  h += "</table>\n<h2>Bestanden (SHA-256)</h2>\n<table>\n";
  for (const auto& f : rep.files) h += "<tr><td>" + xml_escape(f.path) + "</td><td><code>" + f.sha256 + "</code></td></tr>\n";
  h += "</table>\n";
  for (int ch = 1; ch <= 5; ++ch) {
    std::string rows;
    for (const auto& r : rep.results) {
      if (r.chapter != ch) continue;
      const std::string status(label_nl(r.status));
      rows += "<tr id=\"" + xml_escape(r.id) + "\" class=\"" + status + "\"><td><code>" + xml_escape(r.id) +
              "</code><br>" + xml_escape(r.title) + "</td><td>" + status + "</td><td>" + xml_escape(r.message) +
              (r.details.empty() ? "" : "<pre>" + xml_escape(join_details(r)) + "</pre>") + "</td><td>" +
              std::to_string(r.duration_ms) + " ms</td></tr>\n";
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

}  // namespace wkb::admission
