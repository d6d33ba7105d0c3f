/*
 * wkbhost instrument ABI, version 1.
 *
 * The only thing a native instrument plugin exports is one C function,
 * WKB_ENTRY_SYMBOL, which returns a table of function pointers (the shape of
 * CLAP's entry/factory). Only C types cross this boundary: UTF-8 JSON text in,
 * UTF-8 JSON text out, an int32 status, and a release function so memory is
 * freed by the side that allocated it. No C++ type, exception or allocator
 * crosses; no function may throw or longjmp across it.
 *
 * Plugin authors do not write this layer: the C++ SDK's WKB_EXPORT_INSTRUMENT
 * macro generates it (see wkb/sdk/instrument.hpp and docs/sdk/).
 *
 * Threads. The notes on each function say who may call it from where:
 *   [host-thread]  the host calls it from one thread at a time per instance,
 *                  never two calls on one instance at once; the plugin must
 *                  not assume it is always the same thread.
 *   [thread-safe]  may be called from any thread, at any time between the
 *                  start of create() and the return of destroy().
 * A plugin that starts threads of its own keeps them away from the host's
 * functions except those marked [thread-safe].
 *
 * Growth (docs/decisions/0007-abi-growth.md). Within ABI version 1 only
 * additive changes are made:
 *   - New function pointers are appended to the end of wkb_instrument_api_v1
 *     and of wkb_host. Each side sets `struct_size` to the size of the
 *     struct it was built with; the reader checks `struct_size` before it
 *     touches a member that was appended later, and ignores members beyond
 *     the end it knows.
 *   - Anything larger goes through get_extension: an extension is a struct
 *     of function pointers found by a versioned id such as "nl.x.thing/1";
 *     NULL means "not supported", and both sides work without it.
 * A change that is not additive is ABI version 2, with its own entry table.
 */
#ifndef WKB_ABI_H
#define WKB_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Exports a symbol from the plugin's shared library, whatever the
 * compiler: the library is built with hidden visibility by default, and only
 * the entry point is visible to the host. */
#if defined(_WIN32) || defined(__CYGWIN__)
#define WKB_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define WKB_EXPORT __attribute__((visibility("default")))
#else
#define WKB_EXPORT
#endif

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

/* Severities for wkb_host.log. */
#define WKB_LOG_DEBUG 0
#define WKB_LOG_INFO 1
#define WKB_LOG_WARNING 2
#define WKB_LOG_ERROR 3

/* Opaque per-instance state, owned by the plugin. */
typedef struct wkb_instance wkb_instance;

/*
 * What the host hands a plugin instance (the shape of CLAP's clap_host).
 * Owned by the host; valid from the start of create() until destroy()
 * returns. The plugin keeps the pointer, never a copy of the struct, and
 * writes none of its members.
 */
typedef struct wkb_host {
  uint32_t abi_version; /* WKB_ABI_VERSION the host was built with */
  uint32_t struct_size; /* sizeof(wkb_host) in the host */
  const char* host_name; /* informative, e.g. "wkbhost 0.1.0"; NUL-terminated */
  void* host_data;       /* the host's own; the plugin does not touch it */

  /*
   * Writes one message to the host's log, with the plugin's id. `message` is
   * UTF-8 of `size` bytes (not necessarily NUL-terminated), read before log
   * returns: the plugin may free or reuse it at once. The host bounds what
   * it keeps (messages per call and bytes per message; the rest is counted)
   * and strips control characters. A log line is never part of an answer
   * and never changes one. `level` is one of WKB_LOG_*.
   * [thread-safe]
   */
  void (*log)(const struct wkb_host* host, int32_t level, const char* message, size_t size);

  /*
   * The host's extension with the NUL-terminated id `id`, or NULL when the
   * host does not offer it. The pointer belongs to the host and stays valid
   * until destroy() returns. ABI 1.0 defines no host extensions.
   * [thread-safe]
   */
  const void* (*get_extension)(const struct wkb_host* host, const char* id);

  /* Later additions within ABI 1 are appended here. */
} wkb_host;

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
 * One method call. `request` is UTF-8 JSON of `request_size` bytes, owned by
 * the host and valid only during the call: the plugin copies what it keeps.
 * The plugin fills `*response` (also on error, with an error object) and
 * returns a status; the host reads the response and hands it back through
 * release() before its next call on the same instance.
 * [host-thread]
 */
typedef int32_t (*wkb_method_fn)(wkb_instance* instance, const char* request,
                                 size_t request_size, wkb_buffer* response);

typedef struct wkb_instrument_api_v1 {
  uint32_t abi_version; /* WKB_ABI_VERSION the plugin was built with */
  uint32_t struct_size; /* sizeof(wkb_instrument_api_v1) in the plugin */
  const char* sdk_name; /* informative, e.g. "wkbhost-sdk 0.1.0"; NUL-terminated */

  /*
   * One instance per loaded plugin; NULL on failure. `host` stays valid
   * until destroy() of this instance returns (see wkb_host).
   * [host-thread]
   */
  wkb_instance* (*create)(const wkb_host* host);
  /* Frees the instance; the host calls no function of it afterwards and
   * has released every buffer it got. [host-thread] */
  void (*destroy)(wkb_instance* instance);

  /* The five contract methods (contract v1, "Methods"). [host-thread] */
  wkb_method_fn describe;
  wkb_method_fn assess;
  wkb_method_fn sample;
  wkb_method_fn plan;
  wkb_method_fn evaluate;

  /* Frees a buffer that one of the methods filled; the host calls it once
   * per filled buffer, on the same instance. [host-thread] */
  void (*release)(wkb_instance* instance, wkb_buffer* buffer);

  /*
   * The plugin's extension with the NUL-terminated id `id`, or NULL when it
   * does not offer it. The pointer belongs to the plugin and stays valid
   * until destroy() returns. May itself be NULL: no extensions.
   * [host-thread]
   */
  const void* (*get_extension)(wkb_instance* instance, const char* id);

  /* Later additions within ABI 1 are appended here. */
} wkb_instrument_api_v1;

/*
 * The entry point. The host passes the highest ABI version it speaks; the
 * plugin returns its table, or NULL when it cannot serve that version. The
 * table is static: it stays valid while the library is loaded.
 * [host-thread]
 */
typedef const wkb_instrument_api_v1* (*wkb_entry_fn)(uint32_t host_abi_version);

#ifdef __cplusplus
}
#endif

#endif /* WKB_ABI_H */
