#include "wkb/store/clock.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "wkb/host/errors.hpp"

namespace wkb::store {

std::string now_utc() {
  if (const char* fixed = std::getenv("WKB_NOW"); fixed && *fixed) {
    const std::string s(fixed);
    int h = 0, mi = 0, se = 0;
    char tail = 0;
    const bool shape = s.size() == 20 && s[10] == 'T' && s[19] == 'Z' &&
                       std::sscanf(s.c_str() + 11, "%2d:%2d:%2d%c", &h, &mi, &se, &tail) == 4;
    if (!shape || !Date::parse(s.substr(0, 10)) || h > 23 || mi > 59 || se > 59)
      throw wkb::host::InputError("WKB_NOW=\"" + s +
                                  "\" is not a UTC time like 2026-03-01T10:00:00Z; fix or unset it");
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

}  // namespace wkb::store
