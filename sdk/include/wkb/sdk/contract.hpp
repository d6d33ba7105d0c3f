#pragma once
// The contract version this SDK speaks, and how versions meet
// (docs/sdk/contract.md#versions-and-growth).
#include <optional>
#include <string>
#include <string_view>

namespace wkb {

struct ContractVersion {
  int major = 1;
  int minor = 0;
  std::string to_string() const { return std::to_string(major) + "." + std::to_string(minor); }
  friend bool operator==(const ContractVersion&, const ContractVersion&) = default;
};

// What this SDK (and a host built with it) speaks; describe() states it in
// its `contract` member.
inline constexpr ContractVersion kContractVersion{1, 0};

// "1.0", "1.12": MAJOR.MINOR, decimal, without leading zeros; nullopt otherwise.
std::optional<ContractVersion> parse_contract_version(std::string_view text);

// Whether a reader that speaks `reader` may ignore members it does not know
// in a message whose writer declared `declared`: only when the writer speaks
// a newer minor version of the same major. A message of the reader's own
// minor version or older is read strictly.
inline bool tolerates_unknown_members(ContractVersion declared, ContractVersion reader) {
  return declared.major == reader.major && declared.minor > reader.minor;
}

}  // namespace wkb
