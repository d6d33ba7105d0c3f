// The exception barrier and ABI table behind WKB_EXPORT_INSTRUMENT.
// This file is compiled into every native plugin (wkb::sdk_plugin).
#include "wkb/sdk/instrument.hpp"

#include <boost/json.hpp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "request_reading.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/request_check.hpp"

namespace wkb::sdk {

void InstrumentBase::log(int level, std::string_view message) const noexcept {
  if (host_ && host_->struct_size >= offsetof(wkb_host, log) + sizeof host_->log && host_->log)
    host_->log(host_, level, message.data(), message.size());
}

namespace detail {

struct HostAccess {
  static void set(InstrumentBase& i, const wkb_host* host) { i.host_ = host; }
};

namespace {

Factory g_factory = nullptr;

struct Instance {
  std::unique_ptr<InstrumentBase> impl;
};

InstrumentBase& impl_of(wkb_instance* instance) {
  auto* i = reinterpret_cast<Instance*>(instance);
  if (!i || !i->impl) throw PluginError("no-instance", "de host riep een methode aan zonder actieve instantie");
  return *i->impl;
}

// Copies `text` into a malloc'd buffer; the host returns it through release().
bool fill(wkb_buffer* out, const std::string& text) {
  out->data = static_cast<char*>(std::malloc(text.size() ? text.size() : 1));
  if (!out->data) {
    out->size = 0;
    return false;
  }
  std::memcpy(out->data, text.data(), text.size());
  out->size = text.size();
  return true;
}

int32_t fail(wkb_buffer* out, const char* code, const std::string& message, const std::string& path) noexcept {
  try {
    boost::json::object err{{"code", code}, {"message", message}, {"path", path}};
    fill(out, serialize_canonical(boost::json::object{{"error", std::move(err)}}));
  } catch (...) {
    static const std::string kFallback =
        R"({"error":{"code":"out-of-memory","message":"de foutmelding kon niet worden opgebouwd: geheugen vol",)"
        R"("path":"$"}})";
    out->data = nullptr;
    out->size = 0;
    try {
      fill(out, kFallback);
    } catch (...) {
    }
  }
  return WKB_STATUS_ERROR;
}

template <typename F>
int32_t barrier(wkb_instance* instance, const char* request, size_t size, wkb_buffer* out, const char* method,
                F&& body) noexcept {
  if (!out) return WKB_STATUS_ERROR;
  out->data = nullptr;
  out->size = 0;
  try {
    const std::string subject = request_subject(method);
    const std::string_view text(request ? request : "", request ? size : 0);
    if (!fill(out, body(impl_of(instance), text, subject))) return WKB_STATUS_ERROR;
    return WKB_STATUS_OK;
  } catch (...) {
    const RequestError e = request_error_of_current_exception();
    if (e.code.empty()) return fail(out, "out-of-memory", "het instrument had niet genoeg geheugen", "$");
    return fail(out, e.code.c_str(), e.message, e.path);
  }
}

wkb_instance* create(const wkb_host* host) noexcept {
  try {
    auto* i = new Instance{std::unique_ptr<InstrumentBase>(g_factory())};
    HostAccess::set(*i->impl, host);
    return reinterpret_cast<wkb_instance*>(i);
  } catch (...) {
    return nullptr;
  }
}

void destroy(wkb_instance* instance) noexcept {
  try {
    delete reinterpret_cast<Instance*>(instance);
  } catch (...) {
  }
}

void release(wkb_instance*, wkb_buffer* buffer) noexcept {
  if (!buffer) return;
  std::free(buffer->data);
  buffer->data = nullptr;
  buffer->size = 0;
}

int32_t describe(wkb_instance* i, const char* req, size_t n, wkb_buffer* out) noexcept {
  return barrier(i, req, n, out, "describe",
                 [](InstrumentBase& impl, std::string_view, const std::string&) { return write(impl.describe()); });
}

int32_t assess(wkb_instance* i, const char* req, size_t n, wkb_buffer* out) noexcept {
  return barrier(i, req, n, out, "assess", [](InstrumentBase& impl, std::string_view text, const std::string& subject) {
    return write(impl.assess(read_assess_request(text, subject)));
  });
}

int32_t sample(wkb_instance* i, const char* req, size_t n, wkb_buffer* out) noexcept {
  return barrier(i, req, n, out, "sample", [](InstrumentBase& impl, std::string_view text, const std::string& subject) {
    SampleRequest r = read_sample_request(text, subject);
    return write(impl.sample(r.project, r.assessment));
  });
}

int32_t plan(wkb_instance* i, const char* req, size_t n, wkb_buffer* out) noexcept {
  return barrier(i, req, n, out, "plan", [](InstrumentBase& impl, std::string_view text, const std::string& subject) {
    PlanRequest r = read_plan_request(text, subject);
    return write(impl.plan(r.project, r.assessment, r.sample));
  });
}

int32_t evaluate(wkb_instance* i, const char* req, size_t n, wkb_buffer* out) noexcept {
  return barrier(i, req, n, out, "evaluate", [](InstrumentBase& impl, std::string_view text, const std::string& subject) {
    EvaluateRequest r = read_evaluate_request(text, subject);
    return write(impl.evaluate(r.project, r.plan, r.findings));
  });
}

const void* get_extension(wkb_instance* instance, const char* id) noexcept {
  try {
    auto* i = reinterpret_cast<Instance*>(instance);
    if (!i || !i->impl || !id) return nullptr;
    return i->impl->extension(id);
  } catch (...) {
    return nullptr;
  }
}

const wkb_instrument_api_v1 kApi{WKB_ABI_VERSION, sizeof(wkb_instrument_api_v1), "wkbhost-sdk 0.1.0",
                                 create, destroy, describe, assess, sample, plan, evaluate, release,
                                 get_extension};
}  // namespace

const wkb_instrument_api_v1* make_api(Factory factory, uint32_t host_abi_version) {
  if (host_abi_version < 1) return nullptr;  // this plugin speaks ABI 1
  g_factory = factory;
  return &kApi;
}

}  // namespace detail
}  // namespace wkb::sdk
