#include "error_response.hpp"

#include "plugin_log.hpp"

#include <boost/json.hpp>

#include "wkb/host/errors.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::host {

namespace {
std::string clean(std::string text, std::size_t max_bytes) { return clean_untrusted(std::move(text), max_bytes); }
}  // namespace

PluginFailure untrusted_failure(const std::string& plugin_id, const std::string& method, const std::string& raw_code,
                                const std::string& raw_message, const std::vector<Issue>& raw_issues) {
  // The plugin's words reach terminals, logs and the audit trail: bounded,
  // cut on a character boundary, without control characters (no escape
  // sequences). A code must look like one, so that it cannot pose as a host
  // code with spaces or punctuation in it.
  auto as_code = [](const std::string& raw) {
    std::string c = clean(raw, 64);
    if (c.empty() || c.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") != std::string::npos)
      c = "plugin-error";
    return c;
  };
  const std::string code = as_code(raw_code);
  std::string message = clean(raw_message, 4000);
  if (message.empty()) message = "de plugin faalde zonder foutmelding";
  std::vector<Issue> issues;
  for (const auto& i : raw_issues) {
    if (issues.size() == 50) break;
    issues.push_back({clean(i.path, 500), as_code(i.rule), clean(i.message, 1000)});
  }
  return PluginFailure(plugin_id, method, code, message, issues);
}

void throw_plugin_error(const std::string& plugin_id, Method method, const std::string& response) {
  const std::string m(to_string(method));
  boost::json::value v;
  try {
    v = parse_json(response, "foutantwoord");
  } catch (const SyntaxError& e) {
    throw PluginFailure(plugin_id, m, "malformed-error",
                        "de plugin faalde en zijn foutantwoord is geen JSON: " + std::string(e.what()));
  }
  const auto* err = v.is_object() ? v.get_object().if_contains("error") : nullptr;
  if (!err || !err->is_object())
    throw PluginFailure(plugin_id, m, "malformed-error",
                        "de plugin faalde zonder een object {\"error\": {code, message, path}} terug te geven");
  auto field = [&](const char* key) -> std::string {
    const auto* f = err->get_object().if_contains(key);
    return f && f->is_string() ? std::string(f->get_string()) : std::string();
  };
  std::vector<Issue> issues;
  if (const std::string path = field("path"); !path.empty() && path != "$")
    issues.push_back({path, field("code"), "gemeld door de plugin"});
  throw untrusted_failure(plugin_id, m, field("code"), field("message"), issues);
}

}  // namespace wkb::host
