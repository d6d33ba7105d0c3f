#include "wkb/host/clock.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "plugin_log.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"

namespace wkb::host {

namespace {
bool fixed_clock_allowed() {
  const char* allow = std::getenv("WKB_ALLOW_FIXED_CLOCK");
  return allow && std::string_view(allow) == "1";
}
}  // namespace

std::string now_utc() {
  const char* fixed = std::getenv("WKB_NOW");
  if (fixed && *fixed && !fixed_clock_allowed()) {
    // A fixed clock dates audit entries at will; outside tests and demos it
    // would let anyone backdate evidence. Say so once and use the real clock.
    static bool warned = false;
    if (!warned) {
      log::warn("WKB_NOW wordt genegeerd: een vaste klok vraagt WKB_ALLOW_FIXED_CLOCK=1 (alleen voor "
                "tests en demonstraties); wkb gebruikt de systeemklok");
      warned = true;
    }
    fixed = nullptr;
  }
  if (fixed && *fixed) {
    const std::string s(fixed);
    int h = 0, mi = 0, se = 0;
    char tail = 0;
    const bool shape = s.size() == 20 && s[10] == 'T' && s[19] == 'Z' &&
                       std::sscanf(s.c_str() + 11, "%2d:%2d:%2d%c", &h, &mi, &se, &tail) == 4;
    if (!shape || !Date::parse(s.substr(0, 10)) || h > 23 || mi > 59 || se > 59)
      throw InputError("WKB_NOW=\"" + clean_untrusted(s, 80) +
                       "\" is geen UTC-tijd in de vorm 2026-03-01T10:00:00Z; verbeter of verwijder de variabele");
    return s;
  }
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Date today() { return *Date::parse(now_utc().substr(0, 10)); }

}  // namespace wkb::host
