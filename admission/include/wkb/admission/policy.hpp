#pragma once
// The TloKB's admission policy: the floors an instrument must meet, versioned
// as a JSON file (wkb.admission-policy/1). The default ships in
// admission/policy/default.json; docs/admission/policy.md explains each field.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "wkb/sdk/types.hpp"

namespace wkb::admission {

struct Policy {
  std::string id;
  std::string version;
  std::string sha256;  // of the file's bytes, as recorded in reports and certificates
  std::filesystem::path file;

  // Sampling floor (whatever the instrument declares, at least this).
  double sampling_min_fraction = 0.1;
  int sampling_min_units = 1;
  int min_inspections_per_reference_unit = 1;
  int min_site_inspections_per_project = 1;
  // Taxonomy topics that need a site inspection whenever they are among the
  // risks: the plan must then hold at least one site-inspection control on
  // the topic (empty by default; docs/admission/policy.md says why).
  std::vector<std::string> required_site_inspection_topics;
  // Allowed range of the declared thresholds on the 1-125 score.
  int control_threshold_max = 27;
  int site_inspection_threshold_max = 64;
  // Competence: per area of expertise (wkb::competence_areas()) the floor an
  // instrument's declaration must reach; an area listed here must be declared.
  struct AreaFloor {
    std::string area;       // "fire-safety"
    std::string education;  // lowest accepted level of wkb::education_levels()
    int min_years_experience = 0;
    // Words of which one must occur (case-insensitive) in the declared
    // experience criteria, e.g. "leidinggevend" for coordination.
    std::vector<std::string> experience_terms;
    std::string source;  // where the floor comes from, for the refusal
  };
  std::vector<AreaFloor> competence_areas;
  int min_experience_criteria_chars = 30;
  // Evidence policy: each group lists words of which at least one must occur
  // (case-insensitive) in the declared evidence policy.
  std::map<std::string, std::vector<std::string>> evidence_terms;
  // Supervision of assurers.
  int max_audit_interval_months = 12;
  int min_supervision_chars = 30;
  // Time budget per call in milliseconds, per method.
  std::map<std::string, int> time_budget_ms;
  // A test process that reports no progress for this long is stopped (timeout).
  int inactivity_timeout_ms = 20000;
  // Optional: a hard cap per test process, heartbeat or not, and its address
  // space (0: no cap).
  int max_test_duration_ms = 300000;
  int memory_limit_mb = 4096;
  // Optional: the largest fraction of projects (of declared building types) an
  // instrument may refuse with "out-of-scope", in the corpus and in fuzzing.
  double max_declined_fraction = 0.5;
  int fuzz_projects = 100;
  int fuzz_max_units = 500;
  // Without a register the independence tests fail (true) or are skipped.
  bool require_register = true;
};

// What a description's competence lacks against the policy's floors, one
// Dutch line per shortfall naming the area and the source (empty: none).
// The test declares-competence fails with these lines.
std::vector<std::string> competence_shortfalls(const Description& d, const Policy& pol);

// Reads and checks a policy file. Throws wkb::ValidationError / SyntaxError /
// wkb::host::InputError naming the file and the JSON path.
Policy load_policy(const std::filesystem::path& file);

}  // namespace wkb::admission
