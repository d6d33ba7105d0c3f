#pragma once
// A typed, validating view of an Instrument: every request is built by the
// host, every response is parsed and checked against the contract and the
// host's rules before anyone uses it (contract v1, "Fixed" point 5).
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "wkb/host/certificates.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/sdk/contract.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::host {

class CheckedInstrument {
 public:
  // Sees every call that returned a response (before the response is
  // validated): the project store records plugin calls in its audit trail.
  using CallObserver = std::function<void(Method method, std::string_view request, std::string_view response)>;

  // `host_contract`: the contract version this host reads. Members of a
  // newer minor version that the plugin declared are ignored (and logged);
  // any other unknown member is refused (docs/sdk/contract.md#versions).
  // Only tests pass another version, to play an older or a newer host.
  explicit CheckedInstrument(std::unique_ptr<Instrument> raw, ContractVersion host_contract = kContractVersion);

  // One observer at a time; an empty function removes it.
  void set_observer(CallObserver observer) { observer_ = std::move(observer); }

  const Manifest& manifest() const { return raw_->manifest(); }
  Instrument& raw() { return *raw_; }
  // Validated once, on first use, and kept.
  const Description& description();
  // The contract version the plugin declared in describe().
  ContractVersion plugin_contract() {
    description();
    return plugin_contract_;
  }

  // The assessment date: certificates not valid on it are left out of the
  // project the plugin sees in assess, sample and plan (and the plan rules
  // run on that project); docs/sdk/certificates.md. Today by the host clock
  // (wkb/host/clock.hpp) unless set.
  void set_assessment_date(Date d) { assessment_date_ = d; }
  Date assessment_date();
  // The project as the plugin sees it on the assessment date.
  Project seen_by_plugin(const Project& project);
  // What the host withheld from the plugin (expired certificates), each once,
  // in the order they were found; also logged (warn).
  const std::vector<HostWarning>& warnings() const { return warnings_; }

  Assessment assess(const Project& project);
  Sample sample(const Project& project, const Assessment& assessment);
  Plan plan(const Project& project, const Assessment& assessment, const Sample& sample);
  // Findings must already be checked against the plan (check_findings): they
  // are the user's input, not the plugin's.
  Decision evaluate(const Project& project, const Plan& plan, const Findings& findings);

 private:
  std::string call(Method method, const std::string& request);
  std::unique_ptr<Instrument> raw_;
  std::optional<Description> description_;
  ContractVersion host_contract_;
  ContractVersion plugin_contract_;
  CallObserver observer_;
  std::optional<Date> assessment_date_;
  std::vector<HostWarning> warnings_;
};

}  // namespace wkb::host
