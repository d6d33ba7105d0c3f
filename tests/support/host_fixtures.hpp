#pragma once
// Loading plugins by folder and running examples through them, for tests.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "test_paths.hpp"
#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/sdk/codec.hpp"

namespace wkb::test {

inline std::unique_ptr<host::CheckedInstrument> load_folder(const std::filesystem::path& folder) {
  return std::make_unique<host::CheckedInstrument>(host::load_instrument(host::read_manifest(folder)));
}
inline std::unique_ptr<host::CheckedInstrument> seriebouw() { return load_folder(plugin_dir() / "seriebouw"); }
inline std::unique_ptr<host::CheckedInstrument> fixture(const std::string& name) {
  return load_folder(test_plugin_dir() / name);
}
inline Project project(const std::string& name) {
  return read_project(read(example_project(name)), name);
}
inline Findings findings(const std::string& name) { return read_findings(read(example_findings(name)), name); }

// Runs `body` and returns the PluginFailure it throws (fails the test if none).
template <typename F>
host::PluginFailure expect_plugin_failure(F&& body) {
  try {
    body();
  } catch (const host::PluginFailure& e) {
    return e;
  }
  ADD_FAILURE() << "expected a PluginFailure";
  return host::PluginFailure("", "", "", "none");
}

inline bool names_rule(const host::PluginFailure& e, const std::string& rule) {
  for (const auto& i : e.issues())
    if (i.rule == rule) return true;
  return false;
}

}  // namespace wkb::test
