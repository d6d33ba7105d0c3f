// The plugin host's sandbox: no_new_privs, rlimits and a seccomp-bpf filter
// (libseccomp). The filter allows what pure computation needs and traps the
// rest: the SIGSYS handler records the refusal and makes the call fail with
// EPERM, so that the host can name the refused call ("geweigerde
// systeemaanroep: openat voor schrijven") instead of seeing a bare signal.
#include "sandbox.hpp"

#include "landlock.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstdint>
#include <cstring>

namespace wkb::host::isolation {

namespace {

// What the SIGSYS handler records: a fixed array, written only with
// async-signal-safe operations.
struct Trapped {
  long nr;
  unsigned long a0, a1, a2;
};
constexpr int kMaxTrapped = 32;
Trapped g_trapped[kMaxTrapped];
std::atomic<int> g_trapped_count{0};
std::atomic<int> g_trapped_dropped{0};

#if defined(__x86_64__)
#define WKB_ARG(uc, i) (uc)->uc_mcontext.gregs[(i) == 0 ? REG_RDI : (i) == 1 ? REG_RSI : REG_RDX]
#define WKB_SET_RESULT(uc, v) ((uc)->uc_mcontext.gregs[REG_RAX] = (v))
#elif defined(__aarch64__)
#define WKB_ARG(uc, i) (uc)->uc_mcontext.regs[i]
#define WKB_SET_RESULT(uc, v) ((uc)->uc_mcontext.regs[0] = (v))
#else
#error "the plugin host's seccomp trap handler supports x86_64 and aarch64"
#endif

void on_sigsys(int, siginfo_t* info, void* context) {
  auto* uc = static_cast<ucontext_t*>(context);
  const int slot = g_trapped_count.fetch_add(1);
  if (slot < kMaxTrapped) {
    g_trapped[slot] = {info->si_syscall, static_cast<unsigned long>(WKB_ARG(uc, 0)),
                       static_cast<unsigned long>(WKB_ARG(uc, 1)), static_cast<unsigned long>(WKB_ARG(uc, 2))};
  } else {
    g_trapped_dropped.fetch_add(1);
  }
  WKB_SET_RESULT(uc, -EPERM);
}

bool is_process_creation(long nr) {
#ifdef SYS_fork
  if (nr == SYS_fork) return true;
#endif
#ifdef SYS_vfork
  if (nr == SYS_vfork) return true;
#endif
  return nr == SYS_clone;
}

// The open flags that write, create or truncate; the raw O_TMPFILE bit
// without O_DIRECTORY (glibc's O_TMPFILE includes it).
constexpr unsigned long kTmpfileBit = 020000000;
constexpr scmp_datum_t kWriteFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | kTmpfileBit;

bool opens_for_writing(long nr, const Trapped& t) {
#ifdef SYS_open
  if (nr == SYS_open) return (static_cast<std::uint32_t>(t.a1) & kWriteFlags) != 0;
#endif
  if (nr == SYS_openat) return (static_cast<std::uint32_t>(t.a2) & kWriteFlags) != 0;
  return false;
}

std::string describe(const Trapped& t) {
  const long nr = t.nr;
  if (is_process_creation(nr)) return "fork/clone (een nieuw proces starten)";
  if (opens_for_writing(nr, t)) return (nr == SYS_openat ? std::string("openat") : std::string("open")) + " voor schrijven";
  if (nr == SYS_kill || nr == SYS_tgkill || nr == SYS_tkill) return "een signaal aan een ander proces (kill)";
  if (nr == SYS_execve || nr == SYS_execveat) return "execve (een ander programma starten)";
  if (nr == SYS_ptrace) return "ptrace";
  if (nr == SYS_setsid) return "setsid (losmaken van het toetsproces)";
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, static_cast<int>(nr));
  std::string s = name ? name : "systeemaanroep " + std::to_string(nr);
  std::free(name);
  return s;
}

// Allows `name` (with up to one argument comparison); names the running
// kernel's architecture does not have (open on aarch64) are skipped.
int allow(scmp_filter_ctx ctx, const char* name, unsigned count = 0, scmp_arg_cmp cmp = {}) {
  const int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return 0;
  return count ? seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1, cmp) : seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
}

int quietly_fail(scmp_filter_ctx ctx, const char* name, int error) {
  const int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return 0;
  return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(error), nr, 0);
}

// The allow list: memory, threads, futexes, clocks, reading, writing on the
// descriptors the process already has, signals to itself, exit.
constexpr const char* kAllowed[] = {
    "read", "readv", "pread64", "preadv", "write", "writev", "pwrite64", "close", "close_range", "fstat",
    "newfstatat", "statx", "stat", "lstat", "fstatfs", "statfs", "lseek", "dup", "dup3",
    "getdents64", "getcwd", "readlink", "readlinkat", "access", "faccessat", "faccessat2", "fadvise64",
    "mmap", "munmap", "mprotect", "mremap", "madvise", "brk", "mincore", "membarrier",
    "futex", "futex_waitv", "set_robust_list", "get_robust_list", "rseq", "set_tid_address",
    "sched_yield", "sched_getaffinity", "nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres",
    "gettimeofday", "time", "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid",
    "getresuid", "getresgid", "getrandom", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "uname",
    "sysinfo", "getrusage", "times", "poll", "ppoll", "pause", "rt_sigsuspend", "exit", "exit_group",
    "arch_prctl"};

bool install_filter(std::string& problem) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
  if (!ctx) {
    problem = "seccomp_init mislukte";
    return false;
  }
  int rc = 0;
  for (const char* name : kAllowed) rc |= allow(ctx, name);
  // Threads, not processes.
  // Arguments are compared on all 64 bits, while the kernel reads an int
  // argument's low 32: every rule below is an equality or a mask that fails
  // safe when high bits are set, never an inequality.
  rc |= allow(ctx, "clone", 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
  // glibc tries clone3 first and falls back to clone on ENOSYS; a terminal
  // check (isatty) is a harmless ioctl.
  rc |= quietly_fail(ctx, "clone3", ENOSYS);
  rc |= quietly_fail(ctx, "ioctl", ENOTTY);
  // fcntl for descriptor flags and duplicates only: F_SETOWN would have the
  // kernel signal another process (SIGIO) on the plugin's behalf.
  for (const int cmd : {F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD, F_DUPFD_CLOEXEC})
    rc |= allow(ctx, "fcntl", 1, SCMP_A1_32(SCMP_CMP_EQ, static_cast<scmp_datum_t>(cmd)));
  // Opening for reading only (shared libraries, the Lua script, locale data).
  // O_TMPFILE is O_DIRECTORY plus a bit of its own: only that bit is refused,
  // so that directories can still be listed.
  rc |= allow(ctx, "openat", 1, SCMP_A2_32(SCMP_CMP_MASKED_EQ, kWriteFlags, 0));
  rc |= allow(ctx, "open", 1, SCMP_A1_32(SCMP_CMP_MASKED_EQ, kWriteFlags, 0));
  // Signals to itself only (raise, abort); never SIGSYS's handler replaced.
  const scmp_datum_t self = static_cast<scmp_datum_t>(::getpid());
  rc |= allow(ctx, "kill", 1, SCMP_A0_32(SCMP_CMP_EQ, self));
  rc |= allow(ctx, "tgkill", 1, SCMP_A0_32(SCMP_CMP_EQ, self));
  // Each signal by its number, compared on all 64 bits: a "not SIGSYS" rule
  // would let (1 << 32) | SIGSYS through, which the kernel reads as SIGSYS.
  for (int sig = 1; sig <= 64; ++sig)
    if (sig != SIGSYS) rc |= allow(ctx, "rt_sigaction", 1, SCMP_A0_64(SCMP_CMP_EQ, static_cast<scmp_datum_t>(sig)));
  // send()/recv() on the descriptors it has (the channel); never to an address.
  rc |= allow(ctx, "sendto", 1, SCMP_A4(SCMP_CMP_EQ, 0));
  rc |= allow(ctx, "recvfrom");
  // Reading limits, never raising them.
  rc |= allow(ctx, "prlimit64", 1, SCMP_A2(SCMP_CMP_EQ, 0));
  rc |= allow(ctx, "getrlimit");
  if (rc != 0) {
    problem = "een seccomp-regel kon niet worden toegevoegd";
    seccomp_release(ctx);
    return false;
  }
  rc = seccomp_load(ctx);
  seccomp_release(ctx);
  if (rc != 0) {
    problem = std::string("seccomp_load: ") + std::strerror(-rc);
    return false;
  }
  return true;
}

// Every capability gone, also for a plugin host started by root: without
// CAP_SYS_PTRACE and CAP_DAC_* the plugin reads no other user's files and
// not the memory or environment of the (non-dumpable) host process.
bool drop_capabilities(std::string& problem) {
  ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  for (int cap = 0; cap <= 63; ++cap)
    if (::prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1) ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  if (::syscall(SYS_capset, &header, data) != 0) {
    problem = std::string("capset: ") + std::strerror(errno);
    return false;
  }
  return true;
}

bool set_limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit l{soft, hard};
  return ::setrlimit(resource, &l) == 0;
}

}  // namespace

SandboxLayers apply_sandbox(const SandboxLimits& limits) {
  SandboxLayers layers;
  auto note = [&](const std::string& s) { layers.problems += (layers.problems.empty() ? "" : "; ") + s; };
  // The privilege layer: no capabilities, and none to gain through execve.
  std::string cap_problem;
  const bool caps = drop_capabilities(cap_problem);
  if (!caps) note(cap_problem);
  const bool nnp = ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
  if (!nnp) note(std::string("PR_SET_NO_NEW_PRIVS: ") + std::strerror(errno));
  layers.no_new_privs = caps && nnp;
  const auto cpu = static_cast<rlim_t>(limits.cpu_seconds);
  layers.rlimits = set_limit(RLIMIT_CORE, 0, 0) && set_limit(RLIMIT_FSIZE, 0, 0) &&
                   set_limit(RLIMIT_AS, limits.address_space_bytes, limits.address_space_bytes) &&
                   set_limit(RLIMIT_CPU, cpu, cpu + 1) &&
                   set_limit(RLIMIT_NOFILE, static_cast<rlim_t>(limits.open_files), static_cast<rlim_t>(limits.open_files));
  if (!layers.rlimits) note(std::string("setrlimit: ") + std::strerror(errno));
  // What it may read: its folder, the system's libraries (the dynamic
  // linker's cache included), locale and time zone data, its own /proc
  // entries (the pinned library is /proc/self/fd/4), and the directories of
  // LD_LIBRARY_PATH.
  if (!limits.landlock) {
    note("Landlock uitgeschakeld (WKB_SANDBOX_WITHOUT)");
  } else if (!nnp) {
    note("Landlock vereist no_new_privs");
  } else {
    std::vector<std::string> readable = limits.readable;
    for (const char* path : {"/usr", "/lib", "/lib64", "/lib32", "/etc/ld.so.cache", "/etc/localtime", "/proc/self"})
      readable.emplace_back(path);
    if (const char* extra = std::getenv("LD_LIBRARY_PATH")) {
      std::string list = extra;
      for (std::size_t start = 0; start <= list.size();) {
        const std::size_t end = std::min(list.find(':', start), list.size());
        if (end > start) readable.push_back(list.substr(start, end - start));
        start = end + 1;
      }
    }
    std::string why;
    layers.landlock = apply_landlock(readable, why);
    if (!layers.landlock) note(why);
  }
  // The handler first: the filter traps from its first instruction on.
  struct sigaction sa {};
  sa.sa_sigaction = on_sigsys;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  std::string problem;
  if (::sigaction(SIGSYS, &sa, nullptr) != 0) {
    note(std::string("sigaction(SIGSYS): ") + std::strerror(errno));
  } else if (!limits.seccomp) {
    note("seccomp uitgeschakeld (WKB_SANDBOX_WITHOUT)");
  } else if (!nnp) {
    note("seccomp vereist no_new_privs");
  } else {
    layers.seccomp = install_filter(problem);
    if (!layers.seccomp) note(problem);
  }
  return layers;
}

std::vector<Refusal> take_refusals() {
  const int n = std::min(g_trapped_count.exchange(0), kMaxTrapped);
  std::vector<Refusal> out;
  for (int i = 0; i < n; ++i) out.push_back({describe(g_trapped[i]), is_process_creation(g_trapped[i].nr)});
  if (const int dropped = g_trapped_dropped.exchange(0); dropped > 0)
    out.push_back({std::to_string(dropped) + " verdere geweigerde systeemaanroepen", false});
  return out;
}

}  // namespace wkb::host::isolation
