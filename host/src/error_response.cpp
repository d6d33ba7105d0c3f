#include "error_response.hpp"

#include <boost/json.hpp>

#include "wkb/host/errors.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::host {

void throw_plugin_error(const std::string& plugin_id, Method method, const std::string& response) {
  const std::string m(to_string(method));
  boost::json::value v;
  try {
    v = parse_json(response, "error response");
  } catch (const SyntaxError& e) {
    throw PluginFailure(plugin_id, m, "malformed-error", "the plugin failed and its error response is not JSON: " +
                                                             std::string(e.what()));
  }
  const auto* err = v.is_object() ? v.get_object().if_contains("error") : nullptr;
  if (!err || !err->is_object())
    throw PluginFailure(plugin_id, m, "malformed-error",
                        "the plugin failed without an {\"error\": {code, message, path}} object");
  auto field = [&](const char* key) -> std::string {
    const auto* f = err->get_object().if_contains(key);
    return f && f->is_string() ? std::string(f->get_string()) : std::string();
  };
  std::string code = field("code");
  std::string message = field("message");
  std::string path = field("path");
  if (code.empty()) code = "plugin-error";
  if (message.empty()) message = "the plugin failed without a message";
  if (message.size() > 4000) message = message.substr(0, 4000) + "...";
  std::vector<Issue> issues;
  if (!path.empty() && path != "$") issues.push_back({path, code, "reported by the plugin"});
  throw PluginFailure(plugin_id, m, code, message, issues);
}

}  // namespace wkb::host
