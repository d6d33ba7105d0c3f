#pragma once
// Turning a plugin's {"error": {...}} answer into a PluginFailure. Shared by
// every loader so that errors read the same whatever the plugin's kind.
#include <string>
#include <vector>

#include "wkb/host/errors.hpp"

#include "wkb/host/instrument.hpp"

namespace wkb::host {
[[noreturn]] void throw_plugin_error(const std::string& plugin_id, Method method, const std::string& response);

// A failure whose code, message and issue paths come from plugin code (an
// error response, or a plugin host process that may be compromised): every
// field bounded, cut on a character boundary, without control characters; a
// code that does not look like one becomes "plugin-error".
PluginFailure untrusted_failure(const std::string& plugin_id, const std::string& method, const std::string& code,
                                const std::string& message, const std::vector<Issue>& issues);
}
