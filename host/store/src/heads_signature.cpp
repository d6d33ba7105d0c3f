// `wkb audit sign` and `wkb audit verify --pubkey`: the store's heads signed
// with Ed25519 (libsodium, as the plugin certificates of --trust). Someone
// who can write the database but lacks the secret key cannot make a rewritten
// chain carry a valid signature over heads it no longer contains.
#include <sodium.h>

#include <boost/json.hpp>

#include <set>

#include "store_chain.hpp"
#include "store_impl.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/store/text.hpp"
#include "wkb/store/clock.hpp"

namespace wkb::store {
namespace json = boost::json;
using namespace detail;

std::string SignedHeads::document() const {
  return serialize_canonical(json::object{
                 {"schema", "wkb.signed-heads/1"},
                 {"payload", parse_json(payload, "ondertekende ketenkoppen")},
                 {"signature", {{"algorithm", "ed25519"}, {"public_key", public_key}, {"value", signature}}}}) +
         "\n";
}

SignedHeads ProjectStore::sign_heads(const std::string& secret_key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium kan niet worden gestart; de handtekening kan niet worden gemaakt");
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) throw wkb::host::InputError("de sleutel is geen geheime Ed25519-sleutel (" + std::to_string(crypto_sign_SECRETKEYBYTES) +
                                " bytes verwacht, " + std::to_string(secret_key.size()) +
                                " gekregen); maak een sleutelpaar met `wkb-admission keygen` of geef het juiste sleutelbestand");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction tx(s.db);
  SignedHeads out;
  out.signed_at = now_utc();
  json::object store_head;
  if (const auto last = last_chain_entry(s.sql())) {
    if (chain_hash(*last) != last->text("hash"))
      throw wkb::host::StoreDamaged("opslag " + s.db.display() +
                                    " is beschadigd: de laatste registratie in de keten van de opslag past "
                                    "niet bij haar hash; onderteken pas na `wkb audit verify`");
    store_head = {{"entries", last->integer("seq")}, {"head", last->text("hash")}};
  } else {
    store_head = {{"entries", 0}, {"head", ""}};
  }
  json::array projects;
  for (const Row& p : select_rows(s.sql(), kProjects, std::nullopt))
    projects.push_back({{"id", p.text("id")}, {"entries", p.integer("audit_count")}, {"head", p.text("audit_head")}});
  out.payload = serialize_canonical(json::object{{"schema", "wkb.heads/1"},
                                                 {"store", store_head},
                                                 {"projects", projects},
                                                 {"signed_at", out.signed_at}});
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(out.payload.data()), out.payload.size(),
                       reinterpret_cast<const unsigned char*>(secret_key.data()));
  out.signature = wkb::host::to_hex(std::string_view(reinterpret_cast<const char*>(sig), sizeof sig));
  // libsodium's secret key is the seed followed by the public key.
  out.public_key = wkb::host::to_hex(std::string_view(secret_key).substr(crypto_sign_SECRETKEYBYTES - 32));
  long long seq = 0;
  soci::indicator ind = soci::i_ok;
  s.sql() << "SELECT MAX(seq) FROM head_signatures", soci::into(seq, ind);
  out.seq = (ind == soci::i_null ? 0 : seq) + 1;
  Row row(kHeadSignatures);
  row.set("seq", out.seq)
      .set("public_key", out.public_key)
      .set("payload", out.payload)
      .set("signature", out.signature)
      .set("signed_at", out.signed_at);
  insert_rows(s.sql(), {row});
  tx.commit();
  return out;
  WKB_STORE_CATCH
}

void ProjectStore::check_signed_heads(const std::string& public_key, VerifyReport& report) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium kan niet worden gestart; de handtekeningen kunnen niet worden gecontroleerd");
  WKB_STORE_TRY
  auto& s = *impl_;
  Transaction snapshot(s.db, Transaction::read);
  const std::string hex = wkb::host::to_hex(public_key);
  auto problem = [&](long long seq, const std::string& code, const std::string& message) {
    report.problems.push_back(AuditProblem{"", 0, message, code, "head_signatures", std::to_string(seq)});
  };
  std::set<std::string> chain;
  for (const Row& e : select_rows(s.sql(), kStoreChain, std::nullopt))
    chain.insert(std::to_string(e.integer("seq")) + " " + e.text("hash"));
  int checked = 0;
  for (const Row& r : select_rows(s.sql(), kHeadSignatures, std::nullopt)) {
    if (r.text("public_key") != hex) continue;
    ++checked;
    const long long seq = r.integer("seq");
    std::string sig(crypto_sign_BYTES, '\0');
    std::size_t len = 0;
    const std::string& sig_hex = r.text("signature");
    const std::string& payload = r.text("payload");
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(sig.data()), sig.size(), sig_hex.data(), sig_hex.size(),
                       nullptr, &len, nullptr) != 0 ||
        len != sig.size() ||
        crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                    reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
                                    reinterpret_cast<const unsigned char*>(public_key.data())) != 0) {
      problem(seq, "signature-invalid", "handtekening " + std::to_string(seq) + " past niet bij haar ketenkoppen: "
                                        "de ketenkoppen of de handtekening zijn gewijzigd");
      continue;
    }
    const json::object p = parse_json(payload, "signed heads").as_object();
    const json::object& st = p.at("store").as_object();
    const long long entries = st.at("entries").to_number<long long>();
    const std::string head(st.at("head").as_string());
    if (entries > 0 && !chain.count(std::to_string(entries) + " " + head))
      problem(seq, "signature-head-missing",
              "handtekening " + std::to_string(seq) + " (" + datetime_nl(p.at("signed_at").as_string()) +
                  ") ondertekende de ketenkop " + head + " van de opslag bij registratie " + std::to_string(entries) +
                  ", die de keten van de opslag niet meer bevat: de keten is herschreven");
    for (const auto& v : p.at("projects").as_array()) {
      const json::object& pr = v.as_object();
      const std::string id(pr.at("id").as_string()), h(pr.at("head").as_string());
      const long long n = pr.at("entries").to_number<long long>();
      std::string found;
      s.sql() << "SELECT hash FROM audit_log WHERE project_id = :p AND seq = :s", soci::into(found), soci::use(id),
          soci::use(n);
      if (!s.sql().got_data() || found != h)
        problem(seq, "signature-head-missing",
                "handtekening " + std::to_string(seq) + " ondertekende registratie " + std::to_string(n) +
                    " van project " + quote(id) + " met ketenkop " + h + ", die de audittrail van het project niet "
                    "meer bevat: de audittrail is herschreven of verwijderd");
    }
  }
  if (checked == 0)
    problem(0, "signature-missing",
            "de opslag bevat geen handtekening met deze publieke sleutel (" + hex +
                "); onderteken de ketenkoppen met `wkb audit sign --key`, of controleer of dit de juiste sleutel is");
  return;
  WKB_STORE_CATCH
}

}  // namespace wkb::store
