#pragma once
// Where the tests find sources, examples and built plugins.
#include <filesystem>
#include <string>

#include "wkb/host/files.hpp"

namespace wkb::test {

inline std::filesystem::path source_dir() { return WKB_SOURCE_DIR; }
inline std::filesystem::path binary_dir() { return WKB_BINARY_DIR; }
inline std::filesystem::path plugin_dir() { return WKB_PLUGIN_DIR; }
inline std::filesystem::path test_plugin_dir() { return WKB_TEST_PLUGIN_DIR; }
inline std::filesystem::path example_project(const std::string& name) {
  return source_dir() / "examples" / "projects" / (name + ".json");
}
inline std::filesystem::path example_findings(const std::string& name) {
  return source_dir() / "examples" / "findings" / (name + ".json");
}
inline std::string read(const std::filesystem::path& p) { return wkb::host::read_text_file(p); }

}  // namespace wkb::test
