#include "wkb/sdk/types.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace wkb {
namespace {
template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<BuildingType, 4> kBuildingTypes{{{BuildingType::dwelling, "dwelling"},
                                                 {BuildingType::holiday_dwelling, "holiday-dwelling"},
                                                 {BuildingType::floating_dwelling, "floating-dwelling"},
                                                 {BuildingType::industrial, "industrial"}}};
constexpr Names<Phase, 7> kPhases{{{Phase::design, "design"},
                                   {Phase::foundation, "foundation"},
                                   {Phase::structure, "structure"},
                                   {Phase::envelope, "envelope"},
                                   {Phase::installations, "installations"},
                                   {Phase::finishing, "finishing"},
                                   {Phase::completion, "completion"}}};
constexpr Names<RiskPhase, 2> kRiskPhases{{{RiskPhase::design, "design"}, {RiskPhase::execution, "execution"}}};
constexpr Names<ControlMethod, 5> kMethods{{{ControlMethod::document_review, "document-review"},
                                            {ControlMethod::site_inspection, "site-inspection"},
                                            {ControlMethod::contractor_evidence, "contractor-evidence"},
                                            {ControlMethod::certificate_check, "certificate-check"},
                                            {ControlMethod::measurement, "measurement"}}};
constexpr Names<Performer, 2> kPerformers{{{Performer::assurer, "assurer"}, {Performer::contractor, "contractor"}}};
constexpr Names<FindingResult, 5> kResults{{{FindingResult::conform, "conform"},
                                            {FindingResult::repaired, "repaired"},
                                            {FindingResult::open, "open"},
                                            {FindingResult::unrepairable, "unrepairable"},
                                            {FindingResult::evidence_missing, "evidence-missing"}}};
constexpr Names<Outcome, 4> kOutcomes{{{Outcome::non_compliance_notice, "non-compliance-notice"},
                                       {Outcome::incomplete, "incomplete"},
                                       {Outcome::open_items, "open-items"},
                                       {Outcome::declaration, "declaration"}}};

template <typename E, std::size_t N>
std::string_view name_of(const Names<E, N>& names, E e) {
  for (const auto& [v, n] : names)
    if (v == e) return n;
  return "?";
}
template <typename E, std::size_t N>
std::optional<E> value_of(const Names<E, N>& names, std::string_view s) {
  for (const auto& [v, n] : names)
    if (n == s) return v;
  return std::nullopt;
}
}  // namespace

std::string_view to_string(BuildingType e) { return name_of(kBuildingTypes, e); }
std::string_view to_string(Phase e) { return name_of(kPhases, e); }
std::string_view to_string(RiskPhase e) { return name_of(kRiskPhases, e); }
std::string_view to_string(ControlMethod e) { return name_of(kMethods, e); }
std::string_view to_string(Performer e) { return name_of(kPerformers, e); }
std::string_view to_string(FindingResult e) { return name_of(kResults, e); }
std::string_view to_string(Outcome e) { return name_of(kOutcomes, e); }

std::optional<BuildingType> parse_building_type(std::string_view s) { return value_of(kBuildingTypes, s); }
std::optional<Phase> parse_phase(std::string_view s) { return value_of(kPhases, s); }
std::optional<RiskPhase> parse_risk_phase(std::string_view s) { return value_of(kRiskPhases, s); }
std::optional<ControlMethod> parse_control_method(std::string_view s) { return value_of(kMethods, s); }
std::optional<Performer> parse_performer(std::string_view s) { return value_of(kPerformers, s); }
std::optional<FindingResult> parse_finding_result(std::string_view s) { return value_of(kResults, s); }
std::optional<Outcome> parse_outcome(std::string_view s) { return value_of(kOutcomes, s); }

const SchedulePhase* Project::phase(Phase p) const {
  for (const auto& s : schedule)
    if (s.phase == p) return &s;
  return nullptr;
}

const std::vector<std::string_view>& certificate_kinds() {
  static const std::vector<std::string_view> kinds{"ekv", "product-certificate", "process-certificate"};
  return kinds;
}

bool CertificateRef::covers(std::string_view topic) const {
  return std::find(topics.begin(), topics.end(), topic) != topics.end();
}

bool Project::has_certificate(std::string_view topic, std::string_view kind) const {
  return std::any_of(certificates.begin(), certificates.end(),
                     [&](const CertificateRef& c) { return c.covers(topic) && (kind.empty() || c.kind == kind); });
}

bool Project::document_missing(std::string_view kind) const {
  return std::any_of(documents.begin(), documents.end(),
                     [&](const DocumentRef& d) { return d.kind == kind && d.status == "missing"; });
}

bool Project::has_condition(std::string_view condition) const {
  return std::find(local_conditions.begin(), local_conditions.end(), condition) != local_conditions.end();
}

const Risk* Assessment::risk(std::string_view id) const {
  for (const auto& r : risks)
    if (r.id == id) return &r;
  return nullptr;
}

const Control* Plan::control(std::string_view id) const {
  for (const auto& c : controls)
    if (c.id == id) return &c;
  return nullptr;
}

std::string derive_seed(std::string_view project_id) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char c : project_id) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return std::to_string(h);
}

DeterministicRng DeterministicRng::for_project(std::string_view project_id) {
  return DeterministicRng(std::stoull(derive_seed(project_id)));
}

std::uint64_t DeterministicRng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t DeterministicRng::below(std::uint64_t bound) {
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
  std::uint64_t r;
  do r = next();
  while (r >= limit);
  return r % bound;
}

int required_sample_size(const SamplingPolicy& policy, int units) {
  // The epsilon keeps 0.1 * 150 = 15.000000000000002 from becoming 16.
  const int by_fraction = static_cast<int>(std::ceil(policy.min_fraction * units - 1e-9));
  return std::min(units, std::max(policy.min_units, by_fraction));
}

}  // namespace wkb

namespace wkb {

const std::vector<std::string_view>& competence_areas() {
  static const std::vector<std::string_view> areas{"risk-assessment-and-plan", "structural-safety", "fire-safety",
                                                    "building-physics",         "installations",     "site-inspection"};
  return areas;
}

bool is_competence_area(std::string_view role) {
  const auto& a = competence_areas();
  return std::find(a.begin(), a.end(), role) != a.end();
}

const std::vector<std::string_view>& education_levels() {
  static const std::vector<std::string_view> levels{"mbo", "mbo-2", "mbo-3", "mbo-4", "hbo", "wo"};
  return levels;
}

int education_rank(std::string_view level) {
  const auto& l = education_levels();
  const auto it = std::find(l.begin(), l.end(), level);
  return it == l.end() ? -1 : static_cast<int>(it - l.begin());
}

std::string education_choices() {
  std::string out;
  for (auto l : education_levels()) out += (out.empty() ? "\"" : ", \"") + std::string(l) + "\"";
  return out;
}

// Sources: Bbl art. 2.17 (as amended by the Besluit kwaliteitsborging voor het
// bouwen); docs/scope.md quotes them and says what was confirmed.
const std::vector<ScopeExclusion>& scope_exclusions() {
  static const std::vector<ScopeExclusion> table{
      {"monument", &Scope::monument,
       "het bouwwerk is een (voorbeschermd) rijks-, provinciaal of gemeentelijk monument", "Bbl art. 2.17 lid 2 onder a"},
      {"residential_building", &Scope::residential_building,
       "de woning ligt in een woongebouw (geen grondgebonden woning)", "Bbl art. 2.17 lid 3"},
      {"care_dwelling", &Scope::care_dwelling, "het is een woonfunctie voor zorg", "Bbl art. 2.17 lid 3"},
      {"room_rental", &Scope::room_rental, "het is een woonfunctie voor kamergewijze verhuur", "Bbl art. 2.17 lid 3"},
      {"use_notification", &Scope::use_notification,
       "voor het gebruik is een melding brandveilig gebruik (gebruiksmelding) nodig",
       "Bbl art. 2.17 lid 2 onder c, art. 6.7 lid 1"},
      {"fire_safety_permit", &Scope::fire_safety_permit, "voor het gebruik is een vergunning brandveilig gebruik nodig",
       "Besluit kwaliteitsborging voor het bouwen (definitie van gevolgklasse 1)"},
      {"equivalent_measure_fire", &Scope::equivalent_measure_fire,
       "er wordt een gelijkwaardige maatregel voor brandveiligheid toegepast", "Bbl art. 2.17 lid 2 onder d"},
      {"equivalent_measure_structural", &Scope::equivalent_measure_structural,
       "er wordt een gelijkwaardige maatregel voor constructieve veiligheid toegepast", "Bbl art. 2.17 lid 2 onder d"},
      {"nen6060_or_nen6079", &Scope::nen6060_or_nen6079,
       "de gebruiksoppervlakte van een brandcompartiment is bepaald met NEN 6060 of NEN 6079",
       "Bbl art. 2.17 lid 2 onder e"},
      {"environmental_permit", &Scope::environmental_permit,
       "in het bouwwerk vindt een vergunningplichtige milieubelastende activiteit plaats (Bal hoofdstuk 3)",
       "Bbl art. 2.17 lid 2 onder f"},
  };
  return table;
}

}  // namespace wkb
