#include "store_access.hpp"

#include <boost/json.hpp>
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

void print_json(Context& ctx, const boost::json::value& v) { ctx.out() << serialize_canonical(v) << "\n"; }

}  // namespace wkb::cli
