#pragma once
// One registered project as the information chain passes it on
// (kwaliteitsborger -> instrumentaanbieder -> TloKB): the message
// wkb.registrations/1 (docs/tlokb.md). Light header: no Boost.JSON.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/registrations/address.hpp"
#include "wkb/sdk/date.hpp"

namespace wkb::reg {

inline constexpr std::string_view kRegistrationsSchema = "wkb.registrations/1";

struct Registration {
  std::string project_id;
  std::string project_name;
  std::string instrument;   // instrument id
  std::string assurer_kvk;  // 8 digits
  std::string assurer_name;
  // The address.
  std::string street;
  HouseNumber house;
  std::string postcode;  // normalised: "1234AB"
  std::string city;
  std::optional<std::string> bag_id;
  // The dates of the chain.
  std::optional<Date> bouwmelding;
  std::optional<Date> start;  // the first building phase after design
  std::optional<Date> verklaring;
  std::optional<Date> melding_strijdigheid;
  std::optional<Date> gereedmelding;
  std::optional<Date> last_phase_end;  // the end of the last scheduled phase
  std::string state;  // the store's state: draft, planned, notified, in-execution, completed
  // What the monitor counts.
  std::vector<std::string> reasons;  // topics of the grounds when no verklaring was given
  int inspections_planned = 0;       // bijwoonmomenten in the current plan
  int inspections_recorded = 0;      // days with findings on site-inspection controls
  // Per topic, per finding result ("open", "repaired", ...): the latest
  // result of each part (control, unit).
  std::map<std::string, std::map<std::string, int>> findings_by_topic;

  bool closed() const { return verklaring.has_value() || melding_strijdigheid.has_value(); }
};

struct RegistrationsFile {
  std::string generated_at;  // ISO 8601 UTC
  std::vector<Registration> registrations;
};

// Canonical JSON text of the message (Dutch-free: it is data).
std::string write_registrations(const RegistrationsFile& file);
// Reads and checks the message; `subject` names the file in messages.
// Unknown members, another schema, a bad postcode, house number, KvK number,
// BAG id or date, a duplicate project id: ValidationError (exit 3) with every
// problem's JSON path; malformed JSON: SyntaxError with line and column.
RegistrationsFile read_registrations(std::string_view text, const std::string& subject);

}  // namespace wkb::reg
