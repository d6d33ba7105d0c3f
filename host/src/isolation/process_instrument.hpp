#pragma once
// The host's side of an isolated plugin: an Instrument whose calls travel to
// a sandboxed plugin host process (wkb-plugin-host) and back. Nothing above
// the loader knows the difference; CheckedInstrument validates every answer
// in this process, which never runs plugin code.
#include <memory>
#include <string>

#include "sandbox.hpp"
#include "wkb/host/instrument.hpp"

namespace wkb::host::isolation {

// `pinned`: under --trust, the certified bytes of the entry file.
std::unique_ptr<Instrument> load_in_plugin_host(const Manifest& manifest, const LoadOptions& options,
                                                std::shared_ptr<const std::string> pinned);

// The executable that LoadOptions names, else $WKB_PLUGIN_HOST, else
// wkb-plugin-host beside the running executable.
std::string plugin_host_executable(const LoadOptions& options);

}  // namespace wkb::host::isolation
