#pragma once
// Internal to the SDK: the assess request's reader, shared by the barrier
// and check_request (the other requests have theirs in codec.hpp).
#include <string>
#include <string_view>

#include "wkb/sdk/types.hpp"

namespace wkb::sdk::detail {
Project read_assess_request(std::string_view text, const std::string& subject);
std::string request_subject(std::string_view method);
}  // namespace wkb::sdk::detail
