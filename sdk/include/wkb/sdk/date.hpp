#pragma once
// A calendar date (proleptic Gregorian), as used in schedules, inspections and
// findings. Stored as days since 1970-01-01 so that comparisons and day
// arithmetic are trivial; text form is ISO 8601 "YYYY-MM-DD".
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace wkb {

class Date {
 public:
  Date() = default;
  static Date from_days(int days) { Date d; d.days_ = days; return d; }
  static Date from_ymd(int year, int month, int day);
  // Parses "YYYY-MM-DD"; nullopt if malformed or not a real date (2026-02-30).
  static std::optional<Date> parse(std::string_view text);

  int days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string to_string() const;
  Date plus_days(int n) const { return from_days(days_ + n); }

  auto operator<=>(const Date&) const = default;

 private:
  int days_ = 0;
};

}  // namespace wkb
