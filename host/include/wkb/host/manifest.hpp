#pragma once
// plugin.json: what a plugin folder declares about itself (contract v1,
// "Manifest and entry points").
#include <filesystem>
#include <string>

namespace wkb::host {

struct Manifest {
  std::string id;       // reverse-DNS, equals describe().id
  std::string name;
  std::string version;  // semver
  int sdk = 1;
  std::string kind;     // "native" or "lua"
  std::string entry;    // file name relative to `folder`
  std::string provider_kvk;
  std::string provider_name;
  std::filesystem::path folder;  // absolute

  std::filesystem::path entry_path() const { return folder / entry; }
};

// Reads and checks <folder>/plugin.json. Throws PluginFailure (method "load")
// naming the file, the JSON path and the rule.
Manifest read_manifest(const std::filesystem::path& folder);

bool is_reverse_dns(const std::string& id);
bool is_semver(const std::string& version);
// The messages for a version that is not semver and for a kind other than
// "native" or "lua", the same wherever they are checked.
std::string not_semver_message(const std::string& version);
std::string unknown_kind_message(const std::string& kind);

}  // namespace wkb::host
