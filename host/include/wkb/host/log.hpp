#pragma once
// Logging to stderr through spdlog, without spdlog in this header (it is the
// heaviest header set in the build).
#include <string>
#include <string_view>

namespace wkb::host::log {

// "trace", "debug", "info", "warn", "error", "off"; false if unknown.
bool set_level(std::string_view level);
bool enabled_debug();
void debug(const std::string& message);
void info(const std::string& message);
void warn(const std::string& message);
void error(const std::string& message);

}  // namespace wkb::host::log
