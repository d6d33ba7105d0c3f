#include "render_nl.hpp"

#include "wkb/store/project_store.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>

#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::cli {

std::string outcome_heading(Outcome o) {
  std::string s = label_nl(o);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string method_nl(const std::string& method) {
  static const std::map<std::string, std::string> labels = {{"describe", "beschrijving"},
                                                            {"assess", "risicobeoordeling"},
                                                            {"sample", "steekproef"},
                                                            {"plan", "borgingsplan"},
                                                            {"evaluate", "oordeel"}};
  auto it = labels.find(method);
  return it == labels.end() ? method : it->second;
}

namespace {
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string join(const std::vector<std::string>& v, const std::string& sep = ", ") {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// Long unit lists are summarised: "bn1, bn5, bn9 (+12)".
std::string units_text(const std::vector<std::string>& units, std::size_t shown = 6) {
  if (units.empty()) return "project";
  if (units.size() <= shown) return join(units);
  std::vector<std::string> head(units.begin(), units.begin() + static_cast<std::ptrdiff_t>(shown));
  return join(head) + " (+" + std::to_string(units.size() - shown) + ")";
}
}  // namespace

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
void Table::add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
void Table::print(std::ostream& out, const std::string& indent) const {
  std::vector<std::size_t> width(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(row[i]));
  };
  measure(headers_);
  for (const auto& r : rows_) measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    std::string s = indent;
    for (std::size_t i = 0; i < row.size(); ++i) {
      s += row[i];
      if (i + 1 < row.size()) s += std::string(width[i] - display_width(row[i]) + 2, ' ');
    }
    out << s << "\n";
  };
  line(headers_);
  for (const auto& r : rows_) line(r);
}

void render_header(std::ostream& out, const Project& p, const Description& d) {
  out << "Project:     " << p.id << " - " << p.name << "\n"
      << "Adres:       " << p.address.street << " " << p.address.house_number << ", " << p.address.postcode << " "
      << p.address.city << "\n"
      << "Bouwwerk:    " << label_nl(p.building.type) << ", " << plural_nl(p.building.units, "eenheid", "eenheden")
      << ", " << plural_nl(p.building.storeys, "bouwlaag", "bouwlagen") << "\n"
      << "Instrument:  " << d.name << " " << d.version << " (" << d.id << ")\n";
}

void render_instrument(std::ostream& out, const host::Manifest& m, const Description& d) {
  std::vector<std::string> types;
  for (auto t : d.building_types) types.push_back(label_nl(t));
  out << d.id << "  " << d.name << " " << d.version << "\n"
      << "  soort:        " << (m.kind == "native" ? "native (gedeelde bibliotheek)" : "Lua (script)") << "\n"
      << "  aanbieder:    " << d.provider.name << " (KvK " << d.provider.kvk << ")\n"
      << "  bouwwerken:   " << join(types) << "\n"
      << "  drempels:     controle vanaf " << d.thresholds.control << ", bijwoonmoment vanaf "
      << d.thresholds.site_inspection << "\n"
      << "  steekproef:   minstens " << percent_nl(d.sampling.min_fraction) << " en minstens "
      << plural_nl(d.sampling.min_units, "eenheid", "eenheden") << ", "
      << plural_nl(d.sampling.min_inspections_per_reference_unit, "bijwoonmoment", "bijwoonmomenten")
      << " per referentie-eenheid\n"
      << "  map:          " << m.folder.string() << "\n";
}

void render_assessment(std::ostream& out, const Assessment& a, const Description& d) {
  std::vector<const Risk*> risks;
  for (const auto& r : a.risks) risks.push_back(&r);
  std::stable_sort(risks.begin(), risks.end(), [](const Risk* x, const Risk* y) { return x->score > y->score; });
  const auto above = std::count_if(risks.begin(), risks.end(), [&](const Risk* r) { return r->score >= d.thresholds.control; });
  out << "\nRisicobeoordeling: " << plural_nl(static_cast<long long>(a.risks.size()), "risico", "risico's") << ", "
      << plural_nl(static_cast<long long>(a.not_applicable.size()), "onderwerp", "onderwerpen")
      << " niet van toepassing; " << plural_nl(above, "risico vraagt", "risico's vragen") << " een controle (score >= "
      << d.thresholds.control << ")\n";
  Table t({"Risico", "Onderwerp", "Fase", "K", "E", "H", "Score", "Controle"});
  for (const Risk* r : risks) {
    std::string level = r->score >= d.thresholds.site_inspection ? "bijwoonmoment"
                        : r->score >= d.thresholds.control        ? "controle"
                                                                   : "-";
    t.add({r->id, topic_label_nl(r->topic), label_nl(r->phase), std::to_string(r->likelihood), std::to_string(r->impact),
           std::to_string(r->recoverability), std::to_string(r->score), level});
  }
  t.print(out);
  if (!a.not_applicable.empty()) {
    out << "  Niet van toepassing:\n";
    for (const auto& n : a.not_applicable) out << "    " << topic_label_nl(n.topic) << ": " << n.reason << "\n";
  }
  out << "  (K = kans, E = effect, H = herstelbaarheid; score = K x E x H)\n";
}

void render_sample(std::ostream& out, const Project& p, const Sample& s) {
  out << "\nSteekproef: " << s.reference_units.size() << " van " << plural_nl(p.building.units, "eenheid", "eenheden")
      << " als referentie-eenheid: " << units_text(s.reference_units, 12) << "\n"
      << "  " << s.rationale << "\n";
}

void render_plan(std::ostream& out, const Plan& plan) {
  out << "\nBorgingsplan: " << plural_nl(static_cast<long long>(plan.controls.size()), "controle", "controles") << ", "
      << plural_nl(static_cast<long long>(plan.inspections.size()), "bijwoonmoment", "bijwoonmomenten") << "\n";
  Table t({"Controle", "Onderwerp", "Methode", "Fase", "Door", "Eenheden"});
  for (const auto& c : plan.controls)
    t.add({c.id, topic_label_nl(c.topic), label_nl(c.method), label_nl(c.phase), label_nl(c.performed_by), units_text(c.units, 4)});
  t.print(out);
  out << "\nBijwoonmomenten:\n";
  Table b({"Moment", "Datum", "Fase", "Eenheden", "Controles"});
  for (const auto& i : plan.inspections)
    b.add({i.id, date_nl(i.date.to_string()), label_nl(i.phase), units_text(i.units, 4),
           i.controls.empty() ? "algemene waarneming" : join(i.controls)});
  b.print(out);
}

void render_decision(std::ostream& out, const Decision& d) {
  out << "\nOordeel: " << outcome_heading(d.outcome) << "\n";
  switch (d.outcome) {
    case Outcome::declaration:
      out << "  Alle controles zijn conform of hersteld; de kwaliteitsborger kan de verklaring afgeven.\n";
      break;
    case Outcome::non_compliance_notice:
      out << "  Een onderdeel voldoet niet en kan niet worden hersteld: melding strijdigheid aan het bevoegd gezag.\n";
      break;
    case Outcome::open_items:
      out << "  Er staan nog punten open; geen verklaring tot deze zijn opgelost.\n";
      break;
    case Outcome::incomplete:
      out << "  Nog niet voor alle controles is een bevinding vastgelegd.\n";
      break;
  }
  if (!d.grounds.empty()) {
    out << "  Gronden:\n";
    for (const auto& g : d.grounds)
      out << "  - " << g.control << (g.unit ? " (eenheid " + *g.unit + ")" : "") << ", " << topic_label_nl(g.topic)
          << ", " << label_nl(g.result) << "\n      " << g.explanation << "\n      " << g.bbl_ref << "\n";
  }
  if (!d.measures.empty()) {
    out << "  Genomen maatregelen tegen de risico's van het plan:\n";
    for (const auto& m : d.measures)
      out << "  - " << m.risk << ": " << (m.description.empty() ? join(m.controls) : m.description) << "\n";
  }
}

void render_lifecycle(std::ostream& out, const store::ProjectRecord& r) {
  const store::Lifecycle& l = r.lifecycle;
  const auto* melder = r.notification && r.notification->melder ? &*r.notification->melder : nullptr;
  out << "Status:      " << store::label_nl(r.summary.state) << "\n";
  if (melder)
    out << "Melder:      " << melder->builder.name << " (" << melder->role << ")"
        << (melder->authorised ? ", gemachtigde " + melder->authorised->name : std::string()) << "\n";
  if (l.construction_notice)
    out << "Bouwmelding: " << datetime_nl(*l.construction_notice) << " (vastgelegd door " << r.notification->by
        << "); vervalt op " << date_nl(*l.construction_notice_expires) << " als de bouw dan niet is begonnen\n";
  if (l.construction_start_date)
    out << "Start bouw:  " << date_nl(*l.construction_start_date) << " (meegedeeld op "
        << datetime_nl(*l.construction_start) << ")\n";
  if (!r.deviation_notices.empty())
    out << "Meldingen tijdens de bouw: " << r.deviation_notices.size() << " (laatste op "
        << datetime_nl(r.deviation_notices.back().at) << ")\n";
  if (l.declaration)
    out << "Verklaring:  " << datetime_nl(*l.declaration) << " door " << r.closure->by
        << (r.closure->declaration ? " te " + r.closure->declaration->place : std::string()) << "\n";
  if (l.non_compliance_notice)
    out << "Melding strijdigheid: " << datetime_nl(*l.non_compliance_notice) << " door " << r.closure->by << "\n";
  if (l.completion_notice)
    out << "Gereedmelding: " << datetime_nl(*l.completion_notice) << " door "
        << (r.completion->filed_by.empty() ? std::string("de melder") : r.completion->filed_by)
        << "; ingebruikname op " << date_nl(*l.intended_use_date) << "\n";
  if (l.closed_without_declaration)
    out << "Afgesloten zonder verklaring: " << datetime_nl(*l.closed_without_declaration)
        << "; geen gereedmelding mogelijk, ingebruikname na besluit van het bevoegd gezag\n";
}

}  // namespace wkb::cli
