#include "wkb/store/text.hpp"

#include <cstdint>
#include <optional>

#include "wkb/host/errors.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::store {
namespace {

// Decodes the code point at `i` (advancing it); nullopt for invalid UTF-8
// (overlong forms, surrogates and values past U+10FFFF included).
std::optional<char32_t> next(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = 0;
  char32_t cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
  else return std::nullopt;
  if (i + len > s.size()) return std::nullopt;
  for (int k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += len;
  return cp;
}

bool invisible(char32_t c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case 0x00A0: case 0x1680: case 0x180E: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x2060: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200D;  // the typographic spaces, ZWSP, ZWNJ, ZWJ
  }
}

std::string hex(char32_t c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
  return out;
}

}  // namespace

void check_text(std::string_view field, std::string_view value, TextKind kind, std::size_t max_chars) {
  using wkb::host::InputError;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < value.size();) {
    const std::size_t at = i;
    const auto c = next(value, i);
    if (!c)
      throw InputError(std::string(field) + " is geen geldige UTF-8-tekst (byte " + std::to_string(at + 1) +
                       "); sla het bestand op als UTF-8");
    const bool allowed = kind == TextKind::free && (*c == '\t' || *c == '\n');
    if ((*c < 0x20 || *c == 0x7F) && !allowed)
      throw InputError(std::string(field) + " bevat het stuurteken " + hex(*c) + " op positie " +
                       std::to_string(chars + 1) +
                       (kind == TextKind::free ? "; alleen tab en regelovergang zijn toegestaan in vrije tekst"
                                               : "; een id of naam bevat geen stuurtekens") +
                       ". Verwijder het en probeer opnieuw");
    ++chars;
  }
  if (chars > max_chars)
    throw InputError(std::string(field) + " is " + number_nl(static_cast<double>(chars)) + " tekens lang; de grens is " +
                     number_nl(static_cast<double>(max_chars)) + " tekens (zie docs/store.md, Grenzen)");
}

bool is_blank(std::string_view value) {
  for (std::size_t i = 0; i < value.size();) {
    const auto c = next(value, i);
    if (!c || !invisible(*c)) return false;
  }
  return true;
}

std::string quote(std::string_view value) {
  constexpr std::size_t kShown = 80;
  std::size_t i = 0, chars = 0, cut = std::string_view::npos;
  while (i < value.size()) {
    if (chars == kShown && cut == std::string_view::npos) cut = i;
    if (!next(value, i)) ++i;  // a broken byte counts as one character here
    ++chars;
  }
  if (cut == std::string_view::npos) return "\"" + std::string(value) + "\"";
  return "\"" + std::string(value.substr(0, cut)) + "…\" (" + number_nl(static_cast<double>(chars)) + " tekens)";
}

}  // namespace wkb::store
