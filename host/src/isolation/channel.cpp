#include "channel.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wkb::host::isolation {

std::string frame_header(FrameType type, std::size_t payload_size) {
  const auto n = static_cast<std::uint32_t>(payload_size + 1);
  std::string h(5, '\0');
  for (int i = 0; i < 4; ++i) h[i] = static_cast<char>((n >> (8 * i)) & 0xFF);
  h[4] = static_cast<char>(type);
  return h;
}

namespace {
bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::uint32_t le32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
}  // namespace

bool write_frame(int fd, FrameType type, std::string_view payload) {
  if (payload.size() + 1 > kMaxFrameBytes) return false;
  // One send for header and payload: the host wakes once per frame, not
  // twice (a wake-up across cores costs more than copying the payload).
  std::string frame = frame_header(type, payload.size());
  frame.append(payload);
  return write_all(fd, frame.data(), frame.size());
}

std::optional<Frame> read_frame(int fd, std::size_t max_bytes) {
  char h[5];
  if (!read_all(fd, h, sizeof h)) return std::nullopt;
  const std::uint32_t n = le32(h);
  if (n == 0 || n > max_bytes) return std::nullopt;
  Frame f;
  f.type = static_cast<FrameType>(h[4]);
  f.payload.resize(n - 1);
  if (!read_all(fd, f.payload.data(), f.payload.size())) return std::nullopt;
  return f;
}

void spin_until_readable(int fd, std::chrono::microseconds spin) {
  const auto until = std::chrono::steady_clock::now() + spin;
  char byte = 0;
  do {
    if (::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) >= 0) return;  // data, or the peer closed
    if (errno != EAGAIN && errno != EINTR) return;
  } while (std::chrono::steady_clock::now() < until);
}

std::optional<Frame> FrameParser::next() {
  if (too_large_ || buffer_.size() < 5) return std::nullopt;
  const std::uint32_t n = le32(buffer_.data());
  announced_ = n;
  if (n == 0 || n > max_bytes_) {
    too_large_ = true;
    return std::nullopt;
  }
  if (buffer_.size() < 4 + static_cast<std::size_t>(n)) return std::nullopt;
  Frame f;
  f.type = static_cast<FrameType>(buffer_[4]);
  f.payload.assign(buffer_, 5, n - 1);
  buffer_.erase(0, 4 + static_cast<std::size_t>(n));
  return f;
}

}  // namespace wkb::host::isolation
