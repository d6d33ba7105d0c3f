#pragma once
// A typed, validating view of an Instrument: every request is built by the
// host, every response is parsed and checked against the contract and the
// host's rules before anyone uses it (contract v1, "Fixed" point 5).
#include <memory>
#include <optional>

#include "wkb/host/instrument.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::host {

class CheckedInstrument {
 public:
  explicit CheckedInstrument(std::unique_ptr<Instrument> raw);

  const Manifest& manifest() const { return raw_->manifest(); }
  Instrument& raw() { return *raw_; }
  // Validated once, on first use, and kept.
  const Description& description();

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
};

}  // namespace wkb::host
