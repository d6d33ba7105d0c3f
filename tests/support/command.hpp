#pragma once
// Running the real executables from tests: one quoting rule and one way to
// collect output and exit code, shared by the CLI, admission and isolation
// suites.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace wkb::test {

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct CommandOutput {
  int code = -1;  // exit code; 128 + signal when killed
  std::string out;
  // The last non-empty line: the verdict line of wkb-admission run.
  std::string last_line() const {
    std::string s = out;
    while (!s.empty() && s.back() == '\n') s.pop_back();
    const auto nl = s.rfind('\n');
    return nl == std::string::npos ? s : s.substr(nl + 1);
  }
};

// Runs `args` through the shell; `redirect` decides what happens to stderr
// ("2>&1": into out; "2>/dev/null": dropped).
inline CommandOutput run_command(const std::vector<std::string>& args, const std::string& redirect = "2>&1") {
  std::string cmd;
  for (const auto& a : args) cmd += shell_quote(a) + " ";
  cmd += redirect;
  CommandOutput o;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return o;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) o.out.append(buf, n);
  const int status = ::pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
  return o;
}

// What a program wrote to stdout and to stderr, kept apart, and its exit code.
struct SeparatedOutput {
  int code = -1;  // exit code; 128 + signal when killed
  std::string out, err;
};

// Runs a shell command line (the caller quotes it, with shell_quote) with its
// stdout and stderr apart, through the files `dir`/stdout and `dir`/stderr.
inline SeparatedOutput run_separated(const std::string& command_line, const std::filesystem::path& dir) {
  const auto out = dir / "stdout", err = dir / "stderr";
  const std::string cmd = command_line + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  const int status = std::system(cmd.c_str());
  SeparatedOutput r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
  const auto slurp = [](const std::filesystem::path& p) {
    std::ostringstream s;
    s << std::ifstream(p, std::ios::binary).rdbuf();
    return s.str();
  };
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// An empty folder under the system's temp directory, unique to this process.
inline std::filesystem::path fresh_temp_dir(const std::string& prefix, const std::string& name) {
  const auto d = std::filesystem::temp_directory_path() / (prefix + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace wkb::test
