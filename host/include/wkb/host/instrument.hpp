#pragma once
// The one interface through which the host talks to an instrument, whatever
// its kind (contract v1, "Fixed" point 1). Above the loader nothing knows
// whether a native library or a Lua script answers.
#include <memory>
#include <string>
#include <string_view>

#include "wkb/host/manifest.hpp"

namespace wkb::host {

enum class Method { describe, assess, sample, plan, evaluate };
std::string_view to_string(Method);

// The raw JSON boundary: one request in, one response out.
class Instrument {
 public:
  virtual ~Instrument() = default;
  virtual const Manifest& manifest() const = 0;
  // Returns the response text of a successful call. Throws PluginFailure when
  // the plugin reports an error (with its code, message and path) or breaks
  // the boundary (no response, oversized response, a sandbox limit).
  virtual std::string call(Method method, std::string_view request) = 0;
};

struct LoadOptions {
  // Lua sandbox limits (ignored for native plugins).
  long long lua_instruction_limit = 200'000'000;  // per call
  std::size_t lua_memory_limit = 64u << 20;       // bytes per plugin state
  int lua_deadline_ms = 10'000;                   // wall clock per call
  // Production mode (`wkb --trust PUB`): when set, only plugins whose
  // certificate.json is signed by this Ed25519 public key (file) and whose
  // files match the certified hashes are loaded.
  std::string trusted_public_key_file;
};

// Loads the plugin in `manifest.folder` with the loader for its kind.
std::unique_ptr<Instrument> load_instrument(const Manifest& manifest, const LoadOptions& options = {});

// Largest response the host accepts from a plugin, in bytes.
inline constexpr std::size_t kMaxResponseBytes = 64u << 20;

}  // namespace wkb::host
