// Placeholder until the Lua loader lands (issue: Lua 5.4 instruments).
#include "wkb/host/errors.hpp"
#include "wkb/host/instrument.hpp"

namespace wkb::host {
std::unique_ptr<Instrument> load_lua(const Manifest& manifest, const LoadOptions&) {
  throw PluginFailure(manifest.id, "load", "unsupported-kind", "this build of wkb cannot load Lua instruments yet");
}
}  // namespace wkb::host
