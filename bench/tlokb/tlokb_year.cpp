// A national year for `wkb chain` and `wkb monitor`, from a seed: about 7 000
// registered projects from five instrumentaanbieders (one wkb.registrations/1
// file each) and the 5 118 bouwmeldingen the TloKB received in 2026 (a
// meldingen CSV), with the gaps a real year has: meldingen nobody
// registered, registrations without a melding, duplicates, projects left
// open, another assurer or instrument. Same seed, same files.
//
//   tlokb_year --seed 2026 --out DIR [--projects 7000] [--meldingen 5118]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "wkb/registrations/registration.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/types.hpp"

namespace {

using wkb::Date;
using wkb::DeterministicRng;
using wkb::reg::Registration;

const char* kInstruments[] = {"nl.voorbeeld.seriebouw", "nl.voorbeeld.kavelbouw", "nl.aanbieder-c.woningbouw",
                              "nl.aanbieder-d.borging", "nl.aanbieder-e.gk1"};
const char* kCities[] = {"Almelo", "Enschede", "Hengelo", "Zwolle", "Utrecht", "Groningen", "Tilburg", "Breda"};

std::string digits(std::uint64_t n, int width) {
  std::string s = std::to_string(n);
  while (static_cast<int>(s.size()) < width) s = "0" + s;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = 2026;
  std::filesystem::path out = ".";
  int projects = 7000, meldingen_target = 5118;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--out") out = argv[i + 1];
    else if (a == "--projects") projects = std::atoi(argv[i + 1]);
    else if (a == "--meldingen") meldingen_target = std::atoi(argv[i + 1]);
    else {
      std::cerr << "usage: tlokb_year --seed N --out DIR [--projects N] [--meldingen N]\n";
      return 2;
    }
  }
  std::filesystem::create_directories(out);
  DeterministicRng rng(seed);
  const auto& topics = wkb::taxonomy();
  const Date year_start = *Date::parse("2026-01-01");
  std::vector<std::vector<Registration>> per_provider(std::size(kInstruments));
  std::ofstream csv(out / "meldingen.csv", std::ios::binary);
  csv << "\xEF\xBB\xBF" << "melding_id;datum;bag_id;postcode;huisnummer;huisletter;huisnummertoevoeging;gemeente;"
      << "kvk_kwaliteitsborger;instrument\r\n";
  int meldingen = 0;
  auto write_melding = [&](const Registration& r, const std::string& kvk, const std::string& instrument, const Date& d,
                           bool with_bag) {
    ++meldingen;
    csv << "BM-2026-" << digits(static_cast<std::uint64_t>(meldingen), 6) << ";" << d.to_string() << ";"
        << (with_bag && r.bag_id ? *r.bag_id : "") << ";" << r.postcode.substr(0, 4) << " " << r.postcode.substr(4) << ";"
        << r.house.number << ";" << r.house.letter << ";" << r.house.addition << ";" << r.city << ";" << kvk << ";"
        << instrument << "\r\n";
  };
  for (int i = 0; i < projects; ++i) {
    const std::size_t provider = rng.below(std::size(kInstruments));
    Registration r;
    r.project_id = "2026-" + digits(static_cast<std::uint64_t>(i + 1), 5);
    r.project_name = "Project " + std::to_string(i + 1);
    r.instrument = kInstruments[provider];
    const std::uint64_t assurer = rng.below(40);
    r.assurer_kvk = digits(10000000 + assurer * 1231, 8);
    r.assurer_name = "Kwaliteitsborger " + std::to_string(assurer + 1);
    r.street = "Bouwstraat";
    r.postcode = digits(1000 + static_cast<std::uint64_t>(i) % 8900, 4) + std::string(1, static_cast<char>('A' + rng.below(17))) +
                 std::string(1, static_cast<char>('A' + rng.below(26)));
    if (r.postcode.substr(4) == "SA" || r.postcode.substr(4) == "SD" || r.postcode.substr(4) == "SS") r.postcode[5] = 'B';
    r.house.number = static_cast<int>(1 + rng.below(300));
    if (rng.below(10) == 0) r.house.letter = std::string(1, static_cast<char>('A' + rng.below(6)));
    if (rng.below(12) == 0) r.house.addition = std::to_string(1 + rng.below(4));
    r.city = kCities[rng.below(std::size(kCities))];
    if (rng.below(3) != 0) r.bag_id = digits(1000000000000000ULL + static_cast<std::uint64_t>(i) * 7919, 16);
    // Bouwmeldingen spread over 2025 and 2026; about three quarters in 2026.
    const int day = static_cast<int>(rng.below(100) < 27 ? rng.below(365) : 365 + rng.below(365)) - 365;
    const Date bouwmelding = year_start.plus_days(day);
    r.bouwmelding = bouwmelding;
    r.start = bouwmelding.plus_days(28 + static_cast<int>(rng.below(30)));
    r.last_phase_end = r.start->plus_days(120 + static_cast<int>(rng.below(240)));
    r.inspections_planned = static_cast<int>(1 + rng.below(5));
    r.inspections_recorded = static_cast<int>(rng.below(static_cast<std::uint64_t>(r.inspections_planned) + 1));
    const Date today = *Date::parse("2026-12-31");
    const std::uint64_t fate = rng.below(1000);
    if (*r.last_phase_end < today && fate < 950) {
      const Date closed = r.last_phase_end->plus_days(static_cast<int>(rng.below(40)));
      r.gereedmelding = closed;
      if (fate < 935) {
        r.verklaring = closed;
      } else {
        r.melding_strijdigheid = closed;
        // Energy performance the most frequent reason, then a spread.
        r.reasons.push_back(rng.below(100) < 37 ? "energy-performance" : topics[rng.below(topics.size())].id);
      }
      r.state = "completed";
    } else {
      r.state = rng.below(2) ? "in-execution" : "notified";
    }
    for (int k = 0; k < 3; ++k) {
      const auto& t = topics[rng.below(topics.size())].id;
      r.findings_by_topic[t]["conform"] += static_cast<int>(1 + rng.below(8));
      if (rng.below(4) == 0) r.findings_by_topic[t]["repaired"] += 1;
      if (rng.below(10) == 0) r.findings_by_topic[t][r.closed() ? "repaired" : "open"] += 1;
    }
    if (r.melding_strijdigheid) r.findings_by_topic[r.reasons.front()]["unrepairable"] += 1;
    // The meldingen of 2026: most registered projects reported; a few with
    // another assurer or instrument, some twice, some by BAG id only.
    // Room is kept for about one percent of meldingen nobody registered.
    if (bouwmelding.year() == 2026 && meldingen < meldingen_target - meldingen_target / 100) {
      const std::uint64_t m = rng.below(1000);
      if (m >= 15) {
        const std::string kvk = m < 25 ? digits(90000000 + rng.below(1000), 8) : r.assurer_kvk;
        const std::string instrument = m >= 25 && m < 32 ? kInstruments[(provider + 1) % std::size(kInstruments)] : r.instrument;
        write_melding(r, kvk, instrument, bouwmelding, rng.below(4) != 0);
        if (m < 40 && meldingen < meldingen_target) write_melding(r, r.assurer_kvk, r.instrument, bouwmelding.plus_days(3), false);
      }
    }
    // A few registered twice, by two providers.
    per_provider[provider].push_back(r);
    if (rng.below(500) == 0) {
      Registration twice = r;
      twice.project_id += "-B";
      twice.instrument = kInstruments[(provider + 1) % std::size(kInstruments)];
      per_provider[(provider + 1) % std::size(kInstruments)].push_back(twice);
    }
  }
  // Meldingen of projects nobody registered, up to the year's number.
  for (std::uint64_t k = 0; meldingen < meldingen_target; ++k) {
    Registration ghost;
    ghost.postcode = "9" + digits(100 + k % 899, 3) + "ZZ";
    ghost.house.number = static_cast<int>(1 + k / 899);
    ghost.city = "Onbekend";
    write_melding(ghost, digits(20000000 + k, 8), kInstruments[k % std::size(kInstruments)],
                  year_start.plus_days(static_cast<int>(k % 365)), false);
  }
  for (std::size_t p = 0; p < per_provider.size(); ++p) {
    std::ofstream f(out / ("registraties-" + std::to_string(p + 1) + ".json"), std::ios::binary);
    f << wkb::reg::write_registrations({"2026-12-31T23:00:00Z", per_provider[p]}) << "\n";
  }
  std::size_t total = 0;
  for (const auto& p : per_provider) total += p.size();
  std::cout << total << " registraties in " << per_provider.size() << " bestanden, " << meldingen
            << " bouwmeldingen in " << (out / "meldingen.csv").string() << "\n";
  return 0;
}
