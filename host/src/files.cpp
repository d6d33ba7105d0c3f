#include "wkb/host/files.hpp"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "wkb/host/errors.hpp"

namespace wkb::host {

std::string describe_errno_nl(int error) {
  switch (error) {
    case ENOENT: return "het bestand of de map bestaat niet";
    case EACCES:
    case EPERM: return "geen toegang; controleer de rechten";
    case ENOTDIR: return "een deel van het pad is geen map";
    case EISDIR: return "dit is een map, geen bestand";
    case ENOSPC: return "de schijf is vol";
    case EDQUOT: return "het schijfquotum is op";
    case EROFS: return "het bestandssysteem is alleen-lezen";
    case ENAMETOOLONG: return "het pad is te lang";
    case EMFILE:
    case ENFILE: return "te veel geopende bestanden";
    case EIO: return "invoer-/uitvoerfout van het apparaat";
    default: return std::strerror(error);
  }
}

namespace {
std::string describe_error_code_nl(const std::error_code& ec) {
  return ec.category() == std::generic_category() || ec.category() == std::system_category()
             ? describe_errno_nl(ec.value())
             : ec.message();
}
}  // namespace

std::string read_text_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path.string() + ": is een map; geef een bestand op", "unreadable-file", path.string());
  // A device or pipe (/dev/zero) would be read without end.
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    throw InputError(path.string() + ": is geen gewoon bestand", "unreadable-file", path.string());
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_bytes)
    throw InputError(path.string() + ": is " + std::to_string(size >> 20) + " MiB; alleen bestanden tot " +
                         std::to_string(max_bytes >> 20) + " MiB worden gelezen",
                     "file-too-large", path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path.string() + ": kan niet worden gelezen: " + describe_errno_nl(errno), "unreadable-file",
                     path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

void write_text_file_atomic(const std::filesystem::path& path, const std::string& text) {
  const auto tmp = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw InputError(path.string() + ": kan niet worden geschreven: " + describe_errno_nl(errno),
                       "unwritable-output", path.string());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp);
      throw InputError(path.string() + ": kan niet worden geschreven: " + describe_errno_nl(errno));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw InputError(path.string() + ": kan niet worden geschreven: " + describe_error_code_nl(ec));
  }
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

std::string sha256_file(const std::filesystem::path& path) { return sha256_hex(read_text_file(path)); }

}  // namespace wkb::host
