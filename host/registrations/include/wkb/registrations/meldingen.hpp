#pragma once
// The bouwmeldingen a gemeente or the Omgevingsloket hands to the TloKB: a
// CSV file, semicolon-separated, UTF-8 (a BOM allowed), a header with the
// columns of kMeldingColumns in any order (docs/tlokb.md#de-meldingen).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/registrations/address.hpp"
#include "wkb/sdk/date.hpp"

namespace wkb::reg {

inline constexpr std::array<std::string_view, 10> kMeldingColumns = {
    "melding_id", "datum", "bag_id", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging",
    "gemeente",   "kvk_kwaliteitsborger", "instrument"};

struct Melding {
  std::string id;
  Date date;
  std::optional<std::string> bag_id;
  std::string postcode;  // normalised "1234AB"
  HouseNumber house;
  std::string gemeente;
  std::string assurer_kvk;
  std::string instrument;
  int line = 0;  // in the file, for messages
};

// A row that was refused: where and why (Dutch).
struct RowProblem {
  int line = 0;
  int column = 0;           // in characters, 1-based
  std::string column_name;  // "postcode"; empty for the row as a whole
  std::string rule;         // "csv-postcode", ...
  std::string message;      // Dutch, without the place
};

struct MeldingenFile {
  std::string name;  // the file, as given
  std::vector<Melding> meldingen;
  std::vector<RowProblem> skipped;  // with skip_bad_rows only
};

// Parses the file's bytes. Throws host::InputErrorAt (exit 3) naming the file,
// line and column: an empty file, another encoding (UTF-16, Latin-1), a
// header with a missing, unknown or repeated column; and a bad row (wrong
// number of fields, a bad date, postcode, house number, BAG id or KvK number,
// an empty required field, a duplicate melding_id) unless `skip_bad_rows`,
// when it is listed in `skipped` and left out.
MeldingenFile parse_meldingen(std::string_view bytes, const std::string& file, bool skip_bad_rows);
// Reads the file (at most 64 MiB) and parses it.
MeldingenFile read_meldingen(const std::string& file, bool skip_bad_rows);

// "file:line:column: kolom x: message", as every refusal reads.
std::string located(const std::string& file, const RowProblem& p);

}  // namespace wkb::reg
