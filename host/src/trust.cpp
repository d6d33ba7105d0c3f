#include "wkb/host/trust.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/json_reader.hpp"

namespace wkb::host {
namespace json = boost::json;
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium kon niet worden gestart");
}

std::string from_hex(std::string_view hex, std::size_t bytes, const std::string& what) {
  std::string out(bytes, '\0');
  std::size_t len = 0;
  if (hex.size() != 2 * bytes ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), bytes, hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != bytes)
    throw InputError(what + ": verwacht " + std::to_string(2 * bytes) + " hexadecimale tekens (" +
                     std::to_string(bytes) + " bytes)");
  return out;
}

std::string read_key_file(const std::filesystem::path& file, std::size_t bytes, const char* kind) {
  std::string text = read_text_file(file);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return from_hex(text, bytes,
                  file.string() + ": geen bestand met een " + kind +
                      " Ed25519-sleutel (maak er een met `wkb-admission keygen`)");
}

json::object payload_to_json(const CertificatePayload& p) {
  json::array files;
  for (const auto& f : p.files) files.push_back(json::object{{"path", f.path}, {"sha256", f.sha256}});
  return json::object{
      {"plugin", json::object{{"id", p.plugin_id}, {"version", p.plugin_version}, {"files", std::move(files)}}},
      {"suite_version", p.suite_version},
      {"policy", json::object{{"id", p.policy_id}, {"version", p.policy_version}, {"sha256", p.policy_sha256}}},
      {"report_sha256", p.report_sha256},
      {"verdict", p.verdict},
      {"date", p.date}};
}

CertificatePayload payload_from_json(const json::value& v, Issues& issues) {
  CertificatePayload p;
  detail::ObjectReader r(v, "$.payload", issues, "de gecertificeerde inhoud");
  if (!r.valid()) return p;
  r.allow_only({"plugin", "suite_version", "policy", "report_sha256", "verdict", "date"});
  if (const auto* pv = r.find("plugin")) {
    detail::ObjectReader pr(*pv, r.at("plugin"), issues, "de plugin");
    if (pr.valid()) {
      pr.allow_only({"id", "version", "files"});
      p.plugin_id = pr.string("id").value_or("");
      p.plugin_version = pr.string("version").value_or("");
      if (const auto* files = pr.array("files")) {
        for (std::size_t i = 0; i < files->size(); ++i) {
          detail::ObjectReader fr((*files)[i], detail::index_path(pr.at("files"), i), issues, "een bestand");
          if (!fr.valid()) continue;
          fr.allow_only({"path", "sha256"});
          p.files.push_back({fr.string("path").value_or(""), fr.string("sha256").value_or("")});
        }
      }
    }
  } else {
    detail::missing_member(issues, r.path(), "plugin", "{id, version, files}");
  }
  p.suite_version = r.string("suite_version").value_or("");
  if (const auto* pv = r.find("policy")) {
    detail::ObjectReader pr(*pv, r.at("policy"), issues, "het toetsbeleid");
    if (pr.valid()) {
      pr.allow_only({"id", "version", "sha256"});
      p.policy_id = pr.string("id").value_or("");
      p.policy_version = pr.string("version").value_or("");
      p.policy_sha256 = pr.string("sha256").value_or("");
    }
  } else {
    detail::missing_member(issues, r.path(), "policy", "{id, version, sha256}");
  }
  p.report_sha256 = r.string("report_sha256").value_or("");
  p.verdict = r.string("verdict").value_or("");
  p.date = r.string("date").value_or("");
  return p;
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

std::vector<CertifiedFile> hash_plugin_files(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::vector<CertifiedFile> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path rel = fs::relative(it->path(), folder);
    if (it->is_symlink())
      throw InputError(it->path().string() +
                       ": is een symbolische koppeling; een gecertificeerde pluginmap bevat alleen gewone bestanden");
    if (!it->is_regular_file()) continue;
    const std::string name = rel.generic_string();
    if (name == kCertificateFileName) continue;
    out.push_back({name, sha256_file(it->path())});
  }
  if (ec) throw InputError(folder.string() + ": de inhoud van de pluginmap kan niet worden gelezen: " + ec.message());
  std::sort(out.begin(), out.end(), [](const CertifiedFile& a, const CertifiedFile& b) { return a.path < b.path; });
  return out;
}

std::string payload_canonical_json(const CertificatePayload& payload) {
  return serialize_canonical(payload_to_json(payload));
}

std::string certificate_json(const CertificatePayload& payload, std::string_view public_key,
                             std::string_view signature) {
  json::object doc{{"schema", json::string_view(kCertificateSchema.data(), kCertificateSchema.size())},
                   {"payload", payload_to_json(payload)},
                   {"signature", json::object{{"algorithm", "ed25519"},
                                              {"public_key", to_hex(public_key)},
                                              {"value", to_hex(signature)}}}};
  return serialize_canonical(doc) + "\n";
}

std::string read_public_key_file(const std::filesystem::path& file) {
  init_sodium();
  return read_key_file(file, crypto_sign_PUBLICKEYBYTES, "publieke");
}

std::string read_secret_key_file(const std::filesystem::path& file) {
  init_sodium();
  return read_key_file(file, crypto_sign_SECRETKEYBYTES, "geheime");
}

CertificatePayload verify_certificate(std::string_view text, std::string_view public_key, const std::string& subject) {
  init_sodium();
  json::value v;
  try {
    v = parse_json(text, subject);
  } catch (const SyntaxError& e) {
    throw InputError(e.what());
  }
  Issues issues;
  CertificatePayload payload;
  std::string key_hex, sig_hex;
  detail::ObjectReader r(v, "$", issues, "een certificaat");
  if (r.valid()) {
    r.allow_only({"schema", "payload", "signature"});
    r.schema(kCertificateSchema);
    if (const auto* pv = r.find("payload"))
      payload = payload_from_json(*pv, issues);
    else
      detail::missing_member(issues, "$", "payload", "de gecertificeerde inhoud");
    if (const auto* sv = r.find("signature")) {
      detail::ObjectReader sr(*sv, "$.signature", issues, "de handtekening");
      if (sr.valid()) {
        sr.allow_only({"algorithm", "public_key", "value"});
        if (auto alg = sr.string("algorithm"); alg && *alg != "ed25519")
          issues.add("$.signature.algorithm", "allowed-value",
                     "\"" + *alg + "\" wordt niet ondersteund; gebruik \"ed25519\"");
        key_hex = sr.string("public_key").value_or("");
        sig_hex = sr.string("value").value_or("");
      }
    } else {
      detail::missing_member(issues, "$", "signature", "{algorithm, public_key, value}");
    }
  }
  if (!issues.empty()) {
    ValidationError e(subject, issues.list());
    throw InputError(std::string("geen geldig certificaat: ") + e.what());
  }
  const std::string signer = from_hex(key_hex, crypto_sign_PUBLICKEYBYTES, subject + ": $.signature.public_key");
  const std::string signature = from_hex(sig_hex, crypto_sign_BYTES, subject + ": $.signature.value");
  if (signer != public_key)
    throw InputError(subject + ": ondertekend met een andere sleutel (" + to_hex(signer).substr(0, 16) +
                     "...) dan de vertrouwde (" + to_hex(public_key).substr(0, 16) + "...)");
  // Re-create the signed bytes from the parsed payload: the canonical form is
  // unique, so a reformatted file still verifies and any changed value fails.
  const std::string message = payload_canonical_json(payload);
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                  reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                  reinterpret_cast<const unsigned char*>(public_key.data())) != 0)
    throw InputError(subject + ": de handtekening past niet bij de gecertificeerde inhoud (gewijzigd of vervalst)");
  return payload;
}

std::string require_trusted(const Manifest& m, const std::filesystem::path& public_key_file) {
  auto refuse = [&](const std::string& why) {
    return PluginFailure(m.id, "load", "untrusted",
                         "geweigerd in productiemodus (--trust): " + why +
                             ". Laad alleen plugins die de TloKB heeft gecertificeerd (wkb-admission certify), of "
                             "werk zonder --trust");
  };
  const auto cert_file = m.folder / std::string(kCertificateFileName);
  std::string public_key;
  try {
    public_key = read_public_key_file(public_key_file);
  } catch (const InputError& e) {
    throw UsageError(std::string("--trust: ") + e.what());
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(cert_file, ec)) throw refuse("de plugin heeft geen certificaat " + cert_file.string());
  CertificatePayload p;
  try {
    p = verify_certificate(read_text_file(cert_file), public_key, cert_file.string());
  } catch (const InputError& e) {
    throw refuse(e.what());
  }
  if (p.verdict != "admitted") throw refuse("het certificaat legt geen toelating vast");
  if (p.plugin_id != m.id || p.plugin_version != m.version)
    throw refuse("het certificaat is voor " + p.plugin_id + " " + p.plugin_version + ", niet voor " + m.id + " " +
                 m.version);
  std::vector<CertifiedFile> on_disk;
  try {
    on_disk = hash_plugin_files(m.folder);
  } catch (const InputError& e) {
    throw refuse(e.what());
  }
  std::string differences;
  auto note = [&](const std::string& s) { differences += (differences.empty() ? "" : "; ") + s; };
  for (const auto& c : p.files) {
    auto it = std::find_if(on_disk.begin(), on_disk.end(), [&](const CertifiedFile& f) { return f.path == c.path; });
    if (it == on_disk.end())
      note(c.path + " ontbreekt");
    else if (it->sha256 != c.sha256)
      note(c.path + " is gewijzigd na de certificering (SHA-256 " + it->sha256.substr(0, 12) + "..., gecertificeerd " +
           c.sha256.substr(0, 12) + "...)");
  }
  for (const auto& f : on_disk)
    if (std::none_of(p.files.begin(), p.files.end(), [&](const CertifiedFile& c) { return c.path == f.path; }))
      note(f.path + " is niet gecertificeerd");
  if (!differences.empty()) throw refuse("de bestanden wijken af van de gecertificeerde: " + differences);
  // The entry is read once more, into memory, and hashed again: these bytes,
  // not the file, are what the loader runs, so a file swapped after the check
  // above is never executed.
  std::string entry;
  try {
    entry = read_text_file(m.entry_path(), std::uintmax_t{256} << 20);
  } catch (const InputError& e) {
    throw refuse(e.what());
  }
  const std::string entry_hash = sha256_hex(entry);
  const auto certified = std::find_if(p.files.begin(), p.files.end(), [&](const CertifiedFile& c) {
    return std::filesystem::path(c.path) == std::filesystem::path(m.entry);
  });
  if (certified == p.files.end())
    throw refuse("het startbestand " + m.entry + " hoort niet bij de gecertificeerde bestanden");
  if (certified->sha256 != entry_hash) throw refuse(m.entry + " is gewijzigd terwijl het werd gecontroleerd");
  return entry;
}

}  // namespace wkb::host
