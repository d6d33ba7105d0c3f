#include "wkb/admission/certify.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <ctime>
#include <map>
#include <set>

#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/report_signature.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::admission {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
void init() {
  if (sodium_init() < 0) throw host::InputError("libsodium kon niet worden geïnitialiseerd");
}

std::string today_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

const json::value& at(const json::value& v, std::string_view key, const std::string& subject) {
  const auto* o = v.if_object();
  const auto* m = o ? o->if_contains(key) : nullptr;
  if (!m)
    throw host::InputError(subject + ": geen toelatingsrapport (het veld \"" + std::string(key) + "\" ontbreekt)");
  return *m;
}

std::string str(const json::value& v, std::string_view key, const std::string& subject) {
  const auto& m = at(v, key, subject);
  if (!m.is_string()) throw host::InputError(subject + ": het veld \"" + std::string(key) + "\" is geen tekst");
  return std::string(m.get_string());
}
}  // namespace

void keygen(const std::string& prefix) {
  init();
  if (prefix.empty()) throw host::UsageError("keygen: geef --out PREFIX (het begin van de namen van de sleutelbestanden)");
  const fs::path key = prefix + ".key", pub = prefix + ".pub";
  std::error_code ec;
  for (const auto& f : {key, pub})
    if (fs::exists(f, ec)) throw host::UsageError(f.string() + " bestaat al; kies een ander PREFIX of verwijder het bestand eerst");
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  const std::string sk_hex = host::to_hex(std::string_view(reinterpret_cast<char*>(sk), sizeof sk));
  sodium_memzero(sk, sizeof sk);
  // Create the secret key file readable by its owner only, before writing it.
  {
    const mode_t old = ::umask(077);
    try {
      host::write_text_file_atomic(key, sk_hex + "\n");
    } catch (...) {
      ::umask(old);
      throw;
    }
    ::umask(old);
  }
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write, ec);
  host::write_text_file_atomic(pub, host::to_hex(std::string_view(reinterpret_cast<char*>(pk), sizeof pk)) + "\n");
}

namespace {
// ---- report.sig.json and the recompute checks ----------------------------------------------

constexpr const char* kRerun = "; voer de toets opnieuw uit (wkb-admission run) en certificeer het nieuwe rapport";

[[noreturn]] void refuse(const std::string& what) { throw Refused("certificering geweigerd: " + what + kRerun); }

// Lowercase hex of exactly `n` bytes, decoded; false otherwise.
bool from_hex(std::string_view hex, std::size_t n, std::string& out) {
  if (hex.size() != 2 * n) return false;
  for (char c : hex)
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
  out.assign(n, '\0');
  std::size_t len = 0;
  return sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), n, hex.data(), hex.size(), nullptr, &len,
                        nullptr) == 0 &&
         len == n;
}

std::string sig_member(const json::object& o, std::string_view key) {
  const auto* m = o.if_contains(key);
  if (!m || !m->is_string())
    refuse(std::string(kReportSignatureFileName) + " is geen geldige rapporthandtekening (het veld \"" + std::string(key) +
           "\" ontbreekt of is geen tekst)");
  return std::string(m->get_string());
}

// The Dutch names the verdict line uses for the rejecting statuses.
std::string rejecting_text(const std::map<Status, int>& n) {
  std::string s;
  for (Status st : {Status::fail, Status::crashed, Status::timeout})
    if (n.at(st) > 0) s += (s.empty() ? "" : ", ") + std::to_string(n.at(st)) + " " + std::string(label_nl(st));
  return s;
}

// A status or verdict as written in report.json, for a person: `geslaagd ("pass")`.
std::string status_nl(Status s) { return labelled_value_nl(label_nl(s), to_string(s)); }
std::string verdict_nl(std::string_view v) {
  if (v == "admitted") return labelled_value_nl("TOEGELATEN", v);
  if (v == "rejected") return labelled_value_nl("NIET TOEGELATEN", v);
  return "\"" + std::string(v) + "\"";
}
}  // namespace

std::string check_report_signature(std::string_view report_text, std::string_view signature_text,
                                   std::string_view report_name) {
  init();
  const std::string sig_name(kReportSignatureFileName);
  json::value doc;
  try {
    doc = parse_json(signature_text, sig_name);
  } catch (const std::exception& e) {
    refuse(sig_name + " is geen geldige rapporthandtekening (geen JSON: " + e.what() + ")");
  }
  if (!doc.is_object()) refuse(sig_name + " is geen geldige rapporthandtekening (geen JSON-object)");
  const auto& o = doc.get_object();
  if (sig_member(o, "schema") != kReportSignatureSchema)
    refuse(sig_name + " is geen " + std::string(kReportSignatureSchema) + " (schema \"" + sig_member(o, "schema") +
           "\")");
  if (sig_member(o, "algorithm") != "ed25519")
    refuse(sig_name + ": onbekend algoritme \"" + sig_member(o, "algorithm") + "\" (verwacht: ed25519)");
  if (sig_member(o, "report") != report_name)
    refuse(sig_name + " ondertekent \"" + sig_member(o, "report") + "\", niet " + std::string(report_name) +
           "; gebruik het rapport dat de toets bij deze handtekening schreef");
  std::string pk, sig, digest;
  if (!from_hex(sig_member(o, "public_key"), crypto_sign_PUBLICKEYBYTES, pk))
    refuse(sig_name + " is geen geldige rapporthandtekening (public_key is geen 64 hexadecimale tekens)");
  if (!from_hex(sig_member(o, "signature"), crypto_sign_BYTES, sig))
    refuse(sig_name + " is geen geldige rapporthandtekening (signature is geen 128 hexadecimale tekens)");
  if (!from_hex(sig_member(o, "report_sha256"), 32, digest))
    refuse(sig_name + " is geen geldige rapporthandtekening (report_sha256 is geen 64 hexadecimale tekens)");
  if (sig_member(o, "report_sha256") != host::sha256_hex(report_text))
    refuse(std::string(report_name) + " komt niet overeen met zijn handtekening in " + sig_name +
           " (SHA-256 verschilt): het rapport is na de toets gewijzigd");
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                  reinterpret_cast<const unsigned char*>(report_text.data()), report_text.size(),
                                  reinterpret_cast<const unsigned char*>(pk.data())) != 0)
    refuse("de handtekening in " + sig_name + " klopt niet bij " + std::string(report_name) +
           ": het rapport of de handtekening is na de toets gewijzigd");
  return sig_member(o, "public_key");
}

void check_report_consistent(std::string_view report_text) {
  const std::string name(kReportFileName);
  json::value doc;
  try {
    doc = parse_json(report_text, name);
  } catch (const std::exception& e) {
    refuse(name + " is geen JSON: " + e.what());
  }
  const auto* rep = doc.if_object();
  if (!rep) refuse(name + " is geen JSON-object");
  auto member = [&](std::string_view key) -> const json::value& {
    const auto* m = rep->if_contains(key);
    if (!m) refuse(name + " mist het veld \"" + std::string(key) + "\"");
    return *m;
  };
  const auto& tests = member("tests");
  const auto& complete = member("complete");
  const auto& verdict = member("verdict");
  const auto& counts = member("counts");
  const auto& line = member("verdict_line");
  if (!tests.is_array() || !complete.is_bool() || !verdict.is_string() || !counts.is_object() || !line.is_string())
    refuse(name + ": tests, complete, verdict, counts of verdict_line heeft het verkeerde type");

  // Every test: a catalogue id, once, in its chapter, with a known status.
  RunReport stub;
  stub.complete = complete.get_bool();
  std::set<std::string> seen;
  for (const auto& t : tests.get_array()) {
    const auto* o = t.if_object();
    const auto* id = o ? o->if_contains("id") : nullptr;
    const auto* status = o ? o->if_contains("status") : nullptr;
    const auto* chapter = o ? o->if_contains("chapter") : nullptr;
    if (!id || !id->is_string() || !status || !status->is_string() || !chapter || !chapter->is_int64())
      refuse(name + ": een toets in \"tests\" mist id, status of hoofdstuk (chapter)");
    const std::string tid(id->get_string());
    const TestInfo* info = find_test(tid);
    if (!info)
      refuse(name + " noemt toets \"" + tid + "\", die niet in de catalogus van toetsversie " +
             std::string(kSuiteVersion) + " staat");
    if (!seen.insert(tid).second) refuse("toets \"" + tid + "\" staat meer dan eens in " + name);
    if (chapter->get_int64() != info->chapter)
      refuse("toets \"" + tid + "\" staat in " + name + " onder hoofdstuk " + std::to_string(chapter->get_int64()) +
             ", in de catalogus onder hoofdstuk " + std::to_string(info->chapter));
    TestResult r;
    r.id = tid;
    r.chapter = info->chapter;
    if (!parse_status(status->get_string(), r.status))
      refuse("toets \"" + tid + "\" in " + name + " heeft een onbekende status \"" +
             std::string(status->get_string()) + "\" (bekend: \"pass\", \"fail\", \"warn\", \"skip\", \"crashed\", \"timeout\")");
    stub.results.push_back(std::move(r));
  }
  std::map<Status, int> n;
  for (Status s : {Status::pass, Status::fail, Status::warn, Status::skip, Status::crashed, Status::timeout}) n[s] = 0;
  for (const auto& r : stub.results) ++n[r.status];

  // The verdict follows from the tests.
  const std::string expected = stub.admitted() ? "admitted" : "rejected";
  if (verdict.get_string() != expected) {
    const std::string why = stub.results.empty() ? "er staan geen toetsen in"
                            : expected == "rejected" ? rejecting_text(n)
                                                     : "geen toets gefaald, gecrasht of met time-out";
    refuse("het oordeel " + verdict_nl(verdict.get_string()) + " in " + name + " volgt niet uit de toetsen: " + why);
  }
  // So do the counts per status, and nothing else is counted.
  for (const auto& kv : counts.get_object()) {
    Status s;
    if (!parse_status(kv.key(), s))
      refuse("de aantallen in " + name + " (counts) noemen een onbekende status \"" + std::string(kv.key()) + "\"");
  }
  for (const auto& [s, count] : n) {
    const auto* v = counts.get_object().if_contains(to_string(s));
    if (!v || !v->is_int64() || v->get_int64() != count)
      refuse("de aantallen in " + name + " (counts) volgen niet uit de toetsen: voor " + status_nl(s) +
             (v ? " staat in counts " + serialize_canonical(*v) : std::string(" ontbreekt het aantal in counts")) +
             ", maar in tests " + (count == 1 ? std::string("heeft 1 toets") : "hebben " + std::to_string(count) + " toetsen") +
             " die status");
  }
  // And the console's verdict line, word for word.
  const std::string want = verdict_line(stub);
  if (line.get_string() != want)
    refuse("de oordeelregel in " + name + " (verdict_line) volgt niet uit de toetsen: \"" +
           std::string(line.get_string()) + "\" in plaats van \"" + want + "\"");

  // A complete report holds every catalogue test: dropping a failing test
  // (and recounting) must not make a report certifiable.
  if (stub.complete)
    for (const auto& info : catalogue())
      if (!seen.count(info.id))
        refuse(name + " heet volledig (complete), maar toets \"" + info.id + "\" (hoofdstuk " +
               std::to_string(info.chapter) + ") ontbreekt");
}

namespace {
// The run key the TloKB expects (--run-key): the full public key or a prefix
// of at least 16 hex characters, as `wkb-admission run` printed it.
void check_run_key(std::string_view expected, const std::string& actual) {
  std::string want(expected);
  for (auto& c : want) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (want.size() < 16 || want.size() > 2 * crypto_sign_PUBLICKEYBYTES ||
      !std::all_of(want.begin(), want.end(), [](unsigned char c) { return std::isxdigit(c); }))
    throw host::UsageError("--run-key: geef de publieke sleutel van de toetsrun, minstens 16 hexadecimale tekens "
                           "zoals `wkb-admission run` ze toonde");
  if (actual.compare(0, want.size(), want) != 0)
    throw Refused("certificering geweigerd: " + std::string(kReportSignatureFileName) +
                  " is gemaakt met run-sleutel " + actual.substr(0, 16) + "..., niet met de sleutel van --run-key (" +
                  want.substr(0, 16) + "...): rapport en handtekening komen niet van de toetsrun die u bedoelt" +
                  kRerun);
}
}  // namespace

host::CertificatePayload certify(const fs::path& report_file, const fs::path& key_file, fs::path out,
                                 fs::path* written, std::string_view run_key, std::string* run_public_key) {
  init();
  const std::string text = host::read_text_file(report_file);
  const std::string subject = report_file.string();
  // First: the report is the one the run signed, and it agrees with itself.
  const fs::path sig_file = report_file.parent_path() / kReportSignatureFileName;
  std::error_code ec;
  if (!fs::is_regular_file(sig_file, ec))
    refuse(sig_file.string() + " ontbreekt: zonder de handtekening van de toetsrun is niet na te gaan of " +
           subject + " na de toets is gewijzigd");
  std::string sig_text;
  try {
    sig_text = host::read_text_file(sig_file, 1u << 16);
  } catch (const host::InputError& e) {
    refuse(std::string(e.what()) + " (de handtekening van het rapport)");
  }
  const std::string public_key = check_report_signature(text, sig_text, report_file.filename().string());
  if (!run_key.empty()) check_run_key(run_key, public_key);
  if (run_public_key) *run_public_key = public_key;
  check_report_consistent(text);
  const json::value rep = parse_json(text, subject);
  if (str(rep, "schema", subject) != "wkb.admission-report/1")
    throw host::InputError(subject + ": geen wkb.admission-report/1");
  if (str(rep, "verdict", subject) != "admitted")
    throw Refused("certificering geweigerd: het oordeel van het rapport is " + verdict_nl(str(rep, "verdict", subject)) +
                  "; alleen een toegelaten instrument wordt gecertificeerd");
  if (!at(rep, "complete", subject).is_bool() || !at(rep, "complete", subject).get_bool())
    throw Refused("certificering geweigerd: het rapport bevat alleen de toetsen die passen bij --only \"" +
                  str(rep, "only", subject) + "\"; voer alle toetsen uit (wkb-admission run zonder --only)");
  const auto& plugin = at(rep, "plugin", subject);
  const auto& policy = at(rep, "policy", subject);
  host::CertificatePayload p;
  p.plugin_id = str(plugin, "id", subject);
  p.plugin_version = str(plugin, "version", subject);
  const fs::path folder = str(plugin, "folder", subject);
  for (const auto& f : at(plugin, "files", subject).as_array())
    p.files.push_back({str(f, "path", subject), str(f, "sha256", subject)});
  // What is certified must be what was tested and what is on disk now.
  const auto now = host::hash_plugin_files(folder);
  if (now != p.files)
    throw Refused("certificering geweigerd: de bestanden in " + folder.string() +
                  " verschillen van de bestanden die getoetst zijn" + kRerun);
  p.suite_version = str(rep, "suite_version", subject);
  p.policy_id = str(policy, "id", subject);
  p.policy_version = str(policy, "version", subject);
  p.policy_sha256 = str(policy, "sha256", subject);
  p.report_sha256 = host::sha256_hex(text);
  p.verdict = "admitted";
  p.date = today_utc();

  const std::string sk = host::read_secret_key_file(key_file);
  const std::string message = host::payload_canonical_json(p);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(sk.data()));
  // Ed25519 secret keys in libsodium end with the public key.
  const std::string pk = sk.substr(crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES);
  if (out.empty()) out = folder / std::string(host::kCertificateFileName);
  host::write_text_file_atomic(out, host::certificate_json(p, pk, std::string_view(reinterpret_cast<char*>(sig), sizeof sig)));
  if (written) *written = out;
  return p;
}

}  // namespace wkb::admission
