#pragma once
// The rules the host enforces on what an instrument answers, whatever the
// instrument says (contract v1). Each check appends Issues with stable rule
// ids; docs/sdk/errors.md lists them. A plugin may be stricter, never laxer.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wkb/host/manifest.hpp"
#include "wkb/sdk/types.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb::host {

void check_description(const Description& d, const Manifest& m, Issues& issues);
void check_assessment(const Project& p, const Assessment& a, Issues& issues);
void check_sample(const Project& p, const Description& d, const Sample& s, Issues& issues);
// `p` is the project as the instrument saw it (with_valid_certificates): the
// certificate-check rule is about the certificates it could count.
void check_plan(const Project& p, const Description& d, const Assessment& a, const Sample& s, const Plan& plan,
                Issues& issues);

// Findings are user input: every finding must name a control of the plan and,
// for a control with units, one of its units; the project id must match; a
// conform certificate check falls inside a certificate's validity
// (check_certificate_findings, wkb/host/certificates.hpp).
void check_findings(const Project& p, const Plan& plan, const Findings& f, Issues& issues);

// The decision table itself (finding_status, required_outcome) is in the SDK:
// wkb/sdk/decision_table.hpp, so that instruments can use the same code.
void check_decision(const Project& p, const Plan& plan, const Findings& f, const Decision& d, Issues& issues);

}  // namespace wkb::host
