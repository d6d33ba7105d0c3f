#include "store_access.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <ostream>

#include "wkb/sdk/json.hpp"

namespace wkb::cli {

std::unique_ptr<store::ProjectStore> open_store(Context& ctx, bool create) {
  return store::ProjectStore::open(ctx.global().db.value_or("sqlite:wkb.db"), create);
}

store::InstrumentLoader Instruments::loader() {
  return [this](const std::string& id) -> host::CheckedInstrument& {
    auto& slot = loaded_[id];
    if (!slot) slot = ctx_.load_instrument(id);
    return *slot;
  };
}

std::vector<host::HostWarning> Instruments::warnings() const {
  std::vector<host::HostWarning> out;
  for (const auto& [id, instrument] : loaded_)
    for (const auto& w : instrument->warnings())
      if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  return out;
}

void Instruments::render_warnings(std::ostream& out) const {
  for (const auto& w : warnings()) out << "Let op: " << w.message << "\n";
}

boost::json::array Instruments::warnings_json() const {
  boost::json::array a;
  for (const auto& w : warnings()) a.push_back(boost::json::object{{"code", w.code}, {"message", w.message}});
  return a;
}

void print_json(Context& ctx, const boost::json::value& v) { ctx.out() << serialize_canonical(v) << "\n"; }

}  // namespace wkb::cli
