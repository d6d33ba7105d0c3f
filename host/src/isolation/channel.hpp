#pragma once
// The private channel between the host and a plugin host process: a
// socketpair carrying length-prefixed frames. Both sides use this one
// definition, so the wire format lives in one place
// (docs/decisions/0004-plugin-isolation.md#the-channel).
//
//   frame = u32 length (little-endian, counts type + payload) | u8 type | payload
//
// The parent never trusts a frame: its length is bounded before anything is
// read, its type must be one the parent expects at that moment, and its
// payload is validated like any other plugin response.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wkb::host::isolation {

enum class FrameType : std::uint8_t {
  // host -> plugin host
  init = 'I',  // JSON: the manifest, the limits, the pinned entry
  call = 'C',  // u8 method index, then the request text
  // plugin host -> host
  ready = 'R',     // JSON: the sandbox layers that were applied (sent before any plugin code runs)
  loaded = 'L',    // the plugin loaded (empty)
  response = 'O',  // the response text of a successful call
  error = 'E',     // the plugin's own {"error": {...}} text (status WKB_STATUS_ERROR)
  failure = 'F',   // JSON {code, message, issues}: a PluginFailure inside the plugin host
  note = 'N',      // JSON {refused: [...], log: [{level, message}], log_dropped}: harmless refused
                   // system calls and what the plugin logged (wkb_host.log), for the log only
};

// File descriptors of the plugin host process, fixed by the parent before exec.
inline constexpr int kChannelFd = 3;     // the socketpair end
inline constexpr int kPinnedEntryFd = 4;  // a sealed memfd with the certified library (--trust)
inline constexpr int kStatusFd = 5;       // the namespace init's report of the plugin host's wait status

// Largest frame either side accepts: the largest request the host builds
// (a project, a plan and its findings, each bounded to 64 MiB as input files)
// and the largest response (kMaxResponseBytes) fit with room to spare.
inline constexpr std::size_t kMaxFrameBytes = 256u << 20;

struct Frame {
  FrameType type{};
  std::string payload;
};

// Writes one frame, blocking; false when the peer is gone or on another
// error. Never raises SIGPIPE. The plugin host's side.
bool write_frame(int fd, FrameType type, std::string_view payload);

// Reads one frame, blocking; nullopt when the peer closed the channel or sent
// a frame larger than `max_bytes`. The plugin host's side.
std::optional<Frame> read_frame(int fd, std::size_t max_bytes = kMaxFrameBytes);

// Polls `fd` without sleeping for at most `spin`, returning as soon as it is
// readable: a side that did not sleep needs no cross-CPU wake-up when the next
// frame comes quickly (docs/performance.md).
void spin_until_readable(int fd, std::chrono::microseconds spin);
// The spin both sides use: longer than a typical call on a 150-unit project.
inline constexpr std::chrono::microseconds kSpinBeforeSleep{500};

// The header of a frame carrying `payload_size` bytes.
std::string frame_header(FrameType type, std::size_t payload_size);

// Incremental parsing for the host's side, which reads without blocking and
// must never wait on a plugin: feed bytes as they arrive, take frames out.
class FrameParser {
 public:
  explicit FrameParser(std::size_t max_bytes = kMaxFrameBytes) : max_bytes_(max_bytes) {}
  void feed(const char* data, std::size_t size) { buffer_.append(data, size); }
  // A complete frame, if one is buffered. Sets too_large() (and returns
  // nothing) when the next frame announces more than the limit.
  std::optional<Frame> next();
  bool too_large() const { return too_large_; }
  std::size_t announced() const { return announced_; }
  std::size_t buffered() const { return buffer_.size(); }

 private:
  std::size_t max_bytes_;
  std::string buffer_;
  bool too_large_ = false;
  std::size_t announced_ = 0;
};

}  // namespace wkb::host::isolation
