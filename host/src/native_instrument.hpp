#pragma once
// The in-process loaders, one per kind. Used directly by `--in-process` and by
// the plugin host process (host/plugin_host/), which is the only place
// plugin code runs by default.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "plugin_log.hpp"
#include "wkb/host/instrument.hpp"

namespace wkb::host {

// Receives what the plugin logged through wkb_host.log, after each call (and
// after create, with method "load"), already bounded. Called on the thread
// that called the plugin.
using PluginLogSink = std::function<void(const std::string& method, PluginLog log)>;

// `library`: the file to dlopen; empty means the manifest's entry. Under
// --trust it is /proc/self/fd/N of a sealed memfd holding the certified bytes.
// `sink`: where the plugin's log goes; empty means the host's log
// (write_plugin_log).
std::unique_ptr<Instrument> load_native(const Manifest& manifest, const std::filesystem::path& library = {},
                                        PluginLogSink sink = {});

// The extension `id` of a native plugin loaded in this process
// (wkb_instrument_api_v1.get_extension), or nullptr: when the plugin offers
// none, its table predates the entry, or `instrument` is not a native
// plugin in this process. Pointers do not cross processes: an isolated
// plugin's extensions are used by its plugin host process.
const void* native_extension(Instrument& instrument, const char* id);

// `script`: the text to run; null means read the manifest's entry. Under
// --trust it is the certified text, so that what was hashed is what runs.
std::unique_ptr<Instrument> load_lua(const Manifest& manifest, const LoadOptions& options,
                                     std::shared_ptr<const std::string> script = nullptr);

// A sealed, read-only memfd holding `bytes` (close-on-exec). Throws
// PluginFailure (load) when the kernel refuses.
int sealed_memfd(const std::string& plugin_id, const std::string& bytes);

}  // namespace wkb::host
