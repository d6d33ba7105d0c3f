// The Landlock layer of the plugin host's sandbox: what the plugin may read
// at all. Without it seccomp lets it open any readable file read-only; with
// it, only the plugin's own folder and the system's libraries and locale
// data, so that a certified plugin cannot map code from outside its folder
// (which no certificate pins) and cannot read the user's files.
// The kernel interface is written out here: Debian 12's headers predate the
// ABI versions used (the ruleset's `scoped` member, ABI 6).
#include "landlock.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace wkb::host::isolation {
namespace {

struct RulesetAttr {
  std::uint64_t handled_access_fs;
  std::uint64_t handled_access_net;  // ABI 4
  std::uint64_t scoped;              // ABI 6
};
struct PathBeneathAttr {
  std::uint64_t allowed_access;
  std::int32_t parent_fd;
} __attribute__((packed));

constexpr std::uint32_t kCreateRulesetVersion = 1u << 0;
constexpr int kRulePathBeneath = 1;
constexpr std::uint64_t kExecute = 1ull << 0, kReadFile = 1ull << 2, kReadDir = 1ull << 3;
constexpr std::uint64_t kScopeAbstractUnixSocket = 1ull << 0, kScopeSignal = 1ull << 1;

// Every file system right the kernel's ABI knows: all of them are handled,
// so each is denied unless a rule grants it.
std::uint64_t handled_fs(int abi) {
  std::uint64_t all = (1ull << 13) - 1;  // ABI 1: execute .. make_sym
  if (abi >= 2) all |= 1ull << 13;       // refer
  if (abi >= 3) all |= 1ull << 14;       // truncate
  if (abi >= 5) all |= 1ull << 15;       // ioctl_dev
  return all;
}

bool add_read_rule(int ruleset, const std::string& path, std::uint64_t access) {
  const int fd = ::open(path.c_str(), O_PATH | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT;  // /lib64 need not exist
  // A file (the linker's cache) takes file rights only.
  struct stat st {};
  if (::fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) access &= ~kReadDir;
  PathBeneathAttr rule{access, fd};
  const bool ok = ::syscall(SYS_landlock_add_rule, ruleset, kRulePathBeneath, &rule, 0) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

bool apply_landlock(const std::vector<std::string>& readable, std::string& problem) {
  const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, kCreateRulesetVersion);
  if (abi < 1) {
    problem = std::string("Landlock niet beschikbaar: ") + std::strerror(errno);
    return false;
  }
  RulesetAttr attr{handled_fs(static_cast<int>(abi)), 0, 0};
  std::size_t size = sizeof(std::uint64_t);
  if (abi >= 6) {
    // Signals and abstract sockets only within its own domain, too.
    attr.scoped = kScopeAbstractUnixSocket | kScopeSignal;
    size = sizeof attr;
  }
  const int ruleset = static_cast<int>(::syscall(SYS_landlock_create_ruleset, &attr, size, 0));
  if (ruleset < 0) {
    problem = std::string("landlock_create_ruleset: ") + std::strerror(errno);
    return false;
  }
  bool ok = true;
  for (const auto& path : readable) ok &= add_read_rule(ruleset, path, kExecute | kReadFile | kReadDir);
  if (ok) ok = ::syscall(SYS_landlock_restrict_self, ruleset, 0) == 0;
  if (!ok) problem = std::string("Landlock: ") + std::strerror(errno);
  ::close(ruleset);
  return ok;
}

}  // namespace wkb::host::isolation
