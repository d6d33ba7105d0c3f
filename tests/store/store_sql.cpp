// store_sql DB SQL: runs one statement on a store, for the CLI tests that
// tamper with a store by hand (no sqlite3 or psql client needed).
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <iostream>

#include "wkb/store/connection.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: store_sql sqlite:PATH|postgresql://... SQL\n";
    return 2;
  }
  const std::string db = argv[1];
  try {
    if (db.rfind("sqlite:", 0) == 0) {
      soci::session s(soci::sqlite3, db.substr(7));
      s << argv[2];
    } else {
      soci::session s(soci::postgresql, wkb::store::libpq_keywords(db));
      s << argv[2];
    }
  } catch (const std::exception& e) {
    std::cerr << "store_sql: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
