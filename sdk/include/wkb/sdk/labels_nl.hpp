#pragma once
// Dutch labels for the contract's values, for everything a person reads
// (CLI tables, dossier, reports, an instrument's explanations). One source so
// that "onherstelbaar" reads the same everywhere; docs/glossary.md lists them.
#include <string>
#include <string_view>

#include "wkb/sdk/types.hpp"

namespace wkb {

std::string label_nl(BuildingType);     // "grondgebonden woning"
std::string label_nl(Phase);            // "ruwbouw"
std::string label_nl(RiskPhase);        // "uitvoering"
std::string label_nl(ControlMethod);    // "bijwoonmoment"
std::string label_nl(Performer);        // "borger"
std::string label_nl(FindingResult);    // "onherstelbaar"
std::string label_nl(Outcome);          // "melding strijdigheid"
// The taxonomy's Dutch label, or the id itself for an unknown topic.
std::string topic_label_nl(std::string_view topic);

}  // namespace wkb
