#include "native_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/host/trust.hpp"

namespace wkb::host {

std::unique_ptr<Instrument> load_lua(const Manifest& manifest, const LoadOptions& options);

std::string_view to_string(Method m) {
  switch (m) {
    case Method::describe: return "describe";
    case Method::assess: return "assess";
    case Method::sample: return "sample";
    case Method::plan: return "plan";
    case Method::evaluate: return "evaluate";
  }
  return "?";
}

std::unique_ptr<Instrument> load_instrument(const Manifest& manifest, const LoadOptions& options) {
  // Production mode: check the certificate before any of the plugin's code runs.
  if (!options.trusted_public_key_file.empty()) require_trusted(manifest, options.trusted_public_key_file);
  if (manifest.kind == "native") return load_native(manifest);
  if (manifest.kind == "lua") return load_lua(manifest, options);
  throw PluginFailure(manifest.id, "load", "unknown-kind", "unknown plugin kind \"" + manifest.kind + "\"");
}

}  // namespace wkb::host
