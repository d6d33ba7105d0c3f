#pragma once
// Voorbeeldinstrument Seriebouw: see seriebouw.cpp for its method.
#include "wkb/sdk/instrument.hpp"

namespace seriebouw {

inline constexpr int kControlThreshold = 12;
inline constexpr int kSiteInspectionThreshold = 40;
inline constexpr int kMinInspectionsPerReferenceUnit = 3;

// Not final: the test suite derives deliberately misbehaving instruments from
// it to prove that the host catches them.
class Seriebouw : public wkb::sdk::InstrumentBase {
 public:
  wkb::Description describe() override;
  wkb::Assessment assess(const wkb::Project& project) override;
  wkb::Sample sample(const wkb::Project& project, const wkb::Assessment& assessment) override;
  wkb::Plan plan(const wkb::Project& project, const wkb::Assessment& assessment, const wkb::Sample& sample) override;
  wkb::Decision evaluate(const wkb::Project& project, const wkb::Plan& plan, const wkb::Findings& findings) override;
};

}  // namespace seriebouw
