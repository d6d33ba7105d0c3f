#include "wkb/store/audit.hpp"

#include "wkb/host/files.hpp"

namespace wkb::store {

std::string audit_hash(const AuditEntry& e) {
  // Length-prefixed fields: no choice of separator can make two different
  // entries hash alike.
  std::string text;
  for (const std::string* f : {&e.project, &e.at, &e.actor, &e.kind, &e.payload, &e.prev_hash}) {
    text += std::to_string(f->size());
    text += ':';
    text += *f;
    text += '\n';
  }
  text += "seq:" + std::to_string(e.seq);
  return wkb::host::sha256_hex(text);
}

}  // namespace wkb::store
