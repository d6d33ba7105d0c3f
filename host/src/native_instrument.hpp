#pragma once
// The in-process loaders, one per kind. Used directly by `--in-process` and by
// the plugin host process (host/plugin_host/), which is the only place
// plugin code runs by default.
#include <filesystem>
#include <memory>
#include <string>

#include "wkb/host/instrument.hpp"

namespace wkb::host {

// `library`: the file to dlopen; empty means the manifest's entry. Under
// --trust it is /proc/self/fd/N of a sealed memfd holding the certified bytes.
std::unique_ptr<Instrument> load_native(const Manifest& manifest, const std::filesystem::path& library = {});

// `script`: the text to run; null means read the manifest's entry. Under
// --trust it is the certified text, so that what was hashed is what runs.
std::unique_ptr<Instrument> load_lua(const Manifest& manifest, const LoadOptions& options,
                                     std::shared_ptr<const std::string> script = nullptr);

// A sealed, read-only memfd holding `bytes` (close-on-exec). Throws
// PluginFailure (load) when the kernel refuses.
int sealed_memfd(const std::string& plugin_id, const std::string& bytes);

}  // namespace wkb::host
