#include <gtest/gtest.h>

#include "wkb/sdk/date.hpp"

using wkb::Date;

TEST(Date, ParsesAndFormatsIsoDates) {
  auto d = Date::parse("2026-03-02");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 3);
  EXPECT_EQ(d->day(), 2);
  EXPECT_EQ(d->to_string(), "2026-03-02");
}

TEST(Date, EpochAndDayArithmetic) {
  EXPECT_EQ(Date::parse("1970-01-01")->days(), 0);
  EXPECT_EQ(Date::parse("2026-02-28")->plus_days(1).to_string(), "2026-03-01");
  EXPECT_EQ(Date::parse("2028-02-28")->plus_days(1).to_string(), "2028-02-29");  // leap year
  EXPECT_EQ(Date::parse("2026-12-31")->plus_days(1).to_string(), "2027-01-01");
  EXPECT_LT(*Date::parse("2026-03-20"), *Date::parse("2026-03-23"));
}

TEST(Date, RefusesMalformedAndImpossibleDates) {
  for (const char* bad : {"2026-02-30", "2026-13-01", "2026-00-10", "2026-3-2", "02-03-2026", "2026/03/02",
                          "", "2026-02-29", "abcd-ef-gh", "2026-03-02T10:00"})
    EXPECT_FALSE(Date::parse(bad)) << bad;
  EXPECT_TRUE(Date::parse("2028-02-29"));
}

TEST(Date, RoundTripsEveryDayOfSeveralYears) {
  Date d = *Date::parse("2023-01-01");
  for (int i = 0; i < 3 * 366; ++i, d = d.plus_days(1)) {
    auto again = Date::parse(d.to_string());
    ASSERT_TRUE(again) << d.to_string();
    ASSERT_EQ(again->days(), d.days());
  }
}
