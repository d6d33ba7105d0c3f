#pragma once
// The harness: every test in its own child process (the executable re-invoked
// with the hidden subcommand "__child"), results back through a file, a
// heartbeat pipe for the inactivity watchdog.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wkb/admission/policy.hpp"
#include "wkb/admission/report_signature.hpp"
#include "wkb/admission/result.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/host/trust.hpp"

namespace wkb::admission {

struct RunOptions {
  std::filesystem::path plugin_dir;
  std::filesystem::path policy_file;
  std::optional<std::filesystem::path> register_file;
  std::filesystem::path corpus_dir;
  std::filesystem::path out_dir;
  std::uint64_t seed = 0;
  std::string only;  // ECMAScript regex on test ids; empty: all
  std::filesystem::path self_exe;  // the wkb-admission executable to re-invoke
  // The sandbox this system gives plugin processes (probed before the run);
  // with a layer missing the run starts only with --allow-weaker-sandbox.
  host::SandboxStatus sandbox;
  bool allow_weaker_sandbox = false;
};

struct RunReport {
  std::string suite_version;
  std::string plugin_id, plugin_name, plugin_version, plugin_kind, provider_kvk, provider_name;
  std::filesystem::path plugin_dir;
  std::vector<host::CertifiedFile> files;
  Policy policy;
  std::optional<std::filesystem::path> register_file;
  std::string register_sha256;
  std::uint64_t seed = 0;
  std::string only;
  host::SandboxStatus sandbox;  // layers missing on this system, recorded in the report
  bool complete = true;  // every catalogue test ran (no --only)
  std::string started;   // ISO 8601 UTC
  long long duration_ms = 0;
  std::vector<TestResult> results;
  bool admitted() const;
};

// Runs the selected tests. `progress` is called after each test (for the
// console). Throws host::UsageError / InputError for harness problems.
RunReport run_suite(const RunOptions& options, const std::function<void(const TestResult&)>& progress);

// The Dutch verdict line, always the last line of `wkb-admission run`:
// "TOEGELATEN (28 geslaagd, ...)" or "NIET TOEGELATEN (...)".
std::string verdict_line(const RunReport& report);

// report.json, junit.xml and report.html in `dir`, then report.sig.json (last):
// report.json signed with a fresh Ed25519 key pair whose secret key never
// leaves this process (report_signature.hpp). Returns the run's public key.
WrittenReports write_reports(const RunReport& report, const std::filesystem::path& dir);
std::string report_json(const RunReport& report);
std::string junit_xml(const RunReport& report);
std::string report_html(const RunReport& report);

}  // namespace wkb::admission
