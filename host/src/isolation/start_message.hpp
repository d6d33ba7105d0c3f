#pragma once
// The start-up frame (FrameType::init) that the host sends the plugin host:
// one definition of its members for both sides.
#include <cstddef>
#include <string>
#include <string_view>

#include "wkb/host/manifest.hpp"

namespace wkb::host::isolation {

struct StartMessage {
  bool probe = false;  // report the sandbox and end, load nothing
  Manifest manifest;
  long long lua_instruction_limit = 0;
  std::size_t lua_memory_limit = 0;
  int lua_deadline_ms = 0;
  // Under --trust: a native entry in the sealed memfd on kPinnedEntryFd, or
  // a Lua entry's certified text in `script`.
  enum class Pinned { none, memfd, script } pinned = Pinned::none;
  std::string script;
};

std::string write_start_message(const StartMessage& message);
// Throws std::exception when `text` is not a start message.
StartMessage read_start_message(std::string_view text);

}  // namespace wkb::host::isolation
