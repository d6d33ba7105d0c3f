#pragma once
// report.sig.json: the detached Ed25519 signature over the exact bytes of
// report.json, made at the end of a run with a key pair generated for that run
// only (its secret key lives in the harness process's memory and is zeroed
// after signing). `wkb-admission certify` refuses a report without a valid
// signature and recomputes the verdict from the tests (certify.hpp).
//
//   {"algorithm":"ed25519","public_key":"<hex 32 bytes>","report":"report.json",
//    "report_sha256":"<hex>","schema":"wkb.admission-report-signature/1",
//    "signature":"<hex 64 bytes>"}   (canonical JSON, one line)
#include <string>
#include <string_view>

namespace wkb::admission {

inline constexpr std::string_view kReportFileName = "report.json";
inline constexpr std::string_view kReportSignatureFileName = "report.sig.json";
inline constexpr std::string_view kReportSignatureSchema = "wkb.admission-report-signature/1";

// What write_reports signed: the run's public key (lowercase hex, 64
// characters) and the SHA-256 of report.json (lowercase hex).
struct WrittenReports {
  std::string public_key_hex;
  std::string report_sha256;
};

}  // namespace wkb::admission
