// Native plugins: a shared library loaded with Boost.DLL that exports the C
// entry point of wkb/abi.h.
#include "native_instrument.hpp"

#include <boost/dll/shared_library.hpp>

#include "error_response.hpp"
#include "wkb/abi.h"
#include "wkb/host/errors.hpp"

namespace wkb::host {
namespace {

class NativeInstrument final : public Instrument {
 public:
  explicit NativeInstrument(const Manifest& m) : manifest_(m) {
    auto fail = [&](const std::string& code, const std::string& message) {
      return PluginFailure(manifest_.id, "load", code, message);
    };
    const auto path = m.entry_path();
    try {
      // rtld_local: two plugins never resolve each other's symbols. The
      // throwing overload keeps dlerror()'s text (missing library, symbol).
      library_.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
      throw fail("load-failed", "cannot load " + path.string() + ": " + e.what());
    }
    if (!library_.has(WKB_ENTRY_SYMBOL))
      throw fail("missing-entry", path.string() + " does not export \"" WKB_ENTRY_SYMBOL
                                  "\"; build the plugin with WKB_EXPORT_INSTRUMENT (docs/sdk/native.md)");
    auto& entry = library_.get<const wkb_instrument_api_v1*(uint32_t)>(WKB_ENTRY_SYMBOL);
    api_ = entry(WKB_ABI_VERSION);
    if (!api_) throw fail("abi-version", "the plugin refuses ABI version " + std::to_string(WKB_ABI_VERSION));
    if (api_->abi_version != WKB_ABI_VERSION)
      throw fail("abi-version", "the plugin is built for ABI version " + std::to_string(api_->abi_version) +
                                    "; this host speaks version " + std::to_string(WKB_ABI_VERSION) +
                                    ". Rebuild it against this SDK");
    if (api_->struct_size < sizeof(wkb_instrument_api_v1))
      throw fail("abi-table", "the plugin's function table is smaller (" + std::to_string(api_->struct_size) +
                                  " bytes) than ABI version 1 requires");
    if (!api_->create || !api_->destroy || !api_->describe || !api_->assess || !api_->sample || !api_->plan ||
        !api_->evaluate || !api_->release)
      throw fail("abi-table", "the plugin's function table has empty entries");
    instance_ = api_->create();
    if (!instance_) throw fail("create-failed", "the plugin could not create an instance");
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
                            "the response exceeds " + std::to_string(kMaxResponseBytes >> 20) + " MiB");
      }
      text.assign(buffer.data, buffer.size);
      api_->release(instance_, &buffer);
    }
    if (status == WKB_STATUS_OK) {
      if (text.empty())
        throw PluginFailure(manifest_.id, std::string(to_string(method)), "no-response",
                            "the plugin reported success but returned no response");
      return text;
    }
    if (status == WKB_STATUS_ERROR) throw_plugin_error(manifest_.id, method, text);
    throw PluginFailure(manifest_.id, std::string(to_string(method)), "bad-status",
                        "the plugin returned unknown status " + std::to_string(status));
  }

 private:
  Manifest manifest_;
  boost::dll::shared_library library_;  // declared before instance_: outlives it
  const wkb_instrument_api_v1* api_ = nullptr;
  wkb_instance* instance_ = nullptr;
};

}  // namespace

std::unique_ptr<Instrument> load_native(const Manifest& m) { return std::make_unique<NativeInstrument>(m); }

}  // namespace wkb::host
