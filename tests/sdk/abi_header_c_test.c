/* Compiled as strict C99: a provider writing a plugin in plain C can use the
 * ABI header as it is, and the table has the layout the host expects. */
#include <stddef.h>
#include <stdio.h>

#include "wkb/abi.h"

static int32_t method(wkb_instance* i, const char* req, size_t n, wkb_buffer* out) {
  (void)i; (void)req; (void)n; (void)out;
  return WKB_STATUS_OK;
}
static wkb_instance* create(void) { return NULL; }
static void destroy(wkb_instance* i) { (void)i; }
static void release(wkb_instance* i, wkb_buffer* b) { (void)i; (void)b; }

int main(void) {
  wkb_instrument_api_v1 api = {WKB_ABI_VERSION, sizeof(wkb_instrument_api_v1), "c-test", create, destroy,
                               method, method, method, method, method, release};
  wkb_entry_fn entry = NULL;
  int failed = 0;
  (void)entry;
  if (api.abi_version != 1u) { puts("abi_version is not 1"); failed = 1; }
  if (offsetof(wkb_instrument_api_v1, abi_version) != 0) { puts("abi_version must come first"); failed = 1; }
  if (offsetof(wkb_instrument_api_v1, struct_size) != 4) { puts("struct_size must follow abi_version"); failed = 1; }
  if (api.describe(NULL, "{}", 2, NULL) != WKB_STATUS_OK) { puts("call through the table failed"); failed = 1; }
  printf("%d passed, %d failed\n", failed ? 0 : 1, failed);
  return failed;
}
