#pragma once
// Numbers, counts and times as a Dutch reader expects them, for everything a
// person reads (CLI tables, dossier, admission report, an instrument's
// explanations): "1 dag" and "2 dagen", never "dag(en)"; "0,25" and "12,5%";
// "1 234"; times in local time, "1 december 2026 om 14:05".
#include <cstddef>
#include <string>
#include <string_view>

namespace wkb {

// "1 eenheid", "3 eenheden", "0 eenheden".
std::string count_nl(long long n, std::string_view singular, std::string_view plural);
// A whole number with a (narrow no-break) space between thousands: "12 345".
std::string integer_nl(long long n);
// A decimal with a comma and at most `digits` decimals, trailing zeros
// dropped: decimal_nl(0.1, 3) == "0,1", decimal_nl(2.0, 2) == "2".
std::string decimal_nl(double value, int digits);
// A fraction as a percentage: percent_nl(0.125) == "12,5%".
std::string percent_nl(double fraction, int digits = 1);
// An ISO 8601 UTC timestamp ("2026-12-01T13:05:00Z") as a person in the
// Netherlands reads it, in local time: "1 december 2026 om 14:05". Text that
// is not such a timestamp is returned as it is.
std::string datetime_nl(std::string_view iso_utc);
// A date ("2026-12-01") as "1 december 2026".
std::string date_nl(std::string_view iso_date);

// An operating system error (errno) in Dutch: "bestaat niet", "geen toegang".
std::string os_error_nl(int error_number);

}  // namespace wkb
