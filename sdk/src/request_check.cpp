// One place for how a request is read and what a bad one costs: the native
// barrier (instrument.cpp) and wkb.check_request (host/src/lua) both use it.
#include "wkb/sdk/request_check.hpp"

#include <boost/json.hpp>
#include <new>

#include "request_reading.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/instrument.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::sdk {

namespace detail {
Project read_assess_request(std::string_view text, const std::string& subject) {
  boost::json::monotonic_resource arena;
  const boost::json::value v = parse_json(text, subject, &arena);
  Issues issues;
  const boost::json::value* pv = v.is_object() ? v.get_object().if_contains("project") : nullptr;
  if (!pv) throw PluginError("invalid-request", "het verzoek aan assess heeft geen \"project\"", "$.project");
  Project project = project_from_json(*pv, "$.project", issues);
  issues.throw_if_any(subject);
  return project;
}

std::string request_subject(std::string_view method) { return "verzoek aan " + std::string(method); }
}  // namespace detail

bool is_method(std::string_view m) {
  return m == "describe" || m == "assess" || m == "sample" || m == "plan" || m == "evaluate";
}

RequestError request_error_of_current_exception() noexcept {
  try {
    try {
      throw;
    } catch (const PluginError& e) {
      return {e.code(), e.what(), e.path()};
    } catch (const SyntaxError& e) {
      return {"malformed-request", e.what(), "$"};
    } catch (const ValidationError& e) {
      return {"invalid-request", e.what(), e.issues().empty() ? "$" : e.issues().front().path};
    } catch (const std::bad_alloc&) {
      return {"out-of-memory", "het instrument had niet genoeg geheugen", "$"};
    } catch (const std::exception& e) {
      return {"internal-error", e.what(), "$"};
    } catch (...) {
      return {"internal-error", "onbekende uitzondering in het instrument", "$"};
    }
  } catch (...) {
    // Building the strings failed (out of memory): an empty error, which the
    // barrier replaces by its fixed fallback.
    return {};
  }
}

std::optional<RequestError> check_request(std::string_view method, std::string_view request) {
  const std::string subject = detail::request_subject(method);
  try {
    if (method == "assess") detail::read_assess_request(request, subject);
    else if (method == "sample") read_sample_request(request, subject);
    else if (method == "plan") read_plan_request(request, subject);
    else if (method == "evaluate") read_evaluate_request(request, subject);
    return std::nullopt;
  } catch (...) {
    return request_error_of_current_exception();
  }
}

}  // namespace wkb::sdk
