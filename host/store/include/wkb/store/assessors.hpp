#pragma once
// Findings by qualified people (docs/store.md#staff, rule `assessor`): the
// check the store makes on every findings import, and `wkb evaluate` and
// `wkb run` make with --staff. Pure: no store. Light header.
#include <string>
#include <vector>

#include "wkb/host/staff.hpp"
#include "wkb/sdk/types.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb::store {

// One issue at `$.findings[i]` (rule `assessor`) per finding whose
// assessed_by is not a person of `staff`, or names one who may not assess it
// (wkb::host::assessor_problem: another firm than `assurer_kvk`, not active
// on the finding's date, no role that fits the control). Findings on a
// control the plan does not hold, or without assessed_by, are left to the
// checks that name those.
void check_assessors(const std::vector<Finding>& findings, const Plan& plan, const std::string& assurer_kvk,
                     const std::vector<wkb::host::StaffMember>& staff, Issues& issues);

}  // namespace wkb::store
