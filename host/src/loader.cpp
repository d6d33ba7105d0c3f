#include "isolation/process_instrument.hpp"
#include "native_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/instrument.hpp"
#include "wkb/host/trust.hpp"

namespace wkb::host {

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

std::string response_too_large_message() {
  return "het antwoord is groter dan " + std::to_string(kMaxResponseBytes >> 20) + " MiB";
}

std::string empty_success_message() { return "de plugin meldde succes, maar gaf geen antwoord"; }

std::unique_ptr<Instrument> load_instrument(const Manifest& manifest, const LoadOptions& options) {
  if (manifest.kind != "native" && manifest.kind != "lua")
    throw PluginFailure(manifest.id, "load", "unknown-kind", unknown_kind_message(manifest.kind));
  // Production mode: the certificate is checked before any of the plugin's
  // code runs, and the bytes it pins are the bytes that run.
  std::shared_ptr<const std::string> pinned;
  if (!options.trusted_public_key_file.empty())
    pinned = std::make_shared<const std::string>(require_trusted(manifest, options.trusted_public_key_file));
  if (options.isolation == Isolation::process) return isolation::load_in_plugin_host(manifest, options, pinned);
  if (manifest.kind == "lua") return load_lua(manifest, options, pinned);
  if (!pinned) return load_native(manifest);
  // The memfd stays open for the life of the process: with RTLD_NODELETE the
  // library stays loaded, and glibc knows it by this path, so the descriptor
  // number must never be reused for another plugin.
  const int fd = sealed_memfd(manifest.id, *pinned);
  return load_native(manifest, "/proc/self/fd/" + std::to_string(fd));
}

}  // namespace wkb::host
