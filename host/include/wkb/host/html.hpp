#pragma once
// Text into HTML, for every page the host writes (dossier, melding, the
// TloKB's reports): one escaper, so that plugin and user text (names,
// explanations, ids) can never become markup in any of them.
#include <string>
#include <string_view>

namespace wkb::host {

// `text` with & < > " ' replaced by their entities: safe in element content
// and in quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace wkb::host
