#include "wkb/sdk/text_nl.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <ctime>

namespace wkb {
namespace {

constexpr const char* kMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                   "juli",    "augustus", "september", "oktober", "november", "december"};

// "2026-12-01" -> year, month, day; false when the text is not such a date.
bool split_date(std::string_view s, int& y, int& m, int& d) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace

std::string count_nl(long long n, std::string_view singular, std::string_view plural) {
  return integer_nl(n) + " " + std::string(n == 1 ? singular : plural);
}

std::string integer_nl(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  // Dutch groups thousands from five digits on ("1234", "12 345").
  if (digits.size() > 4)
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
      out += digits[i];
    }
  else
    out = digits;
  return (n < 0 ? "-" : "") + out;
}

std::string decimal_nl(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  std::string s = buf;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    else s[dot] = ',';
  }
  return s == "-0" ? "0" : s;
}

std::string percent_nl(double fraction, int digits) { return decimal_nl(fraction * 100.0, digits) + "%"; }

std::string date_nl(std::string_view iso_date) {
  int y, m, d;
  if (!split_date(iso_date, y, m, d)) return std::string(iso_date);
  return std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
}

std::string datetime_nl(std::string_view iso) {
  int y, m, d;
  if (iso.size() < 20 || !split_date(iso, y, m, d) || iso[10] != 'T' || iso.back() != 'Z')
    return std::string(iso);
  std::tm utc{};
  utc.tm_year = y - 1900;
  utc.tm_mon = m - 1;
  utc.tm_mday = d;
  if (std::sscanf(std::string(iso.substr(11, 8)).c_str(), "%d:%d:%d", &utc.tm_hour, &utc.tm_min, &utc.tm_sec) != 3)
    return std::string(iso);
  const std::time_t t = timegm(&utc);
  std::tm local{};
  if (!localtime_r(&t, &local)) return std::string(iso);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", local.tm_hour, local.tm_min);
  return std::to_string(local.tm_mday) + " " + kMonths[local.tm_mon] + " " + std::to_string(local.tm_year + 1900) +
         " om " + hm;
}

std::string os_error_nl(int e) {
  switch (e) {
    case ENOENT: return "bestaat niet";
    case EACCES:
    case EPERM: return "geen toegang";
    case EROFS: return "alleen-lezen bestandssysteem";
    case ENOSPC: return "de schijf is vol";
    case EDQUOT: return "de schijfruimte (quotum) is op";
    case ENOTDIR: return "een deel van het pad is geen map";
    case EISDIR: return "is een map";
    case EEXIST: return "bestaat al";
    case ENAMETOOLONG: return "de naam is te lang";
    case ELOOP: return "te veel symbolische koppelingen";
    case EIO: return "invoer-/uitvoerfout van het apparaat";
    default: return std::string("systeemfout ") + std::to_string(e) + " (" + std::strerror(e) + ")";
  }
}

}  // namespace wkb
