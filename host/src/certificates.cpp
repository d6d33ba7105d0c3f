#include "wkb/host/certificates.hpp"

#include <algorithm>

#include "wkb/host/log.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::host {
namespace {

std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string topics_nl(const CertificateRef& c) {
  std::string out;
  for (const auto& t : c.topics) out += (out.empty() ? "" : ", ") + topic_label_nl(t);
  return out;
}

}  // namespace

Project with_valid_certificates(const Project& project, Date as_of, std::vector<HostWarning>& warnings) {
  Project seen = project;
  seen.certificates.clear();
  for (const auto& c : project.certificates) {
    if (c.valid_on(as_of)) {
      seen.certificates.push_back(c);
      continue;
    }
    const bool expired = c.valid_until < as_of;
    HostWarning w{expired ? "certificate-expired" : "certificate-not-yet-valid",
                  certificate_ref_nl(c) + " is op de beoordelingsdatum " + date_nl(as_of.to_string()) +
                      (expired ? " verlopen" : " nog niet geldig") +
                      " en telt niet mee in de risicobeoordeling: geen verlaging van het risico voor " +
                      topics_nl(c)};
    if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) {
      log::warn(w.message);
      warnings.push_back(std::move(w));
    }
  }
  return seen;
}

void check_certificate_controls(const Project& seen, const Assessment& a, const Plan& plan, Issues& issues) {
  for (const Risk& r : a.risks) {
    const auto cert = std::find_if(seen.certificates.begin(), seen.certificates.end(),
                                   [&](const CertificateRef& c) { return c.covers(r.topic); });
    if (cert == seen.certificates.end()) continue;
    const bool checked = std::any_of(plan.controls.begin(), plan.controls.end(), [&](const Control& c) {
      return c.risk == r.id && c.method == ControlMethod::certificate_check;
    });
    if (!checked)
      issues.add("$.controls", "certificate-check",
                 "risico " + q(r.id) + " (" + topic_ref_nl(r.topic) + ", score " + std::to_string(r.score) +
                     ") valt onder " + certificate_ref_nl(*cert) +
                     ", maar het borgingsplan heeft voor dit risico geen controle met de methode " +
                     labelled_nl(ControlMethod::certificate_check) +
                     "; die is verplicht bij elk risico waarop een certificaat kan steunen, "
                     "welke score het ook heeft (geldigheid op de dag van de controle, reikwijdte, dit project)");
  }
}

void check_certificate_findings(const Project& project, const Plan& plan, const Findings& f, Issues& issues) {
  for (std::size_t i = 0; i < f.findings.size(); ++i) {
    const Finding& x = f.findings[i];
    if (x.result != FindingResult::conform && x.result != FindingResult::repaired) continue;
    const Control* c = plan.control(x.control);
    if (!c || c->method != ControlMethod::certificate_check) continue;
    std::vector<const CertificateRef*> covering;
    for (const auto& cert : project.certificates)
      if (cert.covers(c->topic)) covering.push_back(&cert);
    // Without any certificate on the topic there is nothing to date the
    // finding against; the plan rules (certificate-check) are about the
    // certificates the project names.
    if (covering.empty()) continue;
    if (std::any_of(covering.begin(), covering.end(), [&](const CertificateRef* k) { return k->valid_on(x.date); }))
      continue;
    std::string which;
    for (const auto* k : covering) which += (which.empty() ? "" : "; ") + certificate_ref_nl(*k);
    issues.add("$.findings[" + std::to_string(i) + "].date", "certificate-expired",
               "de bevinding " + labelled_nl(x.result) + " bij certificaatcontrole " + q(c->id) + " is van " +
                   date_nl(x.date.to_string()) + ", buiten de geldigheid van " +
                   (covering.size() == 1 ? "" : "elk certificaat voor dit onderwerp: ") + which +
                   "; een certificaat dat op de dag van de controle niet geldt, kan niet conform zijn");
  }
}

}  // namespace wkb::host
