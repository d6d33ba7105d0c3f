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

State transition(const std::string& project, State from, Action action) {
  const std::string p = "project " + project + " is " + std::string(to_string(from));
  auto refuse = [&](const std::string& first) -> State {
    throw wkb::host::InputError(p + "; cannot " + std::string(to_string(action)) + ": " + first);
  };
  if (from == State::completed)
    return refuse("it is closed (gereedmelding done); a completed project does not change");
  switch (action) {
    case Action::plan:
      if (from != State::draft) return refuse("it already has a plan; use `wkb project replan " + project + "`");
      return State::planned;
    case Action::replan:
    case Action::override_risk:
      // The plan is dynamic: design and schedule changes go on after the bouwmelding.
      if (from == State::draft) return refuse("make the first plan first");
      return from;
    case Action::notify:
      if (from == State::draft) return refuse("make the plan first");
      if (from != State::planned) return refuse("the bouwmelding has already been made");
      return State::notified;
    case Action::add_finding:
      if (from == State::draft || from == State::planned)
        return refuse("findings come after the bouwmelding; first run `wkb project notify " + project + "`");
      return State::in_execution;
    case Action::evaluate:
      if (from == State::draft || from == State::planned)
        return refuse("make the bouwmelding and record findings first (`wkb project notify " + project + "`)");
      return from;
    case Action::close:
      if (from != State::in_execution)
        return refuse("only a project in execution with an evaluated decision can be closed; record findings "
                      "(`wkb finding add`) and run `wkb project evaluate " + project + "` first");
      return State::completed;
  }
  return refuse("unknown action");
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
