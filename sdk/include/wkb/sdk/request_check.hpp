#pragma once
// The checks the native SDK's barrier applies to every request, as a
// function: the Lua module's wkb.check_request uses the very same readers, so
// a Lua and a native instrument refuse a bad request with the same error.
#include <optional>
#include <string>
#include <string_view>

namespace wkb::sdk {

// A structured error, as in {"error": {code, message, path}}.
struct RequestError {
  std::string code;     // "malformed-request", "invalid-request", ...
  std::string message;  // Dutch, what is wrong and where
  std::string path;     // JSON path of the first problem, "$" for the whole request
};

// Whether `method` ("describe", "assess", "sample", "plan", "evaluate") is a
// contract method.
bool is_method(std::string_view method);

// Reads `request` (JSON text) as the SDK reads a request of `method`:
// nullopt when it is one the barrier would pass to the instrument, else the
// error the barrier would answer with. describe takes any request.
// Precondition: is_method(method).
std::optional<RequestError> check_request(std::string_view method, std::string_view request);

// The error the barrier answers with for the exception in flight (call from
// a catch block only). Never throws.
RequestError request_error_of_current_exception() noexcept;

}  // namespace wkb::sdk
