#pragma once
// The C++ base class for native instruments, and the one macro that exports it.
//
//   class MyInstrument : public wkb::sdk::InstrumentBase { ... };
//   WKB_EXPORT_INSTRUMENT(MyInstrument)
//
// The macro generates the C entry point of wkb/abi.h. Every call goes through
// an exception barrier: requests are parsed and checked by the SDK before your
// method sees them, responses are serialised canonically, and any exception is
// turned into a structured error response. Nothing C++ crosses the boundary.
#include <stdexcept>
#include <string>
#include <string_view>

#include "wkb/abi.h"
#include "wkb/sdk/types.hpp"

namespace wkb::sdk {

// Throw this from a method to answer with a specific error code and JSON path.
// Any other exception becomes code "internal-error".
class PluginError : public std::runtime_error {
 public:
  PluginError(std::string code, const std::string& message, std::string path = "$")
      : std::runtime_error(message), code_(std::move(code)), path_(std::move(path)) {}
  const std::string& code() const { return code_; }
  const std::string& path() const { return path_; }

 private:
  std::string code_;
  std::string path_;
};

namespace detail {
struct HostAccess;
}

class InstrumentBase {
 public:
  virtual ~InstrumentBase() = default;
  virtual Description describe() = 0;
  virtual Assessment assess(const Project& project) = 0;
  virtual Sample sample(const Project& project, const Assessment& assessment) = 0;
  virtual Plan plan(const Project& project, const Assessment& assessment, const Sample& sample) = 0;
  virtual Decision evaluate(const Project& project, const Plan& plan, const Findings& findings) = 0;

  // The plugin's extension with this id (wkb_instrument_api_v1.get_extension),
  // or nullptr. The pointer must stay valid as long as the instrument lives.
  // Contract 1.0 defines none; the host asks only for ids it knows.
  virtual const void* extension(std::string_view id) { (void)id; return nullptr; }

 protected:
  // Writes to the host's log with the plugin's id (wkb_host.log); from any
  // thread. The host keeps a bounded number of messages per call. Not
  // available in the constructor (the host is handed over after it).
  void log(int level, std::string_view message) const noexcept;
  // The host this instance runs in, for its abi_version and get_extension;
  // nullptr in the constructor.
  const wkb_host* host() const { return host_; }

 private:
  friend struct detail::HostAccess;
  const wkb_host* host_ = nullptr;
};

namespace detail {
using Factory = InstrumentBase* (*)();
// Builds the ABI table around a factory; one per plugin library.
const wkb_instrument_api_v1* make_api(Factory factory, uint32_t host_abi_version);
}  // namespace detail

}  // namespace wkb::sdk

// Exports `Class` (default-constructible, derived from InstrumentBase) as the
// plugin's instrument. Use once per shared library, at namespace scope.
#define WKB_EXPORT_INSTRUMENT(Class)                                                  \
  extern "C" WKB_EXPORT const wkb_instrument_api_v1*                                  \
  wkb_instrument_entry(uint32_t host_abi_version) {                                   \
    return ::wkb::sdk::detail::make_api(                                              \
        []() -> ::wkb::sdk::InstrumentBase* { return new Class(); }, host_abi_version); \
  }
