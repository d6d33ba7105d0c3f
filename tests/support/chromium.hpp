#pragma once
// HTML outputs are checked as a browser sees them: the DOM headless Chromium
// (Debian's chromium, installed by scripts/setup.sh) builds from the file.
#include <filesystem>
#include <optional>
#include <string>

#include "command.hpp"

namespace wkb::test {

inline constexpr const char* kChromium = "/usr/bin/chromium";

// The serialised DOM of `html`, or nullopt when Chromium is not installed.
inline std::optional<std::string> chromium_dom(const std::filesystem::path& html) {
  if (!std::filesystem::exists(kChromium)) return std::nullopt;
  const auto profile = std::filesystem::absolute(html).parent_path() / ".chromium-profile";
  // --no-sandbox: tests may run as root, where Chromium's own sandbox refuses to start.
  const auto o = run_command({kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile.string(),
                              "--dump-dom", "file://" + std::filesystem::absolute(html).string()},
                             "2>/dev/null");
  std::filesystem::remove_all(profile);
  if (o.code != 0) return std::string();
  return o.out;
}

}  // namespace wkb::test
