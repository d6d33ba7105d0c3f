#pragma once
// Keys and certificates (Ed25519, libsodium). Verification lives in the host
// (wkb/host/trust.hpp) because `wkb --trust` needs it too.
#include <filesystem>
#include <string>

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

// Signs a certificate for an admitted, complete report. Refuses a rejected or
// partial report (--only) and a plugin folder whose files changed since the
// run. Returns the payload; writes the certificate to `out` (default:
// certificate.json in the plugin's folder named by the report).
host::CertificatePayload certify(const std::filesystem::path& report_file, const std::filesystem::path& key_file,
                                 std::filesystem::path out, std::filesystem::path* written = nullptr);

}  // namespace wkb::admission
