#pragma once
// A stored project's lifecycle as an explicit state machine:
//   draft -> planned -> notified (bouwmelding) -> in-execution
//         -> declared (verklaring) -> completed (gereedmelding)
//         -> closed-without-declaration (melding strijdigheid)
// Every command checks the transition it needs; an illegal one is refused
// with a message that says what must happen first.
#include <optional>
#include <string>
#include <string_view>

namespace wkb::store {

enum class State { draft, planned, notified, in_execution, completed, declared, closed_without_declaration };

std::string_view to_string(State);
std::optional<State> parse_state(std::string_view);
// Dutch label for tables: "concept", "gepland", "gemeld", "in uitvoering", "gereed".
std::string_view label_nl(State);

// A plan version's stored reason ("create", "replan: gevel gewijzigd",
// "risk override R-x") as a person reads it: "eerste plan", "herzien: gevel
// gewijzigd", "afwijking van risicoscore R-x". The stored text stays English
// (it is data); an unknown reason is shown as it is.
std::string plan_reason_nl(std::string_view reason);

// What a command does to the lifecycle (the verbs of the CLI).
enum class Action {
  plan, replan, override_risk, notify, add_finding, evaluate, close, close_notice,
  start, renotify, deviation_notice, information_request, complete, use_decision
};
std::string_view to_string(Action);

// The state after `action` in `from`, or throws InputError explaining what
// must happen first (naming `project` and the command that does it).
State transition(const std::string& project, State from, Action action);

}  // namespace wkb::store
