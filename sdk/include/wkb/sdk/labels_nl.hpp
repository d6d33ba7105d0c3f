#pragma once
// Dutch labels for the contract's values, for everything a person reads
// (CLI tables, dossier, reports, error messages, an instrument's
// explanations). One source so that "onherstelbaar" reads the same
// everywhere; docs/glossary.md lists them.
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/sdk/types.hpp"

namespace wkb {

std::string label_nl(BuildingType);     // "grondgebonden woning"
std::string label_nl(Phase);            // "ruwbouw"
std::string label_nl(RiskPhase);        // "uitvoering"
std::string label_nl(ControlMethod);    // "bijwoonmoment"
std::string label_nl(Performer);        // "kwaliteitsborger"
std::string label_nl(FindingResult);    // "onherstelbaar"
std::string label_nl(Outcome);          // "melding strijdigheid"
// The taxonomy's Dutch label, or the id itself for an unknown topic.
std::string topic_label_nl(std::string_view topic);
// A party or register role as written in JSON ("client", "assurer",
// "instrument-provider", ...): "opdrachtgever", "kwaliteitsborger", ...
std::string role_label_nl(std::string_view role);
// An area of expertise (wkb::competence_areas()): "brandveiligheid", ...;
// another role as it is.
std::string competence_area_label_nl(std::string_view area);
// A project document's status ("present", "submitted", "approved", "missing").
std::string document_status_label_nl(std::string_view status);
// A certificate kind (wkb::certificate_kinds()): "erkende kwaliteitsverklaring", ...
std::string certificate_kind_label_nl(std::string_view kind);
// A certificate as a person reads it, with its article: `de erkende
// kwaliteitsverklaring K12345/01 (BRL 14021, geldig van 2024-03-01 tot en met
// 2029-03-01)`, `het productcertificaat ...`.
std::string certificate_ref_nl(const CertificateRef& c);

// For messages about a JSON file: the Dutch label followed by the value as
// written in the file, e.g. `ruwbouw ("structure")`; only the quoted value
// when both are the same (`"conform"`).
std::string labelled_value_nl(std::string_view label, std::string_view value);
template <typename E>
std::string labelled_nl(E e) {
  return labelled_value_nl(label_nl(e), to_string(e));
}
// `onderwerp brandveiligheid ("fire-safety")`, or `onderwerp "x"` when the
// taxonomy does not know the id.
std::string topic_ref_nl(std::string_view topic);

// Every value of every contract enum as written in JSON, with its Dutch
// label: what a check for raw values in Dutch output compares against.
struct LabelledValue {
  std::string_view type;  // "Phase"
  std::string value;      // "structure"
  std::string label;      // "ruwbouw"
};
std::vector<LabelledValue> all_labelled_values();

// A count with the right form of its noun: "1 dag", "2 dagen", "0 dagen".
std::string plural_nl(long long n, std::string_view one, std::string_view many);
// A number in Dutch notation, without trailing zeros: "0,1", "12,5", "3";
// thousands grouped from five digits on: "1000", "10.000.000".
std::string number_nl(double value);
// A fraction (0..1) as a Dutch percentage: 0.1 -> "10%", 0.125 -> "12,5%".
std::string percent_nl(double fraction);
// An ISO 8601 UTC timestamp ("2026-12-01T13:05:00Z") as a person in the
// Netherlands reads it, in Dutch time (Europe/Amsterdam, whatever the
// machine's zone): "1 december 2026 om 14:05". Text that is not such a
// timestamp is returned as it is.
std::string datetime_nl(std::string_view iso_utc);
// Europe/Amsterdam's offset from UTC at `utc` (seconds since 1970): 60
// minutes (CET) or 120 (CEST, last Sunday of March to last Sunday of October).
int amsterdam_utc_offset_minutes(std::time_t utc);
// A date ("2026-12-01") as "1 december 2026"; other text as it is.
std::string date_nl(std::string_view iso_date);

}  // namespace wkb
