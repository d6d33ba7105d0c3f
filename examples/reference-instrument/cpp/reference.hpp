#pragma once
// Referentie-instrument, native half: see reference.cpp for its method and
// README.md for providers. export.cpp exports it; the admission tests derive
// deliberately broken instruments from it (admission/fixtures).
#include "wkb/sdk/instrument.hpp"

namespace referentie {

// Declared in describe() and honoured in plan(): the host and the admission
// check that a plan keeps to its own thresholds.
inline constexpr int kControlThreshold = 12;
inline constexpr int kSiteInspectionThreshold = 36;

// Not final: the admission fixtures derive from it to break one rule each.
class Reference : public wkb::sdk::InstrumentBase {
 public:
  wkb::Description describe() override;
  wkb::Assessment assess(const wkb::Project& p) override;
  wkb::Sample sample(const wkb::Project& p, const wkb::Assessment& a) override;
  wkb::Plan plan(const wkb::Project& p, const wkb::Assessment& a, const wkb::Sample& s) override;
  wkb::Decision evaluate(const wkb::Project& p, const wkb::Plan& plan, const wkb::Findings& f) override;
};

}  // namespace referentie
