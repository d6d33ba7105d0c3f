#pragma once
// PostgreSQL connection strings. SOCI 4.0.3 passes only libpq's keyword form
// intact (it mangles URIs), so a postgresql:// URI is converted first.
#include <string>

namespace wkb::store {

// "postgresql://user:pw@host:port/db?k=v" -> "host=host port=port user=user
// password=pw dbname=db k=v" (percent-decoded, quoted where needed). A string
// already in keyword form is returned as is. Throws UsageError when malformed.
std::string libpq_keywords(const std::string& uri);

}  // namespace wkb::store
