#include "wkb/host/errors.hpp"

namespace wkb::host {
std::string method_context_nl(const std::string& method) {
  if (method == "load") return "bij het laden";
  if (method == "unload") return "bij het afsluiten";
  return "methode " + method;
}

namespace {
std::string compose(const std::string& plugin, const std::string& method, const std::string& code,
                    const std::string& message, const std::vector<Issue>& issues) {
  std::string text = "plugin " + plugin + ", " + method_context_nl(method) + ": " + message;
  if (!code.empty() && code != "contract-violation") text += " [" + code + "]";
  for (const auto& i : issues) text += "\n  " + i.to_string();
  return text;
}
}  // namespace

PluginFailure::PluginFailure(std::string plugin, std::string method, std::string code, std::string message,
                             std::vector<Issue> issues)
    : Error(compose(plugin, method, code, message, issues)),
      plugin_(std::move(plugin)),
      method_(std::move(method)),
      code_(std::move(code)),
      detail_(std::move(message)),
      issues_(std::move(issues)) {}

}  // namespace wkb::host
