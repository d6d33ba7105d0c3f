#pragma once
// Finding plugin folders on a plugin path.
#include <filesystem>
#include <string>
#include <vector>

#include "wkb/host/manifest.hpp"

namespace wkb::host {

struct DiscoveredPlugin {
  std::filesystem::path folder;
  bool ok = false;
  Manifest manifest;    // valid when ok
  std::string problem;  // why the folder was skipped, when !ok
};

// A plugin path is a list of directories separated by ':'. Each directory is
// either a plugin folder itself (it holds plugin.json) or holds plugin folders
// one level down. Results are sorted by folder for stable output.
std::vector<std::filesystem::path> split_plugin_path(const std::string& path_list);
std::vector<DiscoveredPlugin> discover_plugins(const std::vector<std::filesystem::path>& search_path);

// The folder of the plugin with `id`. Throws UsageError listing the ids that
// are available when none matches, and PluginFailure when two folders claim it.
Manifest find_plugin(const std::vector<std::filesystem::path>& search_path, const std::string& id);

// The default plugin path: $WKB_PLUGIN_PATH, else <dir of the executable>/../lib/wkb/plugins
// where it exists (an installed wkb), else <dir of the executable>/../plugins
// (where the build puts the plugins it produces).
std::string default_plugin_path();

}  // namespace wkb::host
