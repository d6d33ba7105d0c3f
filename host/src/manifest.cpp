#include "wkb/host/manifest.hpp"

#include <regex>

#include "wkb/host/errors.hpp"
#include "wkb/abi.h"
#include "wkb/host/files.hpp"
#include "wkb/sdk/contract.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/json_reader.hpp"

namespace wkb::host {

bool is_reverse_dns(const std::string& id) {
  static const std::regex re(R"(^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$)");
  return id.size() <= 128 && std::regex_match(id, re);
}

bool is_semver(const std::string& v) {
  static const std::regex re(R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$)");
  return std::regex_match(v, re);
}

std::string not_semver_message(const std::string& version) {
  return "\"" + version + "\" is geen semantische versie zoals \"1.0.0\"";
}

std::string unknown_kind_message(const std::string& kind) {
  return "\"" + kind + "\" is geen soort plugin; gebruik \"native\" of \"lua\"";
}

Manifest read_manifest(const std::filesystem::path& folder_in) {
  std::error_code ec;
  const auto folder = std::filesystem::weakly_canonical(std::filesystem::absolute(folder_in), ec);
  const auto file = folder / "plugin.json";
  const std::string subject = file.string();
  auto fail = [&](const std::string& message, std::vector<Issue> issues = {}) -> PluginFailure {
    return PluginFailure(folder.filename().string(), "load", "invalid-manifest", message, std::move(issues));
  };
  if (!std::filesystem::is_regular_file(file, ec)) throw fail(subject + ": deze map heeft geen plugin.json");

  boost::json::value v;
  try {
    v = parse_json(read_text_file(file), subject);
  } catch (const SyntaxError& e) {
    throw fail(e.what());
  } catch (const InputError& e) {
    throw fail(e.what());
  }

  Manifest m;
  m.folder = folder;
  Issues issues;
  detail::ObjectReader r(v, "$", issues, "een pluginmanifest");
  if (r.valid()) {
    r.allow_only({"id", "name", "version", "sdk", "kind", "entry", "provider", "description"});
    m.id = r.string("id").value_or("");
    if (!m.id.empty() && !is_reverse_dns(m.id))
      issues.add("$.id", "id-format",
                 "\"" + m.id + "\" is geen id in omgekeerde-DNS-vorm zoals \"nl.voorbeeld.seriebouw\"");
    m.name = r.string("name").value_or("");
    m.version = r.string("version").value_or("");
    if (!m.version.empty() && !is_semver(m.version))
      issues.add("$.version", "semver", not_semver_message(m.version));
    if (auto sdk = r.integer("sdk", true, 0, 1000)) {
      m.sdk = static_cast<int>(*sdk);
      if (*sdk != kContractVersion.major) {
        const std::string theirs = std::to_string(*sdk), ours = std::to_string(kContractVersion.major);
        issues.add("$.sdk", "sdk-version",
                   "de plugin is gebouwd voor SDK " + theirs + "; deze host spreekt SDK " + ours + " (ABI-versie " +
                       std::to_string(WKB_ABI_VERSION) + ", contract " + kContractVersion.to_string() +
                       "). Bouw de plugin opnieuw tegen SDK " + ours + " of gebruik een host voor SDK " + theirs);
      }
    }
    m.kind = r.string("kind").value_or("");
    if (!m.kind.empty() && m.kind != "native" && m.kind != "lua")
      issues.add("$.kind", "allowed-value", unknown_kind_message(m.kind));
    m.entry = r.string("entry").value_or("");
    if (!m.entry.empty()) {
      const std::filesystem::path entry(m.entry);
      if (entry.is_absolute() || entry.has_parent_path() || m.entry == "." || m.entry == "..")
        issues.add("$.entry", "entry-in-folder",
                   "\"" + m.entry + "\" moet een bestandsnaam in de pluginmap zijn, zonder mappen ervoor");
      else if (!std::filesystem::is_regular_file(folder / entry, ec))
        issues.add("$.entry", "entry-exists",
                   "het startbestand (entry) \"" + m.entry + "\" staat niet in " + folder.string());
    }
    if (const auto* pv = r.find("provider")) {
      detail::ObjectReader pr(*pv, "$.provider", issues, "de instrumentaanbieder");
      if (pr.valid()) {
        pr.allow_only({"kvk", "name"});
        m.provider_kvk = pr.string("kvk").value_or("");
        if (!m.provider_kvk.empty()) detail::check_kvk(issues, "$.provider.kvk", m.provider_kvk);
        m.provider_name = pr.string("name").value_or("");
      }
    } else {
      detail::missing_member(issues, "$", "provider", "{kvk, name}");
    }
  }
  if (!issues.empty()) throw fail(subject + ": ongeldig manifest", issues.list());
  return m;
}

}  // namespace wkb::host
