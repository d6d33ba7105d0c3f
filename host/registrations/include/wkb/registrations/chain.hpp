#pragma once
// Closing the information chain: the bouwmeldingen the TloKB receives (in
// copy, from the Omgevingsloket or a gemeente) against the projects the
// instrumentaanbieders registered (docs/tlokb.md#de-keten).
#include <string>
#include <vector>

#include "wkb/registrations/meldingen.hpp"
#include "wkb/registrations/registration.hpp"

namespace wkb::reg {

// The kinds of finding, in the order a report shows them.
enum class GapKind {
  melding_unregistered,     // a melding without a registered project
  registration_without_melding,  // a registered project (with a bouwmelding date) without a melding
  duplicate_melding,        // two or more meldingen of one address
  duplicate_registration,   // two or more registered projects of one address
  overdue,                  // the last phase ended more than N weeks ago, no verklaring or melding strijdigheid
  assurer_mismatch,         // melding and registration name another kwaliteitsborger
  instrument_mismatch,      // ... another instrument
};
inline constexpr GapKind kAllGapKinds[] = {GapKind::melding_unregistered, GapKind::registration_without_melding,
                                           GapKind::duplicate_melding,    GapKind::duplicate_registration,
                                           GapKind::overdue,              GapKind::assurer_mismatch,
                                           GapKind::instrument_mismatch};
std::string to_string(GapKind);  // "melding-unregistered", ...
std::string label_nl(GapKind);   // "melding zonder geregistreerd project", ...

struct Gap {
  GapKind kind;
  std::vector<std::string> meldingen;  // melding ids
  std::vector<std::string> projects;   // project ids
  std::string address;                 // as a person reads it
  std::string detail;                  // Dutch
};

struct ChainOptions {
  Date today;
  int overdue_weeks = 8;
  // A registration is expected among the meldingen when its bouwmelding lies
  // in the period the meldingen cover (their first to their last date), this
  // many days wider on each side (a gemeente passes a melding on some days
  // after it was made). Without meldingen every notified registration is.
  int period_margin_days = 7;
};

struct ChainReport {
  Date today;
  int overdue_weeks = 8;
  std::size_t meldingen = 0;
  std::size_t registrations = 0;
  std::size_t matched = 0;  // meldingen with exactly their project
  std::vector<Gap> gaps;
  bool closed() const { return gaps.empty(); }
  std::size_t count(GapKind k) const;
};

// Matching: on BAG id where both have one; else on normalised postcode,
// house number, letter and addition.
ChainReport reconcile(const std::vector<Melding>& meldingen, const std::vector<Registration>& registrations,
                      const ChainOptions& options);

// A registration's address as a person reads it: "Kloosterstraat 12A-2, 7607 AB Almelo".
std::string address_nl(const Registration& r);

}  // namespace wkb::reg
