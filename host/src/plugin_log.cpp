#include "plugin_log.hpp"

#include "wkb/abi.h"
#include "wkb/host/log.hpp"

namespace wkb::host {

std::string clean_untrusted(std::string text, std::size_t max_bytes) {
  bool cut = false;
  if (text.size() > max_bytes) {
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    cut = true;
  }
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  if (cut) text += "...";
  return text;
}

void write_plugin_log(const std::string& plugin_id, const std::string& method, const PluginLog& plugin_log) {
  const std::string prefix = "plugin " + plugin_id + " (" + method + "): ";
  for (const auto& line : plugin_log.lines) {
    switch (line.level) {
      case WKB_LOG_DEBUG: log::debug(prefix + line.text); break;
      case WKB_LOG_INFO: log::info(prefix + line.text); break;
      case WKB_LOG_ERROR: log::error(prefix + line.text); break;
      default: log::warn(prefix + line.text); break;
    }
  }
  if (plugin_log.dropped > 0)
    log::warn(prefix + std::to_string(plugin_log.dropped) + " more log messages dropped (at most " +
              std::to_string(kMaxPluginLogLines) + " per call)");
}

}  // namespace wkb::host
