#pragma once
// The staff register of a kwaliteitsborger (wkb.staff/1, docs/staff.md): the
// persons who carry out the quality assurance, their roles (the areas of
// expertise of Omgevingsregeling art. 3.51, wkb::competence_areas()), education,
// experience per area and bijscholing, and when they are active. The host
// checks persons against it, never a plugin:
//  - who may be named for a role of a borgingsplan (competence_gaps: the
//    instrument's declared competence for that role), and
//  - who may assess a finding (assessor_problem: an active person of the
//    project's assurer with a role that fits the control).
// Light header: no Boost.JSON.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/sdk/date.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::host {

inline constexpr std::string_view kStaffSchema = "wkb.staff/1";

struct Course {  // bijscholing
  std::string name;
  Date date;
  bool operator==(const Course&) const = default;
};

struct Experience {  // years of relevant experience in one area
  std::string area;  // one of wkb::competence_areas()
  int years = 0;     // 0..60
  bool leading = false;  // as leidinggevende (Omgevingsregeling art. 3.51 lid 1 onder a)
  std::string description;
  bool operator==(const Experience&) const = default;
};

struct StaffMember {
  std::string id;    // the assurer's own personnel id; a finding's assessed_by names it
  std::string name;
  std::string kvk;   // the firm the person works for: 8 digits
  std::vector<std::string> roles;  // competence areas, no duplicates
  std::string education;           // one of wkb::education_levels()
  std::vector<Experience> experience;
  std::vector<Course> courses;
  Date active_from;
  std::optional<Date> active_until;  // inclusive; absent: still active

  bool active_on(const Date& d) const;
  bool has_role(std::string_view role) const;
  const Experience* experience_in(std::string_view area) const;  // nullptr when none
  bool operator==(const StaffMember&) const = default;
};

// For people: a person's roles as Dutch area names ("brandveiligheid,
// bouwfysica"; "geen" without any), and the active period's dates
// ("1 maart 2019", "1 maart 2019 tot en met 31 december 2025").
std::string roles_nl(const StaffMember& m);
std::string active_dates_nl(const StaffMember& m);

struct StaffRegister {
  Party assurer;  // name and kvk of the kwaliteitsborger whose register it is
  std::vector<StaffMember> persons;
  const StaffMember* find(std::string_view id) const;
};

// Parses and checks a wkb.staff/1 document: unknown members, roles outside
// the areas, education outside the vocabulary, years outside 0..60, dates,
// duplicate ids. Throws wkb::ValidationError listing every problem with its
// JSON path ("$.persons[2].roles[0]") and rule id; `source` names the file.
StaffRegister parse_staff(std::string_view text, const std::string& source);
// One person as canonical JSON and back (the store keeps persons this way).
std::string staff_member_json(const StaffMember& m);
StaffMember parse_staff_member(std::string_view text, const std::string& source);
std::string staff_json(const StaffRegister& r);  // canonical wkb.staff/1

// The area of expertise a topic of the taxonomy belongs to
// (sdk/data/taxonomy.json, `area`); "risk-assessment-and-plan" for the
// general rules (usability and the like), "" for an unknown topic.
std::string_view area_of_topic(std::string_view topic);

// The roles a borgingsplan needs persons for, in competence_areas() order:
// risk-assessment-and-plan always (the plan itself, the coordination), the
// area of every control's topic, and site-inspection when the plan has a
// site inspection or an inspection moment.
std::vector<std::string> roles_needed(const Plan& plan);

// Why a person may not be named for `role` in a borgingsplan made with
// `instrument`, on `on`: one Dutch line per gap (not of the assurer, not
// active, role not held, education below the declared level, too few years
// in the area, no experience as leidinggevende where the criteria ask for
// it, no bijscholing in the two years before). Empty: the person qualifies.
// An instrument that declares nothing for the role is one gap too.
std::vector<std::string> competence_gaps(const StaffMember& person, std::string_view role,
                                         const Description& instrument, std::string_view assurer_kvk,
                                         const Date& on);

// The part of competence_gaps that needs no instrument: of the assurer,
// active, holds the role, bijscholing in the two years before `on`. What the
// bouwmelding checks again for every person the borgingsplan names.
std::vector<std::string> standing_gaps(const StaffMember& person, std::string_view role, std::string_view assurer_kvk,
                                       const Date& on);

// Why a person may not assess a finding on `control` dated `on`: not of the
// assurer, not active then, or no role that fits (site-inspection for a site
// inspection, else the area of the control's topic; the control's area always
// fits). nullopt: the person may.
std::optional<std::string> assessor_problem(const StaffMember& person, const Control& control,
                                            std::string_view assurer_kvk, const Date& on);

}  // namespace wkb::host
