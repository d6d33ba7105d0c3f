// Parsing JSON text with positions, and canonical serialisation.
#include <boost/json.hpp>
#include <algorithm>
#include <array>
#include <charconv>
#include <iterator>
#include <cmath>
#include <string>
#include <stdexcept>
#include <vector>

#include "canonical_writer.hpp"
#include "wkb/sdk/json.hpp"

namespace json = boost::json;

namespace wkb {

namespace {
// Boost.JSON's error, in Dutch, for a person who edits the file.
std::string syntax_detail_nl(const boost::system::error_code& ec) {
  using json::error;
  if (ec == error::extra_data) return "na de JSON-waarde staat nog tekst";
  if (ec == error::incomplete) return "de tekst houdt op voordat de JSON-waarde compleet is";
  if (ec == error::syntax)
    return "onverwacht teken (een komma te veel, een ontbrekend aanhalingsteken of haakje, een stuurteken?)";
  if (ec == error::too_deep) return "de JSON is te diep genest";
  if (ec == error::exponent_overflow) return "de exponent van een getal is te groot";
  if (ec == error::expected_hex_digit) return "in een \\u-escape hoort een hexadecimaal cijfer";
  if (ec == error::expected_utf16_escape || ec == error::illegal_leading_surrogate ||
      ec == error::illegal_trailing_surrogate)
    return "een ongeldige \\u-escape (UTF-16-surrogaat)";
  if (ec == error::object_too_large || ec == error::array_too_large || ec == error::key_too_large ||
      ec == error::string_too_large)
    return "een object, lijst of tekst is te groot";
  return "ongeldige JSON (" + ec.message() + ")";
}


std::size_t keys_in(const json::value& v) {
  std::size_t n = 0;
  if (v.is_object())
    for (const auto& kv : v.get_object()) n += 1 + keys_in(kv.value());
  else if (v.is_array())
    for (const auto& e : v.get_array()) n += keys_in(e);
  return n;
}

// In valid JSON every ':' outside a string separates a key from its value.
std::size_t colons_outside_strings(std::string_view text) {
  std::size_t n = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == ':') {
      ++n;
    }
  }
  return n;
}

// The first key that appears twice in one object: its offset and its text.
std::pair<std::size_t, std::string> first_duplicate(std::string_view text) {
  std::vector<std::vector<std::string>> open;  // keys per open container (arrays hold none)
  std::size_t string_start = 0, last_string = 0;
  std::string_view last;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        last = text.substr(string_start, i + 1 - string_start);
        last_string = string_start;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      string_start = i;
    } else if (c == '{' || c == '[') {
      open.emplace_back();
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
    } else if (c == ':' && !open.empty()) {
      // Decode escapes, so that "a" and "\u0061" are the same key.
      const std::string key(json::parse(last).as_string());
      auto& keys = open.back();
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) return {last_string, key};
      keys.push_back(key);
    }
  }
  return {0, ""};
}

// Line and column (in code points, not UTF-8 bytes) of a byte offset, from 1.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

json::value parse_json(std::string_view text, const std::string& subject, json::storage_ptr storage) {
  // A UTF-8 byte order mark, as some Windows editors write, carries no data.
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  json::stream_parser parser;
  parser.reset(std::move(storage));
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    // write_some stops after one complete value; anything but white space after it is an error.
    const std::size_t rest = text.find_first_not_of(" \t\r\n", consumed);
    if (rest != std::string_view::npos) {
      consumed = rest;
      ec = json::make_error_code(json::error::extra_data);
    }
  }
  if (!ec) parser.finish(ec);
  if (ec) {
    const auto [line, column] = line_and_column(text, consumed);
    std::string detail = syntax_detail_nl(ec);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) detail = "de tekst is leeg";
    throw SyntaxError(subject, line, column, detail);
  }
  json::value v = parser.release();
  // Boost.JSON keeps the last of two equal keys: {"result":"unrepairable",
  // "result":"conform"} would read as conform. A reader must not choose.
  if (keys_in(v) != colons_outside_strings(text)) {
    const auto [at, key] = first_duplicate(text);
    const auto [line, column] = line_and_column(text, at);
    std::string shown = key.size() > 80 ? key.substr(0, 80) + "…" : key;
    throw SyntaxError(subject, line, column,
                      "de sleutel \"" + shown + "\" staat twee keer in hetzelfde object; elke sleutel mag er één "
                      "keer in staan");
  }
  return v;
}

namespace detail {
void append_escaped(std::string& out, std::string_view s) {
  out.push_back('"');
  // Copy runs of characters that need no escaping in one append.
  static constexpr auto kNeedsEscape = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = t['\\'] = true;
    return t;
  }();
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!kNeedsEscape[c]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_number(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";  // JSON has no NaN/inf; readers reject these values anyway
    return;
  }
  if (d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) {
    out += std::to_string(static_cast<long long>(d));  // 3.0 -> 3: one spelling per number
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, r.ptr);
}

void CanonicalWriter::key(std::string_view k) {
  Level& l = levels_.back();
#ifndef NDEBUG
  // Debug builds check the order on every key; release builds rely on the
  // test that holds write() byte-equal to the sorted tree serialisation
  // (the check was 5 % of the boundary's instructions).
  if (!l.first && !(l.last_key < k))
    throw std::logic_error("canonical JSON: key \"" + std::string(k) + "\" written after \"" +
                           std::string(l.last_key) + "\"");
  l.last_key = k;
#endif
  separate();
  append_escaped(out_, k);
  out_.push_back(':');
  l.after_key = true;
}

void CanonicalWriter::separate() {
  if (levels_.empty()) return;
  Level& l = levels_.back();
  if (l.after_key) {
    l.after_key = false;
    return;
  }
  if (!l.first) out_.push_back(',');
  l.first = false;
}

void CanonicalWriter::open(char c) {
  separate();
  out_.push_back(c);
  levels_.push_back({});
}

void CanonicalWriter::close(char c) {
  levels_.pop_back();
  out_.push_back(c);
}
}  // namespace detail

namespace {
void serialize_into(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: detail::append_number(out, v.get_double()); break;
    case json::kind::string: detail::append_escaped(out, v.get_string()); break;
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        serialize_into(out, e);
      }
      out.push_back(']');
      break;
    }
    case json::kind::object: {
      const auto& o = v.get_object();
      // Contract objects are small: sort pointers on the stack, not the heap.
      const json::key_value_pair* small[16];
      std::vector<const json::key_value_pair*> large;
      const json::key_value_pair** members = small;
      if (o.size() > std::size(small)) {
        large.resize(o.size());
        members = large.data();
      }
      std::size_t n = 0;
      for (const auto& kv : o) members[n++] = &kv;
      std::sort(members, members + n, [](const auto* a, const auto* b) { return a->key() < b->key(); });
      out.push_back('{');
      bool first = true;
      for (std::size_t m = 0; m < n; ++m) {
        const auto* kv = members[m];
        if (!first) out.push_back(',');
        first = false;
        detail::append_escaped(out, kv->key());
        out.push_back(':');
        serialize_into(out, kv->value());
      }
      out.push_back('}');
      break;
    }
  }
}
}  // namespace

std::string serialize_canonical(const json::value& value) {
  std::string out;
  out.reserve(16384);
  serialize_into(out, value);
  return out;
}

std::string canonicalize(std::string_view text, const std::string& subject) {
  return serialize_canonical(parse_json(text, subject));
}

}  // namespace wkb
