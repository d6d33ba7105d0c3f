// Native plugins: a shared library loaded with Boost.DLL that exports the C
// entry point of wkb/abi.h.
#include "native_instrument.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <boost/dll/shared_library.hpp>
#include <cerrno>
#include <cstring>

#include "error_response.hpp"
#include "wkb/abi.h"
#include "wkb/host/errors.hpp"

namespace wkb::host {
namespace {

class NativeInstrument final : public Instrument {
 public:
  NativeInstrument(const Manifest& m, const std::filesystem::path& library) : manifest_(m) {
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
    if (!api_) throw fail("abi-version", "de plugin weigert ABI-versie " + std::to_string(WKB_ABI_VERSION));
    if (api_->abi_version != WKB_ABI_VERSION)
      throw fail("abi-version", "de plugin is gebouwd voor ABI-versie " + std::to_string(api_->abi_version) +
                                    "; deze host spreekt versie " + std::to_string(WKB_ABI_VERSION) +
                                    ". Bouw de plugin opnieuw tegen deze SDK");
    if (api_->struct_size < sizeof(wkb_instrument_api_v1))
      throw fail("abi-table", "de functietabel van de plugin is kleiner (" + std::to_string(api_->struct_size) +
                                  " bytes) dan ABI-versie 1 vereist");
    if (!api_->create || !api_->destroy || !api_->describe || !api_->assess || !api_->sample || !api_->plan ||
        !api_->evaluate || !api_->release)
      throw fail("abi-table", "de functietabel van de plugin heeft lege plaatsen");
    instance_ = api_->create();
    if (!instance_) throw fail("create-failed", "de plugin kon geen instantie aanmaken");
  }

  ~NativeInstrument() override {
    // The instance dies before the library that holds its code (library_ is
    // destroyed after this body runs).
    if (instance_) api_->destroy(instance_);
  }

  const Manifest& manifest() const override { return manifest_; }

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
  Manifest manifest_;
  boost::dll::shared_library library_;  // declared before instance_: outlives it
  const wkb_instrument_api_v1* api_ = nullptr;
  wkb_instance* instance_ = nullptr;
};

}  // namespace

std::unique_ptr<Instrument> load_native(const Manifest& m, const std::filesystem::path& library) {
  return std::make_unique<NativeInstrument>(m, library);
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
