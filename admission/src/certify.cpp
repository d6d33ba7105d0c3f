#include "wkb/admission/certify.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <ctime>

#include "wkb/host/files.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::admission {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
void init() {
  if (sodium_init() < 0) throw host::InputError("libsodium could not be initialised");
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
  if (!m) throw host::InputError(subject + ": not an admission report (member \"" + std::string(key) + "\" missing)");
  return *m;
}

std::string str(const json::value& v, std::string_view key, const std::string& subject) {
  const auto& m = at(v, key, subject);
  if (!m.is_string()) throw host::InputError(subject + ": member \"" + std::string(key) + "\" is not a string");
  return std::string(m.get_string());
}
}  // namespace

void keygen(const std::string& prefix) {
  init();
  if (prefix.empty()) throw host::UsageError("keygen: --out PREFIX is required");
  const fs::path key = prefix + ".key", pub = prefix + ".pub";
  std::error_code ec;
  for (const auto& f : {key, pub})
    if (fs::exists(f, ec)) throw host::UsageError(f.string() + " exists; choose another prefix or remove it first");
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

host::CertificatePayload certify(const fs::path& report_file, const fs::path& key_file, fs::path out,
                                 fs::path* written) {
  init();
  const std::string text = host::read_text_file(report_file);
  const std::string subject = report_file.string();
  const json::value rep = parse_json(text, subject);
  if (str(rep, "schema", subject) != "wkb.admission-report/1")
    throw host::InputError(subject + ": not a wkb.admission-report/1");
  if (str(rep, "verdict", subject) != "admitted")
    throw Refused("certification refused: the report's verdict is \"" + str(rep, "verdict", subject) +
                  "\" (NIET TOEGELATEN); only an admitted instrument is certified");
  if (!at(rep, "complete", subject).is_bool() || !at(rep, "complete", subject).get_bool())
    throw Refused("certification refused: the report covers only the tests matching --only \"" +
                  str(rep, "only", subject) + "\"; run the full suite");
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
    throw Refused("certification refused: the files in " + folder.string() +
                  " differ from those the report tested; run the suite again");
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
