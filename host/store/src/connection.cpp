#include "wkb/store/connection.hpp"

#include <cctype>
#include <vector>

#include "wkb/host/errors.hpp"
#include "wkb/store/text.hpp"

namespace wkb::store {
namespace {

std::string decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
      if (i + 2 >= s.size() || !hex(s[i + 1]) || !hex(s[i + 2]))
        throw wkb::host::UsageError("de verbinding bevat een ongeldige %-codering (positie " + std::to_string(i + 1) +
                                    "); schrijf een teken als % gevolgd door twee hexadecimale cijfers, zoals %40 "
                                    "voor @");
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string libpq_quote(const std::string& v) {
  if (!v.empty() && v.find_first_of(" '\\=") == std::string::npos) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

}  // namespace

std::string libpq_keywords(const std::string& uri) {
  std::string rest;
  for (const char* scheme : {"postgresql://", "postgres://"})
    if (uri.rfind(scheme, 0) == 0) rest = uri.substr(std::string(scheme).size());
  if (rest.empty() && uri.find("://") == std::string::npos) return uri;
  std::vector<std::pair<std::string, std::string>> kv;
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = userinfo.find(':');
    kv.emplace_back("user", decode(userinfo.substr(0, colon)));
    if (colon != std::string::npos) kv.emplace_back("password", decode(userinfo.substr(colon + 1)));
  }
  std::string host = rest, port;
  if (!host.empty() && host[0] == '[') {  // [::1]:5432
    const auto close = host.find(']');
    if (close == std::string::npos) throw wkb::host::UsageError("het IPv6-adres in de verbinding mist de sluitende ']'; schrijf het als "
                                                   "[::1]:5432");
    port = host.size() > close + 2 ? host.substr(close + 2) : "";
    host = host.substr(1, close - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (!host.empty()) kv.emplace_back("host", decode(host));
  if (!port.empty()) kv.emplace_back("port", port);
  if (!dbname.empty()) kv.emplace_back("dbname", decode(dbname));
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const auto eq = pair.find('=');
    if (eq == std::string::npos) throw wkb::host::UsageError("de verbindingsparameter " + wkb::store::quote(pair) +
                                  " heeft geen waarde; schrijf NAAM=WAARDE, zoals sslmode=require");
    kv.emplace_back(decode(pair.substr(0, eq)), decode(pair.substr(eq + 1)));
    start = end + 1;
  }
  std::string out;
  for (const auto& [k, v] : kv) out += (out.empty() ? "" : " ") + k + "=" + libpq_quote(v);
  return out;
}

}  // namespace wkb::store
