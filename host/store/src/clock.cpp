#include "wkb/store/clock.hpp"

#include "wkb/host/clock.hpp"

// The clock moved to the host library (wkb/host/clock.hpp): the stateless
// pipeline needs the same "today" as the store for the validity of
// certificates. The store keeps its names.
namespace wkb::store {

std::string now_utc() { return wkb::host::now_utc(); }

Date today() { return wkb::host::today(); }

}  // namespace wkb::store
