#pragma once
// Errors inside the host are exceptions with context. The CLI maps each kind
// to one message and an exit code (docs/cli.md#exit-codes):
//   1 rejected / negative verdict, 2 usage, 3 invalid input, 4 plugin failure,
//   5 the project store is busy (another process holds its lock).
// wkb::ValidationError and wkb::SyntaxError (from the SDK) about an input file
// count as invalid input (3).
#include <stdexcept>
#include <utility>
#include <string>
#include <vector>

#include "wkb/sdk/validation.hpp"

namespace wkb::host {

enum ExitCode { kExitOk = 0, kExitRejected = 1, kExitUsage = 2, kExitInvalidInput = 3, kExitPluginFailure = 4,
               kExitStoreBusy = 5 };

class Error : public std::runtime_error {
 public:
  // `rule`: a stable kebab-case id of what went wrong ("unknown-option"),
  // used as the problem type under --json; empty: the kind's default.
  // `file`: the file the error is about, when there is one.
  explicit Error(const std::string& message, std::string rule = {}, std::string file = {})
      : std::runtime_error(message), rule_(std::move(rule)), file_(std::move(file)) {}
  virtual int exit_code() const = 0;
  const std::string& rule() const { return rule_; }
  const std::string& file() const { return file_; }

 private:
  std::string rule_;
  std::string file_;
};

// The command line itself is wrong.
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return kExitUsage; }
};

// A file, value or stored state the user supplied is not acceptable.
class InputError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return kExitInvalidInput; }
};

// Invalid input at a place in a text file (a CSV row and column): the JSON
// problem carries `line` and `column` (1-based, the column in characters).
class InputErrorAt : public InputError {
 public:
  InputErrorAt(const std::string& message, std::string rule, std::string file, int line, int column)
      : InputError(message, std::move(rule), std::move(file)), line_(line), column_(column) {}
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  int line_;
  int column_;
};

// Where in a plugin's life a failure happened, for a person: "bij het laden",
// "bij het afsluiten", "methode assess".
std::string method_context_nl(const std::string& method);

// The project store's rows do not agree with its audit trail (tampering or
// damage). A kind of invalid input (exit 3): nothing is written, and the
// message points to `wkb audit verify`.
class StoreDamaged : public InputError {
 public:
  using InputError::InputError;
};

// Another process held the store's lock for longer than the lock timeout.
// Its own exit code (5), so that scripts can retry: nothing was written.
class StoreBusy : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return kExitStoreBusy; }
};

// A plugin could not be loaded, failed, or answered against the contract.
class PluginFailure : public Error {
 public:
  // `plugin`: id (or folder); `method`: contract method or "load".
  PluginFailure(std::string plugin, std::string method, std::string code, std::string message,
                std::vector<Issue> issues = {});
  int exit_code() const override { return kExitPluginFailure; }
  const std::string& plugin() const { return plugin_; }
  const std::string& method() const { return method_; }
  const std::string& code() const { return code_; }
  // The message alone, without the "plugin ..., methode ...:" context.
  const std::string& detail() const { return detail_; }
  const std::vector<Issue>& issues() const { return issues_; }

 private:
  std::string plugin_;
  std::string method_;
  std::string code_;
  std::string detail_;
  std::vector<Issue> issues_;
};

}  // namespace wkb::host
