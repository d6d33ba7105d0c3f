#include "wkb/registrations/chain.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "wkb/sdk/labels_nl.hpp"

namespace wkb::reg {
namespace {

std::string melding_address_nl(const Melding& m) {
  return postcode_display(m.postcode) + " " + house_number_display(m.house) + " (" + m.gemeente + ")";
}

// Items that share a BAG id or an address, in groups of two or more (each
// group in input order, groups by their first item): a union-find over both keys.
template <typename Bag, typename Address>
std::vector<std::vector<std::size_t>> duplicate_groups(std::size_t n, Bag bag_of, Address address_of) {
  std::vector<std::size_t> parent(n);
  for (std::size_t i = 0; i < n; ++i) parent[i] = i;
  auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  auto unite = [&](std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  };
  std::unordered_map<std::string, std::size_t> first_bag, first_address;
  for (std::size_t i = 0; i < n; ++i) {
    if (const std::optional<std::string> b = bag_of(i)) {
      auto [it, fresh] = first_bag.emplace(*b, i);
      if (!fresh) unite(it->second, i);
    }
    auto [it, fresh] = first_address.emplace(address_of(i), i);
    if (!fresh) unite(it->second, i);
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < n; ++i) groups[find(i)].push_back(i);
  std::vector<std::vector<std::size_t>> out;
  for (auto& [root, list] : groups)
    if (list.size() > 1) out.push_back(std::move(list));
  return out;
}

}  // namespace

std::string to_string(GapKind k) {
  switch (k) {
    case GapKind::melding_unregistered: return "melding-unregistered";
    case GapKind::registration_without_melding: return "registration-without-melding";
    case GapKind::duplicate_melding: return "duplicate-melding";
    case GapKind::duplicate_registration: return "duplicate-registration";
    case GapKind::overdue: return "overdue";
    case GapKind::assurer_mismatch: return "assurer-mismatch";
    case GapKind::instrument_mismatch: return "instrument-mismatch";
  }
  return "unknown";
}

std::string label_nl(GapKind k) {
  switch (k) {
    case GapKind::melding_unregistered: return "bouwmelding zonder geregistreerd project";
    case GapKind::registration_without_melding: return "geregistreerd project zonder bouwmelding";
    case GapKind::duplicate_melding: return "dubbele bouwmelding";
    case GapKind::duplicate_registration: return "dubbel geregistreerd adres";
    case GapKind::overdue: return "niet afgesloten";
    case GapKind::assurer_mismatch: return "andere kwaliteitsborger";
    case GapKind::instrument_mismatch: return "ander instrument";
  }
  return "onbekend";
}

std::string address_nl(const Registration& r) {
  std::string s = r.street.empty() ? "" : r.street + " ";
  return s + house_number_display(r.house) + ", " + postcode_display(r.postcode) + " " + r.city;
}

std::size_t ChainReport::count(GapKind k) const {
  return static_cast<std::size_t>(std::count_if(gaps.begin(), gaps.end(), [k](const Gap& g) { return g.kind == k; }));
}

ChainReport reconcile(const std::vector<Melding>& meldingen, const std::vector<Registration>& registrations,
                      const ChainOptions& options) {
  ChainReport report;
  report.today = options.today;
  report.overdue_weeks = options.overdue_weeks;
  report.meldingen = meldingen.size();
  report.registrations = registrations.size();

  // Indexes of the registrations (positions, in input order).
  std::unordered_map<std::string, std::vector<std::size_t>> by_bag, by_address;
  for (std::size_t i = 0; i < registrations.size(); ++i) {
    const auto& r = registrations[i];
    if (r.bag_id) by_bag[*r.bag_id].push_back(i);
    by_address[address_key(r.postcode, r.house)].push_back(i);
  }
  // The registrations a melding matches: on the BAG id where both have one,
  // else on the address.
  auto matches = [&](const Melding& m) {
    std::vector<std::size_t> out;
    if (m.bag_id)
      if (auto it = by_bag.find(*m.bag_id); it != by_bag.end()) out = it->second;
    if (auto it = by_address.find(address_key(m.postcode, m.house)); it != by_address.end())
      for (std::size_t i : it->second)
        if (!registrations[i].bag_id || !m.bag_id) out.push_back(i);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };

  std::vector<std::vector<std::size_t>> matched_by(meldingen.size());
  std::vector<std::vector<std::size_t>> meldingen_of(registrations.size());
  for (std::size_t k = 0; k < meldingen.size(); ++k) {
    matched_by[k] = matches(meldingen[k]);
    for (std::size_t i : matched_by[k]) meldingen_of[i].push_back(k);
  }

  // Duplicate meldingen: one address (or one BAG id) reported more than once.
  for (auto& list : duplicate_groups(meldingen.size(), [&](std::size_t k) { return meldingen[k].bag_id; },
                                     [&](std::size_t k) { return address_key(meldingen[k].postcode, meldingen[k].house); })) {
    Gap g{GapKind::duplicate_melding, {}, {}, melding_address_nl(meldingen[list.front()]), {}};
    std::string lines;
    for (std::size_t k : list) {
      g.meldingen.push_back(meldingen[k].id);
      lines += (lines.empty() ? "" : ", ") + std::to_string(meldingen[k].line);
    }
    g.detail = plural_nl(static_cast<long long>(list.size()), "bouwmelding", "bouwmeldingen") +
               " voor hetzelfde adres (regels " + lines + ")";
    for (std::size_t i : matched_by[list.front()]) g.projects.push_back(registrations[i].project_id);
    report.gaps.push_back(std::move(g));
  }

  // Duplicate registrations: one address registered as two or more projects.
  for (auto& list : duplicate_groups(registrations.size(), [&](std::size_t i) { return registrations[i].bag_id; },
                                     [&](std::size_t i) { return address_key(registrations[i].postcode, registrations[i].house); })) {
    Gap g{GapKind::duplicate_registration, {}, {}, address_nl(registrations[list.front()]), {}};
    std::string who;
    for (std::size_t i : list) {
      g.projects.push_back(registrations[i].project_id);
      who += (who.empty() ? "" : ", ") + registrations[i].project_id + " (" + registrations[i].instrument + ")";
    }
    g.detail = plural_nl(static_cast<long long>(list.size()), "project", "projecten") + " op hetzelfde adres: " + who;
    report.gaps.push_back(std::move(g));
  }

  for (std::size_t k = 0; k < meldingen.size(); ++k) {
    const auto& m = meldingen[k];
    if (matched_by[k].empty()) {
      report.gaps.push_back({GapKind::melding_unregistered, {m.id}, {}, melding_address_nl(m),
                             "bouwmelding van " + date_nl(m.date.to_string()) + " (kwaliteitsborger KvK " +
                                 m.assurer_kvk + ", instrument " + m.instrument +
                                 ") staat bij geen instrumentaanbieder geregistreerd"});
      continue;
    }
    if (matched_by[k].size() == 1) ++report.matched;
    for (std::size_t i : matched_by[k]) {
      const auto& r = registrations[i];
      if (r.assurer_kvk != m.assurer_kvk)
        report.gaps.push_back({GapKind::assurer_mismatch, {m.id}, {r.project_id}, address_nl(r),
                               "de bouwmelding noemt kwaliteitsborger KvK " + m.assurer_kvk +
                                   ", de registratie KvK " + r.assurer_kvk});
      if (r.instrument != m.instrument)
        report.gaps.push_back({GapKind::instrument_mismatch, {m.id}, {r.project_id}, address_nl(r),
                               "de bouwmelding noemt instrument " + m.instrument + ", de registratie " + r.instrument});
    }
  }

  const Date limit = options.today.plus_days(-7 * options.overdue_weeks);
  std::optional<Date> first, last;
  for (const auto& m : meldingen) {
    if (!first || m.date < *first) first = m.date;
    if (!last || m.date > *last) last = m.date;
  }
  auto expected = [&](const Date& bouwmelding) {
    return !first || (bouwmelding >= first->plus_days(-options.period_margin_days) &&
                      bouwmelding <= last->plus_days(options.period_margin_days));
  };
  for (std::size_t i = 0; i < registrations.size(); ++i) {
    const auto& r = registrations[i];
    if (meldingen_of[i].empty() && r.bouwmelding && expected(*r.bouwmelding))
      report.gaps.push_back({GapKind::registration_without_melding, {}, {r.project_id}, address_nl(r),
                             "bouwmelding gedaan op " + date_nl(r.bouwmelding->to_string()) +
                                 " volgens de registratie, maar niet ontvangen van gemeente of Omgevingsloket"});
    if (!r.closed() && r.last_phase_end && *r.last_phase_end < limit) {
      const int weeks = (options.today.days() - r.last_phase_end->days()) / 7;
      Gap g{GapKind::overdue, {}, {r.project_id}, address_nl(r),
            "laatste geplande fase eindigde op " + date_nl(r.last_phase_end->to_string()) + ", " +
                plural_nl(weeks, "week", "weken") + " geleden, zonder verklaring of melding strijdigheid" +
                (r.gereedmelding ? "" : " (en zonder gereedmelding)")};
      for (std::size_t k : meldingen_of[i]) g.meldingen.push_back(meldingen[k].id);
      report.gaps.push_back(std::move(g));
    }
  }

  std::stable_sort(report.gaps.begin(), report.gaps.end(),
                   [](const Gap& a, const Gap& b) { return static_cast<int>(a.kind) < static_cast<int>(b.kind); });
  return report;
}

}  // namespace wkb::reg
