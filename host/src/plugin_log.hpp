#pragma once
// What a native plugin writes to wkb_host.log, on its way to the host's log.
// The plugin is hostile: it may log from any thread, as often and as much as
// it likes, with any bytes. One set of limits for both hops (the plugin's own
// process, and the host, which checks again what that process sends).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wkb::host {

// Kept per call (between two answers); the rest is counted, not kept.
inline constexpr std::size_t kMaxPluginLogLines = 20;
// Kept of one message; longer ones are cut on a character boundary.
inline constexpr std::size_t kMaxPluginLogBytes = 1000;

struct PluginLogLine {
  std::int32_t level = 0;  // WKB_LOG_*
  std::string text;        // already bounded and without control characters
};

struct PluginLog {
  std::vector<PluginLogLine> lines;
  std::size_t dropped = 0;  // messages past kMaxPluginLogLines
  bool empty() const { return lines.empty() && dropped == 0; }
};

// At most `max_bytes` of `text`, cut before a UTF-8 continuation byte, with
// control characters (and DEL) replaced by spaces; "..." marks a cut. For
// every text that comes from plugin code.
std::string clean_untrusted(std::string text, std::size_t max_bytes);

// Writes `log` to the host's log under the plugin's id and the method during
// which it was written: "plugin nl.x (assess): ...". A line cannot pass for
// one of the host's (no line breaks, always the prefix).
void write_plugin_log(const std::string& plugin_id, const std::string& method, const PluginLog& log);

}  // namespace wkb::host
