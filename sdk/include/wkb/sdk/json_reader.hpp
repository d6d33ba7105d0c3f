#pragma once
// Reading JSON objects with path-tracked problems (heavy: Boost.JSON).
// Used by the SDK readers and by host code that reads its own files.
#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "wkb/sdk/types.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb::detail {

namespace json = boost::json;

inline std::string member_path(const std::string& path, std::string_view key) {
  return path + "." + std::string(key);
}
inline std::string index_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// What a JSON value is, in Dutch with its article: "een tekst", "een lijst".
std::string_view kind_name(const json::value& v);

// Records that the required member `key` of the object at `path` is missing;
// `what` says what belongs there ("een tekst", "{kvk, name}").
void missing_member(Issues& issues, const std::string& path, std::string_view key, std::string_view what);
// Eight digits, as the KvK writes them.
bool is_kvk_number(std::string_view s);
// An id as wkb writes it into files and on the command line (a project id, a
// personnel number): letters, digits, '-', '_' and '.', 1 to 64 characters.
bool is_identifier(std::string_view s);
// Records a "kvk-format" issue at `path` unless `kvk` is a KvK number.
void check_kvk(Issues& issues, const std::string& path, std::string_view kvk);

// Reads members of one JSON object; each getter records a problem under the
// member's path when it is missing (and required) or of the wrong type.
class ObjectReader {
 public:
  // `what` names the expected object in Dutch with its article ("een project").
  ObjectReader(const json::value& v, std::string path, Issues& issues, std::string_view what);
  bool valid() const { return obj_ != nullptr; }
  const std::string& path() const { return path_; }
  Issues& issues() { return issues_; }
  std::string at(std::string_view key) const { return member_path(path_, key); }

  // Flags members not in `allowed` (typos must not pass silently).
  void allow_only(std::initializer_list<std::string_view> allowed);
  void allow_only(const std::vector<std::string_view>& allowed);
  const json::value* find(std::string_view key) const;

  std::optional<std::string> string(std::string_view key, bool required = true, bool allow_empty = false);
  std::optional<long long> integer(std::string_view key, bool required, long long min, long long max);
  std::optional<double> number(std::string_view key, bool required, double min, double max);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<Date> date(std::string_view key, bool required = true);
  const json::array* array(std::string_view key, bool required = true);
  std::vector<std::string> string_list(std::string_view key, bool required = true);
  // Reads a member that must equal `expected` (the message's schema id).
  void schema(std::string_view expected);

  template <typename E, typename Parse>
  std::optional<E> enumeration(std::string_view key, Parse parse, std::string_view allowed, bool required = true) {
    auto s = string(key, required);
    if (!s) return std::nullopt;
    auto e = parse(*s);
    if (!e) {
      issues_.add(at(key), "allowed-value",
                  "\"" + *s + "\" is hier niet toegestaan; gebruik een van: " + std::string(allowed));
    }
    return e;
  }

 private:
  const json::object* obj_ = nullptr;
  std::string path_;
  Issues& issues_;
};

}  // namespace wkb::detail
