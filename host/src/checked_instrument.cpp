#include "wkb/host/checked_instrument.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <optional>

#include "plugin_log.hpp"
#include "wkb/host/clock.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/log.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::host {
namespace {

// Parses a response with `reader`, then applies `rules`; any problem becomes a
// PluginFailure naming the plugin, the method, the JSON path and the rule.
// `declared`: the plugin's contract version, or nullopt to take it from the
// response's own `contract` member (describe).
template <typename T, typename Reader, typename Rules>
T checked(const std::string& plugin, Method method, const std::string& text, ContractVersion host,
          std::optional<ContractVersion> declared, Reader reader, Rules rules) {
  const std::string m(to_string(method));
  boost::json::monotonic_resource arena;  // the tree is read once and dropped
  boost::json::value v;
  try {
    v = parse_json(text, "antwoord", &arena);
  } catch (const SyntaxError& e) {
    throw PluginFailure(plugin, m, "malformed-response",
                        "het antwoord is geen geldige JSON (regel " + std::to_string(e.line()) + ", kolom " +
                            std::to_string(e.column()) + ": " + e.detail() + ")");
  }
  if (!declared) {
    // A describe without `contract` is one of 1.0; a malformed one is
    // reported by the reader.
    declared = ContractVersion{1, 0};
    if (const auto* c = v.is_object() ? v.get_object().if_contains("contract") : nullptr; c && c->is_string())
      if (auto parsed = parse_contract_version(std::string_view(c->get_string()))) declared = parsed;
  }
  Issues issues;
  issues.tolerate_unknown_members(tolerates_unknown_members(*declared, host));
  T out = reader(v, "$", issues);
  if (!issues.ignored().empty()) {
    // The member names are the plugin's: bounded and without control characters.
    constexpr std::size_t kShown = 20;
    std::string list;
    for (std::size_t i = 0; i < issues.ignored().size() && i < kShown; ++i)
      list += (list.empty() ? "" : ", ") + clean_untrusted(issues.ignored()[i], 200);
    if (issues.ignored().size() > kShown) list += " and " + std::to_string(issues.ignored().size() - kShown) + " more";
    log::info("plugin " + plugin + " (" + m + "): ignored members of contract " + declared->to_string() +
              " that this host (contract " + host.to_string() + ") does not know: " + list);
  }
  if (!issues.empty())
    throw PluginFailure(plugin, m, "contract-violation", "het antwoord past niet bij het contract",
                        issues.list());
  rules(out, issues);
  if (!issues.empty())
    throw PluginFailure(plugin, m, "contract-violation", "het antwoord overtreedt de regels die de host handhaaft",
                        issues.list());
  return out;
}

}  // namespace

CheckedInstrument::CheckedInstrument(std::unique_ptr<Instrument> raw, ContractVersion host_contract)
    : raw_(std::move(raw)), host_contract_(host_contract) {}

std::string CheckedInstrument::call(Method method, const std::string& request) {
  const auto start = std::chrono::steady_clock::now();
  std::string response = raw_->call(method, request);
  if (log::enabled_debug()) {
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    log::debug(manifest().id + "." + std::string(to_string(method)) + ": " + std::to_string(request.size()) +
               " bytes in, " + std::to_string(response.size()) + " bytes out, " + std::to_string(us) + " us");
  }
  if (observer_) observer_(method, request, response);
  return response;
}

const Description& CheckedInstrument::description() {
  if (!description_) {
    description_ = checked<Description>(manifest().id, Method::describe, call(Method::describe, "{}"),
                                        host_contract_, std::nullopt, description_from_json, [&](const Description& d, Issues& issues) {
                                          check_description(d, manifest(), issues);
                                        });
    if (auto c = parse_contract_version(description_->contract)) plugin_contract_ = *c;
  }
  return *description_;
}

Date CheckedInstrument::assessment_date() {
  // Not kept: an instrument that lives longer than one command (a test, the
  // admission checker) must not judge certificates by the day it was loaded.
  return assessment_date_ ? *assessment_date_ : today();
}

Project CheckedInstrument::seen_by_plugin(const Project& project) {
  return with_valid_certificates(project, assessment_date(), warnings_);
}

Assessment CheckedInstrument::assess(const Project& given) {
  const Description& d = description();
  const Project project = seen_by_plugin(given);
  if (std::find(d.building_types.begin(), d.building_types.end(), project.building.type) == d.building_types.end())
    throw InputError("instrument " + d.id + " is niet bedoeld voor het bouwwerktype " +
                     labelled_nl(project.building.type) +
                     "; kies een instrument dat dit type dekt (zie `wkb instruments`)");
  return checked<Assessment>(manifest().id, Method::assess, call(Method::assess, write_assess_request(project)),
                             host_contract_, plugin_contract_, assessment_from_json,
                             [&](const Assessment& a, Issues& issues) { check_assessment(project, a, issues); });
}

Sample CheckedInstrument::sample(const Project& given, const Assessment& assessment) {
  const Description& d = description();
  const Project project = seen_by_plugin(given);
  return checked<Sample>(manifest().id, Method::sample,
                         call(Method::sample, write_sample_request(project, assessment)), host_contract_,
                         plugin_contract_, sample_from_json,
                         [&](const Sample& s, Issues& issues) { check_sample(project, d, s, issues); });
}

Plan CheckedInstrument::plan(const Project& given, const Assessment& assessment, const Sample& sample) {
  const Description& d = description();
  const Project project = seen_by_plugin(given);
  return checked<Plan>(manifest().id, Method::plan,
                       call(Method::plan, write_plan_request(project, assessment, sample)), host_contract_,
                       plugin_contract_, plan_from_json,
                       [&](const Plan& p, Issues& issues) { check_plan(project, d, assessment, sample, p, issues); });
}

Decision CheckedInstrument::evaluate(const Project& project, const Plan& plan, const Findings& findings) {
  description();
  return checked<Decision>(manifest().id, Method::evaluate,
                           call(Method::evaluate, write_evaluate_request(project, plan, findings)),
                           host_contract_, plugin_contract_, decision_from_json, [&](const Decision& d, Issues& issues) {
                             check_decision(project, plan, findings, d, issues);
                           });
}

}  // namespace wkb::host
