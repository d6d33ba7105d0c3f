#pragma once
// The fixture of the isolation tests: runs the real wkb or wkb-admission in a
// folder of the test's own, with a plugin host under a name of the test's own,
// and checks afterwards that no file the hostile plugins aim at appeared and
// that no plugin process outlived the command.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <string>
#include <vector>
#include <thread>

#include "command.hpp"
#include "test_paths.hpp"
#include "wkb/host/instrument.hpp"

namespace wkb::test {

// Where hostile.cpp aims the acts that write files.
inline const std::filesystem::path kTrophy = "/tmp/wkb-hostile-trophy.txt";

using Result = test::SeparatedOutput;

class Isolation : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("wkb-isolation-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    // A plugin host under a name of this test's own, so that leftovers are
    // found even while other tests run plugins at the same time.
    host_ = dir_ / "wkb-plugin-host-under-test";
    std::filesystem::create_symlink(WKB_PLUGIN_HOST_EXE, host_);
    std::filesystem::remove(kTrophy);
  }
  void TearDown() override {
    EXPECT_FALSE(std::filesystem::exists(kTrophy)) << "a plugin wrote " << kTrophy;
    EXPECT_EQ(leftovers(), 0) << "plugin processes outlived the command";
    std::filesystem::remove_all(dir_);
  }

  Result run(const std::string& exe, const std::vector<std::string>& args) {
    std::string cmd = "cd " + shell_quote(dir_.string()) + " && WKB_PLUGIN_HOST=" + shell_quote(host_.string()) + " " + shell_quote(exe);
    for (const auto& a : args) cmd += " " + shell_quote(a);
    return test::run_separated(cmd + " </dev/null", dir_);
  }

  Result wkb_run(const std::string& fixture, const std::string& id, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"run",       "--json",
                                  "--plugins", (test_plugin_dir() / fixture).string(),
                                  "--instrument", id,
                                  "--project", example_project("kloosterstraat-12").string(),
                                  "--findings", example_findings("kloosterstraat-12.declaration").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(WKB_CLI, args);
  }

  // Processes still running this test's plugin host (or its namespace init,
  // which carries the host's command line).
  int leftovers() const {
    int n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
      std::ifstream in(e.path() / "cmdline");
      std::string argv0;
      std::getline(in, argv0, '\0');
      if (argv0 == host_.string()) ++n;
    }
    return n;
  }

  std::filesystem::path dir_, host_;
};

inline const std::string kSerie = "nl.voorbeeld.seriebouw";

// A fixture folder as a gtest case name ("hostile-fork" -> "hostile_fork").
inline std::string case_name(std::string fixture) {
  for (char& c : fixture)
    if (c == '-') c = '_';
  return fixture;
}

}  // namespace wkb::test
