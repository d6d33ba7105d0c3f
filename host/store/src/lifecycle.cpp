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
    case State::declared: return "declared";
    case State::closed_without_declaration: return "closed-without-declaration";
  }
  return "?";
}

std::optional<State> parse_state(std::string_view s) {
  for (State x : {State::draft, State::planned, State::notified, State::in_execution, State::completed,
                  State::declared, State::closed_without_declaration})
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::string_view label_nl(State s) {
  switch (s) {
    case State::draft: return "concept";
    case State::planned: return "gepland";
    case State::notified: return "bouwmelding gedaan";
    case State::in_execution: return "in uitvoering";
    case State::completed: return "gereedgemeld";
    case State::declared: return "verklaring afgegeven";
    case State::closed_without_declaration: return "afgesloten zonder verklaring";
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
    case Action::close_notice: return "close --notice";
    case Action::start: return "project start";
    case Action::renotify: return "project notify --renew";
    case Action::deviation_notice: return "melding";
    case Action::information_request: return "request";
    case Action::complete: return "project complete";
    case Action::use_decision: return "project use-decision";
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
    case Action::close: return "de verklaring afgeven";
    case Action::close_notice: return "afsluiten met een melding strijdigheid";
    case Action::start: return "de start van de bouw vastleggen";
    case Action::renotify: return "een nieuwe bouwmelding doen";
    case Action::deviation_notice: return "een melding tijdens de bouw doen";
    case Action::information_request: return "een informatieverzoek vastleggen";
    case Action::complete: return "de gereedmelding vastleggen";
    case Action::use_decision: return "het besluit over ingebruikname vastleggen";
  }
  return "dit doen";
}
}  // namespace

State transition(const std::string& project, State from, Action action) {
  const std::string p = "project " + project + " heeft de status \"" + std::string(label_nl(from)) + "\"";
  auto refuse = [&](const std::string& first) -> State {
    throw wkb::host::InputError(p + "; wkb kan nog niet " + action_nl(action) + ": " + first);
  };
  auto final_refuse = [&](const std::string& why) -> State {
    throw wkb::host::InputError(p + " (" + why + "); wkb kan niet meer " + action_nl(action));
  };
  if (from == State::completed)
    return final_refuse("de gereedmelding is gedaan; een gereedgemeld project verandert niet meer");
  if (from == State::closed_without_declaration) {
    if (action == Action::use_decision || action == Action::information_request) return from;
    return final_refuse("er komt geen verklaring, dus ook geen gereedmelding; alleen het besluit van het bevoegd "
                        "gezag over ingebruikname kan nog worden vastgelegd (`wkb project use-decision " + project +
                        "`)");
  }
  if (from == State::declared) {
    if (action == Action::complete) return State::completed;
    if (action == Action::information_request) return from;
    return final_refuse("de verklaring is afgegeven; wat nog volgt is de gereedmelding door de melder (`wkb "
                        "project complete " + project + "`)");
  }
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
        throw wkb::host::InputError(p + "; de bouwmelding is al gedaan. Een nieuwe bouwmelding (na een verlopen of "
                                    "geweigerde) doet u met `wkb project notify " + project + " --renew`");
      return State::notified;
    case Action::renotify:
    case Action::start:
    case Action::information_request:
      if (from == State::draft || from == State::planned)
        return refuse("doe eerst de bouwmelding (`wkb project notify " + project + " --melder BESTAND`)");
      return from;
    case Action::add_finding:
      if (from == State::draft || from == State::planned)
        return refuse("bevindingen volgen op de bouwmelding; doe eerst `wkb project notify " + project +
                      " --melder BESTAND`");
      return State::in_execution;
    case Action::deviation_notice:
      if (from != State::in_execution)
        return refuse("een melding tijdens de bouw gaat over vastgelegde bevindingen; leg ze eerst vast (`wkb "
                      "finding add " + project + "`)");
      return from;
    case Action::evaluate:
      if (from == State::draft || from == State::planned)
        return refuse("doe eerst de bouwmelding (`wkb project notify " + project +
                      " --melder BESTAND`) en leg bevindingen vast (`wkb finding add " + project + "`)");
      return from;
    case Action::close:
    case Action::close_notice:
      if (from != State::in_execution)
        return refuse("alleen een project in uitvoering met een actueel oordeel kan worden afgesloten; leg "
                      "bevindingen vast (`wkb finding add " + project + "`) en voer eerst `wkb project evaluate " +
                      project + "` uit");
      return action == Action::close ? State::declared : State::closed_without_declaration;
    case Action::complete:
      return refuse("de gereedmelding bevat de verklaring van de kwaliteitsborger; die is er nog niet (`wkb project "
                    "close " + project + "`)");
    case Action::use_decision:
      return refuse("het besluit over ingebruikname volgt op een afsluiting zonder verklaring");
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
