// Native plugins: a shared library loaded with Boost.DLL that exports the C
// entry point of wkb/abi.h.
#include "native_instrument.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <utility>

#include "error_response.hpp"
#include "wkb/abi.h"
#include "wkb/host/errors.hpp"

namespace wkb::host {
namespace {

// The frozen table of ABI 1 ends with get_extension; later additions are
// appended behind it and read only when struct_size covers them.
constexpr std::size_t kTableSizeV1 = offsetof(wkb_instrument_api_v1, get_extension) + sizeof(void*);

// The wkb_host a plugin instance gets, and what its log writes into. The
// plugin may call log from any thread, so it is locked; and a thread the
// plugin leaves behind may still call it after destroy(), so it is never
// freed (one small object per loaded plugin; the library's code stays mapped
// too, RTLD_NODELETE).
struct LogState {
  wkb_host host{};
  std::mutex mutex;
  PluginLog pending;
  bool closed = false;
};

void host_log(const wkb_host* host, int32_t level, const char* message, size_t size) noexcept {
  try {
    if (!host || !host->host_data) return;
    auto* state = static_cast<LogState*>(host->host_data);
    // Only the wkb_host this host handed out (a copy the plugin made, or one
    // it made up, points elsewhere).
    if (&state->host != host) return;
    std::lock_guard lock(state->mutex);
    if (state->closed) return;
    if (state->pending.lines.size() >= kMaxPluginLogLines || (!message && size > 0)) {
      ++state->pending.dropped;
      return;
    }
    // Only the kept bytes are read: a plugin may claim any size.
    const std::size_t kept = std::min<std::size_t>(size, kMaxPluginLogBytes + 4);
    std::string text = clean_untrusted(std::string(message ? message : "", message ? kept : 0), kMaxPluginLogBytes);
    if (kept < size && text.size() <= kMaxPluginLogBytes) text += "...";
    if (level < WKB_LOG_DEBUG || level > WKB_LOG_ERROR) level = WKB_LOG_WARNING;
    state->pending.lines.push_back({level, std::move(text)});
  } catch (...) {
    // Out of memory: the message is lost, the plugin is not.
  }
}

// ABI 1.0 offers no host extensions; a plugin must work without any.
const void* host_get_extension(const wkb_host*, const char*) noexcept { return nullptr; }

constexpr const char* kHostName = "wkbhost";

class NativeInstrument final : public Instrument {
 public:
  NativeInstrument(const Manifest& m, const std::filesystem::path& library, PluginLogSink sink)
      : manifest_(m), sink_(std::move(sink)) {
    auto fail = [&](const std::string& code, const std::string& message) {
      return PluginFailure(manifest_.id, "load", code, message);
    };
    const auto path = library.empty() ? m.entry_path() : library;
    try {
      // rtld_local: two plugins never resolve each other's symbols.
      // RTLD_NODELETE: the code stays mapped after unload, so that a thread
      // the plugin left behind cannot jump into unmapped memory. The
      // throwing overload keeps dlerror()'s text (missing library, symbol).
      library_.load(path, static_cast<boost::dll::load_mode::type>(RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE));
    } catch (const std::exception& e) {
      throw fail("load-failed", "kan " + path.string() + " niet laden: " + e.what());
    }
    if (!library_.has(WKB_ENTRY_SYMBOL))
      throw fail("missing-entry", path.string() + " exporteert \"" WKB_ENTRY_SYMBOL
                                  "\" niet; bouw de plugin met WKB_EXPORT_INSTRUMENT (docs/sdk/native.md)");
    auto& entry = library_.get<const wkb_instrument_api_v1*(uint32_t)>(WKB_ENTRY_SYMBOL);
    api_ = entry(WKB_ABI_VERSION);
    check_table(path);
    wkb_host& host = log_->host;
    host.abi_version = WKB_ABI_VERSION;
    host.struct_size = sizeof(wkb_host);
    host.host_name = kHostName;
    host.host_data = log_;
    host.log = host_log;
    host.get_extension = host_get_extension;
    instance_ = api_->create(&host);
    flush_log("load");
    if (!instance_) throw fail("create-failed", "de plugin kon geen instantie aanmaken");
  }

  ~NativeInstrument() override {
    // The instance dies before the library that holds its code (library_ is
    // destroyed after this body runs).
    if (instance_) api_->destroy(instance_);
    try {
      flush_log("unload");
    } catch (...) {
    }
    std::lock_guard lock(log_->mutex);
    log_->closed = true;
  }

  const Manifest& manifest() const override { return manifest_; }

  const void* extension(const char* id) {
    if (!api_->get_extension || !id) return nullptr;
    return api_->get_extension(instance_, id);
  }

  std::string call(Method method, std::string_view request) override {
    wkb_method_fn fn = nullptr;
    switch (method) {
      case Method::describe: fn = api_->describe; break;
      case Method::assess: fn = api_->assess; break;
      case Method::sample: fn = api_->sample; break;
      case Method::plan: fn = api_->plan; break;
      case Method::evaluate: fn = api_->evaluate; break;
    }
    wkb_buffer buffer{nullptr, 0};
    const int32_t status = fn(instance_, request.data(), request.size(), &buffer);
    flush_log(std::string(to_string(method)));
    std::string text;
    if (buffer.data) {
      if (buffer.size > kMaxResponseBytes) {
        api_->release(instance_, &buffer);
        throw PluginFailure(manifest_.id, std::string(to_string(method)), "response-too-large",
                            response_too_large_message());
      }
      text.assign(buffer.data, buffer.size);
      api_->release(instance_, &buffer);
    }
    if (status == WKB_STATUS_OK) {
      if (text.empty())
        throw PluginFailure(manifest_.id, std::string(to_string(method)), "no-response", empty_success_message());
      return text;
    }
    if (status == WKB_STATUS_ERROR) throw_plugin_error(manifest_.id, method, text);
    throw PluginFailure(manifest_.id, std::string(to_string(method)), "bad-status",
                        "de plugin gaf de onbekende status " + std::to_string(status) + " terug");
  }

 private:
  // Everything the host needs from the table before it calls into it: the
  // version, a size that covers every member of ABI 1, no empty places.
  void check_table(const std::filesystem::path& path) {
    const std::string file = path.filename().string();
    auto fail = [&](const std::string& code, const std::string& message) {
      return PluginFailure(manifest_.id, "load", code, message);
    };
    const std::string mine = std::to_string(WKB_ABI_VERSION);
    if (!api_)
      throw fail("abi-version", file + " weigert ABI-versie " + mine +
                                    " (de entry gaf geen functietabel terug); de plugin is gebouwd voor een andere "
                                    "ABI-versie. Bouw hem opnieuw tegen SDK " + mine);
    if (api_->abi_version != WKB_ABI_VERSION)
      throw fail("abi-version", "de plugin is gebouwd voor ABI-versie " + std::to_string(api_->abi_version) +
                                    "; deze host spreekt ABI-versie " + mine +
                                    ". Bouw de plugin opnieuw tegen SDK " + mine + " (wkb/abi.h)");
    if (api_->struct_size < kTableSizeV1)
      throw fail("abi-table", "de functietabel van de plugin is " + std::to_string(api_->struct_size) +
                                  " bytes; ABI-versie " + mine + " vraagt er ten minste " +
                                  std::to_string(kTableSizeV1) +
                                  " (met get_extension). De plugin is gebouwd tegen een oudere of voorlopige "
                                  "wkb/abi.h; bouw hem opnieuw tegen deze SDK");
    std::string missing;
    auto need = [&](const void* fn, const char* name) {
      if (!fn) missing += (missing.empty() ? "" : ", ") + std::string(name);
    };
    need(reinterpret_cast<const void*>(api_->create), "create");
    need(reinterpret_cast<const void*>(api_->destroy), "destroy");
    need(reinterpret_cast<const void*>(api_->describe), "describe");
    need(reinterpret_cast<const void*>(api_->assess), "assess");
    need(reinterpret_cast<const void*>(api_->sample), "sample");
    need(reinterpret_cast<const void*>(api_->plan), "plan");
    need(reinterpret_cast<const void*>(api_->evaluate), "evaluate");
    need(reinterpret_cast<const void*>(api_->release), "release");
    if (!missing.empty())
      throw fail("abi-table", "de functietabel van de plugin heeft lege plaatsen: " + missing +
                                  "; elke functie van wkb/abi.h behalve get_extension is verplicht "
                                  "(WKB_EXPORT_INSTRUMENT vult ze alle in)");
  }

  void flush_log(const std::string& method) {
    PluginLog taken;
    {
      std::lock_guard lock(log_->mutex);
      if (log_->pending.empty()) return;
      taken = std::exchange(log_->pending, {});
    }
    if (sink_)
      sink_(method, std::move(taken));
    else
      write_plugin_log(manifest_.id, method, taken);
  }

  Manifest manifest_;
  PluginLogSink sink_;
  boost::dll::shared_library library_;  // declared before instance_: outlives it
  const wkb_instrument_api_v1* api_ = nullptr;
  LogState* log_ = new LogState;  // never freed: see LogState
  wkb_instance* instance_ = nullptr;
};

}  // namespace

std::unique_ptr<Instrument> load_native(const Manifest& m, const std::filesystem::path& library, PluginLogSink sink) {
  return std::make_unique<NativeInstrument>(m, library, std::move(sink));
}

const void* native_extension(Instrument& instrument, const char* id) {
  auto* native = dynamic_cast<NativeInstrument*>(&instrument);
  return native ? native->extension(id) : nullptr;
}

int sealed_memfd(const std::string& plugin_id, const std::string& bytes) {
  auto fail = [&](const std::string& what) {
    return PluginFailure(plugin_id, "load", "pin-failed",
                         "kan de gecertificeerde bibliotheek niet in het geheugen vastleggen (" + what +
                             "): " + std::strerror(errno));
  };
  const int fd = ::memfd_create("wkb-certified-plugin", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) throw fail("memfd_create");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      throw fail("write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
    ::close(fd);
    throw fail("F_ADD_SEALS");
  }
  return fd;
}

}  // namespace wkb::host
