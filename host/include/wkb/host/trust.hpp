#pragma once
// Production mode (`wkb --trust PUB`): load only plugins that the TloKB's
// admission harness certified. A certificate (certificate.json in the plugin
// folder, written by `wkb-admission certify`) binds the plugin id, version and
// the SHA-256 of every file in the folder to a suite version, a policy and a
// date, signed with Ed25519 (libsodium).
//
// The signed bytes are the canonical JSON (wkb::serialize_canonical) of the
// certificate's "payload" member, so any reader can re-create them.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/host/manifest.hpp"

namespace wkb::host {

inline constexpr std::string_view kCertificateFileName = "certificate.json";
inline constexpr std::string_view kCertificateSchema = "wkb.certificate/1";

struct CertifiedFile {
  std::string path;    // relative to the plugin folder, '/'-separated
  std::string sha256;  // lowercase hex
  bool operator==(const CertifiedFile&) const = default;
};

struct CertificatePayload {
  std::string plugin_id;
  std::string plugin_version;
  std::vector<CertifiedFile> files;  // sorted by path; never certificate.json
  std::string suite_version;
  std::string policy_id;
  std::string policy_version;
  std::string policy_sha256;
  std::string report_sha256;
  std::string verdict;  // always "admitted": a rejected report is never certified
  std::string date;     // YYYY-MM-DD (UTC) of certification
};

// Every regular file under `folder` (recursively), hashed, sorted by path,
// without certificate.json. Symbolic links are refused (InputError): what is
// certified must be what is loaded.
std::vector<CertifiedFile> hash_plugin_files(const std::filesystem::path& folder);

// The canonical JSON text of a payload: the exact bytes that are signed.
std::string payload_canonical_json(const CertificatePayload& payload);

// A whole certificate document (pretty enough to read, canonical payload).
std::string certificate_json(const CertificatePayload& payload, std::string_view public_key,
                             std::string_view signature);

// Key files hold lowercase hex on one line: 32 bytes (public) or 64 bytes
// (secret, libsodium's seed + public key). Throws InputError naming the file.
std::string read_public_key_file(const std::filesystem::path& file);
std::string read_secret_key_file(const std::filesystem::path& file);
std::string to_hex(std::string_view bytes);

// Parses a certificate and checks its signature against `public_key` (32 raw
// bytes). Throws InputError naming `subject` and what is wrong (malformed,
// another key, bad signature).
CertificatePayload verify_certificate(std::string_view certificate_text, std::string_view public_key,
                                      const std::string& subject);

// The host's production-mode check before a plugin's code is loaded: a valid
// certificate for this plugin id and version, signed by the key in
// `public_key_file`, whose file hashes equal the files on disk. Throws
// PluginFailure (method "load", code "untrusted") with a message saying why
// and how to fix it. Returns the bytes of the entry file (library or script)
// as they were hashed: the loader runs these, never the file again.
std::string require_trusted(const Manifest& manifest, const std::filesystem::path& public_key_file);

}  // namespace wkb::host
