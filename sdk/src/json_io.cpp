// Parsing JSON text with positions, and canonical serialisation.
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "wkb/sdk/json.hpp"

namespace json = boost::json;

namespace wkb {

json::value parse_json(std::string_view text, const std::string& subject) {
  json::stream_parser parser;
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
    int line = 1, column = 1;
    for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;  // count code points, not UTF-8 continuation bytes
      }
    }
    std::string detail = ec.message();
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) detail = "the text is empty";
    throw SyntaxError(subject, line, column, detail);
  }
  return parser.release();
}

namespace {
void escape_into(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void serialize_into(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: {
      const double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";  // JSON has no NaN/inf; readers reject these values anyway
        break;
      }
      if (d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) {
        out += std::to_string(static_cast<long long>(d));  // 3.0 -> 3: one spelling per number
        break;
      }
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, d);
      out.append(buf, r.ptr);
      break;
    }
    case json::kind::string: escape_into(out, v.get_string()); break;
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
      std::vector<const json::key_value_pair*> members;
      members.reserve(o.size());
      for (const auto& kv : o) members.push_back(&kv);
      std::sort(members.begin(), members.end(),
                [](const auto* a, const auto* b) { return a->key() < b->key(); });
      out.push_back('{');
      bool first = true;
      for (const auto* kv : members) {
        if (!first) out.push_back(',');
        first = false;
        escape_into(out, kv->key());
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
  out.reserve(4096);
  serialize_into(out, value);
  return out;
}

std::string canonicalize(std::string_view text, const std::string& subject) {
  return serialize_canonical(parse_json(text, subject));
}

}  // namespace wkb
