#pragma once
// The persons of a borgingsplan as `wkb project show` and `wkb project
// assign` print them (staff_commands.cpp).
#include <boost/json/object.hpp>

#include <iosfwd>
#include <optional>
#include <vector>

#include "command.hpp"

#include "wkb/store/project_store.hpp"

namespace wkb::cli {

// {"roles": [{role, person, person_version, name, education}], "responsible": ... | null, "unstaffed": [...]}
boost::json::object staffing_json(const store::ProjectRecord& r);
// A table Rol | Naam | Id | Opleiding, and the roles nobody is assigned to.
void render_staffing(std::ostream& out, const store::ProjectRecord& r);

// --role GEBIED=PERSOON (repeatable) and --responsible PERSOON, for `project
// assign`, `project create` and `project replan`; the request they give
// (nullopt when neither is given; UsageError for a --role without "=").
std::vector<Option> assign_options();
std::optional<store::AssignRequest> assign_request(Context& ctx);

}  // namespace wkb::cli
