#include "wkb/registrations/address.hpp"

#include <cctype>

namespace wkb::reg {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> normalise_postcode(std::string_view text) {
  // Four digits, optional spaces, two letters: "1234AB", "1234 ab".
  const std::string_view t = trim(text);
  if (t.size() < 6) return std::nullopt;
  for (int i = 0; i < 4; ++i)
    if (!digit(t[i])) return std::nullopt;
  std::size_t i = 4;
  while (i < t.size() && t[i] == ' ') ++i;
  if (t.size() - i != 2 || !alpha(t[i]) || !alpha(t[i + 1]) || t[0] == '0') return std::nullopt;
  std::string out(t.substr(0, 4));
  out += upper(t[i]);
  out += upper(t[i + 1]);
  const std::string letters = out.substr(4);
  if (letters == "SA" || letters == "SD" || letters == "SS") return std::nullopt;
  return out;
}

std::string postcode_display(std::string_view n) {
  if (n.size() != 6) return std::string(n);
  return std::string(n.substr(0, 4)) + " " + std::string(n.substr(4));
}

std::optional<std::string> normalise_letter(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::string();
  if (text.size() != 1 || !alpha(text[0])) return std::nullopt;
  return std::string(1, upper(text[0]));
}

std::optional<std::string> normalise_addition(std::string_view text) {
  text = trim(text);
  if (text.size() > 4) return std::nullopt;
  std::string out;
  for (char c : text) {
    if (!digit(c) && !alpha(c)) return std::nullopt;
    out += upper(c);
  }
  return out;
}

std::optional<HouseNumber> split_house_number(std::string_view text) {
  text = trim(text);
  std::size_t i = 0;
  while (i < text.size() && digit(text[i])) ++i;
  if (i == 0 || i > 5 || text[0] == '0') return std::nullopt;
  HouseNumber h;
  h.number = std::stoi(std::string(text.substr(0, i)));
  std::string_view rest = text.substr(i);
  // A letter directly after the number (or after one space), not followed by
  // another letter: "12A", "12 A", "12A-2". "12 bis" is an addition.
  std::size_t j = !rest.empty() && rest[0] == ' ' ? 1 : 0;
  if (j < rest.size() && alpha(rest[j]) && (j + 1 == rest.size() || !alpha(rest[j + 1]))) {
    h.letter = std::string(1, upper(rest[j]));
    rest = rest.substr(j + 1);
  }
  // One separator, then the addition.
  if (!rest.empty() && (rest[0] == '-' || rest[0] == ' ' || rest[0] == '/')) {
    rest.remove_prefix(1);
    rest = trim(rest);
    if (rest.empty()) return std::nullopt;
  }
  auto addition = normalise_addition(rest);
  if (!addition) return std::nullopt;
  if (!rest.empty() && rest.size() != trim(rest).size()) return std::nullopt;
  h.addition = *addition;
  return h;
}

std::string house_number_display(const HouseNumber& h) {
  std::string s = std::to_string(h.number) + h.letter;
  if (!h.addition.empty()) s += "-" + h.addition;
  return s;
}

bool is_bag_id(std::string_view text) {
  if (text.size() != 16) return false;
  for (char c : text)
    if (!digit(c)) return false;
  return true;
}

std::string address_key(std::string_view postcode, const HouseNumber& house) {
  return std::string(postcode) + "|" + std::to_string(house.number) + "|" + house.letter + "|" + house.addition;
}

}  // namespace wkb::reg
