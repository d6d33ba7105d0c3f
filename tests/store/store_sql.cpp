// store_sql DB SQL [--hold SECONDS]: runs one statement on a store, for the
// CLI tests that tamper with a store by hand (no sqlite3 or psql client
// needed). With --hold it runs the statement inside a write transaction,
// prints "held" and keeps the lock for SECONDS before rolling back: another
// process holding the store.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <sodium.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "wkb/store/connection.hpp"

// store_sql --keypair SEEDHEX: prints an Ed25519 key pair from a 32-byte seed
// as the key files hold it (hex secret = seed + public, hex public), so the
// tests need no other tool.
int keypair(const std::string& seed_hex) {
  unsigned char seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  std::size_t len = 0;
  if (sodium_init() < 0 || sodium_hex2bin(seed, sizeof seed, seed_hex.data(), seed_hex.size(), nullptr, &len,
                                          nullptr) != 0 || len != sizeof seed)
    return 2;
  crypto_sign_seed_keypair(pk, sk, seed);
  char sk_hex[2 * sizeof sk + 1], pk_hex[2 * sizeof pk + 1];
  sodium_bin2hex(sk_hex, sizeof sk_hex, sk, sizeof sk);
  sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
  std::cout << sk_hex << " " << pk_hex << "\n";
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--keypair") return keypair(argv[2]);
  const bool hold = argc == 5 && std::string(argv[3]) == "--hold";
  if (argc != 3 && !hold) {
    std::cerr << "usage: store_sql sqlite:PATH|postgresql://... SQL [--hold SECONDS]\n";
    return 2;
  }
  const std::string db = argv[1];
  try {
    const bool sqlite = db.rfind("sqlite:", 0) == 0;
    soci::session s;
    if (sqlite)
      s.open(soci::sqlite3, db.substr(7));
    else
      s.open(soci::postgresql, wkb::store::libpq_keywords(db));
    if (hold) s << (sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    s << argv[2];
    if (hold) {
      std::cout << "held" << std::endl;
      std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(std::stod(argv[4]) * 1000)));
      s << "ROLLBACK";
    }
  } catch (const std::exception& e) {
    std::cerr << "store_sql: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
