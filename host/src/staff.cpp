// Placeholder until the staff core lands on branch staff-core (merge it).
#include "wkb/host/staff.hpp"

#include <stdexcept>

namespace wkb::host {
namespace {
[[noreturn]] void pending() { throw std::logic_error("staff core not merged yet (branch staff-core)"); }
}  // namespace
bool StaffMember::active_on(const Date&) const { pending(); }
bool StaffMember::has_role(std::string_view) const { pending(); }
const Experience* StaffMember::experience_in(std::string_view) const { pending(); }
const StaffMember* StaffRegister::find(std::string_view) const { pending(); }
StaffRegister parse_staff(std::string_view, const std::string&) { pending(); }
std::string staff_member_json(const StaffMember&) { pending(); }
StaffMember parse_staff_member(std::string_view, const std::string&) { pending(); }
std::string staff_json(const StaffRegister&) { pending(); }
std::string_view area_of_topic(std::string_view) { pending(); }
std::vector<std::string> roles_needed(const Plan&) { pending(); }
std::vector<std::string> competence_gaps(const StaffMember&, std::string_view, const Description&, std::string_view,
                                         const Date&) { pending(); }
std::optional<std::string> assessor_problem(const StaffMember&, const Control&, std::string_view, const Date&) {
  pending();
}
}  // namespace wkb::host
