#pragma once
// Helpers for the Lua tests: a throwaway plugin folder holding one script.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>

#include "wkb/host/errors.hpp"
#include "wkb/host/instrument.hpp"

namespace wkb::test {

class ScriptPlugin {
 public:
  explicit ScriptPlugin(const std::string& script, const std::string& id = "test.lua.script") {
    static std::atomic<int> counter{0};
    folder_ = std::filesystem::temp_directory_path() /
              ("wkb-lua-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(folder_);
    std::ofstream(folder_ / "main.lua", std::ios::binary) << script;
    manifest_.id = id;
    manifest_.name = "test";
    manifest_.version = "1.0.0";
    manifest_.kind = "lua";
    manifest_.entry = "main.lua";
    manifest_.folder = folder_;
  }
  ~ScriptPlugin() {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  const host::Manifest& manifest() const { return manifest_; }
  std::unique_ptr<host::Instrument> load(const host::LoadOptions& options = {}) const {
    return host::load_instrument(manifest_, options);
  }

 private:
  std::filesystem::path folder_;
  host::Manifest manifest_;
};

// A script whose methods are all `body` (a Lua function expression), except
// describe, which answers {ok=true}: the "is it still alive" probe.
inline std::string script_with(const std::string& body) {
  return "local function alive() return {ok = true} end\n"
         "return {describe = alive, assess = " + body + ",\n"
         "  sample = alive, plan = alive, evaluate = alive}\n";
}

// Calls and expects a PluginFailure; returns it.
inline host::PluginFailure expect_failure(host::Instrument& i, host::Method m, std::string_view request = "{}") {
  try {
    const std::string out = i.call(m, request);
    ADD_FAILURE() << "expected a PluginFailure, got a response: " << out.substr(0, 300);
  } catch (const host::PluginFailure& e) {
    return e;
  }
  return host::PluginFailure("", "", "", "");
}

}  // namespace wkb::test
