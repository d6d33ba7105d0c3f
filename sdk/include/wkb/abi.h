/*
 * wkbhost instrument ABI, version 1.
 *
 * The only thing a native instrument plugin exports is one C function,
 * WKB_ENTRY_SYMBOL, which returns a table of function pointers (the shape of
 * CLAP's entry/factory). Only C types cross this boundary: UTF-8 JSON text in,
 * UTF-8 JSON text out, an int32 status, and a release function so memory is
 * freed by the side that allocated it. No C++ type, exception or allocator
 * crosses.
 *
 * Plugin authors do not write this layer: the C++ SDK's WKB_EXPORT_INSTRUMENT
 * macro generates it (see wkb/sdk/instrument.hpp and docs/sdk/).
 *
 * Evolution: within ABI version 1 only additive changes are made. New function
 * pointers are appended to wkb_instrument_api_v1; a host checks `struct_size`
 * before touching a field that was added later.
 */
#ifndef WKB_ABI_H
#define WKB_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WKB_ABI_VERSION 1u

/* The exported symbol, as a string for dlsym / Boost.DLL. */
#define WKB_ENTRY_SYMBOL "wkb_instrument_entry"

/* Status codes returned by every method. */
#define WKB_STATUS_OK 0
/* The response holds {"error": {"code", "message", "path"}}. */
#define WKB_STATUS_ERROR 1

/* Opaque per-instance state, owned by the plugin. */
typedef struct wkb_instance wkb_instance;

/*
 * A response buffer. The plugin allocates `data` (any allocator it likes) and
 * the host hands it back through `release`. `data` is UTF-8 JSON, not
 * necessarily NUL-terminated; `size` is its length in bytes.
 */
typedef struct wkb_buffer {
  char* data;
  size_t size;
} wkb_buffer;

/*
 * One method call. `request` is UTF-8 JSON of `request_size` bytes. The plugin
 * fills `*response` (also on error, with an error object) and returns a status.
 * It must not throw or longjmp out of this function.
 */
typedef int32_t (*wkb_method_fn)(wkb_instance* instance, const char* request,
                                 size_t request_size, wkb_buffer* response);

typedef struct wkb_instrument_api_v1 {
  uint32_t abi_version; /* WKB_ABI_VERSION the plugin was built with */
  uint32_t struct_size; /* sizeof(wkb_instrument_api_v1) in the plugin */
  const char* sdk_name; /* informative, e.g. "wkbhost-sdk 0.1.0" */

  /* Instances: the host creates one per loaded plugin. NULL on failure. */
  wkb_instance* (*create)(void);
  void (*destroy)(wkb_instance* instance);

  /* The five contract methods (contract v1, "Methods"). */
  wkb_method_fn describe;
  wkb_method_fn assess;
  wkb_method_fn sample;
  wkb_method_fn plan;
  wkb_method_fn evaluate;

  /* Frees a buffer that one of the methods filled. */
  void (*release)(wkb_instance* instance, wkb_buffer* buffer);
} wkb_instrument_api_v1;

/*
 * The entry point. The host passes the highest ABI version it speaks; the
 * plugin returns its table, or NULL when it cannot serve that version.
 */
typedef const wkb_instrument_api_v1* (*wkb_entry_fn)(uint32_t host_abi_version);

#ifdef __cplusplus
}
#endif

#endif /* WKB_ABI_H */
