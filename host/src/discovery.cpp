#include "wkb/host/discovery.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <unistd.h>

#include "wkb/host/errors.hpp"

namespace wkb::host {
namespace fs = std::filesystem;

std::vector<fs::path> split_plugin_path(const std::string& list) {
  std::vector<fs::path> out;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ':'))
    if (!item.empty()) out.emplace_back(item);
  return out;
}

namespace {
DiscoveredPlugin inspect(const fs::path& folder) {
  DiscoveredPlugin d;
  d.folder = folder;
  try {
    d.manifest = read_manifest(folder);
    d.ok = true;
  } catch (const PluginFailure& e) {
    d.problem = e.what();
  }
  return d;
}
}  // namespace

std::vector<DiscoveredPlugin> discover_plugins(const std::vector<fs::path>& search_path) {
  std::vector<DiscoveredPlugin> out;
  for (const auto& dir : search_path) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      DiscoveredPlugin missing;
      missing.folder = dir;
      missing.problem =
          "onderdeel " + dir.string() + " van het pluginpad is geen map (controleer --plugins of WKB_PLUGIN_PATH)";
      out.push_back(std::move(missing));
      continue;
    }
    if (fs::is_regular_file(dir / "plugin.json", ec)) {
      out.push_back(inspect(dir));
      continue;
    }
    std::vector<fs::path> folders;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_directory(ec) && fs::exists(it->path() / "plugin.json", ec)) folders.push_back(it->path());
    std::sort(folders.begin(), folders.end());
    for (const auto& f : folders) out.push_back(inspect(f));
  }
  return out;
}

Manifest find_plugin(const std::vector<fs::path>& search_path, const std::string& id) {
  std::vector<Manifest> matches;
  std::string available;
  std::string broken;
  for (const auto& d : discover_plugins(search_path)) {
    if (!d.ok) {
      broken += "\n  overgeslagen: " + d.folder.string() + ": " + d.problem.substr(0, d.problem.find('\n'));
      continue;
    }
    if (d.manifest.id == id) matches.push_back(d.manifest);
    available += (available.empty() ? "" : ", ") + d.manifest.id;
  }
  if (matches.empty()) {
    std::string where;
    for (const auto& p : search_path) where += (where.empty() ? "" : ":") + p.string();
    throw UsageError("geen instrument met id \"" + id + "\" op het pluginpad (" + where + "); " +
                     (available.empty() ? std::string("daar zijn geen instrumenten gevonden")
                                        : "beschikbaar: " + available) +
                     ". Zie `wkb instruments`." + broken);
  }
  if (matches.size() > 1)
    throw PluginFailure(id, "load", "duplicate-id",
                        "twee pluginmappen gebruiken deze id: " + matches[0].folder.string() + " en " +
                            matches[1].folder.string() + "; haal er één uit het pluginpad");
  return matches.front();
}

std::string default_plugin_path() {
  if (const char* env = std::getenv("WKB_PLUGIN_PATH"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "plugins";
  // Installed: <prefix>/lib/wkb/plugins beside <prefix>/bin; in the build tree
  // the plugins are built into build/plugins beside build/bin.
  const fs::path installed = (exe.parent_path() / WKB_PLUGIN_DIR_FROM_BIN).lexically_normal();
  if (fs::is_directory(installed, ec)) return installed.string();
  return (exe.parent_path().parent_path() / "plugins").string();
}

}  // namespace wkb::host
