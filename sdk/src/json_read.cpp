#include "wkb/sdk/json_reader.hpp"

#include <algorithm>
#include <cmath>

namespace wkb::detail {

std::string_view kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

ObjectReader::ObjectReader(const json::value& v, std::string path, Issues& issues, std::string_view what)
    : path_(std::move(path)), issues_(issues) {
  if (v.is_object()) {
    obj_ = &v.get_object();
  } else {
    issues_.add(path_, "type", "expected " + std::string(what) + " (a JSON object), found " +
                                   std::string(kind_name(v)));
  }
}

void ObjectReader::allow_only(std::initializer_list<std::string_view> allowed) {
  if (!obj_) return;
  for (const auto& kv : *obj_) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(kv.key())) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      issues_.add(at(kv.key()), "unknown-member",
                  "unknown member \"" + std::string(kv.key()) + "\"; allowed here: " + list);
    }
  }
}

const json::value* ObjectReader::find(std::string_view key) const {
  if (!obj_) return nullptr;
  auto it = obj_->find(key);
  return it == obj_->end() ? nullptr : &it->value();
}

namespace {
void missing(Issues& issues, const std::string& path, std::string_view key, std::string_view what) {
  issues.add(member_path(path, key), "required", "required member \"" + std::string(key) + "\" (" +
                                                     std::string(what) + ") is missing");
}
void wrong_type(Issues& issues, const std::string& path, std::string_view expected, const json::value& v) {
  issues.add(path, "type", "expected " + std::string(expected) + ", found " + std::string(kind_name(v)));
}
}  // namespace

std::optional<std::string> ObjectReader::string(std::string_view key, bool required, bool allow_empty) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "a string");
    return std::nullopt;
  }
  if (!v->is_string()) {
    wrong_type(issues_, at(key), "a string", *v);
    return std::nullopt;
  }
  std::string s(v->get_string());
  if (!allow_empty && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    issues_.add(at(key), "non-empty", "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<long long> ObjectReader::integer(std::string_view key, bool required, long long min, long long max) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "an integer");
    return std::nullopt;
  }
  long long n;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    n = max;  // larger than any range we accept
    if (v->get_uint64() > static_cast<unsigned long long>(max)) {
      issues_.add(at(key), "range", std::to_string(v->get_uint64()) + " is out of range; allowed " +
                                        std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    n = static_cast<long long>(v->get_uint64());
  } else if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
             std::fabs(v->get_double()) < 9e15) {
    n = static_cast<long long>(v->get_double());  // 3.0 is the integer 3
  } else {
    wrong_type(issues_, at(key), "an integer", *v);
    return std::nullopt;
  }
  if (n < min || n > max) {
    issues_.add(at(key), "range",
                std::to_string(n) + " is out of range; allowed " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> ObjectReader::number(std::string_view key, bool required, double min, double max) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "a number");
    return std::nullopt;
  }
  if (!v->is_number()) {
    wrong_type(issues_, at(key), "a number", *v);
    return std::nullopt;
  }
  const double d = v->to_number<double>();
  if (!(d >= min && d <= max)) {
    issues_.add(at(key), "range", "out of range; allowed " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return d;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "true or false");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    wrong_type(issues_, at(key), "true or false", *v);
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<Date> ObjectReader::date(std::string_view key, bool required) {
  auto s = string(key, required);
  if (!s) return std::nullopt;
  auto d = Date::parse(*s);
  if (!d) issues_.add(at(key), "date-format", "\"" + *s + "\" is not a valid date; use YYYY-MM-DD, e.g. 2026-03-02");
  return d;
}

const json::array* ObjectReader::array(std::string_view key, bool required) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "an array");
    return nullptr;
  }
  if (!v->is_array()) {
    wrong_type(issues_, at(key), "an array", *v);
    return nullptr;
  }
  return &v->get_array();
}

std::vector<std::string> ObjectReader::string_list(std::string_view key, bool required) {
  std::vector<std::string> out;
  const json::array* a = array(key, required);
  if (!a) return out;
  out.reserve(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json::value& e = (*a)[i];
    if (!e.is_string() || e.get_string().empty()) {
      issues_.add(index_path(at(key), i), "type",
                  "expected a non-empty string, found " + std::string(kind_name(e)));
      continue;
    }
    out.emplace_back(e.get_string());
  }
  return out;
}

void ObjectReader::schema(std::string_view expected) {
  auto s = string("schema");
  if (s && *s != expected) {
    const std::string family(expected.substr(0, expected.find('/')));
    if (s->rfind(family + "/", 0) == 0) {
      issues_.add(at("schema"), "schema-version",
                  "unsupported schema version \"" + *s + "\"; this program reads \"" + std::string(expected) + "\"");
    } else {
      issues_.add(at("schema"), "schema-kind",
                  "this is a \"" + *s + "\" message where \"" + std::string(expected) + "\" is expected");
    }
  }
}

}  // namespace wkb::detail
