#include "wkb/admission/generator.hpp"

#include <algorithm>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/taxonomy.hpp"

namespace wkb::admission {

std::vector<CorpusProject> load_corpus(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw host::InputError(dir.string() + ": deze corpusmap bestaat niet; geef --corpus MAP (zoals admission/corpus/)");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<CorpusProject> out;
  for (const auto& f : files) out.push_back({f.filename().string(), read_project(host::read_text_file(f), f.string())});
  if (out.empty()) throw host::InputError(dir.string() + ": de corpusmap bevat geen projecten (*.json)");
  return out;
}

namespace {

constexpr const char* kStreets[] = {"Kloosterstraat", "Dorpsweg", "Havenkade", "Industrieweg", "Veldlaan",
                                    "Molenpad", "Schoolstraat", "Dijkweg"};
constexpr const char* kCities[] = {"Almelo", "Zwolle", "Leeuwarden", "Gouda", "Tilburg", "Emmen", "Goes", "Venlo"};
constexpr const char* kConditions[] = {"soft-soil", "fire-separation-under-5m", "noise-zone", "high-groundwater",
                                       "contaminated-soil", "monument-nearby"};

std::string digits(DeterministicRng& rng, int n, bool nonzero_first) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s.push_back(static_cast<char>('0' + ((i == 0 && nonzero_first) ? 1 + rng.below(9) : rng.below(10))));
  return s;
}

bool chance(DeterministicRng& rng, int percent) { return static_cast<int>(rng.below(100)) < percent; }

}  // namespace

Project base_project(const std::string& id, BuildingType type, int units) {
  Project p;
  p.id = id;
  p.name = "Toetsproject met " + plural_nl(units, "eenheid", "eenheden");
  p.address = {"Kloosterstraat", "12", "7607 AB", "Almelo", std::string("0141010000123456")};
  p.building.type = type;
  p.building.units = units;
  p.building.storeys = type == BuildingType::industrial ? 1 : 2;
  p.building.construction = "traditional";
  p.parties.client = {"Woonstichting Voorbeeld", std::nullopt, false};
  p.parties.contractor = {"Bouwbedrijf Oost BV", std::string("12345678"), std::nullopt};
  p.parties.assurer = {"Borg Twente BV", std::string("87654321"), std::nullopt};
  for (int i = 1; i <= units; ++i) p.unit_ids.push_back("bn" + std::to_string(i));
  const Date start = Date::from_ymd(2026, 3, 2);
  int day = 0;
  const int lengths[] = {28, 21, 35, 28, 28, 35, 14};
  for (std::size_t i = 0; i < std::size(kAllPhases); ++i) {
    p.schedule.push_back({kAllPhases[i], start.plus_days(day), start.plus_days(day + lengths[i] - 1)});
    day += lengths[i];
  }
  p.documents = {{"beng-calculation", "present"}, {"structural-calculation", "approved"}};
  return p;
}

Project generate_project(std::uint64_t seed, int index, const std::vector<BuildingType>& types, int max_units) {
  DeterministicRng rng(seed ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(index + 1)));
  const BuildingType type = types.empty() ? BuildingType::dwelling : types[rng.below(types.size())];
  max_units = std::max(1, max_units);
  int units;
  const auto band = rng.below(10);
  if (band < 4) units = 1 + static_cast<int>(rng.below(std::min(10, max_units)));
  else if (band < 8) units = 1 + static_cast<int>(rng.below(std::min(100, max_units)));
  else units = 1 + static_cast<int>(rng.below(max_units));
  Project p = base_project("FUZZ-" + std::to_string(index), type, units);
  p.name = "Gegenereerd project " + std::to_string(index);
  p.address.street = kStreets[rng.below(std::size(kStreets))];
  p.address.house_number = std::to_string(1 + rng.below(200));
  p.address.postcode = digits(rng, 4, true) + " " + static_cast<char>('A' + rng.below(26)) +
                       static_cast<char>('A' + rng.below(26));
  p.address.city = kCities[rng.below(std::size(kCities))];
  p.address.bag_id = chance(rng, 70) ? std::optional<std::string>(digits(rng, 16, false)) : std::nullopt;
  p.building.storeys = type == BuildingType::industrial ? 1 + static_cast<int>(rng.below(2))
                                                        : 1 + static_cast<int>(rng.below(3));
  p.parties.contractor.kvk = digits(rng, 8, false);
  p.parties.assurer.kvk = digits(rng, 8, false);
  p.parties.client.is_private = chance(rng, 30);
  if (chance(rng, 50)) p.unit_ids.clear();  // the default "1".."n"
  if (p.unit_ids.empty())
    for (int i = 1; i <= units; ++i) p.unit_ids.push_back(std::to_string(i));

  // A schedule with random lengths; foundation, structure and completion are
  // always there, the other phases most of the time.
  p.schedule.clear();
  Date cursor = Date::from_ymd(2026, 1, 5).plus_days(static_cast<int>(rng.below(365)));
  for (Phase ph : kAllPhases) {
    const bool required = ph == Phase::foundation || ph == Phase::structure || ph == Phase::completion;
    if (!required && !chance(rng, 80)) continue;
    const int length = 1 + static_cast<int>(rng.below(60));
    p.schedule.push_back({ph, cursor, cursor.plus_days(length - 1)});
    // Phases may overlap a little, but each starts after the one before.
    cursor = cursor.plus_days(std::max(1, length + static_cast<int>(rng.below(6)) - 2));
  }
  p.documents = {{"beng-calculation", chance(rng, 25) ? "missing" : "present"},
                 {"structural-calculation", chance(rng, 15) ? "missing" : "submitted"}};
  p.certificates.clear();
  const auto& topics = taxonomy();
  for (int i = 0, n = static_cast<int>(rng.below(4)); i < n; ++i) {
    const Topic& t = topics[rng.below(topics.size())];
    if (p.has_certificate(t.id)) continue;
    // Same draws as before the certificate had a holder and dates, so the
    // generated projects stay the same otherwise; valid long before and after
    // any generated schedule and any assessment date a test uses.
    CertificateRef c;
    c.topics = {t.id};
    c.kind = chance(rng, 60) ? "ekv" : "product-certificate";
    c.number = "CERT-" + digits(rng, 6, false);
    c.scheme = c.kind == "ekv" ? "BRL 9999" : "BRL 9998";
    c.holder.name = "Certificaathouder " + c.number;
    c.valid_from = Date::from_ymd(2024, 1, 1);
    c.valid_until = Date::from_ymd(2039, 12, 31);
    p.certificates.push_back(std::move(c));
  }
  p.local_conditions.clear();
  for (const char* c : kConditions)
    if (chance(rng, 20)) p.local_conditions.emplace_back(c);
  // Round-trip through the contract's reader: a generated project is valid
  // by construction, and this proves it.
  return read_project(write(p), "gegenereerd project " + p.id);
}

}  // namespace wkb::admission
