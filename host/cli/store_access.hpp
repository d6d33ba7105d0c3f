#pragma once
// What the store commands and the audit commands share: the store of --db,
// the instruments a command loads, and JSON on stdout.
#include <boost/json/fwd.hpp>
#include <map>
#include <memory>
#include <string>
#include <iosfwd>
#include <vector>

#include "command.hpp"
#include "wkb/store/project_store.hpp"

namespace wkb::cli {

// The store of --db (else $WKB_DB, else sqlite:wkb.db). Only `project create`
// may make a new store (`create`); every other command needs one.
std::unique_ptr<store::ProjectStore> open_store(Context& ctx, bool create = false);

// Loads each instrument once per command from the plugin path.
class Instruments {
 public:
  explicit Instruments(Context& ctx) : ctx_(ctx) {}
  store::InstrumentLoader loader();
  // What the host told the user while these instruments ran (a certificate
  // left out because it was not valid on the assessment date): printed as
  // "Let op:" lines, under --json as "warnings".
  std::vector<host::HostWarning> warnings() const;
  void render_warnings(std::ostream& out) const;
  boost::json::array warnings_json() const;

 private:
  Context& ctx_;
  std::map<std::string, std::unique_ptr<host::CheckedInstrument>> loaded_;
};

// One canonical JSON document on stdout.
void print_json(Context& ctx, const boost::json::value& v);

}  // namespace wkb::cli
