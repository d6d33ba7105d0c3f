#pragma once
// Runs one test of the catalogue inside the (child) process that loaded the
// plugin. Nothing here protects against a crash: the caller isolates.
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
};

TestResult run_test_in_process(const TestJob& job);

}  // namespace wkb::admission
