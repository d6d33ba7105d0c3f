#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace wkb::host {

// Reads a whole regular file of at most `max_bytes`; throws
// InputError("<path>: cannot read: <reason>") otherwise.
std::string read_text_file(const std::filesystem::path& path, std::uintmax_t max_bytes = 64u << 20);
// Writes via a temporary file and rename, so a failure never leaves half a file.
void write_text_file_atomic(const std::filesystem::path& path, const std::string& text);
// SHA-256 of a file's bytes as lowercase hex (libsodium).
std::string sha256_file(const std::filesystem::path& path);
std::string sha256_hex(std::string_view data);

}  // namespace wkb::host
