#include "wkb/sdk/validation.hpp"

#include "wkb/sdk/labels_nl.hpp"

namespace wkb {

std::string Issue::to_string() const { return path + ": " + message + " [" + rule + "]"; }

void Issues::add(std::string path, std::string rule, std::string message) {
  list_.push_back({std::move(path), std::move(rule), std::move(message)});
}

void Issues::throw_if_any(const std::string& what) const {
  if (!list_.empty()) throw ValidationError(what, list_);
}

namespace {
std::string describe(const std::string& subject, const std::vector<Issue>& issues) {
  std::string text = subject + ": " + plural_nl(static_cast<long long>(issues.size()), "probleem", "problemen");
  for (const Issue& i : issues) text += "\n  " + i.to_string();
  return text;
}
}  // namespace

ValidationError::ValidationError(std::string subject, std::vector<Issue> issues)
    : std::runtime_error(describe(subject, issues)), subject_(std::move(subject)), issues_(std::move(issues)) {}

SyntaxError::SyntaxError(std::string subject, int line, int column, std::string detail)
    : std::runtime_error(subject + ":" + std::to_string(line) + ":" + std::to_string(column) +
                         ": geen geldige JSON: " + detail),
      line_(line),
      column_(column),
      detail_(std::move(detail)) {}

}  // namespace wkb
