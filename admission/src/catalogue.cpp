#include "wkb/admission/catalogue.hpp"

#include "wkb/admission/result.hpp"

namespace wkb::admission {

const std::vector<TestInfo>& catalogue() {
  // Order is the order of a run: cheap loading checks first, so that a plugin
  // that cannot load fails fast and clearly.
  static const std::vector<TestInfo> tests{
      {"load-manifest", 1, "plugin.json is geldig en volledig"},
      {"load-abi", 1, "De plugin laadt en spreekt ABI-versie 1"},
      {"describe-consistent", 1, "describe is geldig, gelijk aan plugin.json en in een contractversie die deze toets kent"},
      {"declares-building-types", 1, "Verklaart de gedekte bouwwerktypen (gevolgklasse 1)"},
      {"scope-refusals", 1, "Weigering van projecten buiten het toepassingsbereik (foutcode \"out-of-scope\")"},
      {"declares-competence", 1, "Verklaart de competentie-eisen per rol (opleiding, ervaring, criteria)"},
      {"responses-valid-corpus", 2, "Elk antwoord op het referentiecorpus voldoet aan het contract"},
      {"determinism-in-process", 2, "Zelfde vraag, zelfde antwoord binnen een proces"},
      {"determinism-across-processes", 2, "Zelfde vraag, zelfde antwoord in twee processen", true},
      {"robustness-malformed-input", 2, "Onjuiste en grensinvoer geeft een gestructureerde fout"},
      {"time-budget", 2, "Elke aanroep blijft binnen het tijdsbudget"},
      {"declares-thresholds", 3, "Drempels binnen de grenzen van het beleid"},
      {"declares-sampling", 3, "Steekproefbeleid verklaard en niet onder de ondergrens"},
      {"declares-evidence-policy", 3, "Beleid voor certificaten, EKV en eigen controles van de aannemer"},
      {"whole-building-coverage", 3, "Het hele bouwwerk is beoordeeld (alle onderwerpen)"},
      {"score-arithmetic", 3, "Risicoscore = kans x effect x herstelbaarheid"},
      {"thresholds-obeyed", 3, "Eigen drempels voor controles en bijwoonmomenten nageleefd"},
      {"certificate-checks", 3, "Elk risico met een geldig certificaat heeft een certificaatcontrole"},
      {"sampling-admission-floor", 3, "Steekproef niet onder de ondergrens van de TloKB"},
      {"sampling-declared", 3, "Steekproef volgt het eigen verklaarde beleid"},
      {"site-inspection-per-project", 3, "Ten minste één bijwoonmoment per project"},
      {"inspection-dates-in-phase", 3, "Bijwoonmomenten vallen binnen hun bouwfase"},
      {"fuzz-generated-projects", 3, "Projecten gegenereerd uit de startwaarde (seed) doorlopen de hele keten"},
      {"declares-supervision", 4, "Toezicht op kwaliteitsborgers verklaard"},
      {"independence-same-entity", 4, "Geen licentie aan de eigen rechtspersoon"},
      {"independence-same-group", 4, "Geen licentie binnen het eigen concern"},
      {"independence-shared-director", 4, "Gedeelde bestuurder met een kwaliteitsborger (waarschuwing)"},
      {"decision-all-conform", 5, "Alles conform: verklaring"},
      {"decision-missing-beng", 5, "Ontbrekende BENG-berekening: openstaande punten over energieprestatie"},
      {"decision-unrepairable-fire-separation", 5, "Onherstelbare brandscheiding: melding strijdigheid"},
      {"decision-missing-findings", 5, "Ontbrekende bevindingen: onvolledig"},
  };
  return tests;
}

const TestInfo* find_test(std::string_view id) {
  for (const auto& t : catalogue())
    if (t.id == id) return &t;
  return nullptr;
}

std::string_view chapter_title(int chapter) {
  switch (chapter) {
    case 1: return "Toepassingsvoorwaarden";
    case 2: return "Administratie van de kwaliteitsborger";
    case 3: return "Inrichting en proces van kwaliteitsborging";
    case 4: return "Werkwijze van de instrumentaanbieder";
    case 5: return "Tussentijdse en eindinformatie";
  }
  return "?";
}

std::string_view label_nl(Status s) {
  switch (s) {
    case Status::pass: return "geslaagd";
    case Status::fail: return "gefaald";
    case Status::warn: return "waarschuwing";
    case Status::skip: return "overgeslagen";
    case Status::crashed: return "gecrasht";
    case Status::timeout: return "time-out";
  }
  return "?";
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::warn: return "warn";
    case Status::skip: return "skip";
    case Status::crashed: return "crashed";
    case Status::timeout: return "timeout";
  }
  return "?";
}

bool parse_status(std::string_view text, Status& out) {
  for (Status s : {Status::pass, Status::fail, Status::warn, Status::skip, Status::crashed, Status::timeout})
    if (to_string(s) == text) {
      out = s;
      return true;
    }
  return false;
}

}  // namespace wkb::admission
