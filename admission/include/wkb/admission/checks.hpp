#pragma once
// Runs one test of the catalogue inside the checker process (the harness's
// child). The checker never runs plugin code: the plugin runs in a sandboxed
// plugin host process of its own, and every answer comes back to be checked
// here. What the plugin does to its own process is a failed test, never the
// checker's crash.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "wkb/admission/policy.hpp"
#include "wkb/admission/result.hpp"

namespace wkb::admission {

struct TestJob {
  std::string test_id;
  std::filesystem::path plugin_dir;
  Policy policy;
  std::optional<std::filesystem::path> register_file;
  std::filesystem::path corpus_dir;
  std::uint64_t seed = 0;
  int heartbeat_fd = -1;  // a byte is written before and after every plugin call
  // Refuse to run the plugin when a sandbox layer is missing (the default);
  // false only with `wkb-admission run --allow-weaker-sandbox`.
  bool require_full_sandbox = true;
};

TestResult run_test_in_process(const TestJob& job);

}  // namespace wkb::admission
