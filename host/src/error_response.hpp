#pragma once
// Turning a plugin's {"error": {...}} answer into a PluginFailure. Shared by
// every loader so that errors read the same whatever the plugin's kind.
#include <string>

#include "wkb/host/instrument.hpp"

namespace wkb::host {
[[noreturn]] void throw_plugin_error(const std::string& plugin_id, Method method, const std::string& response);
}
