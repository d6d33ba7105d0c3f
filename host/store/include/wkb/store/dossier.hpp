#pragma once
// The dossier for the bevoegd gezag (competent authority): what the
// municipality receives at the gereedmelding. JSON for systems, a readable
// Dutch HTML page for people. Only for a completed project.
#include <filesystem>
#include <string>

#include "wkb/store/project_store.hpp"

namespace wkb::store {

// The lifecycle as canonical JSON (ISO timestamps, the melder, meldingen
// tijdens de bouw, information requests, the verklaring's details, the
// gereedmelding's checklist): the dossier's "lifecycle" and `project show --json`.
std::string lifecycle_json(const ProjectRecord& record);
// Canonical JSON ("schema": "wkb.dossier/1").
std::string dossier_json(const ProjectRecord& record);
// A self-contained Dutch HTML page.
std::string dossier_html(const ProjectRecord& record);

struct DossierFiles {
  std::filesystem::path json;
  std::filesystem::path html;
};
// Writes dossier.json and dossier.html into `dir` (created when missing).
// Throws InputError when the project is not completed or `dir` is unwritable.
DossierFiles write_dossier(const ProjectRecord& record, const std::filesystem::path& dir);

}  // namespace wkb::store
