#pragma once
// Keys and certificates (Ed25519, libsodium). Verification lives in the host
// (wkb/host/trust.hpp) because `wkb --trust` needs it too.
#include <filesystem>
#include <string>
#include <string_view>

#include "wkb/host/errors.hpp"
#include "wkb/host/trust.hpp"

namespace wkb::admission {

// Certification refused on the merits (a rejected or partial report, changed
// files): exit code 1, like a negative verdict.
class Refused : public host::Error {
 public:
  using host::Error::Error;
  int exit_code() const override { return host::kExitRejected; }
};

// Writes PREFIX.key (secret, mode 0600) and PREFIX.pub. Refuses to overwrite.
void keygen(const std::string& prefix);

// Signs a certificate for an admitted, complete report. Before anything else
// it checks report.sig.json beside the report (check_report_signature) and
// that the report is consistent with its own tests (check_report_consistent).
// Refuses a rejected or partial report (--only) and a plugin folder whose
// files changed since the run. `run_key` (optional, hex): the run's public key
// or a prefix of it of at least 16 characters, as the run printed it; the
// report must be signed with that key. Returns the payload; writes the
// certificate to `out` (default: certificate.json in the plugin's folder
// named by the report) and the run's public key (hex) to `run_public_key`.
host::CertificatePayload certify(const std::filesystem::path& report_file, const std::filesystem::path& key_file,
                                 std::filesystem::path out, std::filesystem::path* written = nullptr,
                                 std::string_view run_key = {}, std::string* run_public_key = nullptr);

// The signature check: `signature_text` (report.sig.json) must be a
// wkb.admission-report-signature/1 naming `report_name`, with the SHA-256 of
// `report_text` and a valid Ed25519 signature over exactly those bytes.
// Returns the public key (lowercase hex). Throws Refused saying what is wrong.
std::string check_report_signature(std::string_view report_text, std::string_view signature_text,
                                   std::string_view report_name);

// The recompute check on a report's text: every test has a known status and a
// catalogue id (once, in its chapter); `verdict`, `counts` and `verdict_line`
// are what the tests give; a report marked complete holds every catalogue
// test. Throws Refused naming what disagrees.
void check_report_consistent(std::string_view report_text);

}  // namespace wkb::admission
