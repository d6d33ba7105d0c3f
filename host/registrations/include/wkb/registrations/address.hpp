#pragma once
// Dutch addresses as the chain matches them: a postcode ("1234 AB"), a house
// number with its letter and addition (BAG: huisnummer, huisletter,
// huisnummertoevoeging), and a BAG id. The project message holds the house
// number as one string ("12A-2"); a melding gives the three parts apart.
#include <optional>
#include <string>
#include <string_view>

namespace wkb::reg {

struct HouseNumber {
  int number = 0;        // 1 to 99999
  std::string letter;    // one letter, upper case, or empty
  std::string addition;  // up to 4 letters or digits, upper case, or empty
  bool operator==(const HouseNumber&) const = default;
};

// "1234ab", "1234 AB", " 1234  ab " -> "1234AB". Nullopt for anything else:
// four digits not starting with 0, two letters, and not SA, SD or SS (which
// PostNL never issues).
std::optional<std::string> normalise_postcode(std::string_view text);
// "1234AB" -> "1234 AB" (as printed on letters).
std::string postcode_display(std::string_view normalised);

// Splits the project message's house number: "12" -> 12; "12A" and "12 a" ->
// 12, letter A; "12-2", "12 2", "12/2" -> 12, addition 2; "12A-2" -> 12, A, 2;
// "12-hs", "12 bis" -> addition HS, BIS; "12-A" -> addition A (after a
// separator a single letter is read as an addition, as BAG writes "12-A").
// Nullopt when it does not start with a number of 1 to 99999 or the rest is
// not a letter and an addition of at most 4 letters or digits.
std::optional<HouseNumber> split_house_number(std::string_view text);
// The parts of a melding: a letter must be one letter, an addition 1 to 4
// letters or digits (case-insensitive). Nullopt when a part is not.
std::optional<std::string> normalise_letter(std::string_view text);
std::optional<std::string> normalise_addition(std::string_view text);
// "12", "12A", "12A-2", "12-2": as a person writes it.
std::string house_number_display(const HouseNumber& h);

// Sixteen digits (the BAG's nummeraanduiding or verblijfsobject id).
bool is_bag_id(std::string_view text);

// The key two addresses match on: normalised postcode, number, letter, addition.
std::string address_key(std::string_view postcode, const HouseNumber& house);

}  // namespace wkb::reg
