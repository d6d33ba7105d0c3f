#pragma once
// The contract v1 messages as C++ types (docs/sdk/messages.md).
//
// This header is deliberately light: no Boost.JSON. Conversions live in
// wkb/sdk/codec.hpp (text in, text out) and wkb/sdk/json.hpp (Boost.JSON
// values, for code that already works with them).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/sdk/date.hpp"

namespace wkb {

// ---- Enumerations ---------------------------------------------------------
// Each has a to_string/parse pair giving the contract's kebab-case spelling.

enum class BuildingType { dwelling, holiday_dwelling, floating_dwelling, industrial };
enum class Phase { design, foundation, structure, envelope, installations, finishing, completion };
enum class RiskPhase { design, execution };
enum class ControlMethod { document_review, site_inspection, contractor_evidence, certificate_check, measurement };
enum class Performer { assurer, contractor };
enum class FindingResult { conform, repaired, open, unrepairable, evidence_missing };
enum class Outcome { non_compliance_notice, incomplete, open_items, declaration };

std::string_view to_string(BuildingType);
std::string_view to_string(Phase);
std::string_view to_string(RiskPhase);
std::string_view to_string(ControlMethod);
std::string_view to_string(Performer);
std::string_view to_string(FindingResult);
std::string_view to_string(Outcome);

std::optional<BuildingType> parse_building_type(std::string_view);
std::optional<Phase> parse_phase(std::string_view);
std::optional<RiskPhase> parse_risk_phase(std::string_view);
std::optional<ControlMethod> parse_control_method(std::string_view);
std::optional<Performer> parse_performer(std::string_view);
std::optional<FindingResult> parse_finding_result(std::string_view);
std::optional<Outcome> parse_outcome(std::string_view);

// All phases in schedule order.
inline constexpr Phase kAllPhases[] = {Phase::design,        Phase::foundation, Phase::structure,
                                       Phase::envelope,      Phase::installations,
                                       Phase::finishing,     Phase::completion};

// Schema identifiers (contract v1, "Fixed" point 4).
namespace schema {
inline constexpr std::string_view project = "wkb.project/1";
inline constexpr std::string_view assessment = "wkb.assessment/1";
inline constexpr std::string_view sample = "wkb.sample/1";
inline constexpr std::string_view plan = "wkb.plan/1";
inline constexpr std::string_view findings = "wkb.findings/1";
inline constexpr std::string_view decision = "wkb.decision/1";
inline constexpr std::string_view register_ = "wkb.register/1";
}  // namespace schema

// ---- wkb.project/1 --------------------------------------------------------

struct Address {
  std::string street;
  std::string house_number;
  std::string postcode;  // "NNNN LL"
  std::string city;
  std::optional<std::string> bag_id;  // 16 digits
};

struct Party {
  std::string name;
  std::optional<std::string> kvk;  // 8 digits
  std::optional<bool> is_private;  // JSON "private"; meaningful for the client
};

struct Parties {
  Party client;
  Party contractor;
  Party assurer;
  std::optional<Party> designer;
};

struct Building {
  BuildingType type = BuildingType::dwelling;
  int units = 1;
  int storeys = 1;
  std::string construction;
};

struct SchedulePhase {
  Phase phase = Phase::design;
  Date start;
  Date end;
};

struct DocumentRef {
  std::string kind;    // e.g. "beng-calculation"
  std::string status;  // "present", "missing", "submitted", ...
};

// The kinds of certificate a project may name (docs/sdk/certificates.md):
// "ekv" (erkende kwaliteitsverklaring), "product-certificate",
// "process-certificate". One list for the reader, the schema and the docs.
const std::vector<std::string_view>& certificate_kinds();

struct CertificateHolder {
  std::string name;
  std::optional<std::string> kvk;  // 8 digits
};

// A certificate the project relies on (docs/sdk/certificates.md). The host
// gives an instrument only the certificates valid on the assessment date and
// requires a certificate-check control for every risk whose topic one covers.
struct CertificateRef {
  std::string kind;    // one of certificate_kinds()
  std::string scheme;  // the BRL or scheme, e.g. "BRL 14021"
  std::string number;  // the certificate's number, e.g. "K12345/01"
  CertificateHolder holder;
  Date valid_from;
  Date valid_until;  // inclusive; never before valid_from
  std::vector<std::string> topics;  // taxonomy topics, non-empty, no duplicates

  bool covers(std::string_view topic) const;
  bool valid_on(Date d) const { return valid_from <= d && d <= valid_until; }
};

// The exclusions from gevolgklasse 1 that a project states (Bbl art. 2.17;
// docs/sdk/messages.md, "scope"). Each member true puts the bouwactiviteit
// outside the Wkb's scope; the project reader refuses it (rule
// consequence-class-exclusion), so no plugin ever sees such a project.
struct Scope {
  bool monument = false;                      // lid 2 onder a
  bool residential_building = false;          // woongebouw: lid 3
  bool care_dwelling = false;                 // woonfunctie voor zorg: lid 3
  bool room_rental = false;                   // kamergewijze verhuur: lid 3
  bool use_notification = false;              // gebruiksmelding (art. 6.7 lid 1): lid 2 onder c
  bool fire_safety_permit = false;            // vergunning brandveilig gebruik (older definition)
  bool equivalent_measure_fire = false;       // gelijkwaardige maatregel brandveiligheid: lid 2 onder d
  bool equivalent_measure_structural = false; // gelijkwaardige maatregel constructieve veiligheid: lid 2 onder d
  bool nen6060_or_nen6079 = false;            // lid 2 onder e
  bool environmental_permit = false;          // vergunningplichtige milieubelastende activiteit: lid 2 onder f
};

// One exclusion: its JSON key, the member, what it means in Dutch and the
// source that excludes it. One table for the reader, the writers and docs.
struct ScopeExclusion {
  std::string_view key;
  bool Scope::*flag;
  std::string_view what_nl;
  std::string_view source;
};
const std::vector<ScopeExclusion>& scope_exclusions();

struct Project {
  std::string id;
  std::string name;
  Address address;
  int consequence_class = 1;
  Building building;
  Parties parties;
  std::vector<std::string> unit_ids;  // filled with "1".."n" when absent
  std::vector<SchedulePhase> schedule;
  std::vector<DocumentRef> documents;
  std::vector<CertificateRef> certificates;
  std::vector<std::string> local_conditions;
  std::optional<Scope> scope;  // written only when the input had it

  const SchedulePhase* phase(Phase p) const;
  bool has_certificate(std::string_view topic, std::string_view kind = {}) const;
  bool document_missing(std::string_view kind) const;
  bool has_condition(std::string_view condition) const;
};

// ---- wkb.assessment/1 -----------------------------------------------------

struct Risk {
  std::string id;
  std::string topic;
  std::string bbl_ref;
  RiskPhase phase = RiskPhase::execution;
  std::string description;
  int likelihood = 1;
  int impact = 1;
  int recoverability = 1;
  int score = 1;  // likelihood * impact * recoverability
  std::string rationale;
};

struct NotApplicable {
  std::string topic;
  std::string reason;
};

struct Assessment {
  std::string project;  // project id
  std::vector<Risk> risks;
  std::vector<NotApplicable> not_applicable;

  const Risk* risk(std::string_view id) const;
};

// ---- wkb.sample/1 ---------------------------------------------------------

struct Sample {
  std::string project;
  std::vector<std::string> reference_units;
  std::string rationale;
  std::string seed;  // decimal string: no 64-bit number is rounded by a JSON reader
};

// ---- wkb.plan/1 -----------------------------------------------------------

struct Control {
  std::string id;
  std::string risk;
  std::string topic;
  std::string bbl_ref;
  ControlMethod method = ControlMethod::document_review;
  Phase phase = Phase::design;
  std::vector<std::string> units;  // empty: a project-level control
  std::string evidence;
  Performer performed_by = Performer::assurer;
};

struct Inspection {
  std::string id;
  Phase phase = Phase::foundation;
  Date date;
  std::vector<std::string> units;
  std::vector<std::string> controls;
};

struct Plan {
  std::string project;
  std::vector<Control> controls;
  std::vector<Inspection> inspections;

  const Control* control(std::string_view id) const;
};

// ---- wkb.findings/1 -------------------------------------------------------

struct Finding {
  std::string control;
  std::optional<std::string> unit;  // absent for a project-level control
  FindingResult result = FindingResult::conform;
  std::string note;
  std::string assessed_by;
  Date date;
};

struct Findings {
  std::string project;
  std::vector<Finding> findings;
};

// ---- wkb.decision/1 -------------------------------------------------------

struct Ground {
  std::string control;
  std::optional<std::string> unit;
  std::string topic;
  std::string bbl_ref;
  FindingResult result = FindingResult::open;
  std::string explanation;
};

struct Measure {
  std::string risk;
  std::vector<std::string> controls;
  std::string description;
};

struct Decision {
  std::string project;
  Outcome outcome = Outcome::incomplete;
  std::vector<Ground> grounds;
  std::vector<Measure> measures;
};

// ---- describe -------------------------------------------------------------

struct Provider {
  std::string kvk;
  std::string name;
};

struct Thresholds {
  int control = 12;
  int site_inspection = 40;
};

struct SamplingPolicy {
  double min_fraction = 0.1;
  int min_units = 1;
  int min_inspections_per_reference_unit = 3;
  std::string description;
};

// The areas of expertise of Omgevingsregeling art. 3.51 lid 1 (formerly
// Regeling Bouwbesluit 2012 art. 5.14), as the competence roles of describe:
// "risk-assessment-and-plan" (risicobeoordeling, borgingsplan, algemene
// coördinatie), "structural-safety", "fire-safety", "building-physics",
// "installations", "site-inspection" (toezicht op de bouw).
const std::vector<std::string_view>& competence_areas();
bool is_competence_area(std::string_view role);
// Education levels of the contract, lowest first: "mbo" (level not stated),
// "mbo-2", "mbo-3", "mbo-4", "hbo", "wo". The rank orders them; -1 for a
// value outside the vocabulary.
const std::vector<std::string_view>& education_levels();
int education_rank(std::string_view level);
std::string education_choices();  // "\"mbo\", \"mbo-2\", ..."

struct Competence {
  std::string role;       // one of competence_areas(), or an instrument's own role
  std::string education;  // one of education_levels()
  int min_years_experience = 0;
  std::string experience_criteria;
};

struct Supervision {
  int audit_interval_months = 12;
  std::string description;
};

struct Description {
  // The contract version the instrument speaks ("1.0"): `contract` in
  // describe(), absent meaning "1.0". The SDK fills it in; leave it.
  std::string contract = "1.0";
  std::string id;
  std::string name;
  std::string version;
  Provider provider;
  std::vector<BuildingType> building_types;
  Thresholds thresholds;
  SamplingPolicy sampling;
  std::vector<Competence> competence;
  std::string evidence_policy;
  Supervision supervision;
};

// ---- Requests (what each method receives) -----------------------------------

struct SampleRequest {
  Project project;
  Assessment assessment;
};
struct PlanRequest {
  Project project;
  Assessment assessment;
  Sample sample;
};
struct EvaluateRequest {
  Project project;
  Plan plan;
  Findings findings;
};

// ---- Helpers shared by plugins and host --------------------------------------

// The seed every instrument uses for sampling: FNV-1a 64 of the project id,
// as a decimal string (contract v1, "Fixed" point 6).
std::string derive_seed(std::string_view project_id);

// A small deterministic generator (splitmix64) seeded from derive_seed(), so
// that plugins in any language can reproduce each other's samples.
class DeterministicRng {
 public:
  explicit DeterministicRng(std::uint64_t seed) : state_(seed) {}
  static DeterministicRng for_project(std::string_view project_id);
  std::uint64_t next();
  // Uniform in [0, bound), bound > 0 (rejection sampling, no modulo bias).
  std::uint64_t below(std::uint64_t bound);

 private:
  std::uint64_t state_;
};

// Minimum sample size under a policy: max(min_units, ceil(min_fraction * units)),
// never more than the number of units.
int required_sample_size(const SamplingPolicy& policy, int units);

}  // namespace wkb
