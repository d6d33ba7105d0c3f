#include "wkb/sdk/contract.hpp"

#include <charconv>

namespace wkb {

std::optional<ContractVersion> parse_contract_version(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<int> {
    if (s.empty() || s.size() > 4 || (s.size() > 1 && s[0] == '0') ||
        s.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
  };
  const auto major = number(text.substr(0, dot));
  const auto minor = number(text.substr(dot + 1));
  if (!major || !minor) return std::nullopt;
  return ContractVersion{*major, *minor};
}

}  // namespace wkb
