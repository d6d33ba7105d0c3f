// Times full `wkb-admission run` invocations with the default policy (the
// policy's fuzz count, every test in its own process) and prints the time per
// Toelatingskader chapter, as recorded in report.json. The goal (issue #5): a
// full run on an example plugin within 60 s on a 2-core machine.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "wkb/host/files.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;

int main(int argc, char** argv) {
  int repeat = 3;
  std::vector<std::string> plugins;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--help") {
      std::cout << "bench_admission [--repeat N] [PLUGIN_DIR ...]\n";
      return 0;
    } else plugins.push_back(a);
  }
  if (plugins.empty()) {
    std::stringstream ss(WKB_DEFAULT_PLUGINS);
    for (std::string p; std::getline(ss, p, ':');)
      if (fs::exists(fs::path(p) / "plugin.json")) plugins.push_back(p);
  }
  const fs::path out = fs::temp_directory_path() / ("wkb-bench-admission-" + std::to_string(::getpid()));
  std::cout << "plugin | run | wall s | H1 ms | H2 ms | H3 ms | H4 ms | H5 ms | verdict\n";
  for (const auto& plugin : plugins) {
    for (int r = 1; r <= repeat; ++r) {
      fs::remove_all(out);
      const std::string cmd = std::string("'") + WKB_ADMISSION_EXE + "' run '" + plugin + "' --register '" +
                              WKB_REGISTER + "' --seed 20261126 --out '" + out.string() + "' >/dev/null 2>&1";
      const auto t0 = std::chrono::steady_clock::now();
      const int status = std::system(cmd.c_str());
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
        std::cerr << "bench_admission: wkb-admission failed on " << plugin << "\n";
        return 2;
      }
      const auto rep = json::parse(wkb::host::read_text_file(out / "report.json")).as_object();
      std::map<int, long long> chapter;
      for (const auto& c : rep.at("chapters").as_array())
        chapter[static_cast<int>(c.at("chapter").as_int64())] = c.at("duration_ms").as_int64();
      std::printf("%s | %d | %.2f | %lld | %lld | %lld | %lld | %lld | %s\n", fs::path(plugin).filename().c_str(), r,
                  wall, chapter[1], chapter[2], chapter[3], chapter[4], chapter[5],
                  std::string(rep.at("verdict").as_string()).c_str());
    }
  }
  fs::remove_all(out);
  return 0;
}
