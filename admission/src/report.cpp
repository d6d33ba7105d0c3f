// A run's report: report.json (for machines and certify), and writing it
// with its other forms (report_views.cpp: junit.xml for CI, report.html in
// Dutch for people); report.sig.json signs report.json with a key pair made
// for this run only.
#include <sodium.h>

#include <boost/json.hpp>
#include <map>

#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::admission {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
std::string count_text(const RunReport& rep) {
  int n[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& r : rep.results) ++n[static_cast<int>(r.status)];
  return std::to_string(n[0]) + " geslaagd, " + std::to_string(n[1]) + " gefaald, " + std::to_string(n[4]) +
         " gecrasht, " + plural_nl(n[5], "time-out", "time-outs") + ", " +
         plural_nl(n[2], "waarschuwing", "waarschuwingen") + ", " + std::to_string(n[3]) + " overgeslagen";
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
      {"corpus", json::object{{"folder", rep.corpus_dir.string()},
                              {"sha256", rep.corpus_sha256},
                              {"files", rep.corpus_files}}},
      {"seed", std::to_string(rep.seed)},
      {"started", rep.started},
      {"duration_ms", rep.duration_ms},
      {"counts", std::move(counts)},
      {"chapters", std::move(chapter_list)},
      {"tests", std::move(tests)}};
  return serialize_canonical(doc) + "\n";
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
