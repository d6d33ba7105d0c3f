#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace wkb::host {

// Reads a whole regular file of at most `max_bytes`; throws
// InputError("<path>: kan niet worden gelezen: <reden>") otherwise.
std::string read_text_file(const std::filesystem::path& path, std::uintmax_t max_bytes = 64u << 20);
// Writes via a temporary file and rename, so a failure never leaves half a file.
void write_text_file_atomic(const std::filesystem::path& path, const std::string& text);
// SHA-256 of a file's bytes as lowercase hex (libsodium).
std::string sha256_file(const std::filesystem::path& path);
std::string sha256_hex(std::string_view data);
// Why a file operation failed, in Dutch, for an errno value ("het bestand
// bestaat niet", "geen toegang; controleer de rechten"); strerror otherwise.
std::string describe_errno_nl(int error);

}  // namespace wkb::host
