#include "wkb/sdk/labels_nl.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "wkb/sdk/taxonomy.hpp"

namespace wkb {

std::string label_nl(BuildingType t) {
  switch (t) {
    case BuildingType::dwelling: return "grondgebonden woning";
    case BuildingType::holiday_dwelling: return "recreatiewoning";
    case BuildingType::floating_dwelling: return "drijvende woning";
    case BuildingType::industrial: return "industriefunctie";
  }
  return "?";
}

std::string label_nl(Phase p) {
  switch (p) {
    case Phase::design: return "ontwerp";
    case Phase::foundation: return "fundering";
    case Phase::structure: return "ruwbouw";
    case Phase::envelope: return "gevel en dak";
    case Phase::installations: return "installaties";
    case Phase::finishing: return "afbouw";
    case Phase::completion: return "oplevering";
  }
  return "?";
}

std::string label_nl(RiskPhase p) { return p == RiskPhase::design ? "ontwerp" : "uitvoering"; }

std::string label_nl(ControlMethod m) {
  switch (m) {
    case ControlMethod::document_review: return "documentbeoordeling";
    case ControlMethod::site_inspection: return "bijwoonmoment";
    case ControlMethod::contractor_evidence: return "bewijs aannemer";
    case ControlMethod::certificate_check: return "certificaatcontrole";
    case ControlMethod::measurement: return "meting";
  }
  return "?";
}

std::string label_nl(Performer p) { return p == Performer::assurer ? "kwaliteitsborger" : "aannemer"; }

std::string label_nl(FindingResult r) {
  switch (r) {
    case FindingResult::conform: return "conform";
    case FindingResult::repaired: return "hersteld";
    case FindingResult::open: return "open";
    case FindingResult::unrepairable: return "onherstelbaar";
    case FindingResult::evidence_missing: return "bewijs ontbreekt";
  }
  return "?";
}

std::string label_nl(Outcome o) {
  switch (o) {
    case Outcome::non_compliance_notice: return "melding strijdigheid";
    case Outcome::incomplete: return "onvolledig";
    case Outcome::open_items: return "openstaande punten";
    case Outcome::declaration: return "verklaring";
  }
  return "?";
}

std::string topic_label_nl(std::string_view topic) {
  const Topic* t = find_topic(topic);
  return t ? t->label_nl : std::string(topic);
}

std::string role_label_nl(std::string_view role) {
  if (role == "client") return "opdrachtgever";
  if (role == "contractor") return "aannemer";
  if (role == "assurer") return "kwaliteitsborger";
  if (role == "designer") return "ontwerper";
  if (role == "supplier") return "leverancier";
  if (role == "instrument-provider") return "instrumentaanbieder";
  return std::string(role);
}

std::string competence_area_label_nl(std::string_view area) {
  if (area == "risk-assessment-and-plan") return "risicobeoordeling, borgingsplan en algemene coördinatie";
  if (area == "structural-safety") return "constructieve veiligheid";
  if (area == "fire-safety") return "brandveiligheid";
  if (area == "building-physics") return "bouwfysica";
  if (area == "installations") return "installaties";
  if (area == "site-inspection") return "toezicht op de bouw";
  return std::string(area);
}

std::string document_status_label_nl(std::string_view status) {
  if (status == "present") return "aanwezig";
  if (status == "submitted") return "ingediend";
  if (status == "approved") return "goedgekeurd";
  if (status == "missing") return "ontbreekt";
  return std::string(status);
}

std::string certificate_kind_label_nl(std::string_view kind) {
  if (kind == "ekv") return "erkende kwaliteitsverklaring";
  if (kind == "product-certificate") return "productcertificaat";
  if (kind == "process-certificate") return "procescertificaat";
  return std::string(kind);
}

std::string certificate_ref_nl(const CertificateRef& c) {
  const bool het = c.kind == "product-certificate" || c.kind == "process-certificate";
  return (het ? "het " : "de ") + certificate_kind_label_nl(c.kind) + " " + c.number + " (" + c.scheme + ", geldig van " +
         date_nl(c.valid_from.to_string()) + " tot en met " + date_nl(c.valid_until.to_string()) + ")";
}

std::string labelled_value_nl(std::string_view label, std::string_view value) {
  const std::string quoted = "\"" + std::string(value) + "\"";
  return label == value ? quoted : std::string(label) + " (" + quoted + ")";
}

std::string topic_ref_nl(std::string_view topic) {
  const Topic* t = find_topic(topic);
  return "onderwerp " + (t ? labelled_value_nl(t->label_nl, topic) : "\"" + std::string(topic) + "\"");
}

std::string plural_nl(long long n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string number_nl(double value) {
  if (!std::isfinite(value)) return "?";
  // Six decimals at most, as a person reads them; then trailing zeros go.
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, 6);
  std::string s(buf, r.ptr);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  for (char& c : s)
    if (c == '.') c = ',';
  // Thousands are grouped with a point from five digits on: 1000, 12.500.
  const std::size_t sign = s[0] == '-' ? 1 : 0;
  const std::size_t int_end = std::min(s.find(','), s.size());
  if (int_end - sign > 4)
    for (std::size_t i = int_end; i > sign + 3; i -= 3) s.insert(i - 3, ".");
  return s;
}

std::string percent_nl(double fraction) { return number_nl(fraction * 100.0) + "%"; }

namespace {

constexpr const char* kMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                   "juli",    "augustus", "september", "oktober", "november", "december"};

// "2026-12-01" -> year, month, day; false when the text is not such a date.
bool split_date(std::string_view s, int& y, int& m, int& d) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace

std::string date_nl(std::string_view iso_date) {
  int y, m, d;
  if (!split_date(iso_date, y, m, d)) return std::string(iso_date);
  return std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
}

namespace {

// The instant (seconds since 1970, UTC) of 01:00 UTC on the last Sunday of
// `month` in `year`: when EU summer time starts (March) or ends (October).
std::time_t last_sunday_0100_utc(int year, int month) {
  std::tm last{};
  last.tm_year = year - 1900;
  last.tm_mon = month - 1;
  last.tm_mday = 31;  // March and October have 31 days
  last.tm_hour = 1;
  const std::time_t t = timegm(&last);
  std::tm day{};
  gmtime_r(&t, &day);
  return t - static_cast<std::time_t>(day.tm_wday) * 24 * 3600;
}

}  // namespace

int amsterdam_utc_offset_minutes(std::time_t utc) {
  // Europe/Amsterdam: CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the
  // last Sunday of March to 01:00 UTC on the last Sunday of October (EU
  // Directive 2000/84/EC, the rule since 1996). Written out rather than taken
  // from the machine's time zone: a document for a gemeente shows Dutch time
  // whatever zone the server runs in.
  std::tm day{};
  gmtime_r(&utc, &day);
  const int year = day.tm_year + 1900;
  const bool summer = utc >= last_sunday_0100_utc(year, 3) && utc < last_sunday_0100_utc(year, 10);
  return summer ? 120 : 60;
}

std::string datetime_nl(std::string_view iso) {
  int y, m, d;
  if (iso.size() < 20 || !split_date(iso, y, m, d) || iso[10] != 'T' || iso.back() != 'Z')
    return std::string(iso);
  std::tm utc{};
  utc.tm_year = y - 1900;
  utc.tm_mon = m - 1;
  utc.tm_mday = d;
  if (std::sscanf(std::string(iso.substr(11, 8)).c_str(), "%d:%d:%d", &utc.tm_hour, &utc.tm_min, &utc.tm_sec) != 3)
    return std::string(iso);
  const std::time_t t = timegm(&utc);
  const std::time_t here = t + static_cast<std::time_t>(amsterdam_utc_offset_minutes(t)) * 60;
  std::tm local{};
  if (!gmtime_r(&here, &local)) return std::string(iso);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", local.tm_hour, local.tm_min);
  return std::to_string(local.tm_mday) + " " + kMonths[local.tm_mon] + " " + std::to_string(local.tm_year + 1900) +
         " om " + hm;
}

namespace {
// Enums are contiguous from 0; to_string says "?" past the last value.
template <typename E>
void add_all(std::vector<LabelledValue>& out, std::string_view type) {
  for (int i = 0;; ++i) {
    const auto e = static_cast<E>(i);
    if (to_string(e) == "?") return;
    out.push_back({type, std::string(to_string(e)), std::string(label_nl(e))});
  }
}
}  // namespace

std::vector<LabelledValue> all_labelled_values() {
  std::vector<LabelledValue> all;
  add_all<BuildingType>(all, "BuildingType");
  add_all<Phase>(all, "Phase");
  add_all<RiskPhase>(all, "RiskPhase");
  add_all<ControlMethod>(all, "ControlMethod");
  add_all<Performer>(all, "Performer");
  add_all<FindingResult>(all, "FindingResult");
  add_all<Outcome>(all, "Outcome");
  return all;
}

}  // namespace wkb
