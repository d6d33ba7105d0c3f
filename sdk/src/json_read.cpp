#include "wkb/sdk/json_reader.hpp"

#include <algorithm>
#include <cmath>

#include "wkb/sdk/labels_nl.hpp"

namespace wkb::detail {

std::string_view kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "een booleaanse waarde";
    case json::kind::int64:
    case json::kind::uint64: return "een geheel getal";
    case json::kind::double_: return "een getal";
    case json::kind::string: return "een tekst";
    case json::kind::array: return "een lijst";
    case json::kind::object: return "een object";
  }
  return "een waarde";
}

ObjectReader::ObjectReader(const json::value& v, std::string path, Issues& issues, std::string_view what)
    : path_(std::move(path)), issues_(issues) {
  if (v.is_object()) {
    obj_ = &v.get_object();
  } else {
    issues_.add(path_, "type", "hier hoort " + std::string(what) + " (een JSON-object), maar er staat " +
                                   std::string(kind_name(v)));
  }
}

void ObjectReader::allow_only(std::initializer_list<std::string_view> allowed) {
  allow_only(std::vector<std::string_view>(allowed));
}

void ObjectReader::allow_only(const std::vector<std::string_view>& allowed) {
  if (!obj_) return;
  for (const auto& kv : *obj_) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(kv.key())) == allowed.end()) {
      if (issues_.tolerates_unknown_members()) {
        issues_.ignore(at(kv.key()));
        continue;
      }
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      issues_.add(at(kv.key()), "unknown-member",
                  "onbekend veld \"" + std::string(kv.key()) + "\" (een tikfout?); toegestaan zijn hier: " + list);
    }
  }
}

const json::value* ObjectReader::find(std::string_view key) const {
  if (!obj_) return nullptr;
  auto it = obj_->find(key);
  return it == obj_->end() ? nullptr : &it->value();
}

void missing_member(Issues& issues, const std::string& path, std::string_view key, std::string_view what) {
  issues.add(member_path(path, key), "required", "het verplichte veld \"" + std::string(key) + "\" (" +
                                                     std::string(what) + ") ontbreekt");
}

bool is_identifier(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

bool is_kvk_number(std::string_view s) {
  return s.size() == 8 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void check_kvk(Issues& issues, const std::string& path, std::string_view kvk) {
  if (!is_kvk_number(kvk))
    issues.add(path, "kvk-format",
               "\"" + std::string(kvk) + "\" is geen KvK-nummer; een KvK-nummer heeft precies 8 cijfers");
}

namespace {
void missing(Issues& issues, const std::string& path, std::string_view key, std::string_view what) {
  missing_member(issues, path, key, what);
}
void wrong_type(Issues& issues, const std::string& path, std::string_view expected, const json::value& v) {
  issues.add(path, "type", "hier hoort " + std::string(expected) + ", maar er staat " + std::string(kind_name(v)));
}
std::string range_text(long long min, long long max) {
  return "toegestaan is " + number_nl(static_cast<double>(min)) + " tot en met " +
         number_nl(static_cast<double>(max));
}
}  // namespace

std::optional<std::string> ObjectReader::string(std::string_view key, bool required, bool allow_empty) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "een tekst");
    return std::nullopt;
  }
  if (!v->is_string()) {
    wrong_type(issues_, at(key), "een tekst", *v);
    return std::nullopt;
  }
  std::string s(v->get_string());
  if (!allow_empty && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    issues_.add(at(key), "non-empty", "mag niet leeg zijn");
    return std::nullopt;
  }
  return s;
}

std::optional<long long> ObjectReader::integer(std::string_view key, bool required, long long min, long long max) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "een geheel getal");
    return std::nullopt;
  }
  long long n;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    n = max;  // larger than any range we accept
    if (v->get_uint64() > static_cast<unsigned long long>(max)) {
      issues_.add(at(key), "range", std::to_string(v->get_uint64()) + " ligt buiten het bereik; " + range_text(min, max));
      return std::nullopt;
    }
    n = static_cast<long long>(v->get_uint64());
  } else if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
             std::fabs(v->get_double()) < 9e15) {
    n = static_cast<long long>(v->get_double());  // 3.0 is the integer 3
  } else {
    wrong_type(issues_, at(key), "een geheel getal", *v);
    return std::nullopt;
  }
  if (n < min || n > max) {
    issues_.add(at(key), "range", std::to_string(n) + " ligt buiten het bereik; " + range_text(min, max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> ObjectReader::number(std::string_view key, bool required, double min, double max) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "een getal");
    return std::nullopt;
  }
  if (!v->is_number()) {
    wrong_type(issues_, at(key), "een getal", *v);
    return std::nullopt;
  }
  const double d = v->to_number<double>();
  if (!(d >= min && d <= max)) {
    issues_.add(at(key), "range", number_nl(d) + " ligt buiten het bereik; toegestaan is " + number_nl(min) +
                                      " tot en met " + number_nl(max));
    return std::nullopt;
  }
  return d;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "true of false");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    wrong_type(issues_, at(key), "true of false", *v);
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<Date> ObjectReader::date(std::string_view key, bool required) {
  auto s = string(key, required);
  if (!s) return std::nullopt;
  auto d = Date::parse(*s);
  if (!d) issues_.add(at(key), "date-format", "\"" + *s + "\" is geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-02");
  return d;
}

const json::array* ObjectReader::array(std::string_view key, bool required) {
  const json::value* v = find(key);
  if (!v) {
    if (required && obj_) missing(issues_, path_, key, "een lijst");
    return nullptr;
  }
  if (!v->is_array()) {
    wrong_type(issues_, at(key), "een lijst", *v);
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
                  e.is_string() ? std::string("hier hoort een tekst, maar deze is leeg")
                                : "hier hoort een tekst, maar er staat " + std::string(kind_name(e)));
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
                  "schemaversie \"" + *s + "\" wordt niet ondersteund; dit programma leest \"" + std::string(expected) +
                      "\"");
    } else {
      issues_.add(at("schema"), "schema-kind",
                  "dit is een bericht \"" + *s + "\", terwijl hier \"" + std::string(expected) + "\" wordt verwacht");
    }
  }
}

}  // namespace wkb::detail
