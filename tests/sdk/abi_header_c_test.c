/* Compiled as strict C99: a provider writing a plugin in plain C can use the
 * ABI header as it is, and the tables have the layout the host expects:
 * the fixed members first, get_extension last in the table of ABI 1, the
 * host struct with its version and size first. */
#include <stddef.h>
#include <stdio.h>

#include "wkb/abi.h"

static int32_t method(wkb_instance* i, const char* req, size_t n, wkb_buffer* out) {
  (void)i; (void)req; (void)n; (void)out;
  return WKB_STATUS_OK;
}
static wkb_instance* create(const wkb_host* h) { (void)h; return NULL; }
static void destroy(wkb_instance* i) { (void)i; }
static void release(wkb_instance* i, wkb_buffer* b) { (void)i; (void)b; }
static const void* get_extension(wkb_instance* i, const char* id) { (void)i; (void)id; return NULL; }

/* What a plugin exports; WKB_EXPORT must compile in C. */
WKB_EXPORT const wkb_instrument_api_v1* wkb_instrument_entry(uint32_t v);
static const wkb_instrument_api_v1 table = {WKB_ABI_VERSION, sizeof(wkb_instrument_api_v1), "c-test", create,
                                            destroy, method, method, method, method, method, release,
                                            get_extension};
WKB_EXPORT const wkb_instrument_api_v1* wkb_instrument_entry(uint32_t v) { return v >= 1u ? &table : NULL; }

#define CHECK(cond, text)  \
  do {                     \
    if (!(cond)) {         \
      puts(text);          \
      ++failed;            \
    } else {               \
      ++passed;            \
    }                      \
  } while (0)

int main(void) {
  wkb_entry_fn entry = wkb_instrument_entry;
  const wkb_instrument_api_v1* api = entry(WKB_ABI_VERSION);
  int passed = 0, failed = 0;
  CHECK(api && api->abi_version == 1u, "abi_version is not 1");
  CHECK(offsetof(wkb_instrument_api_v1, abi_version) == 0, "abi_version must come first");
  CHECK(offsetof(wkb_instrument_api_v1, struct_size) == 4, "struct_size must follow abi_version");
  CHECK(offsetof(wkb_instrument_api_v1, get_extension) + sizeof(void*) == sizeof(wkb_instrument_api_v1),
        "get_extension must be the last member of the table of ABI 1");
  CHECK(offsetof(wkb_instrument_api_v1, get_extension) > offsetof(wkb_instrument_api_v1, release),
        "get_extension comes after release");
  CHECK(offsetof(wkb_host, abi_version) == 0 && offsetof(wkb_host, struct_size) == 4,
        "wkb_host starts with abi_version and struct_size");
  CHECK(offsetof(wkb_host, get_extension) + sizeof(void*) == sizeof(wkb_host),
        "get_extension must be the last member of wkb_host");
  CHECK(api && api->describe(NULL, "{}", 2, NULL) == WKB_STATUS_OK, "call through the table failed");
  CHECK(api && api->get_extension(NULL, "x/1") == NULL, "get_extension through the table failed");
  CHECK(entry(0u) == NULL, "the entry refuses ABI 0");
  CHECK(WKB_LOG_DEBUG < WKB_LOG_INFO && WKB_LOG_INFO < WKB_LOG_WARNING && WKB_LOG_WARNING < WKB_LOG_ERROR,
        "log levels in order");
  printf("%d passed, %d failed\n", passed, failed);
  return failed;
}
