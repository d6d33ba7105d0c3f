#pragma once
// The host's notion of "now". The assessment date on which certificates must
// be valid (docs/sdk/certificates.md), the store's lifecycle timestamps and
// the default date of a finding come from here, so that tests and audit
// replays can fix the clock: WKB_NOW=2026-03-01T10:00:00Z (UTC, ISO 8601)
// replaces the system clock, but only together with WKB_ALLOW_FIXED_CLOCK=1:
// in normal use the system clock dates every entry.
#include <string>

#include "wkb/sdk/date.hpp"

namespace wkb::host {

// "YYYY-MM-DDTHH:MM:SSZ". Throws InputError when WKB_NOW is set but malformed.
std::string now_utc();
// The calendar date of now_utc().
Date today();

}  // namespace wkb::host
