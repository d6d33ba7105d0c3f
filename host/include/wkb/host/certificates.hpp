#pragma once
// The host's rules for the certificates a project relies on
// (docs/sdk/certificates.md). The instrument decides how much a certificate
// lowers a risk; the host decides which certificates the instrument may
// count and that a lowered risk is always checked.
#include <string>
#include <vector>

#include "wkb/sdk/types.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb::host {

// Something the host did that the user must know but that does not stop the
// command (a code in English, a message in Dutch).
struct HostWarning {
  std::string code;  // "certificate-expired", "certificate-not-yet-valid"
  std::string message;
  bool operator==(const HostWarning&) const = default;
};

// The project as an instrument sees it on `as_of` (the assessment date): the
// certificates not valid on that day are left out, so they lower nothing;
// one warning for each. The project itself stays as the user gave it.
Project with_valid_certificates(const Project& project, Date as_of, std::vector<HostWarning>& warnings);

// Rule certificate-check: every risk whose topic a certificate of `seen` (the
// project the instrument saw) covers has a control with method
// certificate-check for that risk, whatever its score. The host cannot see
// how the instrument scored, so it presumes any such certificate may have
// lowered the risk.
void check_certificate_controls(const Project& seen, const Assessment& a, const Plan& plan, Issues& issues);

// Rule certificate-expired: a conform or repaired finding on a
// certificate-check control is dated inside the validity of a certificate of
// `project` that covers the control's topic.
void check_certificate_findings(const Project& project, const Plan& plan, const Findings& f, Issues& issues);

}  // namespace wkb::host
