#include <gtest/gtest.h>

#include "wkb/registrations/address.hpp"

namespace wkb::reg {
namespace {

TEST(Postcode, NormalisesSpacesAndCase) {
  EXPECT_EQ(normalise_postcode("7607 AB"), "7607AB");
  EXPECT_EQ(normalise_postcode("7607ab"), "7607AB");
  EXPECT_EQ(normalise_postcode(" 7607  aB "), "7607AB");
  EXPECT_EQ(postcode_display("7607AB"), "7607 AB");
}

TEST(Postcode, RefusesWhatIsNoDutchPostcode) {
  for (const char* bad : {"", "7607", "7607 A", "0607 AB", "76O7 AB", "7607 A1", "7607 ABC", "76 07AB", "7607-AB",
                          "7607 SA", "7607 sd", "7607SS"})
    EXPECT_FALSE(normalise_postcode(bad).has_value()) << bad;
}

HouseNumber hn(int n, std::string letter = "", std::string addition = "") { return {n, letter, addition}; }

TEST(HouseNumber, SplitsLetterAndAddition) {
  EXPECT_EQ(split_house_number("12"), hn(12));
  EXPECT_EQ(split_house_number("12A"), hn(12, "A"));
  EXPECT_EQ(split_house_number("12a"), hn(12, "A"));
  EXPECT_EQ(split_house_number("12 A"), hn(12, "A"));
  EXPECT_EQ(split_house_number("12A-2"), hn(12, "A", "2"));
  EXPECT_EQ(split_house_number("12a 2"), hn(12, "A", "2"));
  EXPECT_EQ(split_house_number("12-2"), hn(12, "", "2"));
  EXPECT_EQ(split_house_number("12/2"), hn(12, "", "2"));
  EXPECT_EQ(split_house_number("12 2"), hn(12, "", "2"));
  EXPECT_EQ(split_house_number("12-hs"), hn(12, "", "HS"));
  EXPECT_EQ(split_house_number("12 bis"), hn(12, "", "BIS"));
  EXPECT_EQ(split_house_number("12bis"), hn(12, "", "BIS"));
  EXPECT_EQ(split_house_number("12-A"), hn(12, "", "A"));  // after a separator: an addition, as BAG writes it
  EXPECT_EQ(split_house_number("99999"), hn(99999));
  EXPECT_EQ(split_house_number(" 7 "), hn(7));
}

TEST(HouseNumber, RefusesWhatDoesNotSplit) {
  for (const char* bad : {"", "A12", "0", "012", "100000", "12-", "12A-", "12 -2", "12A-23456", "12-2-3", "12,5",
                          "twaalf", "12A B C"})
    EXPECT_FALSE(split_house_number(bad).has_value()) << bad;
}

TEST(HouseNumber, DisplaysAsWritten) {
  EXPECT_EQ(house_number_display(hn(12, "A", "2")), "12A-2");
  EXPECT_EQ(house_number_display(hn(5, "", "HS")), "5-HS");
  EXPECT_EQ(house_number_display(hn(40)), "40");
}

TEST(Address, KeyTellsLetterFromAddition) {
  // "12A" and "12-A" are different addresses in the BAG.
  EXPECT_NE(address_key("7607AB", hn(12, "A")), address_key("7607AB", hn(12, "", "A")));
  EXPECT_EQ(address_key("7607AB", *split_house_number("12a-2")), address_key("7607AB", hn(12, "A", "2")));
}

TEST(Address, Parts) {
  EXPECT_EQ(normalise_letter("b"), "B");
  EXPECT_EQ(normalise_letter(""), "");
  EXPECT_FALSE(normalise_letter("ab").has_value());
  EXPECT_FALSE(normalise_letter("1").has_value());
  EXPECT_EQ(normalise_addition("hs"), "HS");
  EXPECT_FALSE(normalise_addition("12345").has_value());
  EXPECT_FALSE(normalise_addition("1-2").has_value());
  EXPECT_TRUE(is_bag_id("0141200000000012"));
  EXPECT_FALSE(is_bag_id("014120000000001"));
  EXPECT_FALSE(is_bag_id("01412000000000X2"));
}

}  // namespace
}  // namespace wkb::reg
