#pragma once
// Validation results shared by the SDK (message structure) and the host
// (domain rules). Every problem names the JSON path, a stable rule id and a
// human explanation that says how to fix it.
#include <stdexcept>
#include <string>
#include <vector>

namespace wkb {

struct Issue {
  std::string path;     // JSON path, e.g. "$.building.units" or "$.risks[3].score"
  std::string rule;     // stable kebab-case id, e.g. "score-arithmetic"
  std::string message;  // what is wrong and how to put it right

  std::string to_string() const;  // "$.path: message [rule]"
};

// Collects issues while a message is read or checked, so that a user sees all
// problems of a file at once rather than one per run.
class Issues {
 public:
  void add(std::string path, std::string rule, std::string message);
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<Issue>& list() const { return list_; }
  // Throws ValidationError(what, issues) when any issue was collected.
  void throw_if_any(const std::string& what) const;

  // For a message whose writer declared a newer minor version of the
  // contract than the reader speaks (tolerates_unknown_members in
  // contract.hpp): members the reader does not know are set aside in
  // ignored() instead of being issues. Known members stay strictly checked.
  // Never for a user's file.
  void tolerate_unknown_members(bool on) { tolerate_unknown_ = on; }
  bool tolerates_unknown_members() const { return tolerate_unknown_; }
  void ignore(std::string path) { ignored_.push_back(std::move(path)); }
  const std::vector<std::string>& ignored() const { return ignored_; }

 private:
  std::vector<Issue> list_;
  std::vector<std::string> ignored_;
  bool tolerate_unknown_ = false;
};

// A message failed validation. `what()` lists every issue, one per line,
// preceded by `subject` (e.g. "project.json" or "plugin nl.x, method assess").
class ValidationError : public std::runtime_error {
 public:
  ValidationError(std::string subject, std::vector<Issue> issues);
  const std::string& subject() const { return subject_; }
  const std::vector<Issue>& issues() const { return issues_; }

 private:
  std::string subject_;
  std::vector<Issue> issues_;
};

// Malformed JSON text (not even a value). Carries line and column.
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::string subject, int line, int column, std::string detail);
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& detail() const { return detail_; }

 private:
  int line_;
  int column_;
  std::string detail_;
};

}  // namespace wkb
