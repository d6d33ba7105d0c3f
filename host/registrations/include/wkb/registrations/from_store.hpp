#pragma once
// From the project store to the registrations message: the ONE place where a
// stored project becomes a registration (src/from_store.cpp).
#include <string>
#include <vector>

#include "wkb/registrations/registration.hpp"
#include "wkb/store/project_store.hpp"

namespace wkb::reg {

// One stored project as a registration. Throws InputError when its address
// cannot be read as a Dutch address (a house number that does not split, a
// bad postcode): fix it with `wkb project replan`.
Registration registration_of(const store::ProjectRecord& record);

// Every project in the store, in the store's order.
std::vector<Registration> registrations_of(store::ProjectStore& store);

}  // namespace wkb::reg
