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

#include "wkb/admission/catalogue.hpp"
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
  // The reference corpus: its folder and one SHA-256 over its files (the
  // SHA-256 of "path sha256" lines, sorted), so a report names the corpus it ran on.
  std::filesystem::path corpus_dir;
  std::string corpus_sha256;
  std::size_t corpus_files = 0;
  std::uint64_t seed = 0;
  std::string only;
  host::SandboxStatus sandbox;  // layers missing on this system, recorded in the report
  bool complete = true;  // every catalogue test ran (no --only)
  std::string started;   // ISO 8601 UTC
  long long duration_ms = 0;
  std::vector<TestResult> results;
  bool admitted() const;
};

// What the console shows while a run goes on: each test as it starts (its
// number among the selected tests) and as it ends. Either may be empty.
struct Progress {
  std::function<void(std::size_t number, std::size_t total, const TestInfo& test)> started;
  std::function<void(const TestResult&)> finished;
};

// Runs the selected tests. Throws host::UsageError / InputError for harness
// problems.
RunReport run_suite(const RunOptions& options, const Progress& progress);

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
