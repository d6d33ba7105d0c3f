#pragma once
// Rules for text that enters the store, and for quoting values in messages.
// The store is evidence: what one backend keeps must be what the other keeps
// (PostgreSQL cuts text at U+0000 and refuses invalid UTF-8, SQLite keeps
// both), so such text is refused at the door instead of stored differently.
#include <cstddef>
#include <string>
#include <string_view>

namespace wkb::store {

// Documented limits (docs/store.md#limits). Going over one is invalid input
// (exit 3) naming the limit, before any plugin sees the data.
struct Limits {
  static constexpr std::size_t kIdChars = 200;          // project, control, unit, risk ids
  static constexpr std::size_t kNameChars = 300;        // a person's or a project's name
  static constexpr std::size_t kTextChars = 20000;      // a note, motivation, reason, account of effort
  static constexpr std::size_t kFindingsPerImport = 10000;
  static constexpr std::size_t kFindingsPerProject = 100000;
  static constexpr std::size_t kUnitsPerProject = 5000;
};

enum class TextKind {
  line,  // an id or a name: no control character at all
  free,  // free text: tab and newline allowed, other control characters not
};

// Throws InputError naming `field` when `value` is not valid UTF-8, holds a
// control character its kind does not allow, or has more than `max_chars`
// characters (code points).
void check_text(std::string_view field, std::string_view value, TextKind kind, std::size_t max_chars);

// True when a reader sees nothing: only spaces, tabs, newlines, no-break
// spaces and zero-width characters. Required motivations, names and accounts
// of effort must not be blank.
bool is_blank(std::string_view value);

// A value for a message: "\"...\"" with at most 80 characters; a longer value
// is cut with "… (N tekens)" so that a 10 MB value does not fill the screen.
std::string quote(std::string_view value);

}  // namespace wkb::store
