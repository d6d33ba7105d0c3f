#include "wkb/store/lifecycle.hpp"

#include "wkb/host/errors.hpp"

namespace wkb::store {

std::string_view to_string(State s) {
  switch (s) {
    case State::draft: return "draft";
    case State::planned: return "planned";
    case State::notified: return "notified";
    case State::in_execution: return "in-execution";
    case State::completed: return "completed";
  }
  return "?";
}

std::optional<State> parse_state(std::string_view s) {
  for (State x : {State::draft, State::planned, State::notified, State::in_execution, State::completed})
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::string_view label_nl(State s) {
  switch (s) {
    case State::draft: return "concept";
    case State::planned: return "gepland";
    case State::notified: return "bouwmelding gedaan";
    case State::in_execution: return "in uitvoering";
    case State::completed: return "gereed";
  }
  return "?";
}

std::string_view to_string(Action a) {
  switch (a) {
    case Action::plan: return "plan";
    case Action::replan: return "replan";
    case Action::override_risk: return "risk override";
    case Action::notify: return "notify";
    case Action::add_finding: return "finding add";
    case Action::evaluate: return "evaluate";
    case Action::close: return "close";
  }
  return "?";
}

namespace {
// What the action does, as in "kan niet <...>".
std::string action_nl(Action a) {
  switch (a) {
    case Action::plan: return "een borgingsplan maken";
    case Action::replan: return "het borgingsplan herzien";
    case Action::override_risk: return "van een risicoscore afwijken";
    case Action::notify: return "de bouwmelding doen";
    case Action::add_finding: return "bevindingen vastleggen";
    case Action::evaluate: return "een oordeel vormen";
    case Action::close: return "de gereedmelding doen";
  }
  return "dit doen";
}
}  // namespace

State transition(const std::string& project, State from, Action action) {
  const std::string p = "project " + project + " heeft de status \"" + std::string(label_nl(from)) + "\"";
  auto refuse = [&](const std::string& first) -> State {
    throw wkb::host::InputError(p + "; wkb kan nog niet " + action_nl(action) + ": " + first);
  };
  if (from == State::completed)
    throw wkb::host::InputError(p + " (de gereedmelding is gedaan); wkb kan niet meer " + action_nl(action) +
                                ", want een gereedgemeld project verandert niet meer");
  switch (action) {
    case Action::plan:
      if (from != State::draft)
        throw wkb::host::InputError(p + "; het heeft al een borgingsplan. Herzie het met `wkb project replan " +
                                    project + "`");
      return State::planned;
    case Action::replan:
    case Action::override_risk:
      // The plan is dynamic: design and schedule changes go on after the bouwmelding.
      if (from == State::draft) return refuse("maak eerst het eerste borgingsplan");
      return from;
    case Action::notify:
      if (from == State::draft) return refuse("maak eerst het borgingsplan");
      if (from != State::planned)
        throw wkb::host::InputError(p + "; de bouwmelding is al gedaan (een project heeft één bouwmelding)");
      return State::notified;
    case Action::add_finding:
      if (from == State::draft || from == State::planned)
        return refuse("bevindingen volgen op de bouwmelding; doe eerst `wkb project notify " + project + "`");
      return State::in_execution;
    case Action::evaluate:
      if (from == State::draft || from == State::planned)
        return refuse("doe eerst de bouwmelding (`wkb project notify " + project +
                      "`) en leg bevindingen vast (`wkb finding add " + project + "`)");
      return from;
    case Action::close:
      if (from != State::in_execution)
        return refuse("alleen een project in uitvoering met een actueel oordeel kan worden gereedgemeld; leg "
                      "bevindingen vast (`wkb finding add " + project + "`) en voer eerst `wkb project evaluate " +
                      project + "` uit");
      return State::completed;
  }
  return refuse("onbekende handeling");
}

std::string plan_reason_nl(std::string_view reason) {
  const auto after = [&](std::string_view prefix) { return std::string(reason.substr(prefix.size())); };
  if (reason == "create") return "eerste plan";
  if (reason == "replan") return "herzien";
  if (reason.rfind("replan: ", 0) == 0) return "herzien: " + after("replan: ");
  if (reason.rfind("risk override ", 0) == 0) return "afwijking van risicoscore " + after("risk override ");
  return std::string(reason);
}

}  // namespace wkb::store
